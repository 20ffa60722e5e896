#pragma once
// The gradient norm logged every step and the per-layer norms of the evaluation records.
#include <cmath>
#include <cstddef>
#include <span>

namespace descent::train {

// Four interleaved partial sums: one serial chain of double adds cost ~8 % of a W3 step. The order
// is fixed, so native and WebAssembly agree.
inline double l2_norm(std::span<const float> v) {
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

}  // namespace descent::train
