#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "kernels/row_sums.hpp"
#include "simd_levels.hpp"

namespace {

class KernelsRowSumsLevels : public SimdLevelTest {};
DESCENT_FOR_EVERY_SIMD_LEVEL(KernelsRowSumsLevels);

TEST_P(KernelsRowSumsLevels, SumsEachRowInColumnOrder) {
  const std::ptrdiff_t m = 39, n = 7, ld = 41;  // 16- or 8-row blocks, a 4-row block, a tail of 3; ld > m
  std::vector<float> x(static_cast<std::size_t>(ld * n));
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 13) * 0.37f - 2.1f;
  std::vector<float> out(static_cast<std::size_t>(m));
  descent::row_sums(m, n, x.data(), ld, out.data());
  for (std::ptrdiff_t i = 0; i < m; ++i) {
    float want = 0.f;
    for (std::ptrdiff_t j = 0; j < n; ++j) want += x[static_cast<std::size_t>(j * ld + i)];
    EXPECT_EQ(out[static_cast<std::size_t>(i)], want) << i;
  }
}

}  // namespace
