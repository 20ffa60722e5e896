#pragma once
// out[i] = Σ_j x(i, j) in j order, for a column-major m × n matrix (a layer's bias gradient).
#include <cstddef>

namespace descent {

void row_sums(std::ptrdiff_t m, std::ptrdiff_t n, const float* x, std::ptrdiff_t ld, float* out);

}  // namespace descent
