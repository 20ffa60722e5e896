#pragma once
// The exponential core shared by tanh_f32 and the BCE loss: expm1(y) = scale·em1r + (scale − 1) with
// scale = 2^n, y = n·ln2 + r, |r| ≤ ln2/2 and em1r = expm1(r) = r + r²·q(r). No constant term, so
// small |y| keep full relative accuracy. Only +, −, × and integer bit operations: the same bits
// natively and in WebAssembly. y must lie in [−87, 88] (2^n stays a normal float).
#include <cstdint>
#include <cstring>

#include "kernels/simd.hpp"

namespace descent::simd {

inline f32x4 splat_bits(std::uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return splat(f);
}

inline void expm1_parts(f32x4 y, f32x4& scale, f32x4& em1r) {
  constexpr float kLn2Hi = 6.9314575195e-01f;  // 15 significant bits: n·kLn2Hi is exact for |n| ≤ 512
  constexpr float kLn2Lo = 1.4286067653e-06f;
  constexpr float kInvLn2 = 1.4426950216e+00f;
  // Adding 1.5·2^23 rounds y/ln2 to the integer n and leaves n in the low mantissa bits, so n and
  // 2^n come from float and integer lane arithmetic alone (no float→int conversion).
  constexpr float kShift = 12582912.f;
  // q: minimax fit of (expm1(r) − r)/r² for the relative error of expm1 on |r| ≤ ln2/2 + 1e-4,
  // 3.6e-2 float ulp with these float coefficients.
  constexpr float kQ0 = 0.5f, kQ1 = 0.1666666567325592f, kQ2 = 0.041666362434625626f,
                  kQ3 = 0.008333389647305012f, kQ4 = 0.0013940646313130856f, kQ5 = 0.00019845865608658642f;
  const f32x4 shifted = add(mul(y, splat(kInvLn2)), splat(kShift));
  const f32x4 n = sub(shifted, splat(kShift));
  const f32x4 r = sub(sub(y, mul(n, splat(kLn2Hi))), mul(n, splat(kLn2Lo)));
  f32x4 q = add(splat(kQ4), mul(r, splat(kQ5)));
  q = add(splat(kQ3), mul(r, q));
  q = add(splat(kQ2), mul(r, q));
  q = add(splat(kQ1), mul(r, q));
  q = add(splat(kQ0), mul(r, q));
  em1r = add(r, mul(mul(r, r), q));
  // 2^n: n + 127 into the exponent field; the shift's own bits move out past bit 31.
  scale = shl_i32<23>(add_i32(shifted, splat_bits(127)));
}

}  // namespace descent::simd
