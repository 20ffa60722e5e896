#include <gtest/gtest.h>

#include <vector>

#include "kernels/dot.hpp"

TEST(KernelsDot, MatchesTheDefinedSummationOrder) {
  std::vector<float> a, b;
  for (int i = 0; i < 1003; ++i) {
    a.push_back(static_cast<float>(i % 7) * 0.1f);
    b.push_back(static_cast<float>(i % 5) - 1.5f);
  }
  float s[4] = {0, 0, 0, 0};
  for (int i = 0; i < 1000; ++i) s[i % 4] += a[i] * b[i];
  for (int i = 1000; i < 1003; ++i) s[i - 1000] += a[i] * b[i];
  EXPECT_EQ(descent::dot(a, b), (s[0] + s[1]) + (s[2] + s[3]));
}

TEST(KernelsDot, RejectsMismatchedLengths) {
  std::vector<float> a(3), b(4);
  EXPECT_THROW(descent::dot(a, b), std::invalid_argument);
}
