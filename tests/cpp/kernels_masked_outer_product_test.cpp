// The gradient below a ReLU layer feeding a single output, Wᵀ·(M ⊙ w·dᵀ), computed as
// C(:, j) = d_j · Σ_{p: Z(p, j) > 0} W(p, :)ᵀ·w_p: the exact bits of that order at every vector width
// (native and WebAssembly builds share them), the same values as gemm on the masked product within a
// few ulps, and no answer — so that gemm runs — where a weight product is not finite.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kernels/gemm.hpp"
#include "kernels/masked_outer_product.hpp"
#include "random.hpp"
#include "simd_levels.hpp"

namespace {

using namespace descent;

bool same_bits(float x, float y) { return std::memcmp(&x, &y, sizeof x) == 0; }

std::vector<float> normal(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(rng.normal());
  return v;
}

struct Case {
  std::ptrdiff_t m, n, k;
};

class KernelsMaskedOuterProduct : public SimdLevelTest {};
DESCENT_FOR_EVERY_SIMD_LEVEL(KernelsMaskedOuterProduct);

TEST_P(KernelsMaskedOuterProduct, SumsTheActiveTermsInOrderThenScales) {
  for (const Case& s : {Case{64, 64, 64}, Case{1, 3, 16}, Case{5, 7, 19}, Case{32, 1, 16}, Case{67, 33, 64},
                        Case{96, 64, 40}, Case{130, 5, 17}})
    for (const double active : {0.0, 0.5, 0.68, 1.0}) {
      // Views into wider buffers: W (k × m) with ldw = k + 2, Z with ldz = k + 1, d every third, C ldc = m + 3.
      const std::ptrdiff_t ldw = s.k + 2, ldz = s.k + 1, ds = 3, ldc = s.m + 3;
      const auto w_mat = normal(static_cast<std::size_t>(ldw * s.m), 1);
      auto w = normal(static_cast<std::size_t>(s.k), 2);
      w[0] = 0.f;  // a zero output weight: its active terms add ±0
      const auto d = normal(static_cast<std::size_t>(ds * s.n), 3);
      auto z = normal(static_cast<std::size_t>(ldz * s.n), 4);
      Rng rng(5);
      for (auto& x : z) x = rng.uniform(0, 1) < active ? std::fabs(x) + 0.1f : (rng.uniform(0, 1) < 0.5 ? -0.f : -std::fabs(x));
      std::vector<float> got(static_cast<std::size_t>(ldc * s.n), 7.f);
      ASSERT_TRUE(kernels::masked_outer_product(s.m, s.n, s.k, w_mat.data(), ldw, w.data(), d.data(), ds, z.data(), ldz,
                                                got.data(), ldc));
      const std::string where = std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k) +
                                " active " + std::to_string(active);
      for (std::ptrdiff_t j = 0; j < s.n; ++j)
        for (std::ptrdiff_t i = 0; i < ldc; ++i) {
          float want = 7.f;  // rows past m untouched
          if (i < s.m) {
            float acc = 0.f;
            for (std::ptrdiff_t p = 0; p < s.k; ++p)
              if (z[p + j * ldz] > 0.f) acc += w_mat[p + i * ldw] * w[p];
            want = acc * d[j * ds];
          }
          ASSERT_TRUE(same_bits(got[i + j * ldc], want))
              << where << " at (" << i << ", " << j << "): " << got[i + j * ldc] << " vs " << want;
        }
    }
}

TEST_P(KernelsMaskedOuterProduct, AgreesWithGemmOnTheMaskedProduct) {
  const std::ptrdiff_t m = 64, n = 64, k = 64;
  const auto w_mat = normal(m * k, 6), w = normal(k, 7), d = normal(n, 8), z = normal(k * n, 9);
  std::vector<float> dz(k * n), want(m * n), got(m * n);
  for (std::ptrdiff_t j = 0; j < n; ++j)
    for (std::ptrdiff_t p = 0; p < k; ++p) dz[p + j * k] = (0.f + w[p] * d[j]) * (z[p + j * k] > 0.f ? 1.f : 0.f);
  gemm(m, n, k, MatView{w_mat.data(), k, 1}, MatView{dz.data(), 1, k}, want.data(), m);
  ASSERT_TRUE(kernels::masked_outer_product(m, n, k, w_mat.data(), k, w.data(), d.data(), 1, z.data(), k, got.data(), m));
  for (std::ptrdiff_t e = 0; e < m * n; ++e) {
    double scale = 0;  // the size of the sum's terms bounds its rounding
    const std::ptrdiff_t i = e % m, j = e / m;
    for (std::ptrdiff_t p = 0; p < k; ++p) scale += std::fabs(double{w_mat[p + i * k]} * w[p] * d[j]);
    EXPECT_NEAR(got[e], want[e], 1e-6 * scale) << "at " << e;
  }
}

TEST_P(KernelsMaskedOuterProduct, DeclinesWhereGemmMustRun) {
  const std::ptrdiff_t m = 32, n = 8, k = 16;
  auto w_mat = normal(m * k, 10), w = normal(k, 11);
  const auto d = normal(n, 12), z = normal(k * n, 13);
  std::vector<float> c(m * n, 7.f);
  const auto untouched = [&] {
    for (float x : c)
      if (!same_bits(x, 7.f)) return false;
    return true;
  };
  const float inf = std::numeric_limits<float>::infinity();
  w_mat[5] = inf;  // a diverged weight: the masked product's NaNs must come from gemm
  EXPECT_FALSE(kernels::masked_outer_product(m, n, k, w_mat.data(), k, w.data(), d.data(), 1, z.data(), k, c.data(), m));
  w_mat[5] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_FALSE(kernels::masked_outer_product(m, n, k, w_mat.data(), k, w.data(), d.data(), 1, z.data(), k, c.data(), m));
  w_mat[5] = 1e30f, w[5] = 1e30f;  // W(5, 0) and w_5: finite, but their product overflows
  EXPECT_FALSE(kernels::masked_outer_product(m, n, k, w_mat.data(), k, w.data(), d.data(), 1, z.data(), k, c.data(), m));
  w_mat[5] = 1.f, w[5] = 1.f;
  EXPECT_FALSE(kernels::masked_outer_product(m, n, 15, w_mat.data(), 15, w.data(), d.data(), 1, z.data(), 15, c.data(), m))
      << "fewer than 16 units";
  EXPECT_TRUE(untouched());
  EXPECT_TRUE(kernels::masked_outer_product(m, n, k, w_mat.data(), k, w.data(), d.data(), 1, z.data(), k, c.data(), m));
  EXPECT_FALSE(untouched());
}

}  // namespace
