#include "train/trainer.hpp"

#include "optim/clip.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace descent::train {

namespace {

constexpr std::size_t kEvalChunk = 1024;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Four interleaved partial sums: one serial chain of double adds cost ~8 % of a W3 step. The order
// is fixed, so native and WebAssembly agree.
double norm(std::span<const float> v) {
  double s[4] = {0.0, 0.0, 0.0, 0.0};
  const std::size_t n4 = v.size() - v.size() % 4;
  for (std::size_t i = 0; i < n4; i += 4)
    for (std::size_t l = 0; l < 4; ++l) s[l] += static_cast<double>(v[i + l]) * v[i + l];
  // The tail by constant indices: s[i − n4] would keep the sums in memory, a store-to-load chain
  // that cost a third of a linear model's step.
  const std::size_t r = v.size() - n4;
  if (r > 0) s[0] += static_cast<double>(v[n4]) * v[n4];
  if (r > 1) s[1] += static_cast<double>(v[n4 + 1]) * v[n4 + 1];
  if (r > 2) s[2] += static_cast<double>(v[n4 + 2]) * v[n4 + 2];
  return std::sqrt((s[0] + s[1]) + (s[2] + s[3]));
}

double diff_norm(std::span<const float> a, std::span<const float> b) {
  double s = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = static_cast<double>(a[i]) - b[i];
    s += d * d;
  }
  return std::sqrt(s);
}

}  // namespace

std::string to_string(StopReason r) {
  switch (r) {
    case StopReason::running: return "running";
    case StopReason::max_steps: return "max_steps";
    case StopReason::max_epochs: return "max_epochs";
    case StopReason::target_loss: return "target_loss";
    case StopReason::early_stopping: return "early_stopping";
    case StopReason::diverged: return "diverged";
  }
  return "running";
}

Trainer::Trainer(Dataset data, nn::FeatureCrosses features, nn::Model model, TrainConfig config)
    : data_(std::move(data)), features_(features), model_(std::move(model)), config_(std::move(config)) {
  const std::size_t n = data_.n_train();
  if (n == 0) throw std::invalid_argument("data: the training set is empty");
  if (data_.x_train.size() != n * data_.n_features || data_.x_test.size() != data_.n_test() * data_.n_features)
    throw std::invalid_argument("data: feature matrix size does not match n_features");
  const auto inputs = features_.output_size(data_.n_features);
  if (static_cast<std::size_t>(model_.inputs()) != inputs)
    throw std::invalid_argument("model: expects " + std::to_string(model_.inputs()) + " inputs but the features give " +
                                std::to_string(inputs));
  if (nn::is_multiclass(config_.loss.kind)) {
    for (float y : data_.y_train)
      if (y < 0.f || y >= static_cast<float>(model_.outputs()) || y != std::floor(y))
        throw std::invalid_argument("data: class ids must be integers in [0, " +
                                    std::to_string(model_.outputs()) + ") for loss cross_entropy");
  } else if (model_.outputs() != 1) {
    throw std::invalid_argument("model: loss " + nn::to_string(config_.loss.kind) + " needs exactly one output");
  }
  if (config_.max_steps <= 0 && config_.max_epochs <= 0)
    throw std::invalid_argument("train: set epochs or steps");

  x_train_ = expand(data_.x_train, n);
  x_test_ = expand(data_.x_test, data_.n_test());
  // Regression targets are standardised when the features were (the data set's choice), so default
  // learning rates work whatever the units; predictions are mapped back. Unstandardised sets such as
  // the tutorial's five points train on the raw targets, as the golden cases do.
  bool standardised = false;
  for (std::size_t j = 0; j < data_.feature_mean.size() && j < data_.feature_scale.size(); ++j)
    standardised = standardised || data_.feature_mean[j] != 0.f || data_.feature_scale[j] != 1.f;
  if (!standardised) {
    data_.target_mean = 0.f;
    data_.target_scale = 1.f;
  }
  auto standardise = [&](const std::vector<float>& y) {
    if (nn::is_classification(config_.loss.kind)) return y;
    std::vector<float> out(y.size());
    for (std::size_t i = 0; i < y.size(); ++i) out[i] = (y[i] - data_.target_mean) / data_.target_scale;
    return out;
  };
  y_train_ = standardise(data_.y_train);
  y_test_ = standardise(data_.y_test);

  batch_ = config_.batch_size == 0 ? n : std::min(config_.batch_size, n);
  optimizer_ = make_optimizer<float>(config_.optimizer);
  optimizer_->init(model_.size());
  schedule_ = make_schedule(config_.schedule, optimizer_->base_lr());
  rng_.reseed(config_.seed);
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0u);

  const auto& layers = model_.layers();
  train_ws_ = nn::Workspace(layers, batch_);
  eval_ws_ = nn::Workspace(layers, std::min(kEvalChunk, std::max(n, data_.n_test())));
  x_batch_.resize(static_cast<Eigen::Index>(inputs), static_cast<Eigen::Index>(batch_));
  y_batch_.resize(batch_);
  d_out_.resize(model_.outputs(), static_cast<Eigen::Index>(batch_));
  use_narrow_ = config_.narrow_path && nn::NarrowMlp::fits(model_);
  if (use_narrow_) {
    narrow_ = nn::NarrowMlp(model_, batch_);
    out_.resize(model_.outputs(), static_cast<Eigen::Index>(batch_));
  }
  prev_params_.assign(model_.size(), 0.f);
  next_eval_ = config_.metrics_every;
  full_grad_scale_ = 1.0 / static_cast<double>(n);
  linear_mse_ = layers.size() == 1 && layers[0].out == 1 && layers[0].activation == nn::Activation::linear &&
                config_.loss.kind == nn::LossKind::mse && batch_ == n && !config_.regularization.active();
  best_test_ = std::numeric_limits<double>::infinity();
}

Eigen::MatrixXf Trainer::expand(const std::vector<float>& rows, std::size_t n) const {
  const auto inputs = features_.output_size(data_.n_features);
  Eigen::MatrixXf x(static_cast<Eigen::Index>(inputs), static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i)
    features_.expand(rows.data() + i * data_.n_features, data_.n_features, x.col(static_cast<Eigen::Index>(i)).data());
  return x;
}

std::size_t Trainer::classes() const {
  if (nn::is_multiclass(config_.loss.kind)) return static_cast<std::size_t>(model_.outputs());
  return nn::is_classification(config_.loss.kind) ? 2 : 0;
}

double Trainer::current_lr() const { return schedule_->current(); }

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
  double total = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const float* xj = x + j * in;
    float z = 0.f;
    for (std::size_t p = 0; p < in; ++p) z += w[p] * xj[p];
    z += bias;
    const double diff = static_cast<double>(z) - y[j];
    total += diff * diff;
    d[j] = static_cast<float>(2.0 * diff * full_grad_scale_);
  }
  float* g = model_.grads().data();
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
  const float* y = gather ? y_batch_.data() : y_train_.data();
  const std::uint32_t* order = gather ? order_.data() + cursor_ : nullptr;
  const Eigen::Ref<const Eigen::MatrixXf> x = gather_x ? Eigen::Ref<const Eigen::MatrixXf>(x_batch_.leftCols(cols))
                                                       : Eigen::Ref<const Eigen::MatrixXf>(x_train_);

  Eigen::Ref<Eigen::MatrixXf> d_out = d_out_.leftCols(cols);
  const double scale = b == n ? full_grad_scale_ : 1.0 / static_cast<double>(b);
  double data_loss = 0.0;
  if (use_narrow_) {
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
  const double grad_norm = norm(grads);
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
  const bool epoch_ends = cursor_ + b >= n;
  const bool eval_follows =
      (config_.metrics_every > 0 ? status_.steps + 1 == next_eval_ : epoch_ends) ||
      (config_.max_steps > 0 && status_.steps + 1 >= config_.max_steps) ||
      (config_.max_epochs > 0 && status_.epoch + (epoch_ends ? 1 : 0) >= config_.max_epochs);
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
  const bool epoch_end = cursor_ >= n;
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

double Trainer::evaluate_set(const Eigen::MatrixXf& x, const std::vector<float>& y, ScoreAccumulator& score) {
  double sum = 0.0;
  const bool classification = nn::is_classification(config_.loss.kind);
  const bool multiclass = nn::is_multiclass(config_.loss.kind);
  const auto chunk = static_cast<Eigen::Index>(eval_ws_.capacity());
  for (Eigen::Index s = 0; s < x.cols(); s += chunk) {
    const Eigen::Index m = std::min(chunk, x.cols() - s);
    const auto out = model_.forward(x.middleCols(s, m), eval_ws_);
    sum += nn::loss_sum(config_.loss, out, y.data() + s, nullptr, 0.0);
    for (Eigen::Index j = 0; j < m; ++j) {
      const float target = y[static_cast<std::size_t>(s + j)];
      if (multiclass) {
        Eigen::Index best = 0;
        out.col(j).maxCoeff(&best);
        score.add_class(static_cast<int>(best), static_cast<int>(target));
      } else if (classification) {
        score.add_class(out(0, j) > 0.f ? 1 : 0, target > 0.5f ? 1 : 0);
      } else {
        score.add_value(out(0, j), target);
      }
    }
  }
  return sum;
}

double Trainer::train_objective() {
  ScoreAccumulator ignored(false, 0);
  return evaluate_set(x_train_, y_train_, ignored) / static_cast<double>(data_.n_train()) +
         nn::penalty(model_, config_.regularization);
}

const EvalRecord& Trainer::evaluate() {
  EvalRecord rec;
  rec.step = status_.steps;
  rec.epoch = status_.epoch;
  rec.lr = status_.steps > 0 ? log_.lr(static_cast<std::size_t>(status_.steps - 1)) : schedule_->current();
  const bool classification = nn::is_classification(config_.loss.kind);
  ScoreAccumulator train(classification, classes()), test(classification, classes());
  rec.train_loss = evaluate_set(x_train_, y_train_, train) / static_cast<double>(data_.n_train()) +
                   nn::penalty(model_, config_.regularization);
  rec.train_score = train.score();
  if (data_.n_test() > 0) {
    rec.test_loss = evaluate_set(x_test_, y_test_, test) / static_cast<double>(data_.n_test());
    rec.test_score = test.score();
    confusion_ = test.confusion();
  } else {
    rec.test_loss = rec.test_score = kNaN;
    confusion_ = train.confusion();
  }
  const auto params = model_.params();
  const auto grads = model_.grads();
  // Called by hand after a step that no evaluation followed, there are no saved parameters to compare.
  const bool has_prev = status_.steps > 0 && prev_params_step_ == status_.steps;
  for (std::size_t l = 0; l < model_.layers().size(); ++l) {
    const std::size_t a = model_.weight_offset(l), len = model_.layer_end(l) - a;
    const auto p = params.subspan(a, len);
    const auto prev = std::span<const float>(prev_params_).subspan(a, len);
    rec.layer_grad_norm.push_back(norm(grads.subspan(a, len)));
    rec.layer_weight_norm.push_back(norm(p));
    const double prev_norm = norm(prev);
    rec.layer_update_ratio.push_back(has_prev && prev_norm > 0.0 ? diff_norm(p, prev) / prev_norm : kNaN);
  }
  evals_.push_back(std::move(rec));
  return evals_.back();
}

void Trainer::predict(const float* rows, std::size_t n, float* out) {
  const auto inputs = features_.output_size(data_.n_features);
  Eigen::MatrixXf x(static_cast<Eigen::Index>(inputs), static_cast<Eigen::Index>(std::min(n, eval_ws_.capacity())));
  const auto chunk = static_cast<std::size_t>(x.cols());
  const auto kind = config_.loss.kind;
  for (std::size_t s = 0; s < n; s += chunk) {
    const std::size_t m = std::min(chunk, n - s);
    for (std::size_t i = 0; i < m; ++i)
      features_.expand(rows + (s + i) * data_.n_features, data_.n_features, x.col(static_cast<Eigen::Index>(i)).data());
    const auto o = model_.forward(x.leftCols(static_cast<Eigen::Index>(m)), eval_ws_);
    for (std::size_t i = 0; i < m; ++i) {
      const auto j = static_cast<Eigen::Index>(i);
      float v = o(0, j);
      if (kind == nn::LossKind::cross_entropy) {
        Eigen::Index best = 0;
        o.col(j).maxCoeff(&best);
        v = static_cast<float>(best);
      } else if (kind == nn::LossKind::bce_logits) {
        v = 1.f / (1.f + std::exp(-v));
      } else if (!nn::is_classification(kind)) {
        v = v * data_.target_scale + data_.target_mean;
      }  // hinge: the raw score f, whose sign is the class
      out[s + i] = v;
    }
  }
}

Grid Trainer::prediction_grid(int resolution) {
  const std::size_t nf = data_.n_features;
  if (nf != 1 && nf != 2) throw std::invalid_argument("prediction grid: needs 1 or 2 input features, data has " + std::to_string(nf));
  if (resolution < 2 || resolution > 512) throw std::invalid_argument("prediction grid: resolution must be in [2, 512]");
  double lo[2] = {0, 0}, hi[2] = {0, 0};
  for (std::size_t f = 0; f < nf; ++f) {
    lo[f] = std::numeric_limits<double>::infinity();
    hi[f] = -lo[f];
    for (const auto* rows : {&data_.x_train, &data_.x_test})
      for (std::size_t i = f; i < rows->size(); i += nf) {
        lo[f] = std::min(lo[f], static_cast<double>((*rows)[i]));
        hi[f] = std::max(hi[f], static_cast<double>((*rows)[i]));
      }
    const double pad = hi[f] > lo[f] ? 0.1 * (hi[f] - lo[f]) : 1.0;
    lo[f] -= pad;
    hi[f] += pad;
  }
  Grid g;
  g.nx = resolution;
  g.ny = nf == 2 ? resolution : 1;
  g.x0 = lo[0], g.x1 = hi[0], g.y0 = lo[1], g.y1 = hi[1];
  std::vector<float> rows(static_cast<std::size_t>(g.nx * g.ny) * nf);
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      float* r = rows.data() + static_cast<std::size_t>(j * g.nx + i) * nf;
      r[0] = static_cast<float>(g.x0 + (g.x1 - g.x0) * i / (g.nx - 1));
      if (nf == 2) r[1] = static_cast<float>(g.y0 + (g.y1 - g.y0) * j / (g.ny - 1));
    }
  g.values.resize(static_cast<std::size_t>(g.nx * g.ny));
  predict(rows.data(), g.values.size(), g.values.data());
  return g;
}

}  // namespace descent::train
