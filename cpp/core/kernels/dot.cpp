#include "kernels/dot.hpp"

#include <cstddef>
#include <stdexcept>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace descent {

float dot(std::span<const float> a, std::span<const float> b) {
  if (a.size() != b.size()) throw std::invalid_argument("dot: vectors differ in length");
  const std::size_t n = a.size();
  const std::size_t n4 = n - n % 4;
#ifdef __wasm_simd128__
  v128_t acc = wasm_f32x4_splat(0.f);
  for (std::size_t i = 0; i < n4; i += 4)
    acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(&a[i]), wasm_v128_load(&b[i])));
  float s[4] = {wasm_f32x4_extract_lane(acc, 0), wasm_f32x4_extract_lane(acc, 1),
                wasm_f32x4_extract_lane(acc, 2), wasm_f32x4_extract_lane(acc, 3)};
#else
  float s[4] = {0.f, 0.f, 0.f, 0.f};
  for (std::size_t i = 0; i < n4; i += 4)
    for (std::size_t l = 0; l < 4; ++l) s[l] += a[i + l] * b[i + l];
#endif
  for (std::size_t i = n4; i < n; ++i) s[i - n4] += a[i] * b[i];
  return (s[0] + s[1]) + (s[2] + s[3]);
}

bool simd_enabled() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

}  // namespace descent
