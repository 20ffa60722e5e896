#include "train/trainer.hpp"

#include "train/norm.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace descent::train {

namespace {

constexpr std::size_t kEvalChunk = 1024;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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
    narrow_bce_ = config_.loss.kind == nn::LossKind::bce_logits && narrow_.fuses_bce();
    if (!narrow_bce_) out_.resize(model_.outputs(), static_cast<Eigen::Index>(batch_));
    if (narrow_bce_) {  // forward_bce reads the targets in whole chunks of 16; a full batch's are copied once
      y_batch_.resize((batch_ + 15) / 16 * 16, 0.f);
      if (batch_ == n) std::copy(y_train_.begin(), y_train_.end(), y_batch_.begin());
    }
  }
  prev_params_.assign(model_.size(), 0.f);
  next_eval_ = config_.metrics_every;
  full_grad_scale_ = 1.0 / static_cast<double>(n);
  linear_mse_ = config_.narrow_path && layers.size() == 1 && layers[0].out == 1 && layers[0].activation == nn::Activation::linear &&
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
    rec.layer_grad_norm.push_back(l2_norm(grads.subspan(a, len)));
    rec.layer_weight_norm.push_back(l2_norm(p));
    const double prev_norm = l2_norm(prev);
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
