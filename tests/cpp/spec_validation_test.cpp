// Experiment spec parsing: defaults, round trip, and the exact error messages users see.
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "spec/spec.hpp"
#include "train/experiment.hpp"

namespace {

using nlohmann::json;
using descent::spec::parse_spec;

std::string error_of(const json& doc) {
  try {
    parse_spec(doc);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

json base() { return {{"data", {{"source", "spiral"}}}}; }

json with(const char* key, json value) {
  json doc = base();
  doc[key] = std::move(value);
  return doc;
}

TEST(SpecValidation, DefaultsAreFilledIn) {
  const auto s = parse_spec(base());
  ASSERT_EQ(s.hidden.size(), 1u);
  EXPECT_EQ(s.hidden[0].units, 32);
  EXPECT_EQ(s.hidden[0].activation, descent::nn::Activation::tanh);
  EXPECT_EQ(s.optimizer["name"], "adamw");
  EXPECT_EQ(s.optimizer["lr"], 0.01);
  EXPECT_EQ(s.optimizer["weight_decay"], 0.1);
  EXPECT_EQ(s.batch_size, 32u);
  EXPECT_EQ(s.epochs, 100);
  EXPECT_FALSE(s.loss.has_value());
}

TEST(SpecValidation, RoundTripsThroughToJson) {
  json doc = base();
  doc["model"] = {{"hidden", {{{"units", 8}, {"activation", "gelu"}}}}, {"init", "kaiming_normal"}, {"init_seed", 4}};
  doc["loss"] = "huber";
  doc["loss_params"] = {{"delta", 0.5}};
  doc["schedule"] = {{"name", "step"}, {"step_size", 10}, {"gamma", 0.5}};
  doc["schedule_step"] = "epoch";
  doc["clip"] = {{"max_norm", 1.0}};
  doc["stop"] = {{"patience", 3}};
  doc["batch_size"] = "full";
  doc["steps"] = 50;
  doc["features"] = {"linear", "sin"};
  const auto once = descent::spec::to_json(parse_spec(doc));
  EXPECT_EQ(descent::spec::to_json(parse_spec(once)), once);
  EXPECT_EQ(once["model"]["hidden"][0]["activation"], "gelu");
  EXPECT_EQ(once["loss_params"]["delta"], 0.5);
  EXPECT_EQ(once["schedule_step"], "epoch");
}

TEST(SpecValidation, MessagesNameTheFieldAndAllowedValues) {
  EXPECT_EQ(error_of(with("optimiser", json::object())),
            "optimiser: unknown key; did you mean \"optimizer\"? (allowed: name, description, data, features, model, "
            "loss, loss_params, regularization, optimizer, schedule, schedule_step, batch_size, epochs, steps, stop, "
            "clip, seed, metrics_every, search)");
  EXPECT_EQ(error_of(json::object()),
            "data: missing (e.g. {\"source\": \"spiral\"}, {\"source\": \"iris\"} or {\"source\": \"csv\", ...})");
  EXPECT_EQ(error_of(with("loss", "cross_entropyy")),
            "loss: unknown loss 'cross_entropyy' (allowed: mse, mae, huber, bce_logits, cross_entropy, hinge)");
  EXPECT_EQ(error_of(with("model", {{"hidden", {{{"units", 300}}}}})),
            "model.hidden[0].units: expected an integer from 1 to 256, got 300");
  EXPECT_EQ(error_of(with("model", {{"hidden", {{{"units", 4}, {"activation", "swish"}}}}})),
            "model.hidden[0].activation: unknown activation 'swish' (allowed: linear, relu, leaky_relu, elu, gelu, "
            "tanh, sigmoid, softplus)");
  EXPECT_EQ(error_of(with("model", {{"hidden", json::array({{{"units", 4}, {"activatoin", "relu"}}})}})),
            "model.hidden[0].activatoin: unknown key; did you mean \"activation\"? (allowed: units, activation)");
  EXPECT_EQ(error_of(with("model", {{"hidden", json(9, {{"units", 4}})}})).substr(0, 68),
            "model.hidden: expected an array of at most 8 {\"units\", \"activation\"}");
  EXPECT_EQ(error_of(with("model", {{"init", "he"}})),
            "model.init: unknown init 'he' (allowed: xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal, "
            "lecun_normal, zeros)");
  EXPECT_EQ(error_of(with("batch_size", 0)), "batch_size: expected \"full\" or an integer from 1 to 1000000, got 0");
  EXPECT_EQ(error_of(with("schedule_step", "batch")), "schedule_step: expected \"step\" or \"epoch\", got \"batch\"");
  EXPECT_EQ(error_of(with("regularization", {{"l2", -1}})),
            "regularization.l2: expected a number from 0.0, got -1");
  EXPECT_EQ(error_of(with("clip", {{"max_norm", 1}, {"value", 1}})),
            "clip: expected exactly one of max_norm, value (or null for no clipping)");
  EXPECT_EQ(error_of(with("clip", {{"max_norm", 0}})), "clip.max_norm: expected a number greater than 0.0, got 0");
  EXPECT_EQ(error_of(with("stop", {{"patience", -2}})),
            "stop.patience: expected an integer from 0 to 1000000, got -2");
  EXPECT_EQ(error_of(with("metrics_every", "often")),
            "metrics_every: expected \"epoch\" or an integer number of steps from 1 to 100000000, got \"often\"");
  EXPECT_EQ(error_of(with("features", {"cube"})),
            "features[0]: unknown feature 'cube' (allowed: linear, square, product, sin)");
  EXPECT_EQ(error_of(with("loss_params", {{"delta", 1}})),
            "loss_params: only loss huber takes parameters ({\"delta\": ...}); expected {}, got {\"delta\":1}");
}

TEST(SpecValidation, OptimizerAndScheduleErrorsKeepTheirPaths) {
  const auto opt = error_of(with("optimizer", {{"name", "adam"}, {"betas", {0.9, 1.5}}}));
  EXPECT_EQ(opt.rfind("optimizer.betas[1]", 0), 0u) << opt;
  const auto sch = error_of(with("schedule", {{"name", "cosine"}, {"T_max", -1}}));
  EXPECT_EQ(sch.rfind("schedule.T_max", 0), 0u) << sch;
}

TEST(SpecValidation, WeightsCannotBeCombinedWithInit) {
  EXPECT_EQ(error_of(with("model", {{"init", "zeros"}, {"weights", json::array()}})),
            "model.weights: cannot be combined with model.init (explicit weights replace it)");
}

}  // namespace

namespace {

TEST(SpecExamples, EveryDocumentedExampleIsValidAndTrains) {
  const auto dir = std::filesystem::path(DESCENT_TEST_DATA).parent_path().parent_path() / "docs" / "examples";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    auto doc = json::parse(in);
    SCOPED_TRACE(entry.path().filename().string());
    doc["steps"] = 3;  // building and a few steps are enough here
    auto trainer = descent::train::make_trainer(doc);
    EXPECT_EQ(trainer->run().steps, 3);
    ++seen;
  }
  EXPECT_GE(seen, 3);
}

}  // namespace
