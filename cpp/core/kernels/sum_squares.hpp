#pragma once
// Σ v_i² in double (the gradient norm logged every step): four partial sums s[i mod 4], combined as
// (s0 + s1) + (s2 + s3). The order is fixed, so native and WebAssembly agree; where the target has
// two-lane doubles, s0 s1 and s2 s3 are the lanes of two vectors (the same operations, half the
// instructions).
#include <cstddef>

namespace descent {

double sum_squares(const float* v, std::size_t n);

}  // namespace descent
