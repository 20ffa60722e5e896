#pragma once
// gemm's packed product and its few-rows driver, written once for every x86 vector width. Included
// only by gemm_avx2.cpp and gemm_avx512.cpp, after each defines its width's traits L and
// DESCENT_GEMM_TARGET, the target attribute that every function using L's intrinsics must carry:
// GCC and Clang refuse to inline an intrinsic into a function built without its target, and the
// attribute cannot follow a template parameter. Everything here is in an anonymous namespace, so
// each including file compiles its own copy for its own target (no shared symbol that the linker
// could resolve to the wider width's code).
//
// L provides: Vec and Mask; kLanes (floats per vector); the blocking kNR, kKC, kMC, kNC (the
// micro-tile is 2·kLanes rows × kNR columns); mask(rows, from) (lanes [from, from + kLanes) of a row
// count); zero, splat, load (aligned), loadu, load_masked, store (aligned), storeu, store_masked, add
// and mul. Each C element is summed in k order from zero with a separate multiply and add, as in
// the portable path.
#include <cstddef>
#include <utility>

#include "kernels/gemm.hpp"
#include "kernels/simd.hpp"

#ifndef DESCENT_GEMM_TARGET
#error "define DESCENT_GEMM_TARGET (the width's target attribute) before including gemm_blocked_x86.hpp"
#endif

namespace descent::kernels {
namespace {

std::ptrdiff_t min(std::ptrdiff_t x, std::ptrdiff_t y) { return x < y ? x : y; }

// dst[p·ld_dst + r] = src[r·ld_src + p] for r < rows, p < kc: a transposed operand copied 4 × 4
// floats at a time, contiguous loads and stores instead of one strided float each.
DESCENT_GEMM_TARGET void transpose_copy(const float* src, std::ptrdiff_t ld_src, std::ptrdiff_t rows,
                                        std::ptrdiff_t kc, float* dst, std::ptrdiff_t ld_dst) {
  std::ptrdiff_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* s = src + r * ld_src;
    std::ptrdiff_t p = 0;
    for (; p + 4 <= kc; p += 4) simd::transpose4(s + p, ld_src, dst + p * ld_dst + r, ld_dst);
    for (; p < kc; ++p)
      for (std::ptrdiff_t i = 0; i < 4; ++i) dst[p * ld_dst + r + i] = s[i * ld_src + p];
  }
  for (; r < rows; ++r)
    for (std::ptrdiff_t p = 0; p < kc; ++p) dst[p * ld_dst + r] = src[r * ld_src + p];
}

// Ap = panels of 2·kLanes rows (kLanes for a last panel of at most kLanes), each p's rows
// contiguous, rows past mc zero; a panel starts at ir·kc.
template <class L>
DESCENT_GEMM_TARGET void pack_a(const MatView& a, std::ptrdiff_t i0, std::ptrdiff_t mc, std::ptrdiff_t p0,
                                std::ptrdiff_t kc, float* dst) {
  for (std::ptrdiff_t ir = 0; ir < mc; ir += 2 * L::kLanes) {
    const std::ptrdiff_t rows = min(2 * L::kLanes, mc - ir);
    const std::ptrdiff_t width = rows > L::kLanes ? 2 * L::kLanes : L::kLanes;
    const float* src = a.data + (i0 + ir) * a.row_stride + p0 * a.col_stride;
    if (a.row_stride == 1) {
      const typename L::Mask m0 = L::mask(rows, 0), m1 = L::mask(rows, L::kLanes);
      for (std::ptrdiff_t p = 0; p < kc; ++p, src += a.col_stride, dst += width) {
        L::store(dst, L::load_masked(src, m0));
        if (width > L::kLanes) L::store(dst + L::kLanes, L::load_masked(src + L::kLanes, m1));
      }
      continue;
    }
    if (a.col_stride == 1) {
      transpose_copy(src, a.row_stride, rows, kc, dst, width);
    } else {
      for (std::ptrdiff_t p = 0; p < kc; ++p)
        for (std::ptrdiff_t r = 0; r < rows; ++r) dst[p * width + r] = src[r * a.row_stride + p * a.col_stride];
    }
    for (std::ptrdiff_t p = 0; p < kc; ++p)
      for (std::ptrdiff_t r = rows; r < width; ++r) dst[p * width + r] = 0.f;
    dst += kc * width;
  }
}

// Bp = panels of kNR columns (the last one as wide as what is left), each p's columns contiguous; a
// panel starts at jr·kc.
template <class L>
DESCENT_GEMM_TARGET void pack_b(const MatView& b, std::ptrdiff_t p0, std::ptrdiff_t kc, std::ptrdiff_t j0,
                                std::ptrdiff_t nc, float* dst) {
  // A whole vector is stored per p, its lanes past `cols` overwritten by the next p's store; only
  // the last p's store is masked (vmaskmovps stores are microcoded on Zen 1–3), so nothing past the
  // panel's kc·kNR floats is written: one vector holds a p's columns, and the unmasked store at
  // p = kc − 2 ends inside the panel while a vector is at most two panel rows wide.
  static_assert(L::kNR <= L::kLanes && L::kLanes <= 2 * L::kNR);
  for (std::ptrdiff_t jr = 0; jr < nc; jr += L::kNR, dst += kc * L::kNR) {
    const std::ptrdiff_t cols = min(L::kNR, nc - jr);
    const float* src = b.data + p0 * b.row_stride + (j0 + jr) * b.col_stride;
    if (b.row_stride == 1) {
      transpose_copy(src, b.col_stride, cols, kc, dst, cols);
    } else if (b.col_stride == 1) {
      const typename L::Mask mask = L::mask(cols, 0);
      for (std::ptrdiff_t p = 0; p + 1 < kc; ++p)
        L::storeu(dst + p * cols, L::load_masked(src + p * b.row_stride, mask));
      L::store_masked(dst + (kc - 1) * cols, mask, L::load_masked(src + (kc - 1) * b.row_stride, mask));
    } else {
      for (std::ptrdiff_t p = 0; p < kc; ++p)
        for (std::ptrdiff_t q = 0; q < cols; ++q) dst[p * cols + q] = src[p * b.row_stride + q * b.col_stride];
    }
  }
}

// C tile = (first ? 0 : C) + Σ_p Ap[p]·Bp[p] for V vectors of rows and N columns; rows past `rows`
// are neither read nor written. C is masked only for a partial tile: vmaskmovps, the store above
// all, is microcoded on AMD cores before Zen 4, several times slower than a plain move. (Masks are
// made here, so every width's kernel table has the same signature.)
template <class L, int V, int N>
DESCENT_GEMM_TARGET void micro_kernel(std::ptrdiff_t kc, const float* ap, const float* bp, float* c,
                                      std::ptrdiff_t ldc, std::ptrdiff_t rows, bool first) {
  const typename L::Mask mask[2] = {L::mask(rows, 0), L::mask(rows, L::kLanes)};
  const bool full = rows == V * L::kLanes;
  typename L::Vec acc[N][V];
#pragma GCC unroll 16
  for (int q = 0; q < N; ++q)
    for (int v = 0; v < V; ++v) {
      const float* cv = c + q * ldc + v * L::kLanes;
      acc[q][v] = first ? L::zero() : full ? L::loadu(cv) : L::load_masked(cv, mask[v]);
    }
  for (std::ptrdiff_t p = 0; p < kc; ++p, ap += V * L::kLanes, bp += N) {
    typename L::Vec a[V];
    for (int v = 0; v < V; ++v) a[v] = L::load(ap + v * L::kLanes);
#pragma GCC unroll 16
    for (int q = 0; q < N; ++q) {
      const typename L::Vec bq = L::splat(bp[q]);
      for (int v = 0; v < V; ++v) acc[q][v] = L::add(acc[q][v], L::mul(a[v], bq));
    }
  }
#pragma GCC unroll 16
  for (int q = 0; q < N; ++q)
    for (int v = 0; v < V; ++v) {
      float* cv = c + q * ldc + v * L::kLanes;
      if (full) L::storeu(cv, acc[q][v]);
      else L::store_masked(cv, mask[v], acc[q][v]);
    }
}

using Kernel = void (*)(std::ptrdiff_t, const float*, const float*, float*, std::ptrdiff_t, std::ptrdiff_t, bool);

template <class L, int V, int... N>
constexpr Kernel pick(std::ptrdiff_t cols, std::integer_sequence<int, N...>) {
  Kernel k = nullptr;
  ((k = cols == N + 1 ? &micro_kernel<L, V, N + 1> : k), ...);
  return k;
}

// One instantiation per tile shape, so column tails cost no padded work.
template <class L>
Kernel kernel_for(std::ptrdiff_t rows, std::ptrdiff_t cols) {
  return rows > L::kLanes ? pick<L, 2>(cols, std::make_integer_sequence<int, L::kNR>{})
                          : pick<L, 1>(cols, std::make_integer_sequence<int, L::kNR>{});
}

// C = A·B, blocked as in BLIS: B in KC × NC blocks and A in MC × KC blocks packed into the buffers,
// then micro-tiles over the packed panels. a_pack holds kMC·kKC floats, b_pack kKC·kNC.
template <class L>
DESCENT_GEMM_TARGET void gemm_packed(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a,
                                     const MatView& b, float* c, std::ptrdiff_t ldc, float* a_pack, float* b_pack) {
  static_assert(L::kNC % L::kNR == 0 && L::kMC % (2 * L::kLanes) == 0);
  for (std::ptrdiff_t jc = 0; jc < n; jc += L::kNC) {
    const std::ptrdiff_t nc = min(L::kNC, n - jc);
    for (std::ptrdiff_t pc = 0; pc < k; pc += L::kKC) {
      const std::ptrdiff_t kc = min(L::kKC, k - pc);
      pack_b<L>(b, pc, kc, jc, nc, b_pack);
      for (std::ptrdiff_t ic = 0; ic < m; ic += L::kMC) {
        const std::ptrdiff_t mc = min(L::kMC, m - ic);
        pack_a<L>(a, ic, mc, pc, kc, a_pack);
        for (std::ptrdiff_t jr = 0; jr < nc; jr += L::kNR) {
          const std::ptrdiff_t cols = min(L::kNR, nc - jr);
          for (std::ptrdiff_t ir = 0; ir < mc; ir += 2 * L::kLanes) {
            const std::ptrdiff_t rows = min(2 * L::kLanes, mc - ir);
            kernel_for<L>(rows, cols)(kc, a_pack + ir * kc, b_pack + jr * kc, c + (jc + jr) * ldc + ic + ir, ldc,
                                      rows, pc == 0);
          }
        }
      }
    }
  }
}

// C = A·B for m < 4 rows (an output layer): 4·kLanes columns of C per pass, four vectors so that
// four add chains overlap. B's rows must be contiguous; a B with contiguous columns is first copied
// transposed into b_pack (b_pack_size floats), and false (nothing done) means it would not fit.
template <class L>
DESCENT_GEMM_TARGET bool gemm_few_rows(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a,
                                       const MatView& b, float* c, std::ptrdiff_t ldc, float* b_pack,
                                       std::ptrdiff_t b_pack_size) {
  const float* rows_of_b = b.data;  // B(p, j) at rows_of_b[p·ldb + j]
  std::ptrdiff_t ldb = b.row_stride;
  if (b.col_stride != 1) {
    if (b.row_stride != 1 || k * n > b_pack_size) return false;
    transpose_copy(b.data, b.col_stride, n, k, b_pack, n);
    rows_of_b = b_pack;
    ldb = n;
  }
  constexpr std::ptrdiff_t kPass = 4 * L::kLanes;
  for (std::ptrdiff_t j = 0; j < n; j += kPass) {
    typename L::Mask mask[4];
    for (int v = 0; v < 4; ++v) mask[v] = L::mask(n - j, v * L::kLanes);
    for (std::ptrdiff_t i = 0; i < m; ++i) {
      typename L::Vec acc[4] = {L::zero(), L::zero(), L::zero(), L::zero()};
      const float* bp = rows_of_b + j;
      for (std::ptrdiff_t p = 0; p < k; ++p, bp += ldb) {
        const typename L::Vec av = L::splat(a(i, p));
        for (int v = 0; v < 4; ++v) acc[v] = L::add(acc[v], L::mul(av, L::load_masked(bp + v * L::kLanes, mask[v])));
      }
      alignas(64) float out[kPass];
      for (int v = 0; v < 4; ++v) L::store(out + v * L::kLanes, acc[v]);
      const std::ptrdiff_t cols = min(kPass, n - j);
      for (std::ptrdiff_t q = 0; q < cols; ++q) c[(j + q) * ldc + i] = out[q];
    }
  }
  return true;
}

}  // namespace
}  // namespace descent::kernels
