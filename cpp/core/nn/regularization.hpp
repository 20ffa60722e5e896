#pragma once
// Penalties on weight matrices only (biases are never regularised):
// λ1·Σ|W| + λ2·ΣW², gradient λ1·sign(W) (0 at W = 0) + 2·λ2·W — λ2 is not halved.
#include "nn/model.hpp"

namespace descent::nn {

struct Regularization {
  double l1 = 0.0;
  double l2 = 0.0;
  bool active() const { return l1 != 0.0 || l2 != 0.0; }
};

double penalty(const Model& model, const Regularization& reg);
// Adds the penalty's gradient to model.grads().
void add_penalty_grad(Model& model, const Regularization& reg);

}  // namespace descent::nn
