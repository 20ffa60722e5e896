#pragma once
// tanh for float32 without libm: libm's tanhf differs between glibc and the WebAssembly build's musl
// and costs ~20 ns a call, which dominated small-network training. This one is evaluated four lanes
// at a time in float with only +, −, ×, ÷ and integer bit operations (simd.hpp), so it gives the same
// bits natively and in WebAssembly. Measured over every float in [0, 11] (tanh is odd by
// construction; beyond, it is ±1): at most 2.42 ulp from the exact tanh, and the SSE2 and WebAssembly
// builds give identical bits for all of them.
#include <cstddef>

namespace descent {

float tanh_f32(float x);
// h[i] = tanh_f32(z[i]); z and h may alias.
void tanh_f32(const float* z, float* h, std::size_t n);
// z[i + j·rows] += bias[i], then h = tanh_f32(z), for contiguous column-major rows × cols blocks:
// a layer's bias and activation in one pass while z is in registers.
void add_bias_tanh_f32(const float* bias, std::size_t rows, std::size_t cols, float* z, float* h);

}  // namespace descent
