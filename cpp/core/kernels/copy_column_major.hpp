#pragma once
// A strided matrix copied column-major, for the kernels that want unit-stride columns (a transposed
// weight matrix, Hᵀ). Rows of the source that are contiguous move as 4 × 4 blocks transposed in
// registers: the element-wise copy of a 64 × 64 Wᵀ cost a fifth of the product after it.
#include <cstddef>

#include "kernels/gemm.hpp"

namespace descent {

// dst (rows × cols, column-major, leading dimension rows) = v.
void copy_column_major(const MatView& v, std::ptrdiff_t rows, std::ptrdiff_t cols, float* dst);

}  // namespace descent
