#include "kernels/sub_scaled.hpp"

#include "kernels/simd.hpp"

namespace descent {

void sub_scaled(float* p, const float* g, float a, std::size_t n) {
  using namespace simd;
  const f32x4 av = splat(a);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store(p + i, sub(load(p + i), mul(av, load(g + i))));
  for (; i < n; ++i) p[i] -= a * g[i];
}

}  // namespace descent
