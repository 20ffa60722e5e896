#pragma once
// The four-lane BCE-on-logits term behind bce_logits_sum, in a header so that a network's fused
// output pass (nn/narrow_mlp.cpp) evaluates it on the logits while they are in registers (one
// out-of-line 16-sample block shared with bce_logits_sum made a 2-8-8-1 step ≈ 10 % slower in
// Chromium). Lane-wise operations only, so a sample gives the same bits in whichever lane it sits.
#include "kernels/expm1_f32x4.hpp"

namespace descent::simd {

// log1p(e) = 2·atanh(s), s = e/(2 + e) ≤ 1/3: 2s·(1 + s²·R(s²)) with R a minimax fit on s² ≤ 1/9
// (relative error 0.09 float ulp with these coefficients). |o| is capped at 87 so that 2^n stays
// normal; e^−87 ≈ 1.6e-38 is already below anything it is added to.
inline constexpr float kBceTable[] = {0.3333320915699005f, 0.2001076340675354f, 0.14000895619392395f,
                                      0.14006027579307556f, 87.f, 1.f, 2.f, __builtin_bit_cast(float, 0x7fffffffu)};

struct BceConstants {  // taken once per call, see Expm1Constants
  Expm1Constants exp;
  f32x4 r0, r1, r2, r3, cap, one, two, abs_mask;
};

inline BceConstants bce_constants() {
  const float* c = opaque(kBceTable);
  return {expm1_constants(), splat(c[0]), splat(c[1]), splat(c[2]), splat(c[3]),
          splat(c[4]),       splat(c[5]), splat(c[6]), splat(c[7])};
}

// value = max(o, 0) − o·y + log1p(e^−|o|), deriv = σ(o) − y (unscaled). (A NaN logit still makes the
// loss NaN through o·y.)
inline void bce4(f32x4 o, f32x4 y, f32x4& value, f32x4& deriv, const BceConstants& k) {
  const f32x4 a = min(bit_and(o, k.abs_mask), k.cap);
  f32x4 scale, em1r;
  expm1_parts(sub(zero(), a), scale, em1r, k.exp);
  const f32x4 e = mul(scale, add(k.one, em1r));  // e^−|o|
  const f32x4 s = div(e, add(k.two, e));
  const f32x4 w = mul(s, s);
  f32x4 r = add(k.r2, mul(w, k.r3));
  r = add(k.r1, mul(w, r));
  r = add(k.r0, mul(w, r));
  const f32x4 s2 = add(s, s);
  const f32x4 softplus = add(s2, mul(s2, mul(w, r)));
  value = add(sub(sub(o, min(o, zero())), mul(o, y)), softplus);
  // σ(o) − y without cancellation: p = e/(1 + e) is σ(o) below zero and 1 − σ(o) above.
  const f32x4 p = div(e, add(k.one, e));
  deriv = select(lt(o, zero()), sub(p, y), sub(sub(k.one, y), p));
}

}  // namespace descent::simd
