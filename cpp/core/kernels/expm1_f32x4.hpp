#pragma once
// The exponential core shared by tanh_f32 and the BCE loss: expm1(y) = scale·em1r + (scale − 1) with
// scale = 2^n, y = n·ln2 + r, |r| ≤ ln2/2 and em1r = expm1(r) = r + r²·q(r). No constant term, so
// small |y| keep full relative accuracy. Only +, −, × and integer bit operations: the same bits
// natively and in WebAssembly. y must lie in [−87, 88] (2^n stays a normal float).
#include "kernels/simd.hpp"

namespace descent::simd {

// The kernels' constants as vectors, taken once per call and passed to the loop bodies. In
// WebAssembly each use of a literal constant is a v128.const that V8 rebuilds in a register at every
// use (several instructions each, about fifteen per tanh); loaded through a pointer the compiler
// cannot see through, they are ordinary values that stay in registers or stack slots across the loop
// (a 2-8-8-1 training step 2–3 % faster in V8). The values, hence the bits, are the same.
template <class T>
const T* opaque(const T* p) {
  const T* volatile v = p;
  return v;
}

struct Expm1Constants {
  f32x4 inv_ln2, shift, ln2_hi, ln2_lo, q0, q1, q2, q3, q4, q5, exponent_bias;
};

inline constexpr float kExpm1Table[] = {
    1.4426950216e+00f,  // 1/ln2
    // Adding 1.5·2^23 rounds y/ln2 to the integer n and leaves n in the low mantissa bits, so n and
    // 2^n come from float and integer lane arithmetic alone (no float→int conversion).
    12582912.f,
    6.9314575195e-01f,  // ln2, high part: 15 significant bits, so n·ln2_hi is exact for |n| ≤ 512
    1.4286067653e-06f,  // ln2, low part
    // q: minimax fit of (expm1(r) − r)/r² for the relative error of expm1 on |r| ≤ ln2/2 + 1e-4,
    // 3.6e-2 float ulp with these float coefficients.
    0.5f, 0.1666666567325592f, 0.041666362434625626f, 0.008333389647305012f, 0.0013940646313130856f,
    0.00019845865608658642f,
    __builtin_bit_cast(float, 127u),  // the exponent bias, added as an integer (libc++ 13 has no std::bit_cast)
};

inline Expm1Constants expm1_constants() {
  const float* c = opaque(kExpm1Table);
  return {splat(c[0]), splat(c[1]), splat(c[2]), splat(c[3]), splat(c[4]), splat(c[5]),
          splat(c[6]), splat(c[7]), splat(c[8]), splat(c[9]), splat(c[10])};
}

inline void expm1_parts(f32x4 y, f32x4& scale, f32x4& em1r, const Expm1Constants& k) {
  const f32x4 shifted = add(mul(y, k.inv_ln2), k.shift);
  const f32x4 n = sub(shifted, k.shift);
  const f32x4 r = sub(sub(y, mul(n, k.ln2_hi)), mul(n, k.ln2_lo));
  f32x4 q = add(k.q4, mul(r, k.q5));
  q = add(k.q3, mul(r, q));
  q = add(k.q2, mul(r, q));
  q = add(k.q1, mul(r, q));
  q = add(k.q0, mul(r, q));
  em1r = add(r, mul(mul(r, r), q));
  // 2^n: n + 127 into the exponent field; the shift's own bits move out past bit 31.
  scale = shl_i32<23>(add_i32(shifted, k.exponent_bias));
}

}  // namespace descent::simd
