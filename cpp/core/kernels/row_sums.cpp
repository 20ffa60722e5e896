#include "kernels/row_sums.hpp"

#include "kernels/simd.hpp"
#include "kernels/simd_level.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>
#endif

namespace descent {
namespace {

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
// Sixteen rows per vector, the same column order; returns how many rows it summed.
__attribute__((target("avx512f"))) std::ptrdiff_t row_sums_avx512(std::ptrdiff_t m, std::ptrdiff_t n, const float* x,
                                                                  std::ptrdiff_t ld, float* out) {
  std::ptrdiff_t i = 0;
  for (; i + 16 <= m; i += 16) {
    __m512 acc = _mm512_setzero_ps();
    for (std::ptrdiff_t j = 0; j < n; ++j) acc = _mm512_add_ps(acc, _mm512_loadu_ps(x + j * ld + i));
    _mm512_storeu_ps(out + i, acc);
  }
  return i;
}

// Eight rows per vector, the same column order; returns how many rows it summed.
__attribute__((target("avx2"))) std::ptrdiff_t row_sums_avx2(std::ptrdiff_t m, std::ptrdiff_t n, const float* x,
                                                              std::ptrdiff_t ld, float* out) {
  std::ptrdiff_t i = 0;
  for (; i + 8 <= m; i += 8) {
    __m256 acc = _mm256_setzero_ps();
    for (std::ptrdiff_t j = 0; j < n; ++j) acc = _mm256_add_ps(acc, _mm256_loadu_ps(x + j * ld + i));
    _mm256_storeu_ps(out + i, acc);
  }
  return i;
}
#endif

}  // namespace

void row_sums(std::ptrdiff_t m, std::ptrdiff_t n, const float* x, std::ptrdiff_t ld, float* out) {
  using namespace simd;
  std::ptrdiff_t i = 0;
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  switch (kernels::simd_level()) {
    case kernels::SimdLevel::avx512: i = row_sums_avx512(m, n, x, ld, out); break;
    case kernels::SimdLevel::avx2: i = row_sums_avx2(m, n, x, ld, out); break;
    case kernels::SimdLevel::portable: break;
  }
#endif
  // Four vectors of rows at a time: each sum is a chain of dependent adds, four advance together.
  for (; i + 16 <= m; i += 16) {
    f32x4 a0 = zero(), a1 = zero(), a2 = zero(), a3 = zero();
    for (std::ptrdiff_t j = 0; j < n; ++j) {
      const float* col = x + j * ld + i;
      a0 = add(a0, load(col)), a1 = add(a1, load(col + 4)), a2 = add(a2, load(col + 8)), a3 = add(a3, load(col + 12));
    }
    store(out + i, a0), store(out + i + 4, a1), store(out + i + 8, a2), store(out + i + 12, a3);
  }
  for (; i + 4 <= m; i += 4) {
    f32x4 acc = zero();
    for (std::ptrdiff_t j = 0; j < n; ++j) acc = add(acc, load(x + j * ld + i));
    store(out + i, acc);
  }
  for (; i < m; ++i) {
    float acc = 0.f;
    for (std::ptrdiff_t j = 0; j < n; ++j) acc += x[j * ld + i];
    out[i] = acc;
  }
}

}  // namespace descent
