#include "kernels/simd_peak.hpp"

#include "kernels/simd.hpp"

namespace descent {
namespace {

constexpr int kDepth = 256;  // 8 KB of A and 4 KB of B: L1-resident on any core
alignas(16) float panel_a[kDepth * 8];
alignas(16) float panel_b[kDepth * 4];
volatile float sink;

}  // namespace

double simd_peak_flops(long rounds) {
  using namespace simd;
  for (int i = 0; i < kDepth * 8; ++i) panel_a[i] = 1e-3f * static_cast<float>(i % 7);
  for (int i = 0; i < kDepth * 4; ++i) panel_b[i] = 1e-3f * static_cast<float>(i % 5);
  f32x4 total = zero();
  for (long r = 0; r < rounds; ++r) {
    f32x4 c0 = zero(), c1 = zero(), c2 = zero(), c3 = zero(), c4 = zero(), c5 = zero(), c6 = zero(), c7 = zero();
    const float* a = panel_a;
    const float* b = panel_b;
    for (int p = 0; p < kDepth; ++p, a += 8, b += 4) {
      const f32x4 a0 = load_aligned(a), a1 = load_aligned(a + 4);
      const f32x4 b0 = splat(b[0]), b1 = splat(b[1]), b2 = splat(b[2]), b3 = splat(b[3]);
      c0 = add(c0, mul(a0, b0));
      c1 = add(c1, mul(a1, b0));
      c2 = add(c2, mul(a0, b1));
      c3 = add(c3, mul(a1, b1));
      c4 = add(c4, mul(a0, b2));
      c5 = add(c5, mul(a1, b2));
      c6 = add(c6, mul(a0, b3));
      c7 = add(c7, mul(a1, b3));
    }
    total = add(total, add(add(add(c0, c1), add(c2, c3)), add(add(c4, c5), add(c6, c7))));
  }
  alignas(16) float lanes[4];
  store(lanes, total);
  sink = lanes[0] + lanes[1] + lanes[2] + lanes[3];
  return static_cast<double>(rounds) * kDepth * 64.0;
}

}  // namespace descent
