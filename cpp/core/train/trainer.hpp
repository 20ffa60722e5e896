#pragma once
// Trains a Model on a Dataset: full batch, mini-batch or SGD (batch 1), per-epoch shuffling with
// descent::Rng, lr schedule stepped per step or per epoch, clipping, stop conditions, metrics.
// After construction, step() never allocates (evaluation passes may).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "data/dataset.hpp"
#include "nn/features.hpp"
#include "nn/loss.hpp"
#include "nn/model.hpp"
#include "nn/narrow_mlp.hpp"
#include "nn/regularization.hpp"
#include "optim/optimizer.hpp"
#include "random.hpp"
#include "schedule/schedule.hpp"
#include "train/metrics.hpp"
#include "train/step_log.hpp"

namespace descent::train {

enum class ClipMode { none, norm, value };

struct TrainConfig {
  nn::Loss loss;
  nn::Regularization regularization;
  nlohmann::json optimizer = {{"name", "sgd"}, {"lr", 0.01}};
  nlohmann::json schedule;        // null: constant lr
  bool schedule_per_epoch = false;
  std::size_t batch_size = 0;     // 0: the whole training set
  long max_epochs = 0;            // 0: no limit (max_steps must then be set)
  long max_steps = 0;             // 0: no limit
  double target_loss = -1.0;      // stop once the evaluated train loss is ≤ this (< 0: off)
  int patience = 0;               // stop after this many evaluations without a better test loss (0: off)
  ClipMode clip = ClipMode::none;
  double clip_threshold = 0.0;    // max_norm (global L2 norm) or value (element-wise)
  std::uint64_t seed = 0;         // shuffling
  long metrics_every = 0;         // evaluate every k steps; 0: at each epoch end
  // Networks at most nn::NarrowMlp::kMaxWidth units wide train through the fused NarrowMlp passes, a
  // full-batch linear regression through one fused pass; false forces the general layer-by-layer path
  // (the tests compare them bit for bit).
  bool narrow_path = true;
};

enum class StopReason { running, max_steps, max_epochs, target_loss, early_stopping, diverged };
std::string to_string(StopReason r);

struct StepStatus {
  long steps = 0;            // optimizer steps done so far
  long epoch = 0;            // completed epochs
  bool done = false;
  StopReason reason = StopReason::running;
  long diverged_at = -1;     // the step whose loss or gradient was not finite
  bool evaluated = false;    // an evaluation record was added during this call
};

struct Grid {
  int nx = 0, ny = 0;                  // ny = 1 for a curve
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  std::vector<float> values;           // row-major: values[j * nx + i] at (x_i, y_j)
};

class Trainer {
 public:
  Trainer(Dataset data, nn::FeatureCrosses features, nn::Model model, TrainConfig config);

  // Runs up to n steps (stopping early at a stop condition); never throws on divergence.
  StepStatus step(long n);
  // Until a stop condition; requires max_steps or max_epochs.
  StepStatus run();
  const StepStatus& status() const { return status_; }

  const StepLog& log() const { return log_; }
  const std::vector<EvalRecord>& evals() const { return evals_; }
  const std::vector<long>& confusion() const { return confusion_; }  // classes × classes, latest eval

  // Evaluates train/test loss and scores at the current parameters and appends an EvalRecord.
  const EvalRecord& evaluate();
  // Objective (data loss + penalty) over the whole training set at the current parameters.
  double train_objective();

  // Model output for raw-feature rows (row-major, data().n_features per row): P(class 1) for binary
  // tasks, the predicted class id for multiclass, the prediction in target units for regression.
  void predict(const float* rows, std::size_t n, float* out);
  // predict() over a grid spanning the data (±10%): a curve for 1 input, a surface for 2 inputs.
  Grid prediction_grid(int resolution);

  nn::Model& model() { return model_; }
  const nn::Model& model() const { return model_; }
  const Dataset& data() const { return data_; }
  const TrainConfig& config() const { return config_; }
  const nn::FeatureCrosses& features() const { return features_; }
  Optimizer<float>& optimizer() { return *optimizer_; }
  std::size_t classes() const;
  bool uses_narrow_path() const { return use_narrow_; }
  double current_lr() const;

 private:
  void one_step();
  double general_loss_and_grads(std::size_t b);
  double linear_mse_loss_and_grads();
  double evaluate_set(const Eigen::MatrixXf& x, const std::vector<float>& y, ScoreAccumulator& score);
  Eigen::MatrixXf expand(const std::vector<float>& rows, std::size_t n) const;

  Dataset data_;
  nn::FeatureCrosses features_;
  nn::Model model_;
  TrainConfig config_;
  std::unique_ptr<Optimizer<float>> optimizer_;
  std::unique_ptr<Schedule> schedule_;
  Rng rng_;

  Eigen::MatrixXf x_train_, x_test_;   // expanded features × samples
  std::vector<float> y_train_, y_test_;  // standardised for regression
  Eigen::MatrixXf x_batch_;
  std::vector<float> y_batch_;
  Eigen::MatrixXf out_, d_out_;     // the network's outputs (narrow path without narrow_bce_) and dLoss/dOutput
  std::vector<std::uint32_t> order_;
  std::vector<float> prev_params_;   // before the update that made status_.steps == prev_params_step_
  long prev_params_step_ = 0;
  nn::Workspace train_ws_, eval_ws_;
  nn::NarrowMlp narrow_;
  bool use_narrow_ = false;
  bool narrow_bce_ = false;          // the narrow path computes the BCE loss in its output pass

  std::size_t batch_ = 0, cursor_ = 0;
  long next_eval_ = 0;               // with metrics_every: the step count of the next evaluation
  double full_grad_scale_ = 0.0;     // 1/batch for full batches, computed once
  bool linear_mse_ = false;          // one linear unit, MSE, full batch, no penalty: the fused path
  double epoch_loss_sum_ = 0.0;
  long epoch_batches_ = 0;
  double best_test_ = 0.0;
  int bad_evals_ = 0;
  StepStatus status_;
  StepLog log_;
  std::vector<EvalRecord> evals_;
  std::vector<long> confusion_;
};

}  // namespace descent::train
