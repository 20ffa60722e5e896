#include "kernels/adam_update.hpp"

#include <cmath>
#include <limits>

#include "kernels/simd.hpp"
#include "kernels/simd_level.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>
#endif

namespace descent {
namespace {

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
// simd::flush_below on sixteen lanes: 0 where |x| < limit (false for NaN, which stays).
__attribute__((target("avx512f"))) inline __m512 flush_below16(__m512 x, __m512 limit) {
  return _mm512_maskz_mov_ps(_knot_mask16(_mm512_cmp_ps_mask(_mm512_abs_ps(x), limit, _CMP_LT_OQ)), x);
}

// Sixteen lanes with the four-lane loop's operations in its order (sqrt and div are correctly
// rounded in both); returns how many elements it updated.
__attribute__((target("avx512f"))) std::size_t adam_update_avx512(float* param, const float* grad, float* exp_avg,
                                                                  float* exp_avg_sq, std::size_t n,
                                                                  const AdamCoefficients& c) {
  const __m512 b1 = _mm512_set1_ps(c.beta1), omb1 = _mm512_set1_ps(c.one_minus_beta1), b2 = _mm512_set1_ps(c.beta2),
               omb2 = _mm512_set1_ps(c.one_minus_beta2), step = _mm512_set1_ps(c.step_size),
               bc2 = _mm512_set1_ps(c.bc2_sqrt), eps = _mm512_set1_ps(c.eps),
               m_floor = _mm512_set1_ps(std::numeric_limits<float>::min()), v_floor = _mm512_set1_ps(c.v_floor);
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512 g = _mm512_loadu_ps(grad + i);
    const __m512 m = flush_below16(
        _mm512_add_ps(_mm512_mul_ps(b1, _mm512_loadu_ps(exp_avg + i)), _mm512_mul_ps(omb1, g)), m_floor);
    const __m512 v = flush_below16(
        _mm512_add_ps(_mm512_mul_ps(b2, _mm512_loadu_ps(exp_avg_sq + i)), _mm512_mul_ps(omb2, _mm512_mul_ps(g, g))),
        v_floor);
    _mm512_storeu_ps(exp_avg + i, m);
    _mm512_storeu_ps(exp_avg_sq + i, v);
    // The zero-masked form of sqrt with every lane set: GCC 12's _mm512_sqrt_ps trips its own
    // -Wmaybe-uninitialized (_mm512_undefined_ps); the result is the same.
    const __m512 denom = _mm512_add_ps(_mm512_div_ps(_mm512_maskz_sqrt_ps(0xFFFF, v), bc2), eps);
    _mm512_storeu_ps(param + i,
                     _mm512_sub_ps(_mm512_loadu_ps(param + i), _mm512_mul_ps(step, _mm512_div_ps(m, denom))));
  }
  return i;
}

// simd::flush_below on eight lanes: 0 where |x| < limit (false for NaN, which stays).
__attribute__((target("avx2"))) inline __m256 flush_below8(__m256 x, __m256 limit) {
  const __m256 abs = _mm256_andnot_ps(_mm256_set1_ps(-0.f), x);
  return _mm256_andnot_ps(_mm256_cmp_ps(abs, limit, _CMP_LT_OQ), x);
}

// Eight lanes, the same operations in the same order as the four- and sixteen-lane loops.
__attribute__((target("avx2"))) std::size_t adam_update_avx2(float* param, const float* grad, float* exp_avg,
                                                              float* exp_avg_sq, std::size_t n,
                                                              const AdamCoefficients& c) {
  const __m256 b1 = _mm256_set1_ps(c.beta1), omb1 = _mm256_set1_ps(c.one_minus_beta1), b2 = _mm256_set1_ps(c.beta2),
               omb2 = _mm256_set1_ps(c.one_minus_beta2), step = _mm256_set1_ps(c.step_size),
               bc2 = _mm256_set1_ps(c.bc2_sqrt), eps = _mm256_set1_ps(c.eps),
               m_floor = _mm256_set1_ps(std::numeric_limits<float>::min()), v_floor = _mm256_set1_ps(c.v_floor);
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 g = _mm256_loadu_ps(grad + i);
    const __m256 m = flush_below8(
        _mm256_add_ps(_mm256_mul_ps(b1, _mm256_loadu_ps(exp_avg + i)), _mm256_mul_ps(omb1, g)), m_floor);
    const __m256 v = flush_below8(
        _mm256_add_ps(_mm256_mul_ps(b2, _mm256_loadu_ps(exp_avg_sq + i)), _mm256_mul_ps(omb2, _mm256_mul_ps(g, g))),
        v_floor);
    _mm256_storeu_ps(exp_avg + i, m);
    _mm256_storeu_ps(exp_avg_sq + i, v);
    const __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(v), bc2), eps);
    _mm256_storeu_ps(param + i,
                     _mm256_sub_ps(_mm256_loadu_ps(param + i), _mm256_mul_ps(step, _mm256_div_ps(m, denom))));
  }
  return i;
}
#endif

}  // namespace

void adam_update(float* param, const float* grad, float* exp_avg, float* exp_avg_sq, std::size_t n,
                 const AdamCoefficients& c) {
  using namespace simd;
  constexpr float kMin = std::numeric_limits<float>::min();
  const f32x4 b1 = splat(c.beta1), omb1 = splat(c.one_minus_beta1), b2 = splat(c.beta2),
              omb2 = splat(c.one_minus_beta2), step = splat(c.step_size), bc2 = splat(c.bc2_sqrt),
              eps = splat(c.eps), m_floor = splat(kMin), v_floor = splat(c.v_floor);
  std::size_t i = 0;
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  switch (kernels::simd_level()) {
    case kernels::SimdLevel::avx512: i = adam_update_avx512(param, grad, exp_avg, exp_avg_sq, n, c); break;
    case kernels::SimdLevel::avx2: i = adam_update_avx2(param, grad, exp_avg, exp_avg_sq, n, c); break;
    case kernels::SimdLevel::portable: break;
  }
#endif
  for (; i + 4 <= n; i += 4) {
    const f32x4 g = load(grad + i);
    const f32x4 m = flush_below(add(mul(b1, load(exp_avg + i)), mul(omb1, g)), m_floor);
    const f32x4 v = flush_below(add(mul(b2, load(exp_avg_sq + i)), mul(omb2, mul(g, g))), v_floor);
    store(exp_avg + i, m);
    store(exp_avg_sq + i, v);
    const f32x4 denom = add(div(sqrt(v), bc2), eps);
    store(param + i, sub(load(param + i), mul(step, div(m, denom))));
  }
  for (; i < n; ++i) {
    const float g = grad[i];
    float m = c.beta1 * exp_avg[i] + c.one_minus_beta1 * g;
    float v = c.beta2 * exp_avg_sq[i] + c.one_minus_beta2 * (g * g);
    if (std::fabs(m) < kMin) m = 0.f;
    if (std::fabs(v) < c.v_floor) v = 0.f;
    exp_avg[i] = m;
    exp_avg_sq[i] = v;
    const float denom = std::sqrt(v) / c.bc2_sqrt + c.eps;
    param[i] -= c.step_size * (m / denom);
  }
}

}  // namespace descent
