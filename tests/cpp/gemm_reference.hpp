#pragma once
// The GEMM contract every kernel is compared with: each element summed in k order from zero, one
// rounding per multiply and per add, zero terms included.
#include <cstddef>
#include <vector>

#include "kernels/gemm.hpp"

inline std::vector<float> sequential_product(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, descent::MatView a,
                                             descent::MatView b) {
  std::vector<float> c(static_cast<std::size_t>(m * n));
  for (std::ptrdiff_t j = 0; j < n; ++j)
    for (std::ptrdiff_t i = 0; i < m; ++i) {
      float acc = 0.f;
      for (std::ptrdiff_t p = 0; p < k; ++p) {
        const float prod = a(i, p) * b(p, j);
        acc = acc + prod;
      }
      c[static_cast<std::size_t>(i + j * m)] = acc;
    }
  return c;
}
