#pragma once
// Command-line mistakes: a UsageError is reported with the command's usage and exit status 2 (bad
// input files and failed runs exit 1). Numbers are parsed whole: "5x" or "1e3" for a count is refused,
// not read as 5 or 1.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace descent::cli {

struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

inline std::uint64_t whole_number(const std::string& flag, const std::string& text, std::uint64_t lo, std::uint64_t hi) {
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || text[0] == '-' || v < lo || v > hi)
    throw UsageError(flag + ": expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     ", got '" + text + "'");
  return v;
}

}  // namespace descent::cli
