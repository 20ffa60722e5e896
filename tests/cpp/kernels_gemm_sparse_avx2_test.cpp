#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <vector>

#include "gemm_reference.hpp"
#include "kernels/gemm_sparse_avx2.hpp"
#include "kernels/simd_level.hpp"
#include "random.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
namespace {

using descent::MatView;
using descent::kernels::SimdLevel;

// dZ (m × k, column-major, a ReLU layer's gradient: zero_share of it ±0) and Hᵀ (B(p, j) = H(j, p),
// H column-major with leading dimension ldh ≥ n), as the backward pass hands them to gemm.
struct Product {
  std::ptrdiff_t m, n, k, lda, ldh;
  std::vector<float> a, h;

  Product(std::ptrdiff_t m_, std::ptrdiff_t n_, std::ptrdiff_t k_, double zero_share, std::uint64_t seed = 1)
      : m(m_), n(n_), k(k_), lda(m_ + 3), ldh(n_ + 5) {
    descent::Rng rng(seed);
    a.resize(static_cast<std::size_t>(lda * k));
    h.resize(static_cast<std::size_t>(ldh * k));
    for (auto& x : a) {
      x = static_cast<float>(rng.uniform(-1, 1));
      if (rng.uniform(0, 1) < zero_share) x = rng.uniform(0, 1) < 0.5 ? 0.f : -0.f;
    }
    for (auto& x : h) x = static_cast<float>(rng.uniform(-1, 1));
  }
  MatView av() const { return {a.data(), 1, lda}; }
  MatView bv() const { return {h.data(), ldh, 1}; }
  std::ptrdiff_t ldc() const { return m + 2; }

  bool run(std::vector<float>& c) {
    c.assign(static_cast<std::size_t>(ldc() * n), 42.f);
    return descent::kernels::gemm_sparse_a_avx2(m, n, k, av(), bv(), c.data(), ldc(),
                                                {a_scratch.data(), kScratch, b_scratch.data(), kScratch});
  }
  // Every element has the sequential sums' bits (NaN for NaN), and C's gap below each column is left alone.
  void expect_reference(const std::vector<float>& c) const {
    const auto want = sequential_product(m, n, k, av(), bv());
    for (std::ptrdiff_t j = 0; j < n; ++j) {
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        const float got = c[static_cast<std::size_t>(i + j * ldc())], w = want[static_cast<std::size_t>(i + j * m)];
        if (std::isnan(w)) {
          ASSERT_TRUE(std::isnan(got)) << m << "x" << n << "x" << k << " at (" << i << ", " << j << ")";
        } else {
          ASSERT_EQ(std::memcmp(&got, &w, sizeof got), 0)
              << m << "x" << n << "x" << k << " at (" << i << ", " << j << "): " << got << " vs " << w;
        }
      }
      for (std::ptrdiff_t i = m; i < ldc(); ++i) ASSERT_EQ(c[static_cast<std::size_t>(i + j * ldc())], 42.f);
    }
  }

  static constexpr std::ptrdiff_t kScratch = 65536;
  std::vector<float> a_scratch = std::vector<float>(kScratch + 8), b_scratch = std::vector<float>(kScratch + 8);
};

class KernelsGemmSparseAvx2 : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!descent::kernels::simd_level_supported(SimdLevel::avx2)) GTEST_SKIP() << "this CPU lacks AVX2";
  }
};

// W3's dZ·Xᵀ (256 × 784 × 128), and shapes with a row count that is not a multiple of eight, a last
// panel of B narrower than one vector or than the 56-column panel, and k with a tail of eight.
TEST_F(KernelsGemmSparseAvx2, SkippingZerosOfAGivesTheSequentialSumsBits) {
  struct Shape {
    std::ptrdiff_t m, n, k;
  };
  for (const Shape s : {Shape{256, 784, 128}, Shape{61, 180, 101}, Shape{9, 1000, 117}, Shape{130, 59, 140}})
    for (const double zeros : {0.5, 0.9}) {
      Product p(s.m, s.n, s.k, zeros);
      std::vector<float> c;
      ASSERT_TRUE(p.run(c)) << s.m << "x" << s.n << "x" << s.k << " zeros " << zeros;
      p.expect_reference(c);
    }
}

// 0 · Inf is NaN in the dense product: a row of B (a sample's features) holding an Inf or NaN is
// never skipped, even where every entry of A against it is zero.
TEST_F(KernelsGemmSparseAvx2, NonFiniteRowsOfBAreNeverSkipped) {
  Product p(64, 130, 130, 0.5);
  for (std::ptrdiff_t i = 0; i < p.m; ++i) {
    p.a[static_cast<std::size_t>(i + 3 * p.lda)] = 0.f;
    p.a[static_cast<std::size_t>(i + 129 * p.lda)] = 0.f;  // in the tail past the last group of eight
  }
  p.h[static_cast<std::size_t>(3 * p.ldh + 7)] = std::numeric_limits<float>::infinity();
  p.h[static_cast<std::size_t>(129 * p.ldh + 99)] = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> c;
  ASSERT_TRUE(p.run(c));
  p.expect_reference(c);
  EXPECT_TRUE(std::isnan(c[static_cast<std::size_t>(5 + 7 * p.ldc())])) << "0 · Inf in column 7";
  EXPECT_TRUE(std::isnan(c[static_cast<std::size_t>(60 + 99 * p.ldc())])) << "0 · NaN in column 99";
}

TEST_F(KernelsGemmSparseAvx2, NanInAIsNotTakenForZero) {
  Product p(32, 200, 170, 0.5);
  p.a[static_cast<std::size_t>(4 + 10 * p.lda)] = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> c;
  ASSERT_TRUE(p.run(c));
  p.expect_reference(c);
  EXPECT_TRUE(std::isnan(c[4]));
}

TEST_F(KernelsGemmSparseAvx2, DenseOrSmallProductsAreLeftToTheDenseKernel) {
  std::vector<float> c;
  Product weights(256, 784, 128, 0.05);  // a weight matrix: the first columns decide
  EXPECT_FALSE(weights.run(c));
  for (float v : c) ASSERT_EQ(v, 42.f);  // nothing written
  Product denser(256, 784, 128, 0.2);  // 80 % nonzero: past the first look, the lists decide
  EXPECT_FALSE(denser.run(c));
  for (float v : c) ASSERT_EQ(v, 42.f);
  Product w2(64, 64, 64, 0.5);  // W2's dZ·Hᵀ: too few multiply-adds for the lists to pay
  EXPECT_FALSE(w2.run(c));
}

TEST_F(KernelsGemmSparseAvx2, OperandsBeyondTheScratchAreDeclined) {
  Product deep(300, 100, 300, 0.5);  // a transposed A of 90,000 floats does not fit
  std::vector<float> c;
  EXPECT_FALSE(deep.run(c));
}

}  // namespace
#endif
