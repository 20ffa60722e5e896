#include "kernels/adam_update.hpp"

#include <cmath>
#include <limits>

#include "kernels/simd.hpp"

namespace descent {

void adam_update(float* param, const float* grad, float* exp_avg, float* exp_avg_sq, std::size_t n,
                 const AdamCoefficients& c) {
  using namespace simd;
  constexpr float kMin = std::numeric_limits<float>::min();
  const f32x4 b1 = splat(c.beta1), omb1 = splat(c.one_minus_beta1), b2 = splat(c.beta2),
              omb2 = splat(c.one_minus_beta2), step = splat(c.step_size), bc2 = splat(c.bc2_sqrt),
              eps = splat(c.eps), m_floor = splat(kMin), v_floor = splat(c.v_floor);
  std::size_t i = 0;
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
