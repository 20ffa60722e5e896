// `descent bench`: the JSON lines other tools read (one object per workload, in the order asked, with
// the contract's keys), the SIMD peak figure, and usage errors that say what was wrong.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/benchmark.hpp"
#include "cli_runner.hpp"

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

TEST(BenchCli, TableByDefault) {
  const auto r = run_descent("bench --workload W4 --repetitions 1");
  ASSERT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("| workload | median | min | max | unit |\n|---|---|---|---|---|\n| W4 | ", 0), 0u) << r.out;
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
