#include "train/experiment.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "data/load.hpp"
#include "nn/init.hpp"
#include "random.hpp"

namespace descent::train {

namespace {

const char* task_name(Task t) {
  return t == Task::regression ? "regression" : t == Task::binary ? "binary classification" : "multiclass classification";
}

nn::LossKind resolve_loss(const spec::ExperimentSpec& spec, const Dataset& data) {
  if (!spec.loss) {
    return data.task == Task::regression ? nn::LossKind::mse
           : data.task == Task::binary   ? nn::LossKind::bce_logits
                                         : nn::LossKind::cross_entropy;
  }
  const auto k = *spec.loss;
  const bool ok = data.task == Task::regression ? !nn::is_classification(k)
                  : data.task == Task::binary   ? nn::is_classification(k)
                                                : k == nn::LossKind::cross_entropy;
  if (!ok) {
    const char* allowed = data.task == Task::regression ? "mse, mae, huber"
                          : data.task == Task::binary   ? "bce_logits, hinge, cross_entropy"
                                                        : "cross_entropy";
    throw std::invalid_argument("loss: '" + nn::to_string(k) + "' does not fit " + task_name(data.task) +
                                " data (allowed: " + allowed + ")");
  }
  return k;
}

int class_count(const Dataset& data) {
  if (!data.class_names.empty()) return static_cast<int>(data.class_names.size());
  float top = 0.f;
  for (float y : data.y_train) top = std::max(top, y);
  return static_cast<int>(top) + 1;
}

}  // namespace

std::unique_ptr<Trainer> make_trainer(const spec::ExperimentSpec& spec, Dataset data) {
  TrainConfig cfg;
  cfg.loss = {resolve_loss(spec, data), spec.huber_delta};
  cfg.regularization = spec.regularization;
  cfg.optimizer = spec.optimizer;
  cfg.schedule = spec.schedule;
  cfg.schedule_per_epoch = spec.schedule_per_epoch;
  cfg.batch_size = spec.batch_size;
  cfg.max_epochs = spec.epochs;
  cfg.max_steps = spec.steps;
  cfg.target_loss = spec.target_loss;
  cfg.patience = spec.patience;
  cfg.clip = spec.clip;
  cfg.clip_threshold = spec.clip_threshold;
  cfg.seed = spec.seed;
  cfg.metrics_every = spec.metrics_every;

  std::vector<nn::LayerShape> layers;
  int width = static_cast<int>(spec.features.output_size(data.n_features));
  for (const auto& h : spec.hidden) {
    layers.push_back({width, h.units, h.activation});
    width = h.units;
  }
  const int outputs = nn::is_multiclass(cfg.loss.kind) ? class_count(data) : 1;
  layers.push_back({width, outputs, nn::Activation::linear});
  nn::Model model(layers);
  if (!spec.weights.is_null()) {
    nn::set_weights(model, spec.weights, "model.weights");
  } else {
    Rng rng(spec.init_seed);
    nn::initialize(model, spec.init, rng);
  }
  return std::make_unique<Trainer>(std::move(data), spec.features, std::move(model), std::move(cfg));
}

std::unique_ptr<Trainer> make_trainer(const nlohmann::json& doc, std::string_view csv_bytes) {
  const auto spec = spec::parse_spec(doc);
  return make_trainer(spec, load_data(spec.data, csv_bytes));
}

}  // namespace descent::train
