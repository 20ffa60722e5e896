// The training step, the code a run spends its time in: compiled for speed in the WebAssembly
// build, while the rest of the trainer (set-up, evaluation, prediction) is compiled for size.
#include <algorithm>
#include <cmath>

#include "optim/clip.hpp"
#include "train/norm.hpp"
#include "train/trainer.hpp"

namespace descent::train {

StepStatus Trainer::step(long n) {
  status_.evaluated = false;
  for (long i = 0; i < n && !status_.done; ++i) one_step();
  return status_;
}

StepStatus Trainer::run() {
  while (!status_.done) step(1 << 20);
  return status_;
}

// Linear regression on the whole training set, the tutorial's model: one pass computes the output,
// the loss and its gradient with the arithmetic of the general path (every sum in the same order from
// zero, the same double-precision loss), so the results are bit for bit the same, without the
// per-step set-up of views, kernel dispatch and workspace traffic that dominates at this size.
double Trainer::linear_mse_loss_and_grads() {
  const std::size_t n = data_.n_train(), in = static_cast<std::size_t>(model_.inputs());
  const float* x = x_train_.data();
  const float* y = y_train_.data();
  float* d = d_out_.data();
  const auto params = model_.params();
  const float* w = params.data();
  const float bias = params[in];
  float* g = model_.grads().data();
  double total = 0.0;
  if (in == 1) {  // one feature, the tutorial's model: one pass, both gradient sums in registers (−18 % a step)
    float gw = 0.f, gb = 0.f;
    for (std::size_t j = 0; j < n; ++j) {
      const float z = (0.f + w[0] * x[j]) + bias;
      const double diff = static_cast<double>(z) - y[j];
      total += diff * diff;
      const float dj = static_cast<float>(2.0 * diff * full_grad_scale_);
      gw += dj * x[j];
      gb += dj;
    }
    g[0] = gw;
    g[1] = gb;
    return total / static_cast<double>(n);
  }
  for (std::size_t j = 0; j < n; ++j) {
    const float* xj = x + j * in;
    float z = 0.f;
    for (std::size_t p = 0; p < in; ++p) z += w[p] * xj[p];
    z += bias;
    const double diff = static_cast<double>(z) - y[j];
    total += diff * diff;
    d[j] = static_cast<float>(2.0 * diff * full_grad_scale_);
  }
  for (std::size_t p = 0; p < in; ++p) {
    float acc = 0.f;
    for (std::size_t j = 0; j < n; ++j) acc += d[j] * x[j * in + p];
    g[p] = acc;
  }
  float acc = 0.f;
  for (std::size_t j = 0; j < n; ++j) acc += d[j];
  g[in] = acc;
  return total / static_cast<double>(n);
}

double Trainer::general_loss_and_grads(std::size_t b) {
  const std::size_t n = data_.n_train();
  const auto cols = static_cast<Eigen::Index>(b);
  const bool gather = batch_ < n;
  // The narrow path reads the batch's columns of x_train_ in place; only the targets are gathered.
  const bool gather_x = gather && !use_narrow_;
  if (gather) {
    for (std::size_t j = 0; j < b; ++j) y_batch_[j] = y_train_[order_[cursor_ + j]];
  }
  if (gather_x) {
    for (std::size_t j = 0; j < b; ++j)
      x_batch_.col(static_cast<Eigen::Index>(j)) = x_train_.col(order_[cursor_ + j]);
  }
  const float* y = gather || narrow_bce_ ? y_batch_.data() : y_train_.data();
  const std::uint32_t* order = gather ? order_.data() + cursor_ : nullptr;
  const Eigen::Ref<const Eigen::MatrixXf> x = gather_x ? Eigen::Ref<const Eigen::MatrixXf>(x_batch_.leftCols(cols))
                                                       : Eigen::Ref<const Eigen::MatrixXf>(x_train_);

  Eigen::Ref<Eigen::MatrixXf> d_out = d_out_.leftCols(cols);
  const double scale = b == n ? full_grad_scale_ : 1.0 / static_cast<double>(b);
  double data_loss = 0.0;
  if (narrow_bce_) {
    data_loss = narrow_.forward_bce(model_, x_train_.data(), order, b, y, static_cast<float>(scale), d_out_.data()) /
                static_cast<double>(b);
  } else if (use_narrow_) {
    narrow_.forward(model_, x_train_.data(), order, b, out_.data());
    data_loss = nn::loss_sum(config_.loss, out_.leftCols(cols), y, &d_out, scale) / static_cast<double>(b);
  } else {
    const auto out = model_.forward(x, train_ws_);
    data_loss = nn::loss_sum(config_.loss, out, y, &d_out, scale) / static_cast<double>(b);
  }
  const bool regularized = config_.regularization.active();
  const double loss = regularized ? data_loss + nn::penalty(model_, config_.regularization) : data_loss;
  if (use_narrow_) {
    narrow_.backward(model_, x_train_.data(), order, b, d_out_.data());
  } else {
    model_.backward(x, d_out, train_ws_);
  }
  if (regularized) nn::add_penalty_grad(model_, config_.regularization);
  return loss;
}

void Trainer::one_step() {
  const std::size_t n = data_.n_train();
  if (cursor_ == 0 && batch_ < n) rng_.shuffle(std::span<std::uint32_t>(order_));
  const std::size_t b = std::min(batch_, n - cursor_);

  const double lr = schedule_->current();
  const double loss = linear_mse_ ? linear_mse_loss_and_grads() : general_loss_and_grads(b);
  const auto grads = model_.grads();
  const double grad_norm = l2_norm(grads);
  const auto params = model_.params();
  const float w0 = model_.size() == 2 ? params[0] : 0.f, b0 = model_.size() == 2 ? params[1] : 0.f;

  if (!std::isfinite(loss) || !std::isfinite(grad_norm)) {
    log_.push(static_cast<float>(loss), static_cast<float>(lr), static_cast<float>(grad_norm), w0, b0);
    status_.diverged_at = status_.steps;
    status_.reason = StopReason::diverged;
    status_.done = true;
    return;
  }
  if (config_.clip == ClipMode::norm) clip_grad_norm(grads, config_.clip_threshold);
  if (config_.clip == ClipMode::value) clip_grad_value(grads, config_.clip_threshold);
  // The parameters before the update are read only by an evaluation right after this step (the
  // update ratio), and whether one follows is known now: a copy every step cost ≈ 2 % of a small
  // network's step.
  const bool epoch_end = cursor_ + b >= n;
  const bool eval_follows =
      (config_.metrics_every > 0 ? status_.steps + 1 == next_eval_ : epoch_end) ||
      (config_.max_steps > 0 && status_.steps + 1 >= config_.max_steps) ||
      (config_.max_epochs > 0 && status_.epoch + (epoch_end ? 1 : 0) >= config_.max_epochs);
  if (eval_follows) {
    if (params.size() <= 64) {  // a library call costs more than the copy for tiny models
      for (std::size_t i = 0; i < params.size(); ++i) prev_params_[i] = params[i];
    } else {
      std::copy(params.begin(), params.end(), prev_params_.begin());
    }
    prev_params_step_ = status_.steps + 1;
  }
  optimizer_->step(params, grads, lr);
  log_.push(static_cast<float>(loss), static_cast<float>(lr), static_cast<float>(grad_norm), w0, b0);

  ++status_.steps;
  cursor_ += b;
  epoch_loss_sum_ += loss;
  ++epoch_batches_;
  if (epoch_end) {
    cursor_ = 0;
    ++status_.epoch;
  }
  if (!config_.schedule_per_epoch) {
    schedule_->advance(loss);
  } else if (epoch_end) {
    schedule_->advance(epoch_loss_sum_ / static_cast<double>(epoch_batches_));
  }
  if (epoch_end) {
    epoch_loss_sum_ = 0.0;
    epoch_batches_ = 0;
  }

  if (config_.max_steps > 0 && status_.steps >= config_.max_steps) status_.reason = StopReason::max_steps;
  if (config_.max_epochs > 0 && status_.epoch >= config_.max_epochs) status_.reason = StopReason::max_epochs;
  // A running target instead of steps % metrics_every: an integer division per step cost more than
  // a linear model's whole update.
  bool due = epoch_end;
  if (config_.metrics_every > 0) {
    due = status_.steps == next_eval_;
    if (due) next_eval_ += config_.metrics_every;
  }
  if (!due && status_.reason == StopReason::running) return;

  const auto& rec = evaluate();
  status_.evaluated = true;
  if (status_.reason == StopReason::running && config_.target_loss >= 0.0 && rec.train_loss <= config_.target_loss)
    status_.reason = StopReason::target_loss;
  const double monitored = data_.n_test() > 0 ? rec.test_loss : rec.train_loss;
  if (monitored < best_test_) {
    best_test_ = monitored;
    bad_evals_ = 0;
  } else {
    ++bad_evals_;
  }
  if (status_.reason == StopReason::running && config_.patience > 0 && bad_evals_ >= config_.patience)
    status_.reason = StopReason::early_stopping;
  status_.done = status_.reason != StopReason::running;
}

}  // namespace descent::train
