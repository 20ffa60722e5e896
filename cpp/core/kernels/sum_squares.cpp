#include "kernels/sum_squares.hpp"

#include "kernels/simd.hpp"

namespace descent {

double sum_squares_vectors(const float* v, std::size_t n) {
  const std::size_t n4 = n - n % 4;
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
#if defined(__wasm_simd128__)
  v128_t s01 = wasm_f64x2_splat(0.0), s23 = s01;
  for (std::size_t i = 0; i < n4; i += 4) {
    const v128_t x = wasm_v128_load(v + i);
    const v128_t lo = wasm_f64x2_promote_low_f32x4(x);
    const v128_t hi = wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x, x, 2, 3, 2, 3));
    s01 = wasm_f64x2_add(s01, wasm_f64x2_mul(lo, lo));
    s23 = wasm_f64x2_add(s23, wasm_f64x2_mul(hi, hi));
  }
  s0 = wasm_f64x2_extract_lane(s01, 0), s1 = wasm_f64x2_extract_lane(s01, 1);
  s2 = wasm_f64x2_extract_lane(s23, 0), s3 = wasm_f64x2_extract_lane(s23, 1);
#elif defined(__SSE2__)
  __m128d s01 = _mm_setzero_pd(), s23 = s01;
  for (std::size_t i = 0; i < n4; i += 4) {
    const __m128 x = _mm_loadu_ps(v + i);
    const __m128d lo = _mm_cvtps_pd(x), hi = _mm_cvtps_pd(_mm_movehl_ps(x, x));
    s01 = _mm_add_pd(s01, _mm_mul_pd(lo, lo));
    s23 = _mm_add_pd(s23, _mm_mul_pd(hi, hi));
  }
  s0 = _mm_cvtsd_f64(s01), s1 = _mm_cvtsd_f64(_mm_unpackhi_pd(s01, s01));
  s2 = _mm_cvtsd_f64(s23), s3 = _mm_cvtsd_f64(_mm_unpackhi_pd(s23, s23));
#else
  for (std::size_t i = 0; i < n4; i += 4) {
    s0 += static_cast<double>(v[i]) * v[i];
    s1 += static_cast<double>(v[i + 1]) * v[i + 1];
    s2 += static_cast<double>(v[i + 2]) * v[i + 2];
    s3 += static_cast<double>(v[i + 3]) * v[i + 3];
  }
#endif
  // The tail by constant indices: sums indexed by i − n4 would live in memory, a store-to-load chain
  // that cost a third of a linear model's step.
  const std::size_t r = n - n4;
  if (r > 0) s0 += static_cast<double>(v[n4]) * v[n4];
  if (r > 1) s1 += static_cast<double>(v[n4 + 1]) * v[n4 + 1];
  if (r > 2) s2 += static_cast<double>(v[n4 + 2]) * v[n4 + 2];
  return (s0 + s1) + (s2 + s3);
}

}  // namespace descent
