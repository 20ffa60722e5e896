#pragma once
// Loss landscapes over the training set (objective = data loss + penalty) around the current weights.
#include <cstdint>
#include <vector>

#include "train/trainer.hpp"

namespace descent::train {

struct Landscape {
  Grid grid;                       // x = θ0 (or α), y = θ1 (or β)
  std::vector<float> path_x, path_y;  // the optimizer's path (exact landscape only), oldest first
};

// Exactly over (θ0 = w, θ1 = b) for a one-input linear model (no hidden layers, one output), with
// the trajectory of the logged steps and the current point. The grid spans the path with margin.
Landscape parameter_landscape(Trainer& trainer, int resolution);

// Along two random directions, each filter-normalised (Li et al. 2018: every row of every W is
// rescaled to that row's norm; bias components are zero), at θ + α·d1 + β·d2 for α, β in [−span, span].
Landscape random_landscape(Trainer& trainer, int resolution, double span, std::uint64_t seed);

}  // namespace descent::train
