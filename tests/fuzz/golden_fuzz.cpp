// libFuzzer target: arbitrary text as a case of a golden file, the input of `descent replay` —
// an optimizer case (Run2D on a test function) or a training case (replay_training_case). Golden
// files are the project's own format, so any std::exception is an acceptable rejection; crashes,
// leaks and UB are not.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>

#include <nlohmann/json.hpp>

#include "functions/function.hpp"
#include "run2d.hpp"
#include "train/golden_case.hpp"

namespace {

// Declared sizes above these are skipped: large but valid cases are slow, not wrong.
constexpr std::size_t kMaxRows = 256;
constexpr long long kMaxSteps = 200;
constexpr long long kMaxLayerWidth = 64;

bool cheap_training_case(const nlohmann::json& c) {
  if (!c.contains("steps") || !c["steps"].is_number_integer() || c["steps"].get<long long>() > kMaxSteps) return false;
  if (!c.contains("data") || !c["data"].is_object() || !c["data"].contains("X")) return false;
  if (c["data"]["X"].size() > kMaxRows) return false;
  if (!c.contains("model") || !c["model"].is_object() || !c["model"].contains("layers")) return false;
  const auto& layers = c["model"]["layers"];
  if (!layers.is_array() || layers.size() > 8) return false;
  for (const auto& l : layers)
    for (const char* k : {"in", "out"})
      if (!l.is_object() || !l.contains(k) || !l[k].is_number_integer() || l[k].get<long long>() > kMaxLayerWidth)
        return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto c = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (c.is_discarded() || !c.is_object()) return 0;
  try {
    if (c.contains("function")) {
      const auto& x0 = c.at("x0");
      descent::Run2D run(descent::find_function(c.at("function").get<std::string>()),
                         {x0.at(0).get<double>(), x0.at(1).get<double>()}, c.at("optimizer"),
                         c.value("schedule", nlohmann::json()));
      // replay rejects a non-integer "steps" (cpp/cli/replay.cpp); the harness must not convert one itself.
      const auto steps = c.find("steps");
      const bool integer = steps != c.end() && steps->is_number_integer();
      run.step(integer ? std::clamp<long long>(steps->get<long long>(), 0, kMaxSteps) : 10);
    } else if (cheap_training_case(c)) {
      (void)descent::train::replay_training_case(c);
    }
  } catch (const std::exception&) {
  }
  return 0;
}
