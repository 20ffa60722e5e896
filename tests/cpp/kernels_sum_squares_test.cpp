#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "kernels/sum_squares.hpp"

namespace {

// The documented order: partial sums by index mod 8 in double, then ((s0 + s1) + (s2 + s3)) +
// ((s4 + s5) + (s6 + s7)).
double reference(const std::vector<float>& v) {
  double s[8] = {};
  for (std::size_t i = 0; i < v.size(); ++i) s[i % 8] += static_cast<double>(v[i]) * v[i];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

TEST(KernelsSumSquares, EightPartialSumsInDoubleForEveryTail) {
  for (const std::size_t n : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 15, 16, 17, 23, 97}) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = (static_cast<float>(i % 7) - 3.1f) * (i % 2 ? 1e-3f : 1.7f);
    EXPECT_EQ(descent::sum_squares(v.data(), n), reference(v)) << n;
  }
}

TEST(KernelsSumSquares, SquaresBeyondFloatRangeStayFinite) {
  const std::vector<float> v = {0x1p70f, -0x1p71f, 0.f, 0.f, 1.f};  // squares past float's 2^128
  EXPECT_EQ(descent::sum_squares(v.data(), v.size()), 0x1p140 + 0x1p142 + 1.0);
}

}  // namespace
