#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernels/bce_logits.hpp"

namespace {

double bce_reference(double o, double y) { return std::max(o, 0.0) - o * y + std::log1p(std::exp(-std::fabs(o))); }
// σ(o) − y with e = e^−|o|, written so that σ(o) ≈ y does not cancel in the reference itself.
double gradient_reference(double o, double y) {
  const double e = std::exp(-std::fabs(o)), p = e / (1.0 + e);
  return o < 0.0 ? p - y : (1.0 - y) - p;
}

// Each term and gradient is float arithmetic (exp core, two divisions, a log1p series), so a few float
// ulp from the double formula; absolute 1e-37 covers e^−|o| capped at e^−87 for |o| > 87.
TEST(KernelsBceLogits, EachTermAndGradientWithinFourFloatUlpOfDouble) {
  for (const double y : {0.0, 1.0, 0.25}) {
    for (int i = -12000; i <= 12000; ++i) {
      const float o = static_cast<float>(i) * 0.01f;  // [-120, 120]
      float g = 0.f;
      const float yf = static_cast<float>(y);
      const double value = descent::bce_logits_sum(&o, 1, &yf, 1, &g, 1, 1.f);
      const double want = bce_reference(o, y);
      ASSERT_LE(std::fabs(value - want), 4.0 * 0x1p-24 * std::fabs(want) + 1e-37) << "o = " << o << ", y = " << y;
      const double dwant = gradient_reference(o, y);
      // A soft label (0.25) cancels against σ(o) in float: relative to the label there, not the result.
      const double soft = std::fabs(y - std::round(y));
      ASSERT_LE(std::fabs(g - dwant), 4.0 * 0x1p-24 * (std::fabs(dwant) + soft) + 1e-37) << "o = " << o << ", y = " << y;
    }
  }
}

TEST(KernelsBceLogits, SumsInOrderWithStridesAndScalesTheGradient) {
  const int n = 7;  // fewer than a chunk
  std::vector<float> o(2 * n), y(n), g(3 * n, -5.f);
  for (int j = 0; j < n; ++j) {
    o[2 * j] = static_cast<float>(j - 3) * 1.3f;
    o[2 * j + 1] = 99.f;  // between the strided logits: must not be read
    y[j] = static_cast<float>(j % 2);
  }
  const double total = descent::bce_logits_sum(o.data(), 2, y.data(), n, g.data(), 3, 0.5f);
  double want = 0.0;
  for (int j = 0; j < n; ++j) {
    float one_g = 0.f;
    want += descent::bce_logits_sum(&o[2 * j], 1, &y[j], 1, &one_g, 1, 1.f);
    EXPECT_EQ(g[3 * j], one_g * 0.5f) << j;
    EXPECT_EQ(g[3 * j + 1], -5.f);
  }
  EXPECT_EQ(total, want);
  EXPECT_EQ(descent::bce_logits_sum(o.data(), 2, y.data(), n, nullptr, 0, 1.f), total);
}

TEST(KernelsBceLogits, BatchesEqualOneSampleAtATime) {
  // One partly filled chunk of sixteen; two full chunks and a tail of five.
  for (const int n : {11, 37}) {
    std::vector<float> o(n), y(n), g(n);
    for (int j = 0; j < n; ++j) {
      o[j] = static_cast<float>(j - 5) * 2.1f;
      y[j] = static_cast<float>((j / 2) % 2);
    }
    const double total = descent::bce_logits_sum(o.data(), 1, y.data(), n, g.data(), 1, 0.25f);
    double want = 0.0;
    for (int j = 0; j < n; ++j) {
      float one_g = 0.f;
      want += descent::bce_logits_sum(&o[j], 1, &y[j], 1, &one_g, 1, 1.f);
      EXPECT_EQ(g[j], one_g * 0.25f) << n << " " << j;
    }
    EXPECT_EQ(total, want) << n;
  }
}

TEST(KernelsBceLogits, NanLogitGivesNanLoss) {
  const float o[2] = {0.5f, std::numeric_limits<float>::quiet_NaN()};
  const float y[2] = {1.f, 0.f};
  EXPECT_TRUE(std::isnan(descent::bce_logits_sum(o, 1, y, 2, nullptr, 0, 1.f)));
}

}  // namespace
