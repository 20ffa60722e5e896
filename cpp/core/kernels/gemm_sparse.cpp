#include "kernels/gemm_sparse.hpp"

#include <algorithm>
#include <cstdint>

#include "kernels/copy_column_major.hpp"
#include "kernels/simd.hpp"
#include "kernels/term_lists.hpp"

namespace descent::kernels {
namespace {

using simd::f32x4;
using terms::at;
using terms::kAddresses;
using terms::kCount;
using terms::kLeftPack;
using terms::origin_of;

// Skipping costs an index list per column of B and one more load per term than the dense kernel's
// register tile, so it pays only when at most this share of B's entries is nonzero.
constexpr double kMaxDensity = 0.7;
// A B without zeros (the data of a first layer) is told by a few of its rows or columns, before the
// index lists or a copy are paid for; only a nearly full look decides, so that a B near kMaxDensity
// is still judged on all its entries.
constexpr std::ptrdiff_t kFirstLook = 8;
constexpr double kFullLook = 0.9;
// Below this many rows of C an index list serves too few multiply-adds to pay for itself.
constexpr std::ptrdiff_t kMinRows = 16;
constexpr std::ptrdiff_t kL1Floats = 8 * 1024;       // an A up to this size is used whole
constexpr std::ptrdiff_t kMinTransposed = 1 << 20;  // multiply-adds; see gemm_sparse
constexpr std::ptrdiff_t kMaxK = 4096, kMaxN = 4096, kMaxTerms = 64 * 1024;
constexpr std::ptrdiff_t kMaxOffset = (std::ptrdiff_t{1} << 31) / sizeof(float);  // floats of A

// A term of a column of B: where A's column p starts (terms::at), and B(p, j); side by side, so that one
// pointer walks both (V8 spent two address computations per term on two arrays walked by an index).
struct Term {
  std::int32_t off;
  float val;
};

// One set per thread: `descent sweep` trains runs on several threads at once.
// Column j's terms are [t_start[j], t_start[j + 1]). + 4: a group's stores write four terms.
alignas(16) thread_local Term t_terms[kMaxTerms + 4];
thread_local std::int32_t t_start[kMaxN + 1];
thread_local std::uint8_t t_keep[kMaxK / 4 + 1];  // per group of four columns of A: bit set = not finite


#if defined(__wasm_simd128__)
// The same left-packing as byte indices, for simd::swizzle.
struct LeftPackBytes {
  alignas(16) std::uint8_t bytes[16][16];
  constexpr LeftPackBytes() : bytes{} {
    for (int bits = 0; bits < 16; ++bits)
      for (int lane = 0; lane < 4; ++lane)
        for (int b = 0; b < 4; ++b) bytes[bits][4 * lane + b] = static_cast<std::uint8_t>(4 * kLeftPack[bits][lane] + b);
  }
};
constexpr LeftPackBytes kLeftPackBytes;
#endif

int nonzero_bits(f32x4 v) { return simd::lane_bits(simd::ne(v, simd::zero())); }  // NaN counts

std::ptrdiff_t count_nonzero(const float* p, std::ptrdiff_t len) {
  std::ptrdiff_t count = 0, i = 0;
  for (; i + 4 <= len; i += 4) count += kCount[nonzero_bits(simd::load(p + i))];
  for (; i < len; ++i) count += p[i] != 0.f;
  return count;
}

std::ptrdiff_t count_nonzero(const MatView& v, std::ptrdiff_t rows, std::ptrdiff_t cols) {
  std::ptrdiff_t count = 0;
  if (v.row_stride == 1) {
    for (std::ptrdiff_t j = 0; j < cols; ++j) count += count_nonzero(v.data + j * v.col_stride, rows);
  } else if (v.col_stride == 1) {
    for (std::ptrdiff_t i = 0; i < rows; ++i) count += count_nonzero(v.data + i * v.row_stride, cols);
  } else {
    for (std::ptrdiff_t i = 0; i < rows; ++i)
      for (std::ptrdiff_t j = 0; j < cols; ++j) count += v(i, j) != 0.f;
  }
  return count;
}

bool denser_than(double share, const MatView& v, std::ptrdiff_t rows, std::ptrdiff_t cols) {
  return static_cast<double>(count_nonzero(v, rows, cols)) > share * static_cast<double>(rows * cols);
}

// Whether A (column-major, leading dimension lda) holds only finite values: x − x is 0 for those and
// NaN otherwise, and a sum of zeros stays 0. Four sums, so that the adds do not wait on each other.
bool all_finite(const float* a, std::ptrdiff_t lda, std::ptrdiff_t m, std::ptrdiff_t k) {
  using namespace simd;
  f32x4 s0 = zero(), s1 = zero(), s2 = zero(), s3 = zero();
  float tail = 0.f;
  for (std::ptrdiff_t p = 0; p < k; ++p) {
    const float* col = a + p * lda;
    std::ptrdiff_t i = 0;
    for (; i + 16 <= m; i += 16) {
      const f32x4 x0 = load(col + i), x1 = load(col + i + 4), x2 = load(col + i + 8), x3 = load(col + i + 12);
      s0 = add(s0, sub(x0, x0)), s1 = add(s1, sub(x1, x1)), s2 = add(s2, sub(x2, x2)), s3 = add(s3, sub(x3, x3));
    }
    for (; i + 4 <= m; i += 4) {
      const f32x4 x = load(col + i);
      s0 = add(s0, sub(x, x));
    }
    for (; i < m; ++i) tail += col[i] - col[i];
  }
  return lane_bits(eq(add(add(s0, s1), add(s2, s3)), zero())) == 0xF && tail == 0.f;
}

// Marks the columns of A holding an Inf or NaN; false if there are none (only a diverging run has any).
bool mark_non_finite(const float* a, std::ptrdiff_t lda, std::ptrdiff_t m, std::ptrdiff_t k) {
  std::fill(t_keep, t_keep + (k + 3) / 4, std::uint8_t{0});
  if (all_finite(a, lda, m, k)) return false;
  for (std::ptrdiff_t p = 0; p < k; ++p)
    if (!all_finite(a + p * lda, lda, m, 1)) t_keep[p >> 2] = static_cast<std::uint8_t>(t_keep[p >> 2] | 1 << (p & 3));
  return true;
}

// The terms of one column b of B: the p with b[p] ≠ 0 or column p of A not finite, in increasing
// order, as (where A's column p starts, b[p]); `first` is where column 0 starts, and `offsets[bits]`
// kLeftPack[bits] · the column stride in bytes. Returns how many.
template <bool Keep>
std::ptrdiff_t list_terms(const float* b, std::ptrdiff_t k, std::int32_t first, std::int32_t stride,
                          [[maybe_unused]] const std::int32_t (*offsets)[4], Term* terms) {
  std::ptrdiff_t count = 0, p = 0;
  [[maybe_unused]] f32x4 base = simd::splat_i32(first);  // first + p · stride in every lane
  [[maybe_unused]] const f32x4 group = simd::splat_i32(4 * stride);
  for (; p + 4 <= k; p += 4) {
    const f32x4 v = simd::load(b + p);
    const int bits = Keep ? nonzero_bits(v) | t_keep[p >> 2] : nonzero_bits(v);
#if defined(__wasm_simd128__)
    const f32x4 off = simd::add_i32(simd::load_i32(offsets[bits]), base);
    base = simd::add_i32(base, group);
    const f32x4 val = simd::swizzle(v, kLeftPackBytes.bytes[bits]);
    auto* out = reinterpret_cast<std::int32_t*>(terms + count);  // stored as bits: no float is read
    simd::store_i32(out, simd::zip_lo(off, val));
    simd::store_i32(out + 4, simd::zip_hi(off, val));
    count += __builtin_popcount(static_cast<unsigned>(bits));  // one instruction in WebAssembly
#else
    // SSE2 has no byte shuffle (a byte loop in its place made native W2 35 % slower): each term is
    // written in place and kept by advancing past it, without a branch.
    for (int l = 0; l < 4; ++l) {
      terms[count] = {first + static_cast<std::int32_t>(p + l) * stride, b[p + l]};
      count += (bits >> l) & 1;
    }
#endif
  }
  for (; p < k; ++p) {
    terms[count] = {first + static_cast<std::int32_t>(p) * stride, b[p]};
    count += (b[p] != 0.f) | ((t_keep[p >> 2] >> (p & 3)) & 1);
  }
  return count;
}

// Where C goes: C(i, j) = data[i·row_stride + j·col_stride]. Row stride 1 is the usual column-major
// C; Cᵀ = Bᵀ·Aᵀ writes C's rows as its columns.
struct Out {
  float* data;
  std::ptrdiff_t row_stride, col_stride;
};

// V vectors of rows of one column of C: c = Σ_t A[:, p_t]·b[p_t], the accumulators in registers. With
// byte offsets and values listed, eight accumulators fit (V8 spilled them beside an index and B's column).
// The rows start at `origin` (+ off) or, for Row ≥ 0 (addresses only), at row Row of each column.
template <int V, bool Strided, int Row = -1>
void column_rows(std::uintptr_t origin, const Term* t, const Term* end, float* c, std::ptrdiff_t cs) {
  static_assert(Row < 0 || kAddresses);
  f32x4 acc[V];
  for (int v = 0; v < V; ++v) acc[v] = simd::zero();
  for (; t != end; ++t) {
    const float* ap = Row >= 0 ? at(0, t->off) + Row : at(origin, t->off);
    const f32x4 bv = simd::splat(t->val);
    for (int v = 0; v < V; ++v) acc[v] = simd::add(acc[v], simd::mul(simd::load(ap + 4 * v), bv));
  }
  if constexpr (Strided) {
    alignas(16) float lanes[4 * V];
    for (int v = 0; v < V; ++v) simd::store(lanes + 4 * v, acc[v]);
    for (int r = 0; r < 4 * V; ++r) c[r * cs] = lanes[r];
  } else {
    for (int v = 0; v < V; ++v) simd::store(c + 4 * v, acc[v]);
  }
}

// C from the index lists. An A bigger than L1 is taken in panels of 48 rows (48 · k floats), each used
// by every column before the next: streamed from L2 once per column, W3's 784 × 128 X made the
// skipping product 15 % slower.
template <bool Strided>
void fill_columns(std::ptrdiff_t m, std::ptrdiff_t n, const float* a, const Out& c, std::ptrdiff_t panel) {
  const std::ptrdiff_t cs = Strided ? c.row_stride : 1;
  const std::uintptr_t origin = origin_of(a);
  for (std::ptrdiff_t i0 = 0; i0 < m; i0 += panel) {
    const std::ptrdiff_t i1 = std::min(m, i0 + panel);
    for (std::ptrdiff_t j = 0; j < n; ++j) {
      const Term* first = t_terms + t_start[j];
      const Term* end = t_terms + t_start[j + 1];
      float* cj = c.data + j * c.col_stride;
      std::ptrdiff_t i = i0;
      const auto rows = [&](auto kernel, std::ptrdiff_t count) {
        kernel(origin + static_cast<std::uintptr_t>(i) * sizeof(float), first, end, cj + i * cs, cs);
        i += count;
      };
      if constexpr (kAddresses) {  // a column's first 64 rows (all of W2's) from constant row offsets
        if (i == 0 && i + 32 <= i1) rows(column_rows<8, Strided, 0>, 32);
        if (i == 32 && i + 32 <= i1) rows(column_rows<8, Strided, 32>, 32);
      }
      while (i + 32 <= i1) rows(column_rows<8, Strided>, 32);
      if (i + 16 <= i1) rows(column_rows<4, Strided>, 16);
      if (i + 8 <= i1) rows(column_rows<2, Strided>, 8);
      if (i + 4 <= i1) rows(column_rows<1, Strided>, 4);
      for (; i < i1; ++i) {
        const std::uintptr_t row = origin + static_cast<std::uintptr_t>(i) * sizeof(float);
        float acc = 0.f;
        for (const Term* t = first; t != end; ++t) acc += *at(row, t->off) * t->val;
        cj[i * cs] = acc;
      }
    }
  }
}

// C = A·B with A column-major (leading dimension lda) and B's columns contiguous (leading dimension
// ldb); false if more than kMaxDensity of the terms remain.
bool multiply(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const float* a, std::ptrdiff_t lda, const float* b,
              std::ptrdiff_t ldb, const Out& c) {
  const auto list = mark_non_finite(a, lda, m, k) ? list_terms<true> : list_terms<false>;
  const auto stride = static_cast<std::int32_t>(lda * static_cast<std::ptrdiff_t>(sizeof(float)));
  const auto first = static_cast<std::int32_t>(reinterpret_cast<std::uintptr_t>(a) - origin_of(a));
  alignas(16) std::int32_t offsets[16][4];
  for (int bits = 0; bits < 16; ++bits)
    for (int lane = 0; lane < 4; ++lane) offsets[bits][lane] = kLeftPack[bits][lane] * stride;
  std::ptrdiff_t total = 0;
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    t_start[j] = static_cast<std::int32_t>(total);
    total += list(b + j * ldb, k, first, stride, offsets, t_terms + total);
  }
  t_start[n] = static_cast<std::int32_t>(total);
  if (static_cast<double>(total) > kMaxDensity * static_cast<double>(k * n)) return false;
  const std::ptrdiff_t panel = m * k <= kL1Floats ? m : 48;
  if (c.row_stride == 1)
    fill_columns<false>(m, n, a, c, panel);
  else
    fill_columns<true>(m, n, a, c, panel);
  return true;
}

// C = A·B skipping B's zeros, with A and B copied column-major first where they are not.
bool sparse_b(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, const Out& c,
              const Scratch& scratch) {
  if (m < kMinRows || k > kMaxK || n > kMaxN || k * n > kMaxTerms) return false;
  if (k * std::max(m, a.row_stride == 1 ? a.col_stride : m) > kMaxOffset) return false;  // byte offsets in int32
  if ((a.row_stride != 1 && m * k > scratch.a_size) || (b.row_stride != 1 && k * n > scratch.b_size)) return false;
  if (b.row_stride == 1 ? denser_than(kFullLook, b, k, std::min(n, kFirstLook))
                        : denser_than(kFullLook, b, std::min(k, kFirstLook), n))
    return false;
  const float* bp = b.data;
  std::ptrdiff_t ldb = b.col_stride;
  if (b.row_stride != 1) {  // past the first look, the copy costs less than counting all of B first
    copy_column_major(b, k, n, scratch.b);
    bp = scratch.b, ldb = k;
  }
  const float* ap = a.data;
  std::ptrdiff_t lda = a.col_stride;
  if (a.row_stride != 1) {
    copy_column_major(a, m, k, scratch.a);
    ap = scratch.a, lda = m;
  }
  return multiply(m, n, k, ap, lda, bp, ldb, c);
}

MatView transposed(const MatView& v) { return {v.data, v.col_stride, v.row_stride}; }

}  // namespace

bool gemm_sparse(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b, float* c,
                 std::ptrdiff_t ldc, const Scratch& scratch) {
  if (sparse_b(m, n, k, a, b, Out{c, 1, ldc}, scratch)) return true;
  // Cᵀ = Bᵀ·Aᵀ: its index lists and the copy of Aᵀ pay only on large products (W3's dZ·Xᵀ, not W2's).
  return m * n * k >= kMinTransposed && sparse_b(n, m, k, transposed(b), transposed(a), Out{c, ldc, 1}, scratch);
}

}  // namespace descent::kernels
