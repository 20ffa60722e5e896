#pragma once
#include <span>

namespace descent {

// Dot product with four interleaved partial sums, combined as (s0 + s1) + (s2 + s3). The order is
// the same with wasm SIMD (one f32x4 accumulator) and without it, so native and WebAssembly agree bit
// for bit.
float dot(std::span<const float> a, std::span<const float> b);

// True when this build runs WebAssembly SIMD (v128) code.
bool simd_enabled();

}  // namespace descent
