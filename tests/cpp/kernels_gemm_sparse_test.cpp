#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "gemm_reference.hpp"
#include "kernels/gemm_sparse.hpp"
#include "random.hpp"

namespace {

using descent::MatView;

std::vector<float> values(std::size_t n, std::uint64_t seed, double zero_share) {
  descent::Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) {
    x = static_cast<float>(rng.uniform(-1, 1));
    if (rng.uniform(0, 1) < zero_share) x = rng.uniform(0, 1) < 0.5 ? 0.f : -0.f;
  }
  return v;
}

bool same_bits(float x, float y) {
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
  return std::memcmp(&x, &y, sizeof x) == 0;
}

struct Case {
  std::ptrdiff_t m, n, k;
};

// Row blocks of 24, 16, 8, 4 and single rows; k with and without a tail of four; W2's 64 × 64 × 64.
const Case kCases[] = {{16, 1, 1}, {17, 5, 7}, {24, 9, 13}, {35, 3, 64}, {64, 64, 64}, {70, 33, 129}, {101, 20, 5}};

class Sparse {
 public:
  Sparse(Case s, bool ta, bool tb, double b_zeros, double a_zeros = 0)
      : s_(s),
        lda_((ta ? s.k : s.m) + 3),
        ldb_((tb ? s.n : s.k) + 2),
        a_data_(values(static_cast<std::size_t>(lda_ * (ta ? s.m : s.k)), 1, a_zeros)),
        b_data_(values(static_cast<std::size_t>(ldb_ * (tb ? s.k : s.n)), 2, b_zeros)),
        ta_(ta),
        tb_(tb) {}
  MatView a() const { return ta_ ? MatView{a_data_.data(), lda_, 1} : MatView{a_data_.data(), 1, lda_}; }
  MatView b() const { return tb_ ? MatView{b_data_.data(), ldb_, 1} : MatView{b_data_.data(), 1, ldb_}; }
  float& a_at(std::ptrdiff_t i, std::ptrdiff_t p) { return a_data_[static_cast<std::size_t>(ta_ ? i * lda_ + p : i + p * lda_)]; }
  float& b_at(std::ptrdiff_t p, std::ptrdiff_t j) { return b_data_[static_cast<std::size_t>(tb_ ? p * ldb_ + j : p + j * ldb_)]; }

  // Runs gemm_sparse into a C with a gap below each column (ldc > m); returns whether it computed.
  bool run(std::vector<float>& c) {
    c.assign(static_cast<std::size_t>(ldc() * s_.n), 42.f);
    return descent::kernels::gemm_sparse(s_.m, s_.n, s_.k, a(), b(), c.data(), ldc(), {a_pack_, kPack, b_pack_, kPack});
  }
  void expect_reference(const std::vector<float>& c) {
    const auto want = sequential_product(s_.m, s_.n, s_.k, a(), b());
    for (std::ptrdiff_t j = 0; j < s_.n; ++j) {
      for (std::ptrdiff_t i = 0; i < s_.m; ++i)
        ASSERT_TRUE(same_bits(c[static_cast<std::size_t>(i + j * ldc())], want[static_cast<std::size_t>(i + j * s_.m)]))
            << s_.m << "x" << s_.n << "x" << s_.k << (ta_ ? " Aᵀ" : "") << (tb_ ? " Bᵀ" : "") << " at (" << i << ", " << j
            << "): " << c[static_cast<std::size_t>(i + j * ldc())] << " vs " << want[static_cast<std::size_t>(i + j * s_.m)];
      for (std::ptrdiff_t i = s_.m; i < ldc(); ++i) ASSERT_EQ(c[static_cast<std::size_t>(i + j * ldc())], 42.f);
    }
  }
  std::ptrdiff_t ldc() const { return s_.m + 3; }
  double b_density() {
    std::ptrdiff_t nonzero = 0;
    for (std::ptrdiff_t p = 0; p < s_.k; ++p)
      for (std::ptrdiff_t j = 0; j < s_.n; ++j) nonzero += b_at(p, j) != 0.f;
    return static_cast<double>(nonzero) / static_cast<double>(s_.k * s_.n);
  }

 private:
  static constexpr std::ptrdiff_t kPack = 16384;
  Case s_;
  std::ptrdiff_t lda_, ldb_;
  std::vector<float> a_data_, b_data_;
  bool ta_, tb_;
  float a_pack_[kPack];
  float b_pack_[kPack];
};

TEST(KernelsGemmSparse, SkippingZerosGivesTheSequentialSumsBits) {
  for (const auto& s : kCases)
    for (const bool ta : {false, true})
      for (const bool tb : {false, true})
        for (const double zeros : {0.4, 0.5, 0.8, 1.0}) {
          auto x = std::make_unique<Sparse>(s, ta, tb, zeros);
          std::vector<float> c;
          // Skipping pays up to 70 % nonzero entries.
          const bool sparse = x->b_density() <= 0.7;
          ASSERT_EQ(x->run(c), sparse) << s.m << "x" << s.n << "x" << s.k << " density " << x->b_density();
          if (sparse) x->expect_reference(c);
        }
}

// A sparse A and a dense B: Cᵀ = Bᵀ·Aᵀ skips A's zeros and writes C's rows as its columns (tried
// from a million multiply-adds on).
TEST(KernelsGemmSparse, SkippingZerosOfAGivesTheSequentialSumsBits) {
  const Case cases[] = {{128, 100, 100}, {80, 131, 101}, {101, 333, 33}};
  for (const auto& s : cases)
    for (const bool ta : {false, true})
      for (const bool tb : {false, true}) {
        auto x = std::make_unique<Sparse>(s, ta, tb, 0.0, 0.5);
        std::vector<float> c;
        ASSERT_TRUE(x->run(c)) << s.m << "x" << s.n << "x" << s.k;
        x->expect_reference(c);
      }
}

TEST(KernelsGemmSparse, NonFiniteRowsOfBAreNeverSkippedWhenAIsSparse) {
  auto x = std::make_unique<Sparse>(Case{128, 100, 100}, false, false, 0.0, 0.5);
  for (std::ptrdiff_t i = 0; i < 128; ++i) x->a_at(i, 2) = 0.f;
  x->b_at(2, 5) = std::numeric_limits<float>::infinity();
  std::vector<float> c;
  ASSERT_TRUE(x->run(c));
  x->expect_reference(c);
  EXPECT_TRUE(std::isnan(c[static_cast<std::size_t>(7 + 5 * x->ldc())])) << "0 · Inf in column 5";
}

TEST(KernelsGemmSparse, DenseOperandsAreLeftToTheDenseKernels) {
  for (const bool tb : {false, true}) {
    auto x = std::make_unique<Sparse>(Case{64, 64, 64}, false, tb, 0.1);
    std::vector<float> c;
    EXPECT_FALSE(x->run(c));
    for (float v : c) ASSERT_EQ(v, 42.f);  // nothing written
  }
}

TEST(KernelsGemmSparse, SmallProductsAreNotTransposed) {
  auto x = std::make_unique<Sparse>(Case{64, 16, 64}, false, false, 0.0, 0.5);  // W2's dZ·Xᵀ
  std::vector<float> c;
  EXPECT_FALSE(x->run(c));
}

TEST(KernelsGemmSparse, FewRowsAreLeftToTheDenseKernels) {
  auto x = std::make_unique<Sparse>(Case{10, 10, 64}, false, false, 0.5, 0.5);
  std::vector<float> c;
  EXPECT_FALSE(x->run(c));
}

// A diverged weight (Inf or NaN) times a zero activation is NaN in the dense product and must stay
// NaN here: its column of A is never skipped.
TEST(KernelsGemmSparse, NonFiniteColumnsOfAAreNeverSkipped) {
  for (const bool ta : {false, true})
    for (const bool tb : {false, true}) {
      auto x = std::make_unique<Sparse>(Case{35, 9, 13}, ta, tb, 0.5);
      for (std::ptrdiff_t j = 0; j < 9; ++j) x->b_at(4, j) = x->b_at(9, j) = x->b_at(12, j) = 0.f;
      x->a_at(3, 4) = std::numeric_limits<float>::infinity();
      x->a_at(30, 9) = std::numeric_limits<float>::quiet_NaN();
      x->a_at(34, 12) = -std::numeric_limits<float>::infinity();  // in the one-row tail
      std::vector<float> c;
      ASSERT_TRUE(x->run(c));
      x->expect_reference(c);
      EXPECT_TRUE(std::isnan(c[3])) << "row 3 meets column 4's Inf only through zeros of B";
    }
}

TEST(KernelsGemmSparse, CopiesBeyondTheScratchAreDeclined) {
  // Bᵀ of 200 × 100 does not fit the 16384-float scratch the test lends (and A is dense).
  auto x = std::make_unique<Sparse>(Case{16, 100, 200}, false, true, 0.5);
  std::vector<float> c;
  EXPECT_FALSE(x->run(c));
}

}  // namespace
