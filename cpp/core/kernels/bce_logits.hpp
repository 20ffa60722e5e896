#pragma once
// Binary cross-entropy on logits for a batch, four samples at a time in float32 with the exponential
// core of tanh_f32 (no libm, the same bits natively and in WebAssembly). It replaced a double libm
// exp and log1p per sample, ≈ 14 % of a 2-8-8-1 training step in WebAssembly.
#include <cstddef>

namespace descent {

// Returns Σ_j [max(o_j, 0) − o_j·y_j + log1p(e^−|o_j|)], each term rounded to float and summed in j
// order in double; when g is given, g[j·gs] = (σ(o_j) − y_j)·scale. o_j is at o[j·os].
double bce_logits_sum(const float* o, std::ptrdiff_t os, const float* y, std::ptrdiff_t n, float* g,
                      std::ptrdiff_t gs, float scale);

}  // namespace descent
