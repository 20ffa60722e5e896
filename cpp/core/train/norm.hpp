#pragma once
// The gradient norm logged every step and the per-layer norms of the evaluation records.
#include <cmath>
#include <span>

#include "kernels/sum_squares.hpp"

namespace descent::train {

inline double l2_norm(std::span<const float> v) { return std::sqrt(sum_squares(v.data(), v.size())); }

}  // namespace descent::train
