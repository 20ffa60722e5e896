#include "train/golden_case.hpp"

#include <stdexcept>
#include <string>

#include "nn/init.hpp"
#include "train/trainer.hpp"

namespace descent::train {
namespace {

// Golden files are user input to `descent replay`: a count given as 1e49 or 2.5 must be an error,
// not an out-of-range conversion.
long whole_number(const nlohmann::json& v, const std::string& where, long lo, long hi) {
  if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
    throw std::invalid_argument(where + ": expected an integer from " + std::to_string(lo) + " to " +
                                std::to_string(hi) + ", got " + v.dump());
  return static_cast<long>(v.get<long long>());
}

}  // namespace

nlohmann::json replay_training_case(const nlohmann::json& c) {
  const std::string name = c.value("name", std::string("?"));
  if (c.value("batch", std::string("full")) != "full")
    throw std::invalid_argument(name + ".batch: only \"full\" is supported");
  const auto& X = c.at("data").at("X");
  const auto& Y = c.at("data").at("y");
  if (!X.is_array() || X.empty() || X.size() != Y.size())
    throw std::invalid_argument(name + ".data: X and y must be non-empty arrays of the same length");

  nn::Loss loss;
  loss.kind = nn::parse_loss(c.at("loss").get<std::string>(), name + ".loss");
  if (c.contains("loss_params") && c["loss_params"].contains("delta")) loss.delta = c["loss_params"]["delta"].get<double>();

  Dataset data;
  data.name = name;
  data.n_features = X[0].size();
  data.task = nn::is_multiclass(loss.kind) ? Task::multiclass
              : nn::is_classification(loss.kind) ? Task::binary
                                                 : Task::regression;
  for (std::size_t i = 0; i < X.size(); ++i) {
    if (X[i].size() != data.n_features) throw std::invalid_argument(name + ".data.X[" + std::to_string(i) + "]: wrong length");
    for (const auto& v : X[i]) data.x_train.push_back(v.get<float>());
    data.y_train.push_back(Y[i].get<float>());
  }

  std::vector<nn::LayerShape> layers;
  const auto& layer_specs = c.at("model").at("layers");
  for (std::size_t l = 0; l < layer_specs.size(); ++l) {
    const auto& s = layer_specs[l];
    const std::string where = name + ".model.layers[" + std::to_string(l) + "]";
    layers.push_back({static_cast<int>(whole_number(s.at("in"), where + ".in", 1, 4096)),
                      static_cast<int>(whole_number(s.at("out"), where + ".out", 1, 4096)),
                      nn::parse_activation(s.at("activation").get<std::string>(),
                                           name + ".model.layers[" + std::to_string(l) + "].activation")});
  }
  nn::Model model(layers);
  nn::set_weights(model, c.at("model").at("init"), name + ".model.init");

  TrainConfig cfg;
  cfg.loss = loss;
  if (c.contains("regularization")) {
    cfg.regularization.l1 = c["regularization"].value("l1", 0.0);
    cfg.regularization.l2 = c["regularization"].value("l2", 0.0);
  }
  cfg.optimizer = c.at("optimizer");
  cfg.schedule = c.value("schedule", nlohmann::json());
  cfg.max_steps = whole_number(c.at("steps"), name + ".steps", 0, 1000000);
  cfg.metrics_every = cfg.max_steps;  // only the final evaluation

  Trainer trainer(std::move(data), nn::FeatureCrosses{}, std::move(model), cfg);
  const auto status = trainer.run();
  if (status.reason == StopReason::diverged)
    throw std::runtime_error(name + ": diverged at step " + std::to_string(status.diverged_at));

  auto losses = nlohmann::json::array();
  for (long k = 0; k < cfg.max_steps; ++k) losses.push_back(static_cast<double>(trainer.log().loss(static_cast<std::size_t>(k))));
  losses.push_back(trainer.train_objective());
  nlohmann::json out = c;
  out["losses"] = std::move(losses);
  out["final_params"] = nn::get_weights(trainer.model());
  return out;
}

}  // namespace descent::train
