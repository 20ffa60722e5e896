// Trainer behaviour: determinism, batching, schedules per epoch, stop conditions, divergence,
// landscapes, prediction grids, the bundled data sets with the default spec, and the CLI.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "temp_path.hpp"
#include <nlohmann/json.hpp>

#include "train/experiment.hpp"
#include "train/landscape.hpp"

namespace {

using nlohmann::json;
using descent::train::make_trainer;
using descent::train::StopReason;

std::vector<float> step_losses(descent::train::Trainer& t) {
  std::vector<float> out;
  for (std::size_t s = 0; s < t.log().count(); ++s) out.push_back(t.log().loss(s));
  return out;
}

// Parsed from text, as the CLI and the worker receive specs.
json spiral_spec() {
  return json::parse(R"({"data": {"source": "spiral", "n": 200, "seed": 3},
                         "model": {"hidden": [{"units": 8, "activation": "relu"}], "init_seed": 5},
                         "optimizer": {"name": "adam", "lr": 0.01},
                         "batch_size": 10, "epochs": 5, "seed": 9})");
}

TEST(TrainTrainer, SameSpecTwiceGivesIdenticalLosses) {
  auto a = make_trainer(spiral_spec());
  auto b = make_trainer(spiral_spec());
  a->run();
  b->run();
  ASSERT_EQ(a->log().count(), 80u);  // 160 training points / batch 10 × 5 epochs
  EXPECT_EQ(step_losses(*a), step_losses(*b));
  auto other = spiral_spec();
  other["seed"] = 10;  // another shuffle order
  auto c = make_trainer(other);
  c->run();
  EXPECT_NE(step_losses(*a), step_losses(*c));
}

TEST(TrainTrainer, PartialLastBatchAndOneEvaluationPerEpoch) {
  auto spec = spiral_spec();
  spec["batch_size"] = 70;  // 160 = 70 + 70 + 20
  spec["epochs"] = 2;
  auto t = make_trainer(spec);
  const auto status = t->run();
  EXPECT_EQ(status.steps, 6);
  EXPECT_EQ(status.epoch, 2);
  EXPECT_EQ(status.reason, StopReason::max_epochs);
  ASSERT_EQ(t->evals().size(), 2u);
  EXPECT_EQ(t->evals()[0].step, 3);
  EXPECT_EQ(t->evals()[0].layer_grad_norm.size(), 2u);
}

TEST(TrainTrainer, ScheduleSteppedPerEpoch) {
  auto spec = spiral_spec();
  spec["optimizer"] = {{"name", "sgd"}, {"lr", 0.1}};
  spec["schedule"] = {{"name", "step"}, {"step_size", 1}, {"gamma", 0.5}};
  spec["schedule_step"] = "epoch";
  spec["batch_size"] = 80;
  spec["epochs"] = 3;
  auto t = make_trainer(spec);
  t->run();
  const float expected[] = {0.1f, 0.1f, 0.05f, 0.05f, 0.025f, 0.025f};
  ASSERT_EQ(t->log().count(), 6u);
  for (std::size_t s = 0; s < 6; ++s) EXPECT_FLOAT_EQ(t->log().lr(s), expected[s]) << s;
}

TEST(TrainTrainer, HugeLearningRateReportsTheDivergedStep) {
  json spec = {{"data", {{"source", "five_points"}}},
               {"model", {{"hidden", json::array()}, {"init", "zeros"}}},
               {"optimizer", {{"name", "sgd"}, {"lr", 1e4}}},
               {"batch_size", "full"},
               {"steps", 1000}};
  auto t = make_trainer(spec);
  const auto status = t->run();
  EXPECT_EQ(status.reason, StopReason::diverged);
  EXPECT_TRUE(status.done);
  EXPECT_GT(status.diverged_at, 2);
  EXPECT_LT(status.diverged_at, 100);
  EXPECT_EQ(status.steps, status.diverged_at);
  EXPECT_FALSE(std::isfinite(t->log().loss(static_cast<std::size_t>(status.diverged_at))) &&
               std::isfinite(t->log().grad_norm(static_cast<std::size_t>(status.diverged_at))));
}

TEST(TrainTrainer, EarlyStoppingAfterPatienceEvaluationsWithoutImprovement) {
  auto spec = spiral_spec();
  spec["optimizer"] = {{"name", "sgd"}, {"lr", 0.0}};  // the test loss can never improve
  spec["stop"] = {{"patience", 2}};
  spec["epochs"] = 50;
  auto t = make_trainer(spec);
  const auto status = t->run();
  EXPECT_EQ(status.reason, StopReason::early_stopping);
  EXPECT_EQ(status.epoch, 3);
  EXPECT_EQ(t->evals().size(), 3u);
}

TEST(TrainTrainer, TargetLossStopsEarly) {
  json spec = {{"data", {{"source", "five_points"}}},
               {"model", {{"hidden", json::array()}, {"init", "zeros"}}},
               {"optimizer", {{"name", "sgd"}, {"lr", 0.01}}},
               {"batch_size", "full"},
               {"steps", 1000},
               {"metrics_every", 10},
               {"stop", {{"target_loss", 1.0}}}};
  auto t = make_trainer(spec);
  const auto status = t->run();
  EXPECT_EQ(status.reason, StopReason::target_loss);
  EXPECT_LT(status.steps, 1000);
  EXPECT_LE(t->evals().back().train_loss, 1.0);
  EXPECT_GT(t->evals()[t->evals().size() - 2].train_loss, 1.0);
}

TEST(TrainTrainer, TutorialSpecReproducesGoldenTheta) {
  std::ifstream in(std::string(DESCENT_TEST_DATA) + "/golden/training.json");
  const auto golden = json::parse(in);
  json spec = {{"data", {{"source", "five_points"}}},
               {"model", {{"hidden", json::array()}, {"init", "zeros"}}},
               {"loss", "mse"},
               {"optimizer", {{"name", "sgd"}, {"lr", 0.01}}},
               {"batch_size", "full"},
               {"steps", 1000}};
  auto t = make_trainer(spec);
  t->run();
  for (const auto& c : golden["cases"]) {
    if (c["name"] != "linreg_tutorial_gd") continue;
    const double w = c["final_params"][0]["W"][0][0], b = c["final_params"][0]["b"][0];
    EXPECT_NEAR(t->model().params()[0], w, 1.2e-5 * std::abs(w) + 1.2e-5);
    EXPECT_NEAR(t->model().params()[1], b, 1.2e-5 * std::abs(b) + 1.2e-5);
    EXPECT_NEAR(t->train_objective(), c["losses"][1000].get<double>(), 1e-5);
  }
}

// The full-batch linear regression's fused pass against the general layer-by-layer path (forced by
// narrow_path = false): every logged loss, gradient norm and final parameter bit for bit.
TEST(TrainTrainer, FusedLinearRegressionMatchesTheGeneralPath) {
  const char* specs[] = {
      R"({"data": {"source": "five_points"}, "model": {"hidden": [], "init": "zeros"},
          "optimizer": {"name": "sgd", "lr": 0.01}, "batch_size": "full", "steps": 300})",
      R"({"data": {"source": "linear", "n": 37, "seed": 4}, "model": {"hidden": [], "init_seed": 2},
          "optimizer": {"name": "adam", "lr": 0.05}, "batch_size": "full", "steps": 300})",
      R"({"data": {"source": "plane", "n": 50, "seed": 1}, "model": {"hidden": [], "init_seed": 3},
          "optimizer": {"name": "sgd", "lr": 0.01, "momentum": 0.9}, "batch_size": "full", "steps": 300})"};
  for (const char* text : specs) {
    SCOPED_TRACE(text);
    const auto base = make_trainer(json::parse(text));
    auto cfg = base->config();
    cfg.narrow_path = false;
    descent::train::Trainer general(base->data(), base->features(), base->model(), cfg);
    const auto a = base->run(), b = general.run();
    ASSERT_EQ(a.steps, b.steps);
    const auto la = step_losses(*base), lb = step_losses(general);
    for (std::size_t s = 0; s < la.size(); ++s) {
      ASSERT_EQ(std::memcmp(&la[s], &lb[s], sizeof(float)), 0) << "loss at step " << s;
      const float ga = base->log().grad_norm(s), gb = general.log().grad_norm(s);
      ASSERT_EQ(std::memcmp(&ga, &gb, sizeof(float)), 0) << "gradient norm at step " << s;
    }
    const auto pa = base->model().params(), pb = general.model().params();
    ASSERT_EQ(pa.size(), pb.size());
    EXPECT_EQ(std::memcmp(pa.data(), pb.data(), pa.size() * sizeof(float)), 0);
  }
}

TEST(TrainTrainer, ParameterLandscapeOverWAndB) {
  json spec = {{"data", {{"source", "five_points"}}},
               {"model", {{"hidden", json::array()}, {"init", "zeros"}}},
               {"optimizer", {{"name", "sgd"}, {"lr", 0.01}}},
               {"batch_size", "full"},
               {"steps", 50}};
  auto t = make_trainer(spec);
  t->run();
  const auto l = descent::train::parameter_landscape(*t, 21);
  ASSERT_EQ(l.grid.values.size(), 21u * 21u);
  ASSERT_EQ(l.path_x.size(), 51u);
  EXPECT_EQ(l.path_x[0], 0.f);
  EXPECT_EQ(l.path_y[0], 0.f);
  // Loss at the grid corner (w = x0, b = y0): mean((w·x + b − y)²) over the five points.
  const double w = l.grid.x0, b = l.grid.y0, xs[] = {1, 2, 3, 4, 5}, ys[] = {2, 3, 5, 7, 11};
  double expected = 0;
  for (int i = 0; i < 5; ++i) expected += (w * xs[i] + b - ys[i]) * (w * xs[i] + b - ys[i]) / 5;
  EXPECT_NEAR(l.grid.values[0], expected, 1e-4 * expected);
  EXPECT_EQ(t->model().params()[0], l.path_x.back());  // parameters restored
}

TEST(TrainTrainer, RandomLandscapeCentreIsTheCurrentLoss) {
  auto t = make_trainer(spiral_spec());
  t->step(20);
  const double here = t->train_objective();
  const auto l = descent::train::random_landscape(*t, 9, 1.0, 7);
  ASSERT_EQ(l.grid.values.size(), 81u);
  EXPECT_NEAR(l.grid.values[4 * 9 + 4], here, 1e-5 * here);
  EXPECT_NE(l.grid.values[0], l.grid.values[4 * 9 + 4]);
  EXPECT_DOUBLE_EQ(t->train_objective(), here);
}

TEST(TrainTrainer, PredictionGridIsProbabilitiesForBinaryData) {
  auto t = make_trainer(spiral_spec());
  t->run();
  const auto g = t->prediction_grid(16);
  EXPECT_EQ(g.nx, 16);
  EXPECT_EQ(g.ny, 16);
  ASSERT_EQ(g.values.size(), 256u);
  for (float v : g.values) {
    EXPECT_GE(v, 0.f);
    EXPECT_LE(v, 1.f);
  }
  EXPECT_EQ(t->confusion().size(), 4u);
}

double final_test_score(const char* source) {
  auto t = make_trainer(json{{"data", {{"source", source}}}});
  const auto status = t->run();
  EXPECT_EQ(status.reason, StopReason::max_epochs);
  return t->evals().back().test_score;
}

TEST(TrainTrainer, DefaultSpecOnIris) { EXPECT_GE(final_test_score("iris"), 0.95); }
TEST(TrainTrainer, DefaultSpecOnDigits) { EXPECT_GE(final_test_score("digits"), 0.93); }
TEST(TrainTrainer, DefaultSpecOnDiabetes) { EXPECT_GE(final_test_score("diabetes"), 0.40); }

std::string run_cli(const std::string& args) {
  const std::string out = temp_path("descent_train_cli.out");
  const std::string cmd = std::string(DESCENT_CLI) + " " + args + " > " + out + " 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  return "rc=" + std::to_string(rc) + "\n" + text.str();
}

TEST(TrainCli, StreamsStepsEvaluationsAndSummary) {
  const std::string spec_path = temp_path("descent_train_cli_spec.json");
  const std::string lines_path = temp_path("descent_train_cli_lines.jsonl");
  auto spec = spiral_spec();
  spec["epochs"] = 2;
  std::ofstream(spec_path) << spec.dump();
  ASSERT_EQ(run_cli("train " + spec_path + " --out " + lines_path), "rc=0\n");
  std::ifstream in(lines_path);
  std::string line;
  int steps = 0, evals = 0;
  json last;
  while (std::getline(in, line)) {
    last = json::parse(line);
    steps += last["type"] == "step";
    evals += last["type"] == "eval";
  }
  EXPECT_EQ(steps, 32);
  EXPECT_EQ(evals, 2);
  EXPECT_EQ(last["type"], "summary");
  EXPECT_EQ(last["steps"], 32);
  EXPECT_TRUE(last["diverged_at"].is_null());
  EXPECT_TRUE(last["test_accuracy"].is_number());
}

TEST(TrainCli, BadSpecExitsWithTheFieldInTheMessage) {
  const std::string spec_path = temp_path("descent_train_cli_bad.json");
  std::ofstream(spec_path) << R"({"data": {"source": "spiral"}, "epocs": 3})";
  const auto out = run_cli("train " + spec_path);
  EXPECT_NE(out.find("epocs: unknown key; did you mean \"epochs\"?"), std::string::npos) << out;
  EXPECT_EQ(out.rfind("rc=0", 0), std::string::npos);
}

}  // namespace
