#pragma once
// C = A·B skipping the zero entries of B, or of A (as Cᵀ = Bᵀ·Aᵀ). A ReLU layer leaves about half of
// its outputs exactly zero, and so half of the gradients flowing back through it: the next layer's
// forward product (B = H), the gradient of its weights (B = Hᵀ), the gradient passed below (B = dZ)
// and the gradient of its own weights (A = dZ) all have such an operand.
//
// The bits are gemm's: each element is still summed in k order from zero with separate multiply and
// add. A skipped term is ±0 when A's entry is finite, and adding ±0 to a sum that started at +0 never
// changes it (a float sum is −0 only when every term is −0). Columns of A holding an Inf or NaN are
// never skipped, so a diverged run gets the NaNs the dense product gives.
#include <cstddef>

#include "kernels/gemm.hpp"

namespace descent::kernels {

// Where a transposed operand is copied column-major: gemm lends its packing buffers, idle meanwhile.
struct Scratch {
  float* a;
  std::ptrdiff_t a_size;
  float* b;
  std::ptrdiff_t b_size;
};

// C (m × n, column-major, leading dimension ldc) = A (m × k) · B (k × n). Returns false, having
// computed nothing, when too few entries of B or A are zero for skipping to pay, C has too few rows
// (columns), or the operands exceed the fixed buffers (no call allocates); gemm then runs the dense kernels.
bool gemm_sparse(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c,
                 std::ptrdiff_t ldc, const Scratch& scratch);

}  // namespace descent::kernels
