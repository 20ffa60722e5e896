#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "kernels/row_sums.hpp"
#include "kernels/simd_level.hpp"

namespace {

using descent::kernels::SimdLevel;

// Runs the check at one vector width (restoring the CPU's choice after), or skips it when this CPU
// lacks it.
class KernelsRowSumsLevels : public ::testing::TestWithParam<SimdLevel> {
 protected:
  void SetUp() override {
    if (!descent::kernels::simd_level_supported(GetParam())) GTEST_SKIP() << "this CPU lacks AVX-512F";
    saved_ = descent::kernels::simd_level();
    descent::kernels::set_simd_level_for_testing(GetParam());
  }
  void TearDown() override {
    if (descent::kernels::simd_level_supported(GetParam())) descent::kernels::set_simd_level_for_testing(saved_);
  }

 private:
  SimdLevel saved_ = SimdLevel::portable;
};

INSTANTIATE_TEST_SUITE_P(Levels, KernelsRowSumsLevels, ::testing::Values(SimdLevel::portable, SimdLevel::avx512),
                         [](const auto& info) { return info.param == SimdLevel::portable ? "portable" : "avx512"; });

TEST_P(KernelsRowSumsLevels, SumsEachRowInColumnOrder) {
  const std::ptrdiff_t m = 39, n = 7, ld = 41;  // two 16-row blocks, a 4-row block, a tail of 3; ld > m
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
