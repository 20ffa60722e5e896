#pragma once
// Σ v_i² in double (the gradient norm logged every step): eight partial sums s[i mod 8], combined as
// ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)). The order is fixed, so native and WebAssembly agree;
// where the target has two-lane doubles, s0 s1, s2 s3, ... are the lanes of four vectors (the same
// operations, a quarter of the instructions, and four chains of adds instead of one: the sums' latency,
// not their count, bounded a large model's norm).
#include <cstddef>

namespace descent {

double sum_squares_vectors(const float* v, std::size_t n);

// Fewer than four values (a linear model's weight and bias) have only the tail's partial sums, and a
// call costs more than they do (7 % of the tutorial model's step).
inline double sum_squares(const float* v, std::size_t n) {
  if (n >= 4) return sum_squares_vectors(v, n);
  const double s0 = n > 0 ? static_cast<double>(v[0]) * v[0] : 0.0;
  const double s1 = n > 1 ? static_cast<double>(v[1]) * v[1] : 0.0;
  const double s2 = n > 2 ? static_cast<double>(v[2]) * v[2] : 0.0;
  return (s0 + s1) + (s2 + 0.0);  // the zero partial sums change nothing
}

}  // namespace descent
