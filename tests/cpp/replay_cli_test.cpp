// `descent replay` run as a process on the golden files and on bad input.
#include <cstdio>
#include <fstream>
#include <string>

#include "cli_runner.hpp"
#include "optim_test_support.hpp"
#include "temp_path.hpp"

namespace descent {
namespace {

using nlohmann::ordered_json;

using Result = CliResult;

// stderr is folded into stdout when `merge` is set.
Result run(const std::string& args, bool merge = false) {
  return run_descent(args, merge ? Capture::stdout_and_stderr : Capture::stdout_only);
}

std::string golden_path(const std::string& file) { return std::string(DESCENT_TEST_DATA) + "/golden/" + file; }

std::string temp_file(const std::string& name, const std::string& text) {
  const std::string path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

void expect_same_document(const std::string& file, std::initializer_list<const char*> computed) {
  std::ifstream in(golden_path(file));
  const auto expected = ordered_json::parse(in);
  const auto r = run("replay \"" + golden_path(file) + "\"");
  ASSERT_EQ(r.status, 0);
  const auto actual = ordered_json::parse(r.out);
  ASSERT_EQ(actual.size(), expected.size());
  for (auto e = expected.begin(), a = actual.begin(); e != expected.end(); ++e, ++a) {
    EXPECT_EQ(e.key(), a.key());
    if (e.key() != "cases") {
      EXPECT_EQ(e.value(), a.value()) << e.key();
    }
  }
  const auto& ec = expected["cases"];
  const auto& ac = actual["cases"];
  ASSERT_EQ(ac.size(), ec.size());
  for (std::size_t i = 0; i < ec.size(); ++i) {
    const auto tol = test::tolerance_of(nlohmann::json::parse(ec[i].dump()));
    ASSERT_EQ(ac[i].size(), ec[i].size());
    for (auto e = ec[i].begin(), a = ac[i].begin(); e != ec[i].end(); ++e, ++a) {
      ASSERT_EQ(e.key(), a.key()) << ec[i]["name"];
      bool is_computed = false;
      for (const char* c : computed) is_computed = is_computed || e.key() == c;
      if (!is_computed) {
        EXPECT_EQ(e.value(), a.value()) << ec[i]["name"] << "." << e.key();
        continue;
      }
      const auto ev = e.value().flatten(), av = a.value().flatten();
      ASSERT_EQ(av.size(), ev.size()) << ec[i]["name"] << "." << e.key();
      for (auto x = ev.begin(); x != ev.end(); ++x)
        EXPECT_TRUE(test::close(av.at(x.key()).get<double>(), x.value().get<double>(), tol))
            << ec[i]["name"] << "." << e.key() << x.key();
    }
  }
}

TEST(ReplayCli, OptimizersFileMatchesWithinTolerance) { expect_same_document("optimizers.json", {"trajectory", "losses"}); }

TEST(ReplayCli, SchedulesFileMatchesWithinTolerance) { expect_same_document("schedules.json", {"lrs"}); }

TEST(ReplayCli, MissingFile) {
  const auto r = run("replay /nonexistent/golden.json", true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("/nonexistent/golden.json: cannot open file"), std::string::npos) << r.out;
}

TEST(ReplayCli, MalformedJson) {
  const auto r = run("replay " + temp_file("malformed.json", "{\"cases\": [1, 2"), true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("malformed JSON"), std::string::npos) << r.out;
}

TEST(ReplayCli, UnknownOptimizerNamesTheCase) {
  const auto doc = R"({"cases": [{"name": "bad_case", "function": "quadratic", "x0": [1.0, 1.0],
      "optimizer": {"name": "adamx", "lr": 0.1}, "schedule": null, "steps": 3, "trajectory": [], "losses": []}]})";
  const auto r = run("replay " + temp_file("unknown_optimizer.json", doc), true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("case 'bad_case': optimizer.name: unknown optimizer \"adamx\" (allowed: sgd,"), std::string::npos)
      << r.out;
}

TEST(ReplayCli, UnknownOptionAndScheduleNameTheField) {
  const auto doc = R"({"cases": [{"name": "opt_case", "function": "booth", "x0": [1.0, 1.0],
      "optimizer": {"name": "adam", "lr": 0.1, "beta": 0.9}, "schedule": null, "steps": 3}]})";
  auto r = run("replay " + temp_file("unknown_option.json", doc), true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("case 'opt_case': optimizer.beta: unknown option for adam"), std::string::npos) << r.out;
  const auto sched = R"({"cases": [{"name": "s1", "base_lr": 0.1, "schedule": {"name": "cosine", "T_max": -1}, "steps": 3}]})";
  r = run("replay " + temp_file("bad_schedule.json", sched), true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("case 's1': schedule.T_max: must be >= 1, got -1"), std::string::npos) << r.out;
}

TEST(ReplayCli, MissingFieldNamesTheCase) {
  const auto doc = R"({"cases": [{"name": "no_x0", "function": "booth", "optimizer": {"name": "sgd"}, "schedule": null, "steps": 3}]})";
  const auto r = run("replay " + temp_file("missing_field.json", doc), true);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("case 'no_x0': x0: missing"), std::string::npos) << r.out;
}

TEST(ReplayCli, UsageWithoutFile) { EXPECT_EQ(run("replay").status, 2); }

TEST(CatalogCli, ListsOptimizersSchedulesAndFunctions) {
  const auto r = run("catalog");
  ASSERT_EQ(r.status, 0);
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc.at("optimizers").size(), 10u);
  EXPECT_EQ(doc.at("schedules").size(), 12u);
  EXPECT_EQ(doc.at("functions").size(), 10u);
}

}  // namespace
}  // namespace descent
