#pragma once
// The four-lane tanh behind tanh_f32, in a header so that fused loops (nn/narrow_mlp.cpp) inline it:
// tanh(x) = sign(x) · e/(e + 2) with e = expm1(2|x|); past |x| = 10, tanh is 1 in float. Lane-wise
// operations only, so a value gives the same bits in whichever lane it sits.
#include "kernels/expm1_f32x4.hpp"

namespace descent::simd {

inline f32x4 tanh4(f32x4 x) {
  const f32x4 sign = bit_and(x, splat(-0.f));
  const f32x4 ax = bit_xor(x, sign);
  const f32x4 y = min(add(ax, ax), splat(20.f));  // NaN gives 20 here; restored below
  f32x4 scale, em1r;
  expm1_parts(y, scale, em1r);
  const f32x4 e = add(mul(scale, em1r), sub(scale, splat(1.f)));
  const f32x4 t = bit_or(div(e, add(e, splat(2.f))), sign);  // tanh(−0) = −0
  return select(eq(x, x), t, x);
}

}  // namespace descent::simd
