#include "kernels/gemm_avx2.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>

#include <cstddef>

// Per function, not a -m flag: the rest of the binary must run on any x86-64. AVX2 implies AVX (the
// 256-bit float operations); never "fma": fusing would change the bits.
#define DESCENT_GEMM_TARGET __attribute__((target("avx2")))

namespace descent::kernels {
namespace {

// Micro-tile 16 × 6, gemm_avx512.cpp's 32 × 12 design at half the width: 12 ymm accumulators, two A
// vectors, one broadcast and one product temporary fill the 16 registers (without FMA the product
// needs a register of its own). B values are broadcast straight from memory. The B micro-panel
// (KC·NR floats, 6 KB) stays in L1; the A block (MC·KC, 128 KB) fits the 256 KB L2 of the smallest
// AVX2 cores.
struct Avx2 {
  using Vec = __m256;
  using Mask = __m256i;  // all bits of a lane set, as vmaskmovps wants
  static constexpr std::ptrdiff_t kLanes = 8;
  static constexpr int kNR = 6;
  static constexpr std::ptrdiff_t kKC = 256, kMC = 128, kNC = 240;

  DESCENT_GEMM_TARGET static Mask mask(std::ptrdiff_t rows, std::ptrdiff_t from) {
    const std::ptrdiff_t n = rows - from;
    const int lanes = n >= 8 ? 8 : n <= 0 ? 0 : static_cast<int>(n);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  DESCENT_GEMM_TARGET static Vec zero() { return _mm256_setzero_ps(); }
  DESCENT_GEMM_TARGET static Vec splat(float x) { return _mm256_set1_ps(x); }
  DESCENT_GEMM_TARGET static Vec load(const float* p) { return _mm256_load_ps(p); }
  DESCENT_GEMM_TARGET static Vec loadu(const float* p) { return _mm256_loadu_ps(p); }
  DESCENT_GEMM_TARGET static Vec load_masked(const float* p, Mask m) { return _mm256_maskload_ps(p, m); }
  DESCENT_GEMM_TARGET static void store(float* p, Vec x) { _mm256_store_ps(p, x); }
  DESCENT_GEMM_TARGET static void storeu(float* p, Vec x) { _mm256_storeu_ps(p, x); }
  DESCENT_GEMM_TARGET static void store_masked(float* p, Mask m, Vec x) { _mm256_maskstore_ps(p, m, x); }
  DESCENT_GEMM_TARGET static Vec add(Vec x, Vec y) { return _mm256_add_ps(x, y); }
  DESCENT_GEMM_TARGET static Vec mul(Vec x, Vec y) { return _mm256_mul_ps(x, y); }
};
static_assert(Avx2::kMC * Avx2::kKC <= kAvx2APack && Avx2::kKC * Avx2::kNC <= kAvx2BPack);

}  // namespace
}  // namespace descent::kernels

#include "kernels/gemm_blocked_x86.hpp"

namespace descent::kernels {

bool gemm_few_rows_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                        float* c, std::ptrdiff_t ldc, float* b_pack) {
  return gemm_few_rows<Avx2>(m, n, k, a, b, c, ldc, b_pack, kAvx2BPack);
}

void gemm_packed_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                      float* c, std::ptrdiff_t ldc, float* a_pack, float* b_pack) {
  gemm_packed<Avx2>(m, n, k, a, b, c, ldc, a_pack, b_pack);
}

}  // namespace descent::kernels
#endif
