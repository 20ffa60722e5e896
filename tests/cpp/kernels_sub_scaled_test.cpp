#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "kernels/sub_scaled.hpp"

namespace {

TEST(KernelsSubScaled, EachElementAsTheScalarUpdate) {
  for (const std::size_t n : {0, 1, 3, 4, 5, 8, 11, 97}) {
    std::vector<float> p(n), g(n);
    for (std::size_t i = 0; i < n; ++i) {
      p[i] = static_cast<float>(i) * 0.31f - 1.f;
      g[i] = static_cast<float>(i % 5) * -0.77f + 0.1f;
    }
    std::vector<float> want = p;
    const float a = 0.03f;
    for (std::size_t i = 0; i < n; ++i) want[i] -= a * g[i];
    descent::sub_scaled(p.data(), g.data(), a, n);
    for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(p[i], want[i]) << n << " " << i;
  }
}

}  // namespace
