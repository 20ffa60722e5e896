#include "kernels/bce_logits.hpp"

#include "kernels/bce_logits_f32x4.hpp"

namespace descent {

using namespace simd;

double bce_logits_sum(const float* o, std::ptrdiff_t os, const float* y, std::ptrdiff_t n, float* g,
                      std::ptrdiff_t gs, float scale) {
  // Sixteen samples per pass, as four independent vectors in one straight block: one vector's chain
  // (exponential, two divisions, polynomial) is long, and a loop over single vectors left the core
  // waiting on it. Missing samples are zeros whose results are not used.
  constexpr std::ptrdiff_t kChunk = 16;
  double total = 0.0;
  const BceConstants k = bce_constants();
  const f32x4 sv = splat(scale);
  alignas(16) float ov[kChunk], yv[kChunk], value[kChunk], deriv[kChunk];
  for (std::ptrdiff_t j = 0; j < n; j += kChunk) {
    const std::ptrdiff_t m = n - j < kChunk ? n - j : kChunk;
    for (std::ptrdiff_t l = 0; l < kChunk; ++l) {
      ov[l] = l < m ? o[(j + l) * os] : 0.f;
      yv[l] = l < m ? y[j + l] : 0.f;
    }
    f32x4 v[4], d[4];
    for (int q = 0; q < 4; ++q) bce4(load_aligned(ov + 4 * q), load_aligned(yv + 4 * q), v[q], d[q], k);
    for (int q = 0; q < 4; ++q) {
      store(value + 4 * q, v[q]);
      store(deriv + 4 * q, mul(d[q], sv));
    }
    for (std::ptrdiff_t l = 0; l < m; ++l) total += value[l];
    if (!g) continue;
    for (std::ptrdiff_t l = 0; l < m; ++l) g[(j + l) * gs] = deriv[l];
  }
  return total;
}

}  // namespace descent
