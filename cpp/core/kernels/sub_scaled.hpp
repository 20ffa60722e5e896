#pragma once
// p[i] −= a·g[i] (plain gradient descent's whole update), four lanes at a time: the optimizer files
// are compiled for size in WebAssembly, and as a scalar loop this was 7 % of a 2-8-8-1 step.
#include <cstddef>

namespace descent {

void sub_scaled(float* p, const float* g, float a, std::size_t n);

}  // namespace descent
