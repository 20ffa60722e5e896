// libFuzzer target: arbitrary bytes through the CSV parser and the whole ingest (load_data with
// source "csv"), as an uploaded file takes them. The first byte picks the data options so that
// header modes, imputation and task overrides are explored too. A rejection must be a
// std::invalid_argument (the message the user sees); any other exception, crash, leak or UB is a bug.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "data/csv.hpp"
#include "data/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t options = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  static constexpr descent::HeaderMode kHeaders[] = {descent::HeaderMode::detect, descent::HeaderMode::present,
                                                     descent::HeaderMode::absent};
  try {
    (void)descent::parse_csv(bytes, kHeaders[options % 3]);
  } catch (const std::invalid_argument&) {
  }

  nlohmann::json spec = {{"source", "csv"}};
  static constexpr const char* kHeaderField[] = {"auto", nullptr, nullptr};
  if (options % 3 == 0) spec["header"] = kHeaderField[0];
  else spec["header"] = options % 3 == 1;
  if (options & 4) spec["missing"] = "mean";
  static constexpr const char* kTasks[] = {"auto", "regression", "binary", "multiclass"};
  spec["task"] = kTasks[(options >> 3) & 3];
  if (options & 32) spec["target"] = 0;
  if (options & 64) spec["standardize"] = false;
  if (options & 128) spec["stratify"] = false;
  try {
    (void)descent::load_data(spec, bytes);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
