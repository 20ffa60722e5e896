#include "nn/regularization.hpp"

#include <cmath>

namespace descent::nn {

double penalty(const Model& model, const Regularization& reg) {
  if (!reg.active()) return 0.0;
  double abs_sum = 0.0, sq_sum = 0.0;
  for (std::size_t l = 0; l < model.layers().size(); ++l) {
    const auto W = model.W(l);
    for (Eigen::Index i = 0; i < W.size(); ++i) {
      const double w = W.data()[i];
      abs_sum += std::abs(w);
      sq_sum += w * w;
    }
  }
  return reg.l1 * abs_sum + reg.l2 * sq_sum;
}

void add_penalty_grad(Model& model, const Regularization& reg) {
  if (!reg.active()) return;
  const auto l1 = static_cast<float>(reg.l1), two_l2 = static_cast<float>(2.0 * reg.l2);
  for (std::size_t l = 0; l < model.layers().size(); ++l) {
    const auto W = model.W(l);
    auto dW = model.dW(l);
    for (Eigen::Index i = 0; i < W.size(); ++i) {
      const float w = W.data()[i];
      const float s = w > 0.f ? 1.f : (w < 0.f ? -1.f : 0.f);
      dW.data()[i] += l1 * s + two_l2 * w;
    }
  }
}

}  // namespace descent::nn
