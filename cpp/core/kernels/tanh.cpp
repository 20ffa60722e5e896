#include "kernels/tanh.hpp"

#include "kernels/tanh_f32x4.hpp"

namespace descent {

using namespace simd;

float tanh_f32(float x) {
  float out[4];
  store(out, tanh4(splat(x), tanh_constants()));
  return out[0];
}

void tanh_f32(const float* z, float* h, std::size_t n) {
  const TanhConstants k = tanh_constants();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store(h + i, tanh4(load(z + i), k));
  if (i == n) return;
  float tail[4] = {0.f, 0.f, 0.f, 0.f};
  for (std::size_t k = i; k < n; ++k) tail[k - i] = z[k];
  store(tail, tanh4(load(tail), k));
  for (std::size_t k = i; k < n; ++k) h[k] = tail[k - i];
}

void add_bias_tanh_f32(const float* bias, std::size_t rows, std::size_t cols, float* z, float* h) {
  if (rows % 4 == 0) {
    const TanhConstants k = tanh_constants();
    for (std::size_t j = 0; j < cols; ++j, z += rows, h += rows)
      for (std::size_t i = 0; i < rows; i += 4) {
        const f32x4 zv = add(load(z + i), load(bias + i));
        store(z + i, zv);
        store(h + i, tanh4(zv, k));
      }
    return;
  }
  for (std::size_t j = 0; j < cols; ++j)
    for (std::size_t i = 0; i < rows; ++i) z[j * rows + i] += bias[i];
  tanh_f32(z, h, rows * cols);
}

}  // namespace descent
