#include "kernels/gemm_avx2.hpp"

#include "kernels/simd.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>

#include <utility>

// Per function, not a -m flag: the rest of the binary must run on any x86-64. AVX2 implies AVX (the
// 256-bit float operations); never "fma": fusing would change the bits.
#define DESCENT_AVX2 __attribute__((target("avx2")))

namespace descent::kernels {
namespace {

// Micro-tile 16 × 6, gemm_avx512.cpp's 32 × 12 design at half the width: 12 ymm accumulators, two A
// vectors, one broadcast and one product temporary fill the 16 registers (without FMA the product
// needs a register of its own). B values are broadcast straight from memory. The B micro-panel
// (KC·NR floats, 6 KB) stays in L1; the A block (MC·KC, 128 KB) fits the 256 KB L2 of the smallest
// AVX2 cores.
constexpr std::ptrdiff_t kMR = 16, kNR = 6;
constexpr std::ptrdiff_t kKC = 256, kMC = 128, kNC = 240;
static_assert(kMC * kKC <= kAvx2APack && kKC * kNC <= kAvx2BPack && kNC % kNR == 0 && kMC % kMR == 0);

std::ptrdiff_t min(std::ptrdiff_t x, std::ptrdiff_t y) { return x < y ? x : y; }

// Lanes [from, from + 8) of a row count, as a mask for maskload / maskstore (all bits of a lane set).
DESCENT_AVX2 __m256i row_mask(std::ptrdiff_t rows, std::ptrdiff_t from) {
  const std::ptrdiff_t n = rows - from;
  const int lanes = n >= 8 ? 8 : n <= 0 ? 0 : static_cast<int>(n);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// dst[p·ld_dst + r] = src[r·ld_src + p] for r < rows, p < kc: a transposed operand copied 4 × 4
// floats at a time, contiguous loads and stores instead of one strided float each.
DESCENT_AVX2 void transpose_copy(const float* src, std::ptrdiff_t ld_src, std::ptrdiff_t rows, std::ptrdiff_t kc,
                                 float* dst, std::ptrdiff_t ld_dst) {
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

// Ap = panels of 16 rows (8 for a last panel of at most 8), each p's rows contiguous, rows past mc
// zero; a panel starts at ir·kc.
DESCENT_AVX2 void pack_a(const MatView& a, std::ptrdiff_t i0, std::ptrdiff_t mc, std::ptrdiff_t p0,
                         std::ptrdiff_t kc, float* dst) {
  for (std::ptrdiff_t ir = 0; ir < mc; ir += kMR) {
    const std::ptrdiff_t rows = min(kMR, mc - ir);
    const std::ptrdiff_t width = rows > 8 ? 16 : 8;
    const float* src = a.data + (i0 + ir) * a.row_stride + p0 * a.col_stride;
    if (a.row_stride == 1) {
      const __m256i m0 = row_mask(rows, 0), m1 = row_mask(rows, 8);
      for (std::ptrdiff_t p = 0; p < kc; ++p, src += a.col_stride, dst += width) {
        _mm256_store_ps(dst, _mm256_maskload_ps(src, m0));
        if (width == 16) _mm256_store_ps(dst + 8, _mm256_maskload_ps(src + 8, m1));
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

// Bp = panels of 6 columns (the last one as wide as what is left), each p's columns contiguous; a
// panel starts at jr·kc.
DESCENT_AVX2 void pack_b(const MatView& b, std::ptrdiff_t p0, std::ptrdiff_t kc, std::ptrdiff_t j0,
                         std::ptrdiff_t nc, float* dst) {
  for (std::ptrdiff_t jr = 0; jr < nc; jr += kNR, dst += kc * kNR) {
    const std::ptrdiff_t cols = min(kNR, nc - jr);
    const float* src = b.data + p0 * b.row_stride + (j0 + jr) * b.col_stride;
    if (b.row_stride == 1) {
      transpose_copy(src, b.col_stride, cols, kc, dst, cols);
    } else if (b.col_stride == 1) {
      // Eight floats stored per p, those past `cols` overwritten by the next p's; only the last p's
      // store is masked (vmaskmovps stores are microcoded on Zen 1–3), so nothing past the panel's
      // kc·NR floats is written.
      const __m256i mask = row_mask(cols, 0);
      for (std::ptrdiff_t p = 0; p + 1 < kc; ++p)
        _mm256_storeu_ps(dst + p * cols, _mm256_maskload_ps(src + p * b.row_stride, mask));
      _mm256_maskstore_ps(dst + (kc - 1) * cols, mask, _mm256_maskload_ps(src + (kc - 1) * b.row_stride, mask));
    } else {
      for (std::ptrdiff_t p = 0; p < kc; ++p)
        for (std::ptrdiff_t q = 0; q < cols; ++q) dst[p * cols + q] = src[p * b.row_stride + q * b.col_stride];
    }
  }
}

// C[0, 8) or C[0, 16) of a column, masked only for a partial tile: vmaskmovps, the store above all,
// is microcoded on AMD cores before Zen 4, several times slower than a plain move.
template <int V>
DESCENT_AVX2 void load_column(const float* c, bool full, __m256i m0, __m256i m1, __m256* acc) {
  acc[0] = full ? _mm256_loadu_ps(c) : _mm256_maskload_ps(c, m0);
  if constexpr (V == 2) acc[1] = full ? _mm256_loadu_ps(c + 8) : _mm256_maskload_ps(c + 8, m1);
}

template <int V>
DESCENT_AVX2 void store_column(float* c, bool full, __m256i m0, __m256i m1, const __m256* acc) {
  if (full) {
    _mm256_storeu_ps(c, acc[0]);
    if constexpr (V == 2) _mm256_storeu_ps(c + 8, acc[1]);
  } else {
    _mm256_maskstore_ps(c, m0, acc[0]);
    if constexpr (V == 2) _mm256_maskstore_ps(c + 8, m1, acc[1]);
  }
}

// C tile = (first ? 0 : C) + Σ_p Ap[p]·Bp[p] for V vectors of 8 rows and N columns; rows past `rows`
// are neither read nor written. (Masks are made here: a vector argument would change the calling
// convention between this and code built without AVX.)
template <int V, int N>
DESCENT_AVX2 void micro_kernel(std::ptrdiff_t kc, const float* ap, const float* bp, float* c, std::ptrdiff_t ldc,
                               std::ptrdiff_t rows, bool first) {
  const __m256i m0 = row_mask(rows, 0), m1 = row_mask(rows, 8);
  const bool full = rows == 8 * V;
  __m256 acc[N][V];
#pragma GCC unroll 6
  for (int q = 0; q < N; ++q) {
    if (first)
      for (int v = 0; v < V; ++v) acc[q][v] = _mm256_setzero_ps();
    else
      load_column<V>(c + q * ldc, full, m0, m1, acc[q]);
  }
  for (std::ptrdiff_t p = 0; p < kc; ++p, ap += 8 * V, bp += N) {
    const __m256 a0 = _mm256_load_ps(ap);
    const __m256 a1 = V == 2 ? _mm256_load_ps(ap + 8) : a0;
#pragma GCC unroll 6
    for (int q = 0; q < N; ++q) {
      const __m256 bq = _mm256_broadcast_ss(bp + q);
      acc[q][0] = _mm256_add_ps(acc[q][0], _mm256_mul_ps(a0, bq));
      if constexpr (V == 2) acc[q][1] = _mm256_add_ps(acc[q][1], _mm256_mul_ps(a1, bq));
    }
  }
#pragma GCC unroll 6
  for (int q = 0; q < N; ++q) store_column<V>(c + q * ldc, full, m0, m1, acc[q]);
}

// C = A·B for m < 4 rows with B's rows contiguous: eight columns of C per vector, four vectors at a
// time so that four add chains overlap.
DESCENT_AVX2 void few_rows(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const float* b,
                           std::ptrdiff_t ldb, float* c, std::ptrdiff_t ldc) {
  for (std::ptrdiff_t j = 0; j < n; j += 32) {
    const __m256i m0 = row_mask(n - j, 0), m1 = row_mask(n - j, 8), m2 = row_mask(n - j, 16),
                  m3 = row_mask(n - j, 24);
    for (std::ptrdiff_t i = 0; i < m; ++i) {
      __m256 c0 = _mm256_setzero_ps(), c1 = c0, c2 = c0, c3 = c0;
      const float* bp = b + j;
      for (std::ptrdiff_t p = 0; p < k; ++p, bp += ldb) {
        const __m256 av = _mm256_set1_ps(a(i, p));
        c0 = _mm256_add_ps(c0, _mm256_mul_ps(av, _mm256_maskload_ps(bp, m0)));
        c1 = _mm256_add_ps(c1, _mm256_mul_ps(av, _mm256_maskload_ps(bp + 8, m1)));
        c2 = _mm256_add_ps(c2, _mm256_mul_ps(av, _mm256_maskload_ps(bp + 16, m2)));
        c3 = _mm256_add_ps(c3, _mm256_mul_ps(av, _mm256_maskload_ps(bp + 24, m3)));
      }
      alignas(32) float out[32];
      _mm256_store_ps(out, c0);
      _mm256_store_ps(out + 8, c1);
      _mm256_store_ps(out + 16, c2);
      _mm256_store_ps(out + 24, c3);
      const std::ptrdiff_t cols = min(32, n - j);
      for (std::ptrdiff_t q = 0; q < cols; ++q) c[(j + q) * ldc + i] = out[q];
    }
  }
}

using Kernel = void (*)(std::ptrdiff_t, const float*, const float*, float*, std::ptrdiff_t, std::ptrdiff_t, bool);

template <int V, int... N>
constexpr Kernel pick(std::ptrdiff_t cols, std::integer_sequence<int, N...>) {
  Kernel k = nullptr;
  ((k = cols == N + 1 ? &micro_kernel<V, N + 1> : k), ...);
  return k;
}

// One instantiation per tile shape, so column tails cost no padded work.
Kernel kernel_for(std::ptrdiff_t rows, std::ptrdiff_t cols) {
  return rows > 8 ? pick<2>(cols, std::make_integer_sequence<int, kNR>{})
                  : pick<1>(cols, std::make_integer_sequence<int, kNR>{});
}

}  // namespace

bool gemm_few_rows_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                        float* c, std::ptrdiff_t ldc, float* b_pack) {
  const float* rows_of_b = b.data;  // B(p, j) at rows_of_b[p·ldb + j]
  std::ptrdiff_t ldb = b.row_stride;
  if (b.col_stride != 1) {
    if (b.row_stride != 1 || k * n > kAvx2BPack) return false;
    transpose_copy(b.data, b.col_stride, n, k, b_pack, n);
    rows_of_b = b_pack;
    ldb = n;
  }
  few_rows(m, n, k, a, rows_of_b, ldb, c, ldc);
  return true;
}

void gemm_packed_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                      float* c, std::ptrdiff_t ldc, float* a_pack, float* b_pack) {
  for (std::ptrdiff_t jc = 0; jc < n; jc += kNC) {
    const std::ptrdiff_t nc = min(kNC, n - jc);
    for (std::ptrdiff_t pc = 0; pc < k; pc += kKC) {
      const std::ptrdiff_t kc = min(kKC, k - pc);
      pack_b(b, pc, kc, jc, nc, b_pack);
      for (std::ptrdiff_t ic = 0; ic < m; ic += kMC) {
        const std::ptrdiff_t mc = min(kMC, m - ic);
        pack_a(a, ic, mc, pc, kc, a_pack);
        for (std::ptrdiff_t jr = 0; jr < nc; jr += kNR) {
          const std::ptrdiff_t cols = min(kNR, nc - jr);
          for (std::ptrdiff_t ir = 0; ir < mc; ir += kMR) {
            const std::ptrdiff_t rows = min(kMR, mc - ir);
            kernel_for(rows, cols)(kc, a_pack + ir * kc, b_pack + jr * kc, c + (jc + jr) * ldc + ic + ir, ldc,
                                   rows, pc == 0);
          }
        }
      }
    }
  }
}

}  // namespace descent::kernels
#endif
