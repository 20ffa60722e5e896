#include "kernels/gemm.hpp"

#include <algorithm>

#include "kernels/copy_column_major.hpp"
#include "kernels/gemm_avx2.hpp"
#include "kernels/gemm_avx512.hpp"
#include "kernels/gemm_sparse.hpp"
#include "kernels/gemm_sparse_avx2.hpp"
#include "kernels/simd.hpp"
#include "kernels/simd_level.hpp"

namespace descent {
namespace {

// Micro-tile 8 × 4: eight f32x4 accumulators plus two A vectors and one broadcast fit the 16 vector
// registers V8 and x86-64 SSE have. KC·NR floats of B (4 KB) stay in L1 while A panels stream from L2.
constexpr std::ptrdiff_t kMR = 8, kNR = 4;
constexpr std::ptrdiff_t kKC = 256, kMC = 64, kNC = 256;

// One pair per thread: `descent sweep` trains runs on several threads at once. Sized for the widest
// kernel; 64-byte aligned for its 512-bit loads.
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
constexpr std::ptrdiff_t kAPack = std::max({kMC * kKC, kernels::kAvx2APack, kernels::kAvx512APack});
constexpr std::ptrdiff_t kBPack = std::max({kKC * kNC, kernels::kAvx2BPack, kernels::kAvx512BPack});
#else
constexpr std::ptrdiff_t kAPack = kMC * kKC, kBPack = kKC * kNC;
#endif
alignas(64) thread_local float g_a_pack[kAPack];
alignas(64) thread_local float g_b_pack[kBPack];

// Below this many multiply-adds packing costs more than it saves, and so it does while A and B
// together fit in L1 (32 KB): the unpacked kernels ran W2's 64 × 64 × 16 products 10-30 % faster.
constexpr std::ptrdiff_t kPackedMin = 8192;
constexpr std::ptrdiff_t kUnpackedMax = 8192;  // floats of A and B
constexpr std::ptrdiff_t kPackRows = kBPack / 4;  // gemm_small_unit's packed B: rows of four columns

// One element at a time, each summed in k order from zero: the reference every other path matches.
void gemm_plain(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c,
                std::ptrdiff_t ldc) {
    for (std::ptrdiff_t j = 0; j < n; ++j)
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        float acc = 0.f;
        for (std::ptrdiff_t p = 0; p < k; ++p) acc += a(i, p) * b(p, j);
        c[j * ldc + i] = acc;
      }
}

// bp[4p + q] = B(p, j + q) for p < k, q < 4: four columns read by gemm_small_unit at fixed offsets
// (addressing B(p, j + q) through its strides cost a multiply and four adds per p in V8's code).
void pack_columns4(const MatView& b, std::ptrdiff_t j, std::ptrdiff_t k, float* bp) {
  using namespace simd;
  const std::ptrdiff_t rs = b.row_stride, cs = b.col_stride;
  const float* src = b.data + j * cs;
  std::ptrdiff_t p = 0;
  if (rs == 1) {
    for (; p + 4 <= k; p += 4) {
      f32x4 r0 = load(src + p), r1 = load(src + cs + p), r2 = load(src + 2 * cs + p), r3 = load(src + 3 * cs + p);
      transpose(r0, r1, r2, r3);
      store(bp + 4 * p, r0), store(bp + 4 * p + 4, r1), store(bp + 4 * p + 8, r2), store(bp + 4 * p + 12, r3);
    }
  }
  for (; p < k; ++p)
    for (std::ptrdiff_t q = 0; q < 4; ++q) bp[4 * p + q] = src[p * rs + q * cs];
}

// Accumulators live in registers, an 8 × 4 (or 4 × 4) block at a time: storing partial sums to C
// between iterations would chain every add through a store-to-load round trip, four columns give
// four independent add chains instead of one, and eight rows load each broadcast of B once for two
// vectors of A. B(p, j..j+3) is read at fixed offsets from a pointer that moves by `step` per p: B
// itself where its rows are contiguous, else four columns packed into `pack` (room for kPackRows · 4
// floats; a deeper B, which no layer gives, takes the plain loop).
void gemm_small_unit(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const float* a, std::ptrdiff_t lda,
                     const MatView& b, float* c, std::ptrdiff_t ldc, float* pack) {
  using namespace simd;
  const bool rows = b.col_stride == 1;
  if (!rows && k > kPackRows) {
    gemm_plain(m, n, k, MatView{a, 1, lda}, b, c, ldc);
    return;
  }
  const std::ptrdiff_t step = rows ? b.row_stride : 4;
  std::ptrdiff_t j = 0;
  for (; j + 4 <= n; j += 4) {
    const float* bp = rows ? b.data + j : pack;
    if (!rows) pack_columns4(b, j, k, pack);
    std::ptrdiff_t i = 0;
    for (; i + 8 <= m; i += 8) {
      f32x4 c0 = zero(), c1 = zero(), c2 = zero(), c3 = zero();
      f32x4 d0 = zero(), d1 = zero(), d2 = zero(), d3 = zero();
      const float* ap = a + i;
      const float* bq = bp;
      for (std::ptrdiff_t p = 0; p < k; ++p, ap += lda, bq += step) {
        const f32x4 av = load(ap), aw = load(ap + 4);
        f32x4 bv = splat(bq[0]);
        c0 = add(c0, mul(av, bv));
        d0 = add(d0, mul(aw, bv));
        bv = splat(bq[1]);
        c1 = add(c1, mul(av, bv));
        d1 = add(d1, mul(aw, bv));
        bv = splat(bq[2]);
        c2 = add(c2, mul(av, bv));
        d2 = add(d2, mul(aw, bv));
        bv = splat(bq[3]);
        c3 = add(c3, mul(av, bv));
        d3 = add(d3, mul(aw, bv));
      }
      store(c + j * ldc + i, c0), store(c + j * ldc + i + 4, d0);
      store(c + (j + 1) * ldc + i, c1), store(c + (j + 1) * ldc + i + 4, d1);
      store(c + (j + 2) * ldc + i, c2), store(c + (j + 2) * ldc + i + 4, d2);
      store(c + (j + 3) * ldc + i, c3), store(c + (j + 3) * ldc + i + 4, d3);
    }
    for (; i + 4 <= m; i += 4) {
      f32x4 c0 = zero(), c1 = zero(), c2 = zero(), c3 = zero();
      const float* ap = a + i;
      const float* bq = bp;
      for (std::ptrdiff_t p = 0; p < k; ++p, ap += lda, bq += step) {
        const f32x4 av = load(ap);
        c0 = add(c0, mul(av, splat(bq[0])));
        c1 = add(c1, mul(av, splat(bq[1])));
        c2 = add(c2, mul(av, splat(bq[2])));
        c3 = add(c3, mul(av, splat(bq[3])));
      }
      store(c + j * ldc + i, c0);
      store(c + (j + 1) * ldc + i, c1);
      store(c + (j + 2) * ldc + i, c2);
      store(c + (j + 3) * ldc + i, c3);
    }
    for (; i < m; ++i)
      for (std::ptrdiff_t q = 0; q < 4; ++q) {
        float acc = 0.f;
        for (std::ptrdiff_t p = 0; p < k; ++p) acc += a[i + p * lda] * bp[p * step + q];
        c[(j + q) * ldc + i] = acc;
      }
  }
  for (; j < n; ++j) {
    float* cj = c + j * ldc;
    std::ptrdiff_t i = 0;
    for (; i + 8 <= m; i += 8) {
      f32x4 acc = zero(), acc2 = zero();
      const float* ap = a + i;
      for (std::ptrdiff_t p = 0; p < k; ++p, ap += lda) {
        const f32x4 bv = splat(b(p, j));
        acc = add(acc, mul(load(ap), bv));
        acc2 = add(acc2, mul(load(ap + 4), bv));
      }
      store(cj + i, acc), store(cj + i + 4, acc2);
    }
    for (; i + 4 <= m; i += 4) {
      f32x4 acc = zero();
      const float* ap = a + i;
      for (std::ptrdiff_t p = 0; p < k; ++p, ap += lda) acc = add(acc, mul(load(ap), splat(b(p, j))));
      store(cj + i, acc);
    }
    for (; i < m; ++i) {
      float acc = 0.f;
      for (std::ptrdiff_t p = 0; p < k; ++p) acc += a[i + p * lda] * b(p, j);
      cj[i] = acc;
    }
  }
}

// A with unit row stride as it is; a transposed A (Wᵀ·dZ) is copied column-major into the A packing
// buffer (idle outside gemm_packed) first, a panel of rows at a time, so the kernel loads rows of A
// as vectors instead of gathering four strided floats.
void gemm_small(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c,
                std::ptrdiff_t ldc) {
  if (a.row_stride == 1) {
    gemm_small_unit(m, n, k, a.data, a.col_stride, b, c, ldc, g_b_pack);
    return;
  }
  constexpr std::ptrdiff_t kCopy = kMC * kKC;
  std::ptrdiff_t rows = std::min(m, kCopy / k);
  if (rows < m && rows >= 4) rows -= rows % 4;
  if (rows == 0) {  // k beyond the buffer: one element at a time, the same sums
    gemm_plain(m, n, k, a, b, c, ldc);
    return;
  }
  for (std::ptrdiff_t i0 = 0; i0 < m; i0 += rows) {
    const std::ptrdiff_t r = std::min(rows, m - i0);
    copy_column_major(MatView{a.data + i0 * a.row_stride, a.row_stride, a.col_stride}, r, k, g_a_pack);
    gemm_small_unit(r, n, k, g_a_pack, r, b, c + i0, ldc, g_b_pack);
  }
}

// Fewer than four rows (an output layer): four columns of C per vector instead, sixteen columns at a
// time in four vectors — one vector's sum is a chain of dependent adds, four advance together. B(p, j..j+3)
// is one load when B's rows are contiguous (dZ·Hᵀ); when its columns are (W·H), 4 × 4 blocks are
// transposed in registers instead of gathering single floats.
void gemm_few_rows(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c,
                   std::ptrdiff_t ldc) {
  using namespace simd;
  const std::ptrdiff_t rs = b.row_stride, cs = b.col_stride;
  std::ptrdiff_t j = 0;
  if (rs == 1 || cs == 1) {
    for (; j + 16 <= n; j += 16)
      for (std::ptrdiff_t i = 0; i < m; ++i) {
        f32x4 acc[4] = {zero(), zero(), zero(), zero()};
        std::ptrdiff_t p = 0;
        if (rs == 1)
          for (; p + 4 <= k; p += 4) {
            const f32x4 a0 = splat(a(i, p)), a1 = splat(a(i, p + 1)), a2 = splat(a(i, p + 2)), a3 = splat(a(i, p + 3));
            for (int q = 0; q < 4; ++q) {
              const float* col = b.data + (j + 4 * q) * cs + p;
              f32x4 r0 = load(col), r1 = load(col + cs), r2 = load(col + 2 * cs), r3 = load(col + 3 * cs);
              transpose(r0, r1, r2, r3);
              acc[q] = add(add(add(add(acc[q], mul(a0, r0)), mul(a1, r1)), mul(a2, r2)), mul(a3, r3));
            }
          }
        for (; p < k; ++p) {
          const f32x4 av = splat(a(i, p));
          const float* row = b.data + p * rs + j * cs;
          for (int q = 0; q < 4; ++q) {
            const float* r = row + 4 * q * cs;
            acc[q] = add(acc[q], mul(av, cs == 1 ? load(r) : make(r[0], r[cs], r[2 * cs], r[3 * cs])));
          }
        }
        alignas(16) float out[16];
        for (int q = 0; q < 4; ++q) store(out + 4 * q, acc[q]);
        for (std::ptrdiff_t q = 0; q < 16; ++q) c[(j + q) * ldc + i] = out[q];
      }
  }
  for (; j + 4 <= n; j += 4) {
    for (std::ptrdiff_t i = 0; i < m; ++i) {
      f32x4 acc = zero();
      const float* bp = b.data + j * cs;
      for (std::ptrdiff_t p = 0; p < k; ++p, bp += rs) acc = add(acc, mul(splat(a(i, p)), make(bp[0], bp[cs], bp[2 * cs], bp[3 * cs])));
      alignas(16) float out[4];
      store(out, acc);
      for (std::ptrdiff_t q = 0; q < 4; ++q) c[(j + q) * ldc + i] = out[q];
    }
  }
  if (j < n) gemm_small(m, n - j, k, a, MatView{b.data + j * cs, rs, cs}, c + j * ldc, ldc);
}

// Ap[panel][p][r] = A(i0 + panel·MR + r, p0 + p), rows past m zero.
void pack_a(const MatView& a, std::ptrdiff_t i0, std::ptrdiff_t mc, std::ptrdiff_t p0, std::ptrdiff_t kc) {
  float* dst = g_a_pack;
  for (std::ptrdiff_t ir = 0; ir < mc; ir += kMR) {
    const std::ptrdiff_t rows = std::min(kMR, mc - ir);
    for (std::ptrdiff_t p = 0; p < kc; ++p) {
      const float* src = a.data + (i0 + ir) * a.row_stride + (p0 + p) * a.col_stride;
      std::ptrdiff_t r = 0;
      for (; r < rows; ++r) dst[r] = src[r * a.row_stride];
      for (; r < kMR; ++r) dst[r] = 0.f;
      dst += kMR;
    }
  }
}

// Bp[panel][p][c] = B(p0 + p, j0 + panel·NR + c), columns past n zero.
void pack_b(const MatView& b, std::ptrdiff_t p0, std::ptrdiff_t kc, std::ptrdiff_t j0, std::ptrdiff_t nc) {
  float* dst = g_b_pack;
  for (std::ptrdiff_t jr = 0; jr < nc; jr += kNR) {
    const std::ptrdiff_t cols = std::min(kNR, nc - jr);
    for (std::ptrdiff_t p = 0; p < kc; ++p) {
      const float* src = b.data + (p0 + p) * b.row_stride + (j0 + jr) * b.col_stride;
      std::ptrdiff_t q = 0;
      for (; q < cols; ++q) dst[q] = src[q * b.col_stride];
      for (; q < kNR; ++q) dst[q] = 0.f;
      dst += kNR;
    }
  }
}

// acc = (first ? 0 : C) + Σ_p Ap[p]·Bp[p], then stores the rows × cols valid part of the tile.
void micro_kernel(std::ptrdiff_t kc, const float* ap, const float* bp, float* c, std::ptrdiff_t ldc,
                  std::ptrdiff_t rows, std::ptrdiff_t cols, bool first) {
  using namespace simd;
  alignas(16) float tile[kNR][kMR];
  const bool full = rows == kMR && cols == kNR;
  if (!first) {
    for (std::ptrdiff_t q = 0; q < kNR; ++q)
      for (std::ptrdiff_t r = 0; r < kMR; ++r) tile[q][r] = q < cols && r < rows ? c[q * ldc + r] : 0.f;
  }
  const float* t0 = full ? c : tile[0];
  const std::ptrdiff_t ld = full ? ldc : kMR;
  f32x4 c00 = first ? zero() : load(t0), c10 = first ? zero() : load(t0 + 4);
  f32x4 c01 = first ? zero() : load(t0 + ld), c11 = first ? zero() : load(t0 + ld + 4);
  f32x4 c02 = first ? zero() : load(t0 + 2 * ld), c12 = first ? zero() : load(t0 + 2 * ld + 4);
  f32x4 c03 = first ? zero() : load(t0 + 3 * ld), c13 = first ? zero() : load(t0 + 3 * ld + 4);
  for (std::ptrdiff_t p = 0; p < kc; ++p) {
    const f32x4 a0 = load_aligned(ap), a1 = load_aligned(ap + 4);
    f32x4 bv = splat(bp[0]);
    c00 = add(c00, mul(a0, bv));
    c10 = add(c10, mul(a1, bv));
    bv = splat(bp[1]);
    c01 = add(c01, mul(a0, bv));
    c11 = add(c11, mul(a1, bv));
    bv = splat(bp[2]);
    c02 = add(c02, mul(a0, bv));
    c12 = add(c12, mul(a1, bv));
    bv = splat(bp[3]);
    c03 = add(c03, mul(a0, bv));
    c13 = add(c13, mul(a1, bv));
    ap += kMR;
    bp += kNR;
  }
  float* out = full ? c : tile[0];
  store(out, c00), store(out + 4, c10);
  store(out + ld, c01), store(out + ld + 4, c11);
  store(out + 2 * ld, c02), store(out + 2 * ld + 4, c12);
  store(out + 3 * ld, c03), store(out + 3 * ld + 4, c13);
  if (!full)
    for (std::ptrdiff_t q = 0; q < cols; ++q)
      for (std::ptrdiff_t r = 0; r < rows; ++r) c[q * ldc + r] = tile[q][r];
}

// Out of line so that the small cases do not pay for this path's stack frame.
[[gnu::noinline]] void gemm_packed(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c,
                 std::ptrdiff_t ldc) {
  for (std::ptrdiff_t jc = 0; jc < n; jc += kNC) {
    const std::ptrdiff_t nc = std::min(kNC, n - jc);
    for (std::ptrdiff_t pc = 0; pc < k; pc += kKC) {
      const std::ptrdiff_t kc = std::min(kKC, k - pc);
      pack_b(b, pc, kc, jc, nc);
      for (std::ptrdiff_t ic = 0; ic < m; ic += kMC) {
        const std::ptrdiff_t mc = std::min(kMC, m - ic);
        pack_a(a, ic, mc, pc, kc);
        for (std::ptrdiff_t jr = 0; jr < nc; jr += kNR) {
          const float* bp = g_b_pack + (jr / kNR) * kc * kNR;
          for (std::ptrdiff_t ir = 0; ir < mc; ir += kMR) {
            const float* ap = g_a_pack + (ir / kMR) * kc * kMR;
            micro_kernel(kc, ap, bp, c + (jc + jr) * ldc + ic + ir, ldc, std::min(kMR, mc - ir),
                         std::min(kNR, nc - jr), pc == 0);
          }
        }
      }
    }
  }
}

}  // namespace

void gemm(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c, std::ptrdiff_t ldc) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    for (std::ptrdiff_t j = 0; j < n; ++j) std::fill(c + j * ldc, c + j * ldc + m, 0.f);
    return;
  }
  if (m * n * k <= 64) {  // a linear model's whole batch: setting up vectors costs more than it saves
    gemm_plain(m, n, k, a, b, c, ldc);
    return;
  }
  if (m < 4) {
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
    const kernels::SimdLevel level = kernels::simd_level();
    if (level == kernels::SimdLevel::avx512 && kernels::gemm_few_rows_avx512(m, n, k, a, b, c, ldc, g_b_pack)) return;
    if (level == kernels::SimdLevel::avx2 && kernels::gemm_few_rows_avx2(m, n, k, a, b, c, ldc, g_b_pack)) return;
#endif
    gemm_few_rows(m, n, k, a, b, c, ldc);
    return;
  }
  if (m * n * k < kPackedMin || m < kMR || n < kNR) {
    gemm_small(m, n, k, a, b, c, ldc);
    return;
  }
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  switch (kernels::simd_level()) {
    case kernels::SimdLevel::avx512: kernels::gemm_packed_avx512(m, n, k, a, b, c, ldc, g_a_pack, g_b_pack); return;
    case kernels::SimdLevel::avx2:
      if (kernels::gemm_sparse_a_avx2(m, n, k, a, b, c, ldc, {g_a_pack, kAPack, g_b_pack, kBPack})) return;
      kernels::gemm_packed_avx2(m, n, k, a, b, c, ldc, g_a_pack, g_b_pack);
      return;
    case kernels::SimdLevel::portable: break;
  }
#endif
  if (kernels::gemm_sparse(m, n, k, a, b, c, ldc, {g_a_pack, kAPack, g_b_pack, kBPack})) return;
  if (m * k + k * n <= kUnpackedMax) {
    gemm_small(m, n, k, a, b, c, ldc);
    return;
  }
  gemm_packed(m, n, k, a, b, c, ldc);
}

}  // namespace descent
