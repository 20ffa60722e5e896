// The fused narrow-network path (nn/narrow_mlp) must give the general layer-by-layer path's results
// bit for bit: every logged step, every evaluation record and the final parameters, over the
// activations, losses, widths 1..8, depths, batch shapes, optimizers and penalties it covers.
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "train/experiment.hpp"

namespace {

using descent::train::Trainer;

std::unique_ptr<Trainer> twin(const Trainer& from, bool narrow) {
  auto cfg = from.config();
  cfg.narrow_path = narrow;
  return std::make_unique<Trainer>(from.data(), from.features(), from.model(), cfg);
}

// Bit patterns, so that NaN equals NaN and −0 differs from +0.
template <class T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void expect_same_vectors(const std::vector<double>& a, const std::vector<double>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(same_bits(a[i], b[i])) << what << "[" << i << "]";
}

void expect_identical_runs(const std::string& spec_text, long steps) {
  SCOPED_TRACE(spec_text);
  const auto base = descent::train::make_trainer(nlohmann::json::parse(spec_text));
  const auto narrow = twin(*base, true), general = twin(*base, false);
  ASSERT_TRUE(narrow->uses_narrow_path());
  ASSERT_FALSE(general->uses_narrow_path());
  const auto a = narrow->step(steps), b = general->step(steps);
  ASSERT_EQ(a.steps, b.steps);
  EXPECT_EQ(a.reason, b.reason);
  const auto& la = narrow->log();
  const auto& lb = general->log();
  ASSERT_EQ(la.count(), lb.count());
  for (std::size_t s = 0; s < la.count(); ++s) {
    ASSERT_TRUE(same_bits(la.loss(s), lb.loss(s))) << "loss at step " << s;
    ASSERT_TRUE(same_bits(la.grad_norm(s), lb.grad_norm(s))) << "grad norm at step " << s;
    ASSERT_TRUE(same_bits(la.lr(s), lb.lr(s))) << "lr at step " << s;
  }
  ASSERT_EQ(narrow->evals().size(), general->evals().size());
  ASSERT_FALSE(narrow->evals().empty());
  for (std::size_t e = 0; e < narrow->evals().size(); ++e) {
    const auto& ra = narrow->evals()[e];
    const auto& rb = general->evals()[e];
    const std::string at = "eval " + std::to_string(e) + " ";
    EXPECT_EQ(ra.step, rb.step);
    EXPECT_TRUE(same_bits(ra.train_loss, rb.train_loss)) << at << "train_loss";
    EXPECT_TRUE(same_bits(ra.test_loss, rb.test_loss)) << at << "test_loss";
    EXPECT_TRUE(same_bits(ra.train_score, rb.train_score)) << at << "train_score";
    EXPECT_TRUE(same_bits(ra.test_score, rb.test_score)) << at << "test_score";
    expect_same_vectors(ra.layer_grad_norm, rb.layer_grad_norm, at + "layer_grad_norm");
    expect_same_vectors(ra.layer_weight_norm, rb.layer_weight_norm, at + "layer_weight_norm");
    expect_same_vectors(ra.layer_update_ratio, rb.layer_update_ratio, at + "layer_update_ratio");
  }
  const auto pa = narrow->model().params(), pb = general->model().params();
  ASSERT_EQ(pa.size(), pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i) ASSERT_TRUE(same_bits(pa[i], pb[i])) << "parameter " << i;
  const auto ga = narrow->model().grads(), gb = general->model().grads();
  for (std::size_t i = 0; i < ga.size(); ++i) ASSERT_TRUE(same_bits(ga[i], gb[i])) << "gradient " << i;
}

std::string hidden(const std::vector<std::pair<int, const char*>>& layers) {
  nlohmann::json h = nlohmann::json::array();
  for (const auto& [units, act] : layers) h.push_back({{"units", units}, {"activation", act}});
  return h.dump();
}

TEST(NarrowMlp, TanhBceMiniBatchesWithARaggedLastBatch) {
  // 400 spiral points with a 0.2 test split leave 320 for training: batch 7 leaves a last batch of 5.
  expect_identical_runs(R"({"data": {"source": "spiral"}, "model": {"hidden": )" +
                            hidden({{8, "tanh"}, {8, "tanh"}}) +
                            R"(}, "loss": "bce_logits", "optimizer": {"name": "sgd", "lr": 0.03},
                            "batch_size": 7, "steps": 300, "metrics_every": 37})",
                        300);
}

TEST(NarrowMlp, BceOutputPassOverSeveralChunks) {
  // forward_bce works in chunks of sixteen samples: batches of 37 (a ragged last batch of 24) and the
  // full batch, after a relu layer (whose dZ backward() computes) and after tanh (whose dZ it writes).
  expect_identical_runs(R"({"data": {"source": "spiral"}, "model": {"hidden": )" +
                            hidden({{8, "tanh"}, {4, "relu"}}) +
                            R"(}, "loss": "bce_logits", "optimizer": {"name": "sgd", "lr": 0.03},
                            "batch_size": 37, "steps": 60, "metrics_every": 20})",
                        60);
  expect_identical_runs(R"({"data": {"source": "xor"}, "model": {"hidden": )" +
                            hidden({{3, "sigmoid"}, {8, "tanh"}}) +
                            R"(}, "loss": "bce_logits", "regularization": {"l2": 0.01},
                            "optimizer": {"name": "adam", "lr": 0.01}, "batch_size": "full", "steps": 40})",
                        40);
}

TEST(NarrowMlp, EveryWidthAndActivation) {
  const char* acts[] = {"tanh", "relu", "sigmoid", "linear", "leaky_relu", "elu", "gelu", "softplus"};
  for (int width = 1; width <= 8; ++width)
    for (const char* act : acts)
      expect_identical_runs(R"({"data": {"source": "xor"}, "features": ["linear", "square", "product"],
          "model": {"hidden": )" + hidden({{width, act}, {9 - width, "tanh"}}) +
                                R"(}, "loss": "bce_logits", "optimizer": {"name": "sgd", "lr": 0.1, "momentum": 0.9},
          "batch_size": 10, "steps": 60})",
                            60);
}

TEST(NarrowMlp, MseRegressionWithAdamFullBatchAndPenalties) {
  expect_identical_runs(R"({"data": {"source": "diabetes"}, "model": {"hidden": )" +
                            hidden({{5, "relu"}, {3, "tanh"}, {8, "sigmoid"}}) +
                            R"(}, "loss": "mse", "regularization": {"l1": 0.001, "l2": 0.01},
                            "optimizer": {"name": "adam", "lr": 0.01}, "batch_size": "full", "steps": 80,
                            "metrics_every": 20})",
                        80);
  expect_identical_runs(R"({"data": {"source": "linear"}, "model": {"hidden": )" + hidden({{4, "gelu"}}) +
                            R"(}, "loss": "huber", "optimizer": {"name": "adamw", "lr": 0.01, "weight_decay": 0.1},
                            "clip": {"max_norm": 0.5}, "batch_size": 16, "epochs": 5})",
                        1000);
}

TEST(NarrowMlp, DeepNetsClippingAndOtherLosses) {
  expect_identical_runs(R"({"data": {"source": "circle"}, "model": {"hidden": )" +
                            hidden({{6, "tanh"}, {7, "relu"}, {2, "elu"}, {8, "tanh"}, {1, "tanh"}}) +
                            R"(}, "loss": "hinge", "optimizer": {"name": "sgd", "lr": 0.05, "nesterov": true,
                            "momentum": 0.9, "weight_decay": 0.001}, "clip": {"value": 0.05},
                            "batch_size": 1, "steps": 400, "metrics_every": 100})",
                        400);
  // Three classes: an output layer of three units and the softmax cross-entropy.
  expect_identical_runs(R"({"data": {"source": "iris"}, "model": {"hidden": )" + hidden({{8, "tanh"}}) +
                            R"(}, "optimizer": {"name": "rmsprop", "lr": 0.01}, "batch_size": 32,
                            "regularization": {"l2": 0.001}, "epochs": 20})",
                        1000);
  // No hidden layer: the output layer alone, mini-batches (not the full-batch linear fast path).
  expect_identical_runs(R"({"data": {"source": "gauss"}, "model": {"hidden": []}, "loss": "bce_logits",
                            "optimizer": {"name": "sgd", "lr": 0.1}, "batch_size": 13, "steps": 100,
                            "metrics_every": 25})",
                        100);
}

TEST(NarrowMlp, WiderLayersTakeTheGeneralPath) {
  const auto t = descent::train::make_trainer(nlohmann::json::parse(
      R"({"data": {"source": "xor"}, "model": {"hidden": [{"units": 9, "activation": "tanh"}]}, "steps": 1})"));
  EXPECT_FALSE(t->uses_narrow_path());
}

}  // namespace
