// `descent sweep` and `descent lr-find` run as processes: a sweep line reproduces `descent train`
// exactly, plans fan out through --run-lines, the pool size changes nothing, and bad input fails
// cleanly with the right exit code.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"
#include "temp_path.hpp"

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

using Result = CliResult;

// stderr is folded into stdout when `merge` is set.
Result run(const std::string& args, bool merge = false) {
  return run_descent(args, merge ? Capture::stdout_and_stderr : Capture::stdout_only);
}

std::string temp_file(const std::string& name, const std::string& text) {
  const std::string path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

std::vector<ordered_json> lines_of(const std::string& text) {
  std::vector<ordered_json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(ordered_json::parse(line));
  return lines;
}

// Lines without their timings, which differ from run to run.
std::vector<ordered_json> untimed(std::vector<ordered_json> lines) {
  for (auto& l : lines) l.erase("seconds");
  return lines;
}

const char* kSpec = R"({"data": {"source": "spiral", "n": 120, "seed": 3},
  "model": {"hidden": [{"units": 8, "activation": "tanh"}], "init_seed": 2},
  "optimizer": {"name": "adam", "lr": 0.01}, "batch_size": 16, "epochs": 4, "seed": 5})";

const std::string kGrid = "--grid 'lr=1e-3:1e-1:log:3' --grid 'batch_size=8,32'";

TEST(SweepCli, BestLineIsExactlyADirectTrainRunOfItsSpec) {
  const auto spec = temp_file("sweep_best.json", kSpec);
  const auto r = run("sweep \"" + spec + "\" " + kGrid + " --jobs 2");
  ASSERT_EQ(r.status, 0);
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 6u);
  std::size_t best = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["index"], i);
    if (lines[i]["test_loss"].get<double>() < lines[best]["test_loss"].get<double>()) best = i;
  }
  const auto best_spec = temp_file("sweep_best_spec.json", lines[best]["spec"].dump());
  const auto direct = run("train \"" + best_spec + "\"");
  ASSERT_EQ(direct.status, 0);
  const auto summary = lines_of(direct.out).back();
  ASSERT_EQ(summary["type"], "summary");
  for (const char* key : {"train_loss", "test_loss", "train_accuracy", "test_accuracy", "steps", "stop", "diverged_at"})
    EXPECT_EQ(lines[best][key], summary[key]) << key;  // bit for bit: JSON doubles round-trip
  EXPECT_EQ(lines[best]["diverged"], false);
}

TEST(SweepCli, PlanThroughRunLinesAndAnyPoolSizeGiveTheSameLines) {
  const auto spec = temp_file("sweep_plan.json", kSpec);
  const auto one = run("sweep \"" + spec + "\" " + kGrid + " --jobs 1");
  const auto two = run("sweep \"" + spec + "\" " + kGrid + " --jobs 2");
  ASSERT_EQ(one.status, 0);
  ASSERT_EQ(two.status, 0);
  EXPECT_EQ(untimed(lines_of(one.out)), untimed(lines_of(two.out)));
  const auto piped = run("sweep \"" + spec + "\" " + kGrid + " --plan | \"" + DESCENT_CLI + "\" sweep --run-lines --jobs 2");
  ASSERT_EQ(piped.status, 0);
  EXPECT_EQ(untimed(lines_of(piped.out)), untimed(lines_of(one.out)));
  const auto plan = lines_of(run("sweep \"" + spec + "\" " + kGrid + " --plan").out);
  ASSERT_EQ(plan.size(), 6u);
  EXPECT_FALSE(plan[0].contains("train_loss"));
  // One plan line alone reproduces its run (how a Slurm array task gets its run).
  const auto alone = temp_file("sweep_line.json", plan[4].dump() + "\n");
  EXPECT_EQ(untimed(lines_of(run("sweep --run-lines < \"" + alone + "\"").out))[0], untimed(lines_of(one.out))[4]);
}

// Digits through a 64-32-10 net: big enough for the packed GEMM path, whose buffers were once shared
// between threads (runs on two threads then mixed their numbers).
TEST(SweepCli, ThreadsDoNotShareStateOnAGemmHeavyNet) {
  const auto spec = temp_file("sweep_threads.json", R"({"data": {"source": "digits"},
    "model": {"hidden": [{"units": 32, "activation": "tanh"}]}, "optimizer": {"name": "adam", "lr": 0.003},
    "batch_size": 64, "steps": 60})");
  const std::string grid = " --grid 'lr=1e-3:1e-2:log:2' --grid 'batch_size=64,128'";
  const auto one = run("sweep \"" + spec + "\"" + grid + " --jobs 1");
  const auto two = run("sweep \"" + spec + "\"" + grid + " --jobs 2");
  ASSERT_EQ(one.status, 0);
  ASSERT_EQ(two.status, 0);
  EXPECT_EQ(untimed(lines_of(one.out)), untimed(lines_of(two.out)));
}

TEST(SweepCli, SearchBlockOfTheSpecAndOutFile) {
  json spec = json::parse(kSpec);
  spec["search"] = {{"method", "random"}, {"runs", 3}, {"seed", 1}, {"params", {{"lr", {{"min", 1e-3}, {"max", 0.1}, {"scale", "log"}}}}}};
  const auto path = temp_file("sweep_block.json", spec.dump());
  const auto out = temp_path("sweep_block.out");
  ASSERT_EQ(run("sweep \"" + path + "\" --jobs 2 --out \"" + out + "\"").status, 0);
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  const auto lines = lines_of(text.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_FALSE(lines[0]["spec"].contains("search"));
  // --random/--seed adjust the block.
  EXPECT_EQ(lines_of(run("sweep \"" + path + "\" --plan --random 5 --seed 2").out).size(), 5u);
  std::filesystem::remove(out);
}

TEST(SweepCli, ErrorsNameTheArgumentAndUseTheExitCode) {
  const auto spec = temp_file("sweep_errors.json", kSpec);
  auto r = run("sweep \"" + spec + "\"", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("descent sweep: nothing to search: give --grid NAME=VALUES or a \"search\" block in the spec"),
            std::string::npos) << r.out;
  r = run("sweep \"" + spec + "\" --grid 'lr=1e-3:1e-1:7'", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--grid 'lr=1e-3:1e-1:7': a range is MIN:MAX:SCALE:COUNT (4 fields), got 3"), std::string::npos) << r.out;
  r = run("sweep \"" + spec + "\" --grid lr=0.1 --jobs 0", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--jobs: expected an integer from 1 to 1024, got '0'"), std::string::npos) << r.out;
  r = run("sweep \"" + spec + "\" --grid lr=0.1 --grid lr=0.2", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--grid: dimension 'lr' given twice"), std::string::npos) << r.out;
  // A value the spec cannot take is bad input (1), and nothing is written to --out.
  const auto out = temp_path("sweep_errors.out");
  r = run("sweep \"" + spec + "\" --grid 'momentum=0.5' --out \"" + out + "\"", true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("search.params.momentum: 0.5 does not fit this spec: optimizer.momentum: unknown option for adam"), std::string::npos)
      << r.out;
  EXPECT_FALSE(std::filesystem::exists(out));
  r = run("sweep --run-lines < /dev/null --grid lr=0.1", true);
  EXPECT_EQ(r.status, 2);
  const auto bad = temp_file("sweep_bad_line.json", "{\"index\": 0, \"spec\": {\"data\": {}}}\n");
  r = run("sweep --run-lines < \"" + bad + "\"", true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("run 0: data.source: required"), std::string::npos) << r.out;
}

TEST(LrFindCli, TableJsonAndErrors) {
  const auto spec = temp_file("lr_find.json", kSpec);
  auto r = run("lr-find \"" + spec + "\" --steps 40 --json");
  ASSERT_EQ(r.status, 0);
  const auto doc = json::parse(r.out);
  EXPECT_EQ(doc["lrs"].size(), doc["smoothed"].size());
  EXPECT_LE(doc["lrs"].size(), 40u);
  EXPECT_EQ(doc["lrs"][0], 1e-7);
  r = run("lr-find \"" + spec + "\" --steps 40");
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("smoothed loss vs lr (log scale)"), std::string::npos);
  EXPECT_NE(r.out.find("suggested lr (minimum / 10):"), std::string::npos);
  r = run("lr-find \"" + spec + "\" --min-lr 1 --max-lr 0.1", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("descent lr-find: --max-lr: must be greater than min_lr (1.0), got 0.1"), std::string::npos) << r.out;
  r = run("lr-find \"" + spec + "\" --steps ten", true);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("--steps: expected an integer, got 'ten'"), std::string::npos) << r.out;
}

}  // namespace
