#include "optim/clip.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace descent {

template <class T>
double clip_grad_norm(std::span<T> grads, double max_norm, double norm_type) {
  if (!(max_norm >= 0.0)) throw std::invalid_argument("clip_grad_norm.max_norm: must be >= 0");
  if (!(norm_type >= 1.0)) throw std::invalid_argument("clip_grad_norm.norm_type: must be >= 1 or inf");
  double total = 0.0;
  if (std::isinf(norm_type)) {
    for (const T g : grads) total = std::max(total, static_cast<double>(std::abs(g)));
  } else {
    for (const T g : grads) total += std::pow(std::abs(static_cast<double>(g)), norm_type);
    total = std::pow(total, 1.0 / norm_type);
  }
  // The 1e-6 keeps the factor finite for a zero gradient and makes the clipped norm slightly
  // below max_norm, exactly as PyTorch.
  const double coef = max_norm / (total + 1e-6);
  if (coef < 1.0) {
    const T c = static_cast<T>(coef);
    for (T& g : grads) g *= c;
  }
  return total;
}

template <class T>
void clip_grad_value(std::span<T> grads, double clip_value) {
  if (!(clip_value >= 0.0)) throw std::invalid_argument("clip_grad_value.clip_value: must be >= 0");
  const T c = static_cast<T>(clip_value);
  for (T& g : grads) g = std::clamp(g, -c, c);
}

template double clip_grad_norm<float>(std::span<float>, double, double);
template double clip_grad_norm<double>(std::span<double>, double, double);
template void clip_grad_value<float>(std::span<float>, double);
template void clip_grad_value<double>(std::span<double>, double);

}  // namespace descent
