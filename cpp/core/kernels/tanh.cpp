#include "kernels/tanh.hpp"

#include "kernels/expm1_f32x4.hpp"

namespace descent {
namespace {

using namespace simd;

// tanh(x) = sign(x) · e/(e + 2) with e = expm1(2|x|); past |x| = 10, tanh is 1 in float.
f32x4 tanh4(f32x4 x) {
  const f32x4 sign = bit_and(x, splat(-0.f));
  const f32x4 ax = bit_xor(x, sign);
  const f32x4 y = min(add(ax, ax), splat(20.f));  // NaN gives 20 here; restored below
  f32x4 scale, em1r;
  expm1_parts(y, scale, em1r);
  const f32x4 e = add(mul(scale, em1r), sub(scale, splat(1.f)));
  const f32x4 t = bit_or(div(e, add(e, splat(2.f))), sign);  // tanh(−0) = −0
  return select(eq(x, x), t, x);
}

}  // namespace

float tanh_f32(float x) {
  float out[4];
  store(out, tanh4(splat(x)));
  return out[0];
}

void tanh_f32(const float* z, float* h, std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) store(h + i, tanh4(load(z + i)));
  if (i == n) return;
  float tail[4] = {0.f, 0.f, 0.f, 0.f};
  for (std::size_t k = i; k < n; ++k) tail[k - i] = z[k];
  store(tail, tanh4(load(tail)));
  for (std::size_t k = i; k < n; ++k) h[k] = tail[k - i];
}

void add_bias_tanh_f32(const float* bias, std::size_t rows, std::size_t cols, float* z, float* h) {
  if (rows % 4 == 0) {
    for (std::size_t j = 0; j < cols; ++j, z += rows, h += rows)
      for (std::size_t i = 0; i < rows; i += 4) {
        const f32x4 zv = add(load(z + i), load(bias + i));
        store(z + i, zv);
        store(h + i, tanh4(zv));
      }
    return;
  }
  for (std::size_t j = 0; j < cols; ++j)
    for (std::size_t i = 0; i < rows; ++i) z[j * rows + i] += bias[i];
  tanh_f32(z, h, rows * cols);
}

}  // namespace descent
