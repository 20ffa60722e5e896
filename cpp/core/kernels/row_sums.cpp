#include "kernels/row_sums.hpp"

#include "kernels/simd.hpp"

namespace descent {

void row_sums(std::ptrdiff_t m, std::ptrdiff_t n, const float* x, std::ptrdiff_t ld, float* out) {
  using namespace simd;
  std::ptrdiff_t i = 0;
  for (; i + 4 <= m; i += 4) {
    f32x4 acc = zero();
    for (std::ptrdiff_t j = 0; j < n; ++j) acc = add(acc, load(x + j * ld + i));
    store(out + i, acc);
  }
  for (; i < m; ++i) {
    float acc = 0.f;
    for (std::ptrdiff_t j = 0; j < n; ++j) acc += x[j * ld + i];
    out[i] = acc;
  }
}

}  // namespace descent
