#include "kernels/gemm_avx512.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>

#include <cstddef>

// Per function, not a -m flag: the rest of the binary must run on any x86-64. Never "fma": fusing
// would change the bits.
#define DESCENT_GEMM_TARGET __attribute__((target("avx512f")))

namespace descent::kernels {
namespace {

// Micro-tile 32 × 12: 24 zmm accumulators, two A vectors and product temporaries fit the 32
// registers; B values are broadcast straight from memory (one load each). The B micro-panel
// (KC·NR floats, 12 KB) stays in L1 while the A block (MC·KC, 256 KB) streams from L2.
struct Avx512 {
  using Vec = __m512;
  using Mask = __mmask16;
  static constexpr std::ptrdiff_t kLanes = 16;
  static constexpr int kNR = 12;
  static constexpr std::ptrdiff_t kKC = 256, kMC = 256, kNC = 240;

  DESCENT_GEMM_TARGET static Mask mask(std::ptrdiff_t rows, std::ptrdiff_t from) {
    const std::ptrdiff_t n = rows - from;
    return n >= 16 ? Mask(0xFFFF) : n <= 0 ? Mask(0) : Mask((1u << n) - 1);
  }
  DESCENT_GEMM_TARGET static Vec zero() { return _mm512_setzero_ps(); }
  DESCENT_GEMM_TARGET static Vec splat(float x) { return _mm512_set1_ps(x); }
  DESCENT_GEMM_TARGET static Vec load(const float* p) { return _mm512_load_ps(p); }
  DESCENT_GEMM_TARGET static Vec loadu(const float* p) { return _mm512_loadu_ps(p); }
  DESCENT_GEMM_TARGET static Vec load_masked(const float* p, Mask m) { return _mm512_maskz_loadu_ps(m, p); }
  DESCENT_GEMM_TARGET static void store(float* p, Vec x) { _mm512_store_ps(p, x); }
  DESCENT_GEMM_TARGET static void storeu(float* p, Vec x) { _mm512_storeu_ps(p, x); }
  DESCENT_GEMM_TARGET static void store_masked(float* p, Mask m, Vec x) { _mm512_mask_storeu_ps(p, m, x); }
  DESCENT_GEMM_TARGET static Vec add(Vec x, Vec y) { return _mm512_add_ps(x, y); }
  DESCENT_GEMM_TARGET static Vec mul(Vec x, Vec y) { return _mm512_mul_ps(x, y); }
};
static_assert(Avx512::kMC * Avx512::kKC <= kAvx512APack && Avx512::kKC * Avx512::kNC <= kAvx512BPack);

}  // namespace
}  // namespace descent::kernels

#include "kernels/gemm_blocked_x86.hpp"

namespace descent::kernels {

bool gemm_few_rows_avx512(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                          float* c, std::ptrdiff_t ldc, float* b_pack) {
  return gemm_few_rows<Avx512>(m, n, k, a, b, c, ldc, b_pack, kAvx512BPack);
}

void gemm_packed_avx512(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                        float* c, std::ptrdiff_t ldc, float* a_pack, float* b_pack) {
  gemm_packed<Avx512>(m, n, k, a, b, c, ldc, a_pack, b_pack);
}

}  // namespace descent::kernels
#endif
