#include "kernels/tanh.hpp"

#include <cstdint>
#include <cstring>

#include "kernels/simd.hpp"

namespace descent {
namespace {

using namespace simd;

f32x4 splat_bits(std::uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return splat(f);
}

// tanh(x) = sign(x) · e/(e + 2) with e = expm1(2|x|). expm1(y) = 2^n·expm1(r) + (2^n − 1) with
// y = n·ln2 + r, |r| ≤ ln2/2, and expm1(r) = r + r²·q(r): no constant term, so small |x| keep full
// relative accuracy (tiny x come out exact). Past |x| = 10, tanh is 1 in float.
f32x4 tanh4(f32x4 x) {
  constexpr float kLn2Hi = 6.9314575195e-01f;  // 15 significant bits: n·kLn2Hi is exact for n ≤ 29
  constexpr float kLn2Lo = 1.4286067653e-06f;
  constexpr float kInvLn2 = 1.4426950216e+00f;
  // Adding 1.5·2^23 rounds y/ln2 to the integer n and leaves n in the low mantissa bits, so n and
  // 2^n come from float and integer lane arithmetic alone (no float→int conversion).
  constexpr float kShift = 12582912.f;
  // q: minimax fit of (expm1(r) − r)/r² for the relative error of expm1 on |r| ≤ ln2/2 + 1e-4,
  // 3.6e-2 float ulp with these float coefficients.
  constexpr float kQ0 = 0.5f, kQ1 = 0.1666666567325592f, kQ2 = 0.041666362434625626f,
                  kQ3 = 0.008333389647305012f, kQ4 = 0.0013940646313130856f, kQ5 = 0.00019845865608658642f;
  const f32x4 sign = bit_and(x, splat(-0.f));
  const f32x4 ax = bit_xor(x, sign);
  const f32x4 y = min(add(ax, ax), splat(20.f));  // NaN gives 20 here; restored below
  const f32x4 shifted = add(mul(y, splat(kInvLn2)), splat(kShift));
  const f32x4 n = sub(shifted, splat(kShift));
  const f32x4 r = sub(sub(y, mul(n, splat(kLn2Hi))), mul(n, splat(kLn2Lo)));
  f32x4 q = add(splat(kQ4), mul(r, splat(kQ5)));
  q = add(splat(kQ3), mul(r, q));
  q = add(splat(kQ2), mul(r, q));
  q = add(splat(kQ1), mul(r, q));
  q = add(splat(kQ0), mul(r, q));
  const f32x4 em1r = add(r, mul(mul(r, r), q));
  // 2^n: n + 127 into the exponent field; the shift's own bits move out past bit 31.
  const f32x4 scale = shl_i32<23>(add_i32(shifted, splat_bits(127)));
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

}  // namespace descent
