#include <gtest/gtest.h>

#include <cstddef>
#include <vector>

#include "gemm_reference.hpp"
#include "kernels/gemm.hpp"
#include "random.hpp"
#include "simd_levels.hpp"

namespace {

using descent::MatView;

// zero_share of the entries exactly zero, as a ReLU layer leaves them (and its gradients).
std::vector<float> random_values(std::size_t n, std::uint64_t seed, double zero_share = 0) {
  descent::Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) {
    x = static_cast<float>(rng.uniform(-1, 1));
    if (rng.uniform(0, 1) < zero_share) x = 0.f;
  }
  return v;
}

struct Shape {
  std::ptrdiff_t m, n, k;
};

// Small (unpacked) and packed sizes, with tails in every dimension and block boundaries crossed
// (k > 256, m > 64, n > 256); small products with 8-row blocks and 4- and 1-row tails (12, 13), a
// transposed A copied in several row panels (70 × 513) and one too deep for the copy (k = 17000).
// For the 512-bit kernel (32 × 12 tiles, 16-row vectors, MC = 256, NC = 240): row counts around 16
// and 32 (10, 17, 31, 33, 48), every column tail (n = 13 … 23), m > 256 and n > 240, and W3's
// products (forward 256 × 128 × 784, Wᵀ·dZ 256 × 128 × 10, dZ·Hᵀ 256 × 784 × 128 and 10 × 256 × 128);
// output layers of one to three rows, with column tails and a B too big for the transposed copy.
// The 256-bit kernel (16 × 6 tiles, 8-row vectors, MC = 128) meets the same shapes as 8- and 16-row
// panels with masked tails, every column tail (n mod 6), m > 128 (257: a one-row last block) and
// output layers across 32-column passes.
const Shape kShapes[] = {{1, 1, 1},     {3, 5, 7},      {2, 11, 5},     {3, 4, 1},      {8, 10, 2},
                         {6, 9, 3},     {1, 10, 8},     {8, 4, 256},    {12, 6, 5},     {13, 5, 9},
                         {70, 3, 513},  {5, 2, 17000},  {13, 7, 300},   {70, 9, 513},   {257, 130, 33},
                         {9, 261, 40},  {64, 64, 64},   {10, 128, 256}, {17, 13, 40},   {31, 14, 41},
                         {33, 15, 64},  {48, 16, 17},   {16, 17, 300},  {40, 18, 9},    {47, 19, 33},
                         {20, 20, 30},  {63, 21, 65},   {95, 22, 7},    {100, 23, 11},  {289, 251, 70},
                         {256, 128, 784}, {256, 128, 10}, {256, 784, 128}, {10, 256, 128},
                         {1, 64, 64},   {3, 70, 33},    {2, 300, 250},  {1, 17, 200}};

// A and B as forward (W·H), Wᵀ·dZ and dZ·Hᵀ see them: column-major, transposed, and with a leading
// dimension larger than the rows used (a view into a bigger workspace).
void check_all_layouts(bool transpose_a, bool transpose_b, double a_zero_share = 0, double b_zero_share = 0) {
  for (const auto& s : kShapes)
    for (const std::ptrdiff_t pad : {0, 5}) {
      const std::ptrdiff_t lda = (transpose_a ? s.k : s.m) + pad, ldb = (transpose_b ? s.n : s.k) + pad;
      const auto a_data = random_values(static_cast<std::size_t>(lda * (transpose_a ? s.m : s.k)), 1, a_zero_share);
      const auto b_data = random_values(static_cast<std::size_t>(ldb * (transpose_b ? s.k : s.n)), 2, b_zero_share);
      const MatView a = transpose_a ? MatView{a_data.data(), lda, 1} : MatView{a_data.data(), 1, lda};
      const MatView b = transpose_b ? MatView{b_data.data(), ldb, 1} : MatView{b_data.data(), 1, ldb};
      const std::ptrdiff_t ldc = s.m + 3;  // a leading dimension larger than m must leave the gap alone
      std::vector<float> c(static_cast<std::size_t>(ldc * s.n), 42.f);
      descent::gemm(s.m, s.n, s.k, a, b, c.data(), ldc);
      const auto want = sequential_product(s.m, s.n, s.k, a, b);
      for (std::ptrdiff_t j = 0; j < s.n; ++j) {
        for (std::ptrdiff_t i = 0; i < s.m; ++i)
          ASSERT_EQ(c[static_cast<std::size_t>(i + j * ldc)], want[static_cast<std::size_t>(i + j * s.m)])
              << s.m << "x" << s.n << "x" << s.k << " pad " << pad << " at (" << i << ", " << j << ")";
        for (std::ptrdiff_t i = s.m; i < ldc; ++i) ASSERT_EQ(c[static_cast<std::size_t>(i + j * ldc)], 42.f);
      }
    }
}

class KernelsGemm : public SimdLevelTest {};
DESCENT_FOR_EVERY_SIMD_LEVEL(KernelsGemm);

TEST_P(KernelsGemm, PlainLayoutMatchesSequentialSums) { check_all_layouts(false, false); }
TEST_P(KernelsGemm, TransposedAMatchesSequentialSums) { check_all_layouts(true, false); }
TEST_P(KernelsGemm, TransposedBMatchesSequentialSums) { check_all_layouts(false, true); }
TEST_P(KernelsGemm, BothTransposedMatchSequentialSums) { check_all_layouts(true, true); }
// Half of B (or of A) zero: the WebAssembly and portable levels skip those terms (kernels/gemm_sparse),
// the others multiply them; every level must still give the sequential sums' bits.
TEST_P(KernelsGemm, SparseBMatchesSequentialSums) {
  for (const bool ta : {false, true})
    for (const bool tb : {false, true}) check_all_layouts(ta, tb, 0, 0.5);
}
TEST_P(KernelsGemm, SparseAMatchesSequentialSums) {
  for (const bool ta : {false, true})
    for (const bool tb : {false, true}) check_all_layouts(ta, tb, 0.5, 0);
}

TEST(KernelsGemmEdge, EmptyInnerDimensionGivesZeros) {
  std::vector<float> c(6, 1.f);
  descent::gemm(2, 3, 0, MatView{nullptr, 1, 2}, MatView{nullptr, 1, 0}, c.data(), 2);
  for (float v : c) EXPECT_EQ(v, 0.f);
}

}  // namespace
