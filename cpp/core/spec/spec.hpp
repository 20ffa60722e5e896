#pragma once
// The experiment spec: one flat JSON document that the CLI reads, the worker receives and the URL
// hash encodes. parse_spec() validates every field; errors are std::invalid_argument whose message
// starts with the field's path (e.g. "optimizer.betas[1]" or "model.hidden[0].units") and names the
// allowed values. docs/experiment.md and docs/schema/experiment.schema.json describe the fields.
#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "nn/activation.hpp"
#include "nn/features.hpp"
#include "nn/init.hpp"
#include "nn/loss.hpp"
#include "nn/regularization.hpp"
#include "train/trainer.hpp"

namespace descent::spec {

inline constexpr int kMaxHiddenLayers = 8;
inline constexpr int kMaxUnits = 256;

struct HiddenLayer {
  int units = 0;
  nn::Activation activation = nn::Activation::tanh;
};

struct ExperimentSpec {
  nlohmann::json data;  // validated by load_data()
  nn::FeatureCrosses features;
  std::vector<HiddenLayer> hidden;
  nn::InitScheme init = nn::InitScheme::xavier_uniform;
  std::uint64_t init_seed = 0;
  nlohmann::json weights;  // explicit initial weights (golden format) or null
  std::optional<nn::LossKind> loss;  // unset: chosen from the data's task
  double huber_delta = 1.0;
  nn::Regularization regularization;
  nlohmann::json optimizer;  // {"name", options...}, defaults filled in
  nlohmann::json schedule;   // null or {"name", ...}
  bool schedule_per_epoch = false;
  std::size_t batch_size = 32;  // 0: full batch
  long epochs = 0;
  long steps = 0;
  double target_loss = -1.0;
  int patience = 0;
  train::ClipMode clip = train::ClipMode::none;
  double clip_threshold = 0.0;
  std::uint64_t seed = 0;
  long metrics_every = 0;  // 0: every epoch
};

ExperimentSpec parse_spec(const nlohmann::json& doc);
// The normalised document (defaults filled in); parse_spec(to_json(s)) gives s back.
nlohmann::json to_json(const ExperimentSpec& s);

}  // namespace descent::spec
