#pragma once
// gemm's packed product on 256-bit vectors, for CPUs with AVX2 but not AVX-512F (see simd_level.hpp).
// Same sums as the portable path: each element of C in k order from zero, a separate multiply and add
// per term.
#include <cstddef>

#include "kernels/gemm.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
namespace descent::kernels {

// Floats the packing buffers must hold; gemm owns them (one pair per thread, 64-byte aligned).
inline constexpr std::ptrdiff_t kAvx2APack = 128 * 256, kAvx2BPack = 256 * 240;

// gemm's product for fewer than four rows (an output layer); false (nothing done) when B would need
// a transposed copy larger than b_pack.
bool gemm_few_rows_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                        float* c, std::ptrdiff_t ldc, float* b_pack);

void gemm_packed_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                      float* c, std::ptrdiff_t ldc, float* a_pack, float* b_pack);

}  // namespace descent::kernels
#endif
