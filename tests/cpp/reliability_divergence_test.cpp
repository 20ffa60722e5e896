// Divergence: with a huge learning rate every optimizer drives the loss to Inf/NaN; the trainer must
// then stop that run at the first non-finite step (StopReason::diverged, diverged_at = k) without
// throwing, and `descent train` must say "diverged at step k".
#include <gtest/gtest.h>

#include "temp_path.hpp"

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "optim/optimizer.hpp"
#include "train/experiment.hpp"

namespace descent {
namespace {

using nlohmann::json;

json diverging_spec(const std::string& optimizer) {
  return {{"data", {{"source", "linear"}, {"n", 60}, {"seed", 3}}},
          {"model", {{"hidden", {{{"units", 8}, {"activation", "relu"}}}}, {"init_seed", 1}}},
          {"optimizer", {{"name", optimizer}, {"lr", 1e30}}},
          {"batch_size", "full"},
          {"steps", 500}};
}

TEST(ReliabilityDivergence, EveryOptimizerStopsAtTheFirstNonFiniteStep) {
  const json catalog = optimizer_catalog();
  ASSERT_GE(catalog.size(), 10u);
  for (const auto& entry : catalog) {
    const std::string name = entry.at("name").get<std::string>();
    SCOPED_TRACE(name);
    auto trainer = train::make_trainer(diverging_spec(name));
    train::StepStatus status;
    ASSERT_NO_THROW(status = trainer->step(500));
    EXPECT_TRUE(status.done);
    EXPECT_EQ(status.reason, train::StopReason::diverged);
    EXPECT_EQ(train::to_string(status.reason), "diverged");
    ASSERT_GE(status.diverged_at, 0);
    ASSERT_LT(status.diverged_at, 500);
    // Every finite step was applied; the diverged one is logged but not applied.
    EXPECT_EQ(status.steps, status.diverged_at);
    ASSERT_EQ(trainer->log().count(), static_cast<std::size_t>(status.diverged_at) + 1);
    const auto k = static_cast<std::size_t>(status.diverged_at);
    EXPECT_FALSE(std::isfinite(trainer->log().loss(k)) && std::isfinite(trainer->log().grad_norm(k)));
    for (std::size_t i = 0; i < k; ++i) EXPECT_TRUE(std::isfinite(trainer->log().loss(i))) << "step " << i;
    // A stopped run stays stopped and usable.
    const auto again = trainer->step(10);
    EXPECT_EQ(again.steps, status.steps);
    EXPECT_EQ(again.diverged_at, status.diverged_at);
    EXPECT_NO_THROW(trainer->evaluate());
  }
}

TEST(ReliabilityDivergence, CliSaysDivergedAtStepK) {
  const std::string spec = temp_path("reliability_diverge.json");
  std::ofstream(spec) << diverging_spec("adam").dump();
  const std::string cmd = std::string("\"") + DESCENT_CLI + "\" train \"" + spec + "\" 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);

  const auto k = train::make_trainer(diverging_spec("adam"))->step(500).diverged_at;
  ASSERT_GE(k, 0);
  const std::string line = "descent train: diverged at step " + std::to_string(k) +
                           ": the loss or its gradient is not finite (try a smaller lr)\n";
  EXPECT_NE(out.find(line), std::string::npos) << out.substr(out.size() > 600 ? out.size() - 600 : 0);
  const auto from = out.rfind("{\"diverged_at\"");
  ASSERT_NE(from, std::string::npos);
  const auto summary = json::parse(out.substr(from, out.find('\n', from) - from));
  EXPECT_EQ(summary.at("stop"), "diverged");
  EXPECT_EQ(summary.at("diverged_at"), k);
}

// Regression: data integers given as signed json (built in C++, not parsed) were refused as
// "expected an integer from 2 to 100000, got 60".
TEST(ReliabilityDivergence, SignedJsonIntegersAreAcceptedInData) {
  const json spec = {{"data", {{"source", "linear"}, {"n", 60}, {"seed", 3}}}, {"steps", 1}};
  EXPECT_EQ(train::make_trainer(spec)->data().n_train() + train::make_trainer(spec)->data().n_test(), 60u);
  const json negative = {{"data", {{"source", "linear"}, {"n", -60}}}, {"steps", 1}};
  try {
    train::make_trainer(negative);
    ADD_FAILURE() << "n = -60 accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "data.n: expected an integer from 2 to 100000, got -60");
  }
}

}  // namespace
}  // namespace descent
