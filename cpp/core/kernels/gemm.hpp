#pragma once
// C = A·B for float32 matrices given by pointer and strides, so transposed operands (Wᵀ·dZ, dZ·Hᵀ)
// need no copy. Every element is summed in k order from zero with separate multiply and add, in every
// code path (small loops, packed SIMD micro-kernels: SSE or WebAssembly f32x4, natively AVX2 or
// AVX-512 where the CPU has them), so native and WebAssembly builds give identical bits.
#include <cstddef>

namespace descent {

struct MatView {
  const float* data;
  std::ptrdiff_t row_stride;  // distance between (i, j) and (i + 1, j)
  std::ptrdiff_t col_stride;  // distance between (i, j) and (i, j + 1)
  float operator()(std::ptrdiff_t i, std::ptrdiff_t j) const { return data[i * row_stride + j * col_stride]; }
};

// C (m × n, column-major, leading dimension ldc) = A (m × k) · B (k × n). The packing buffers are
// static (one pair per thread), sized by the blocking constants, so a call never allocates.
void gemm(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c, std::ptrdiff_t ldc);

}  // namespace descent
