#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernels/adam_update.hpp"
#include "optim/optimizer.hpp"
#include "random.hpp"
#include "simd_levels.hpp"

namespace {

const descent::AdamCoefficients kCoeff{0.9f, 0.1f, 0.999f, 0.001f, 0.0123f, 0.0447f, 1e-8f,
                                       std::numeric_limits<float>::min()};

class KernelsAdamUpdateLevels : public SimdLevelTest {};
DESCENT_FOR_EVERY_SIMD_LEVEL(KernelsAdamUpdateLevels);

TEST_P(KernelsAdamUpdateLevels, SimdLanesAndTailFollowTheScalarFormula) {
  // 16-lane blocks (64) or 8-lane blocks (128), then four lanes and a tail of three. Random values
  // over many elements, so that a reordered or fused operation in any lane changes some bits; the
  // parameters as small as the step, so that a last bit of the step is not rounded away.
  const std::size_t n = 1031;
  std::vector<float> p(n), g(n), m(n), v(n);
  descent::Rng rng(11);
  for (std::size_t i = 0; i < n; ++i) {
    p[i] = static_cast<float>(rng.uniform(-1e-3, 1e-3));
    g[i] = static_cast<float>(rng.uniform(-2, 2));
    m[i] = static_cast<float>(rng.uniform(-0.5, 0.5));
    v[i] = static_cast<float>(rng.uniform(0, 0.3));
  }
  auto p2 = p, m2 = m, v2 = v;
  descent::adam_update(p.data(), g.data(), m.data(), v.data(), n, kCoeff);
  for (std::size_t i = 0; i < n; ++i) {
    const float mi = kCoeff.beta1 * m2[i] + kCoeff.one_minus_beta1 * g[i];
    const float vi = kCoeff.beta2 * v2[i] + kCoeff.one_minus_beta2 * (g[i] * g[i]);
    const float denom = std::sqrt(vi) / kCoeff.bc2_sqrt + kCoeff.eps;
    EXPECT_EQ(m[i], mi) << i;
    EXPECT_EQ(v[i], vi) << i;
    EXPECT_EQ(p[i], p2[i] - kCoeff.step_size * (mi / denom)) << i;
  }
}

TEST_P(KernelsAdamUpdateLevels, DecayingMomentsNeverBecomeSubnormal) {
  const std::size_t n = 22;  // every path: sixteen or eight, four and single lanes
  std::vector<float> p(n, 1.f), g(n, 0.f), m(n, 1e-30f), v(n, 1e-36f);
  for (int step = 0; step < 6000; ++step) {
    descent::adam_update(p.data(), g.data(), m.data(), v.data(), n, kCoeff);
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_NE(std::fpclassify(m[i]), FP_SUBNORMAL) << "step " << step;
      ASSERT_NE(std::fpclassify(v[i]), FP_SUBNORMAL) << "step " << step;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(m[i], 0.f) << i;
    EXPECT_EQ(v[i], 0.f) << i;
  }
}

// The plain fast path and the general loop (taken with amsgrad) are the same update while the
// running maximum equals exp_avg_sq, i.e. while the gradients keep growing.
TEST(KernelsAdamUpdate, FastPathEqualsGeneralLoop) {
  auto plain = descent::make_optimizer<float>({{"name", "adam"}, {"lr", 0.01}});
  auto general = descent::make_optimizer<float>({{"name", "adam"}, {"lr", 0.01}, {"amsgrad", true}});
  const std::size_t n = 9;
  plain->init(n);
  general->init(n);
  std::vector<float> a(n, 0.5f), b(n, 0.5f), g(n);
  for (int step = 1; step <= 20; ++step) {
    for (std::size_t i = 0; i < n; ++i) g[i] = static_cast<float>(step) * (0.1f + 0.05f * static_cast<float>(i));
    plain->step(a, g, 0.01);
    general->step(b, g, 0.01);
  }
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(a[i], b[i]) << i;
}

}  // namespace
