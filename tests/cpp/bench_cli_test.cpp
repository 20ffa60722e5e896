// `descent bench`: the JSON lines other tools read (one object per workload, in the order asked, with
// the contract's keys), the SIMD peak figure, the table naming its SIMD level, and usage errors that
// say what was wrong.
#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/benchmark.hpp"
#include "cli_runner.hpp"
#include "kernels/simd_level.hpp"

namespace descent {
namespace {

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(BenchCli, JsonLinesCarryTheContractKeysInTheOrderAsked) {
  const auto r = run_descent("bench --json --workload W4 --workload peak --repetitions 3");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  const char* units[] = {"us_per_1000_updates", "gflop_s"};
  const char* ids[] = {"W4", "peak"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    EXPECT_EQ(l.at("engine"), "descent-native");
    EXPECT_EQ(l.at("env"), "native");
    EXPECT_EQ(l.at("workload"), ids[i]);
    EXPECT_EQ(l.at("unit"), units[i]);
    const double lo = l.at("min"), mid = l.at("median"), hi = l.at("max");
    EXPECT_GT(lo, 0.0);
    EXPECT_LE(lo, mid);
    EXPECT_LE(mid, hi);
  }
}

// DESCENT_SIMD as the CLI will see it (popen passes this process's environment on), restored after.
class SimdEnv {
 public:
  explicit SimdEnv(const char* value) {
    if (const char* old = std::getenv("DESCENT_SIMD")) saved_ = old;
    if (value) setenv("DESCENT_SIMD", value, 1);
    else unsetenv("DESCENT_SIMD");
  }
  ~SimdEnv() {
    if (saved_) setenv("DESCENT_SIMD", saved_->c_str(), 1);
    else unsetenv("DESCENT_SIMD");
  }

 private:
  std::optional<std::string> saved_;
};

using descent::kernels::SimdLevel;
constexpr SimdLevel kWidestFirst[] = {SimdLevel::avx512, SimdLevel::avx2, SimdLevel::portable};

// The table's first line: the level the kernels run at, then the others this CPU has.
std::string simd_line(SimdLevel level) {
  std::string others;
  for (const SimdLevel other : kWidestFirst)
    if (other != level && descent::kernels::simd_level_supported(other))
      others += (others.empty() ? "" : "|") + std::string(descent::kernels::simd_level_name(other));
  return std::string("SIMD: ") + descent::kernels::simd_level_name(level) +
         (others.empty() ? "" : " (DESCENT_SIMD to force " + others + ")") + "\n";
}

TEST(BenchCli, TableByDefaultNamingTheFastestSimdLevel) {
  const SimdEnv unset(nullptr);
  const auto r = run_descent("bench --workload W4 --repetitions 1");
  ASSERT_EQ(r.status, 0);
  const std::string head = simd_line(descent::kernels::fastest_simd_level()) + "\n| workload | median | min | max | unit |\n|---|---|---|---|---|\n| W4 | ";
  EXPECT_EQ(r.out.rfind(head, 0), 0u) << r.out;
}

TEST(BenchCli, TableNamesTheLevelDescentSimdForces) {
  for (const SimdLevel level : kWidestFirst) {
    if (!descent::kernels::simd_level_supported(level)) continue;
    const SimdEnv forced(descent::kernels::simd_level_name(level));
    const auto r = run_descent("bench --workload W4 --repetitions 1");
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(r.out.rfind(simd_line(level) + "\n| workload ", 0), 0u) << r.out;
  }
  const SimdEnv unknown("sse9");  // ignored: the fastest level the CPU has
  EXPECT_EQ(run_descent("bench --workload W4 --repetitions 1").out.rfind(simd_line(descent::kernels::fastest_simd_level()), 0),
            0u);
}

TEST(BenchCli, JsonLinesDoNotNameTheSimdLevel) {
  const auto r = run_descent("bench --json --workload W4 --repetitions 1");
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(json_lines(r.out).size(), 1u) << r.out;
}

TEST(BenchCli, UsageErrorsNameTheMistakeAndPrintNothingOnStdout) {
  const std::pair<const char*, const char*> cases[] = {
      {"--workload W9", "--workload: unknown workload 'W9' (expected W1, W2, W3, W4 or peak)"},
      {"--repetitions 5x", "--repetitions: expected an integer from 1 to 1000, got '5x'"},
      {"--repetitions 0", "--repetitions: expected an integer from 1 to 1000, got '0'"},
      {"--repetitions abc", "--repetitions: expected an integer from 1 to 1000, got 'abc'"},
      {"--workload", "--workload: missing value"},
      {"--fast", "unexpected argument '--fast'"},
  };
  for (const auto& [args, message] : cases) {
    const auto err = run_descent(std::string("bench ") + args, Capture::stderr_only);
    EXPECT_EQ(err.status, 2) << args;
    EXPECT_EQ(err.out, std::string("descent bench: ") + message +
                           "\nusage: descent bench [--json] [--workload W1|W2|W3|W4|peak]... [--repetitions N]\n");
    EXPECT_EQ(run_descent(std::string("bench ") + args).out, "") << args;
  }
}

TEST(BenchLibrary, RefusesUnknownWorkloadsAndRepetitionCounts) {
  EXPECT_THROW(bench::run("W5", 1), std::invalid_argument);
  EXPECT_THROW(bench::run("W1", 0), std::invalid_argument);
  EXPECT_THROW(bench::run("W1", 1001), std::invalid_argument);
}

}  // namespace
}  // namespace descent
