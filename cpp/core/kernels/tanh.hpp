#pragma once
// tanh for float32 without libm: libm's tanhf differs between glibc and the WebAssembly build's musl
// and costs ~20 ns a call, which dominated small-network training. This one is evaluated in double
// with only +, −, ×, ÷ and a float→int conversion, so it gives the same bits everywhere, vectorises,
// and rounds to the nearest float of tanh(x) except in rare near-ties (relative error < 1e-14 before
// rounding).
#include <cstddef>

namespace descent {

float tanh_f32(float x);
// h[i] = tanh_f32(z[i]); z and h may alias.
void tanh_f32(const float* z, float* h, std::size_t n);

}  // namespace descent
