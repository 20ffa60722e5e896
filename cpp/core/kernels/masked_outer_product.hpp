#pragma once
// The gradient passed below a ReLU layer that feeds a single output (a regression or binary net's last
// hidden layer, W2's second): there dZ = M ⊙ w·dᵀ — the output's weights times its gradient, masked
// where the layer's Z ≤ 0 — so Wᵀ·dZ needs no multiply per term:
//
//   C(:, j) = d_j · Σ_{p : Z(p, j) > 0} U(:, p),   U(:, p) = W(p, :)ᵀ · w_p,
//
// one add per term instead of a multiply and an add, over index lists with no values. W2's 64³
// product took 11.6 µs in Chromium as a ReLU-sparse gemm and ≈ 9 µs this way.
//
// Each C(i, j) is summed over p in increasing order from +0 and then multiplied by d_j, at every
// vector width, so native and WebAssembly builds agree; the rounding differs from gemm's
// Σ_p W(p, i)·(w_p·d_j), within a few float ulps (both are the same sum).
#include <cstddef>

namespace descent::kernels {

// C (m × n, leading dimension ldc) = Wᵀ · (M ⊙ w·dᵀ) with W k × m (column-major, leading dimension
// ldw), w of length k, d_j = d[j · ds], M(p, j) = Z(p, j) > 0 for Z k × n (leading dimension ldz).
// Returns false, having written nothing, when a weight product W(p, i)·w_p is not finite (a diverging
// run: gemm on the masked dZ then gives its Inf and NaN as usual), the layer has fewer than 16 units,
// or the operands exceed its fixed buffers (no call allocates).
bool masked_outer_product(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const float* w_mat, std::ptrdiff_t ldw,
                          const float* w, const float* d, std::ptrdiff_t ds, const float* z, std::ptrdiff_t ldz, float* c,
                          std::ptrdiff_t ldc);

}  // namespace descent::kernels
