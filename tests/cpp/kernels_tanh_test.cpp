#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernels/tanh.hpp"

namespace {

// tanh_f32 is evaluated in float; over every float in [0, 11] its largest error is 2.42 ulp of the
// exact tanh (at x ≈ 0.0312, where the quotient e/(e + 2) adds three roundings), so it is within
// 3 ulp of the correctly rounded float.
TEST(KernelsTanh, WithinThreeUlpOfDoublePrecisionTanh) {
  for (int i = -200000; i <= 200000; ++i) {
    const float x = static_cast<float>(i) * 1e-4f;  // [-20, 20], dense near 0
    const float got = descent::tanh_f32(x);
    const float want = static_cast<float>(std::tanh(static_cast<double>(x)));
    const float ulp = std::nextafter(std::fabs(want), 2.f) - std::fabs(want);
    ASSERT_LE(std::fabs(got - want), 3.f * ulp) << "x = " << x;
  }
}

TEST(KernelsTanh, TinyArgumentsKeepRelativeAccuracy) {
  for (float x : {1e-30f, 1e-12f, 3e-8f, 1e-5f, std::numeric_limits<float>::denorm_min()}) {
    EXPECT_EQ(descent::tanh_f32(x), x) << x;
    EXPECT_EQ(descent::tanh_f32(-x), -x) << x;
  }
}

TEST(KernelsTanh, SpecialValues) {
  EXPECT_EQ(descent::tanh_f32(0.f), 0.f);
  EXPECT_TRUE(std::signbit(descent::tanh_f32(-0.f)));
  EXPECT_EQ(descent::tanh_f32(std::numeric_limits<float>::infinity()), 1.f);
  EXPECT_EQ(descent::tanh_f32(-std::numeric_limits<float>::infinity()), -1.f);
  EXPECT_EQ(descent::tanh_f32(1e30f), 1.f);
  EXPECT_TRUE(std::isnan(descent::tanh_f32(std::numeric_limits<float>::quiet_NaN())));
}

TEST(KernelsTanh, ArrayFormEqualsScalarForm) {
  std::vector<float> z, h(37);
  for (int i = 0; i < 37; ++i) z.push_back(static_cast<float>(i - 18) * 0.37f);
  descent::tanh_f32(z.data(), h.data(), z.size());
  for (std::size_t i = 0; i < z.size(); ++i) EXPECT_EQ(h[i], descent::tanh_f32(z[i]));
}

TEST(KernelsTanh, AddBiasTanhEqualsBiasThenTanh) {
  for (const std::size_t rows : {8u, 5u}) {  // four-row groups, and the plain fallback
    const std::size_t cols = 3;
    std::vector<float> bias, z, h(rows * cols);
    for (std::size_t i = 0; i < rows; ++i) bias.push_back(static_cast<float>(i) * 0.3f - 1.f);
    for (std::size_t k = 0; k < rows * cols; ++k) z.push_back(static_cast<float>(k) * 0.21f - 2.f);
    std::vector<float> want_z = z;
    for (std::size_t k = 0; k < rows * cols; ++k) want_z[k] += bias[k % rows];
    descent::add_bias_tanh_f32(bias.data(), rows, cols, z.data(), h.data());
    for (std::size_t k = 0; k < rows * cols; ++k) {
      EXPECT_EQ(z[k], want_z[k]) << rows << " " << k;
      EXPECT_EQ(h[k], descent::tanh_f32(want_z[k])) << rows << " " << k;
    }
  }
}

}  // namespace
