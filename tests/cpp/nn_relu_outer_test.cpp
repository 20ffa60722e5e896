// The backward pass of a ReLU layer under a single-output layer: relu_backward_outer makes the outer
// product and applies the mask in one pass, and must give the bits of the general path (gemm, then
// activate_backward) at every vector width — signed zeros, Inf and NaN included.
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "kernels/gemm.hpp"
#include "nn/activation.hpp"
#include "random.hpp"
#include "simd_levels.hpp"

namespace {

using namespace descent;
using namespace descent::nn;

bool same_bits(float x, float y) {
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
  return std::memcmp(&x, &y, sizeof x) == 0;
}

// Mostly ordinary values, with exact zeros of both signs, tiny products and, where asked, Inf and NaN.
std::vector<float> values(std::size_t n, std::uint64_t seed, bool non_finite) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) {
    const double u = rng.uniform(0, 1);
    x = static_cast<float>(rng.uniform(-2, 2));
    if (u < 0.15) x = 0.f;
    else if (u < 0.25) x = -0.f;
    else if (u < 0.3) x = 1e-30f * x;
    else if (non_finite && u < 0.33) x = std::numeric_limits<float>::infinity();
    else if (non_finite && u < 0.36) x = std::numeric_limits<float>::quiet_NaN();
  }
  return v;
}

class NnReluOuter : public SimdLevelTest {};
DESCENT_FOR_EVERY_SIMD_LEVEL(NnReluOuter);

TEST_P(NnReluOuter, MatchesTheOuterProductThenTheMaskBitForBit) {
  for (const Eigen::Index rows : {1, 3, 4, 7, 8, 64, 67, 256})
    for (const Eigen::Index cols : {1, 5, 64, 130})
      for (const bool non_finite : {false, true}) {
        const Eigen::Index d_stride = 3;  // the next layer's dZ, a view into a wider workspace
        const auto w = values(static_cast<std::size_t>(rows), 1, non_finite);
        const auto d = values(static_cast<std::size_t>(cols * d_stride), 2, non_finite);
        const auto zv = values(static_cast<std::size_t>(rows * cols), 3, non_finite);
        const Eigen::Map<const Eigen::MatrixXf> z(zv.data(), rows, cols);

        Eigen::MatrixXf want(rows, cols);
        gemm(rows, cols, 1, MatView{w.data(), 1, 1}, MatView{d.data(), 1, d_stride}, want.data(), rows);
        activate_backward(Activation::relu, z, z.cwiseMax(0.f), want);

        Eigen::MatrixXf got = Eigen::MatrixXf::Constant(rows, cols, 42.f);
        relu_backward_outer(w.data(), d.data(), d_stride, z, got);
        for (Eigen::Index j = 0; j < cols; ++j)
          for (Eigen::Index i = 0; i < rows; ++i)
            ASSERT_TRUE(same_bits(got(i, j), want(i, j)))
                << rows << "x" << cols << (non_finite ? " with Inf/NaN" : "") << " at (" << i << ", " << j
                << "): " << got(i, j) << " vs " << want(i, j);
      }
}

}  // namespace
