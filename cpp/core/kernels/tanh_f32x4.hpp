#pragma once
// The four-lane tanh behind tanh_f32, in a header so that fused loops (nn/narrow_mlp.cpp) inline it:
// tanh(x) = sign(x) · e/(e + 2) with e = expm1(2|x|); past |x| = 10, tanh is 1 in float. Lane-wise
// operations only, so a value gives the same bits in whichever lane it sits.
#include "kernels/expm1_f32x4.hpp"

namespace descent::simd {

struct TanhConstants {
  Expm1Constants exp;
  f32x4 sign_bit, cap, one, two;
};

inline constexpr float kTanhTable[] = {-0.f, 20.f, 1.f, 2.f};

// Take them once outside a loop (see Expm1Constants).
inline TanhConstants tanh_constants() {
  const float* c = opaque(kTanhTable);
  return {expm1_constants(), splat(c[0]), splat(c[1]), splat(c[2]), splat(c[3])};
}

inline f32x4 tanh4(f32x4 x, const TanhConstants& k) {
  const f32x4 sign = bit_and(x, k.sign_bit);
  const f32x4 ax = bit_xor(x, sign);
  // min(cap, ·) keeps a NaN, which then carries through every step to a NaN result (a select
  // restoring x cost four instructions per vector in V8); ±Inf becomes 20 and gives ±1.
  const f32x4 y = min(k.cap, add(ax, ax));
  f32x4 scale, em1r;
  expm1_parts(y, scale, em1r, k.exp);
  const f32x4 e = add(mul(scale, em1r), sub(scale, k.one));
  return bit_or(div(e, add(e, k.two)), sign);  // tanh(−0) = −0
}

}  // namespace descent::simd
