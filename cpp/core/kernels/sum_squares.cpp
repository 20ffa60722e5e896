#include "kernels/sum_squares.hpp"

#include "kernels/simd.hpp"

namespace descent {

double sum_squares_vectors(const float* v, std::size_t n) {
  const std::size_t n8 = n - n % 8;
  double s[8] = {};
#if defined(__wasm_simd128__)
  v128_t s01 = wasm_f64x2_splat(0.0), s23 = s01, s45 = s01, s67 = s01;
  const auto square = [](v128_t acc, v128_t x) { return wasm_f64x2_add(acc, wasm_f64x2_mul(x, x)); };
  for (std::size_t i = 0; i < n8; i += 8) {
    const v128_t x = wasm_v128_load(v + i), y = wasm_v128_load(v + i + 4);
    s01 = square(s01, wasm_f64x2_promote_low_f32x4(x));
    s23 = square(s23, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(x, x, 2, 3, 2, 3)));
    s45 = square(s45, wasm_f64x2_promote_low_f32x4(y));
    s67 = square(s67, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(y, y, 2, 3, 2, 3)));
  }
  wasm_v128_store(s, s01), wasm_v128_store(s + 2, s23), wasm_v128_store(s + 4, s45), wasm_v128_store(s + 6, s67);
#elif defined(__SSE2__)
  __m128d s01 = _mm_setzero_pd(), s23 = s01, s45 = s01, s67 = s01;
  const auto square = [](__m128d acc, __m128d x) { return _mm_add_pd(acc, _mm_mul_pd(x, x)); };
  for (std::size_t i = 0; i < n8; i += 8) {
    const __m128 x = _mm_loadu_ps(v + i), y = _mm_loadu_ps(v + i + 4);
    s01 = square(s01, _mm_cvtps_pd(x));
    s23 = square(s23, _mm_cvtps_pd(_mm_movehl_ps(x, x)));
    s45 = square(s45, _mm_cvtps_pd(y));
    s67 = square(s67, _mm_cvtps_pd(_mm_movehl_ps(y, y)));
  }
  _mm_storeu_pd(s, s01), _mm_storeu_pd(s + 2, s23), _mm_storeu_pd(s + 4, s45), _mm_storeu_pd(s + 6, s67);
#else
  for (std::size_t i = 0; i < n8; i += 8)
    for (std::size_t q = 0; q < 8; ++q) s[q] += static_cast<double>(v[i + q]) * v[i + q];
#endif
  // The tail by constant indices: sums indexed by i − n8 would live in memory, a store-to-load chain
  // that cost a third of a linear model's step.
  const std::size_t r = n - n8;
  if (r > 0) s[0] += static_cast<double>(v[n8]) * v[n8];
  if (r > 1) s[1] += static_cast<double>(v[n8 + 1]) * v[n8 + 1];
  if (r > 2) s[2] += static_cast<double>(v[n8 + 2]) * v[n8 + 2];
  if (r > 3) s[3] += static_cast<double>(v[n8 + 3]) * v[n8 + 3];
  if (r > 4) s[4] += static_cast<double>(v[n8 + 4]) * v[n8 + 4];
  if (r > 5) s[5] += static_cast<double>(v[n8 + 5]) * v[n8 + 5];
  if (r > 6) s[6] += static_cast<double>(v[n8 + 6]) * v[n8 + 6];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

}  // namespace descent
