#pragma once
// tanh for float32 without libm: libm's tanhf differs between glibc and the WebAssembly build's musl
// and costs ~20 ns a call, which dominated small-network training. This one is evaluated in double
// with only +, −, ×, ÷ and integer bit operations, so it gives the same bits everywhere, vectorises,
// and is within one float ulp of tanh(x) (relative error below 1e-9 before the final rounding).
#include <cstddef>

namespace descent {

float tanh_f32(float x);
// h[i] = tanh_f32(z[i]); z and h may alias.
void tanh_f32(const float* z, float* h, std::size_t n);

}  // namespace descent
