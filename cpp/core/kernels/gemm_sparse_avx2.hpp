#pragma once
// C = A·B skipping A's zero entries on 256-bit vectors: the gradient of a large ReLU layer's weights,
// dZ·Hᵀ (W3's 256 × 784 × 128 dZ·Xᵀ), where about half of dZ is exactly zero. The dense AVX2 kernel
// runs near the core's multiply + add ceiling, so only skipping terms makes this product faster.
//
// The bits are gemm's: each element is still summed in k order from zero with separate multiply and
// add; a skipped term is ±0, which never changes a sum that started at +0. Rows of B holding an Inf or
// NaN are never skipped, so a diverged run gets the NaNs the dense product gives.
#include <cstddef>

#include "kernels/gemm.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
namespace descent::kernels {

// A's columns and B's rows must be contiguous (A = dZ, B = Hᵀ as the backward pass passes them).
// Returns false, having written nothing to C, when the shapes do not fit that or the fixed buffers,
// the product is too small for the lists to pay, or too many of A's entries are nonzero.
struct SparseScratch {  // gemm lends its packing buffers
  float* a;  // a transposed copy of A
  std::ptrdiff_t a_size;
  float* b;  // a panel of B's columns
  std::ptrdiff_t b_size;
};
bool gemm_sparse_a_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                        float* c, std::ptrdiff_t ldc, const SparseScratch& scratch);

}  // namespace descent::kernels
#endif
