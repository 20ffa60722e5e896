#include "kernels/gemm_sparse_avx2.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "kernels/copy_column_major.hpp"

// Per function, as in gemm_avx2.cpp: the rest of the binary runs on any x86-64. Never "fma".
#define DESCENT_AVX2 __attribute__((target("avx2,popcnt")))

namespace descent::kernels {
namespace {

// Below a million multiply-adds the lists and transposes cost more than the skipped terms save.
constexpr std::ptrdiff_t kMinProduct = std::ptrdiff_t{1} << 20;
// The dense kernel needs fewer loads per multiply-add, so skipping pays only up to this share of
// nonzero entries; a nearly full first few columns (a weight matrix) decide before any list is made.
constexpr double kMaxDensity = 0.7;
constexpr std::ptrdiff_t kFirstLook = 8;
constexpr double kFullLook = 0.9;
constexpr std::ptrdiff_t kMaxM = 4096, kMaxK = 4096, kMaxTerms = 64 * 1024;
// A panel of Cᵀ is 7 vectors (56 rows): per term 7 loads of B, one broadcast and one offset fit the
// two 256-bit loads a cycle beside the 7 multiplies and adds (4 to 8 vectors ran within 3 %). W3's 784
// features are 14 such panels. A panel of W3's B (56 × 128 floats, 28 KB) is more than the ≈ 8 KB a
// load stream keeps at full speed on the shared VMs measured; K blocks small enough left each row's
// lists so short that mispredicted loop exits cost more (docs/performance.md).
constexpr int kV = 7;

// A term of a row of A: where B's row p starts, in bytes from the panel's first float of B, and A(i, p).
struct Term {
  std::int32_t off;
  float val;
};

// One set per thread: `descent sweep` trains runs on several threads at once. Row i's terms are
// [t_start[i], t_start[i + 1]); + 8: a group's stores write eight terms.
alignas(32) thread_local Term t_terms[kMaxTerms + 8];
thread_local std::int32_t t_start[kMaxM + 1];
thread_local std::uint8_t t_keep[kMaxK / 8 + 1];  // per group of eight rows of B: bit set = not finite

// kLeftPack.lanes[bits] lists the lanes set in `bits`, in order; the rest is never read.
struct LeftPack {
  alignas(32) std::int32_t lanes[256][8];
  constexpr LeftPack() : lanes{} {
    for (int bits = 0; bits < 256; ++bits) {
      int n = 0;
      for (int lane = 0; lane < 8; ++lane)
        if (bits >> lane & 1) lanes[bits][n++] = lane;
    }
  }
};
constexpr LeftPack kLeftPack;

DESCENT_AVX2 int nonzero_bits(__m256 v) {  // NaN counts as nonzero
  return _mm256_movemask_ps(_mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_NEQ_UQ));
}

// Nonzero entries of the first columns of A (column-major, leading dimension lda).
DESCENT_AVX2 std::ptrdiff_t count_nonzero(const float* a, std::ptrdiff_t lda, std::ptrdiff_t m, std::ptrdiff_t cols) {
  std::ptrdiff_t count = 0;
  for (std::ptrdiff_t p = 0; p < cols; ++p) {
    const float* col = a + p * lda;
    std::ptrdiff_t i = 0;
    for (; i + 8 <= m; i += 8) count += __builtin_popcount(static_cast<unsigned>(nonzero_bits(_mm256_loadu_ps(col + i))));
    for (; i < m; ++i) count += col[i] != 0.f;
  }
  return count;
}

// Whether row p of B (n floats) is finite: x − x is 0 for finite x and NaN otherwise.
DESCENT_AVX2 bool row_finite(const float* row, std::ptrdiff_t n) {
  __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
  float tail = 0.f;
  std::ptrdiff_t j = 0;
  for (; j + 16 <= n; j += 16) {
    const __m256 x0 = _mm256_loadu_ps(row + j), x1 = _mm256_loadu_ps(row + j + 8);
    s0 = _mm256_add_ps(s0, _mm256_sub_ps(x0, x0));
    s1 = _mm256_add_ps(s1, _mm256_sub_ps(x1, x1));
  }
  for (; j < n; ++j) tail += row[j] - row[j];
  const __m256 s = _mm256_add_ps(s0, s1);
  return _mm256_movemask_ps(_mm256_cmp_ps(s, _mm256_setzero_ps(), _CMP_EQ_OQ)) == 0xFF && tail == 0.f;
}

// Marks the rows of B holding an Inf or NaN (only a diverging run has any); false if there are none.
DESCENT_AVX2 bool mark_non_finite(const float* b, std::ptrdiff_t ldb, std::ptrdiff_t k, std::ptrdiff_t n) {
  for (std::ptrdiff_t g = 0; g <= k / 8; ++g) t_keep[g] = 0;
  bool any = false;
  for (std::ptrdiff_t p = 0; p < k; ++p)
    if (!row_finite(b + p * ldb, n)) {
      t_keep[p >> 3] = static_cast<std::uint8_t>(t_keep[p >> 3] | 1 << (p & 7));
      any = true;
    }
  return any;
}

// The terms of one row r of A (k contiguous floats): the p with r[p] ≠ 0 or row p of B not finite,
// in increasing order, left-packed eight at a time. Returns how many.
template <bool Keep>
DESCENT_AVX2 std::ptrdiff_t list_terms(const float* r, std::ptrdiff_t k, std::int32_t stride, Term* out) {
  std::ptrdiff_t count = 0, p = 0;
  __m256i base = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(stride));
  const __m256i step = _mm256_set1_epi32(8 * stride);
  for (; p + 8 <= k; p += 8, base = _mm256_add_epi32(base, step)) {
    const __m256 v = _mm256_loadu_ps(r + p);
    const int bits = Keep ? nonzero_bits(v) | t_keep[p >> 3] : nonzero_bits(v);
    const __m256i lanes = _mm256_load_si256(reinterpret_cast<const __m256i*>(kLeftPack.lanes[bits]));
    const __m256i vals = _mm256_castps_si256(_mm256_permutevar8x32_ps(v, lanes));
    const __m256i offs = _mm256_permutevar8x32_epi32(base, lanes);
    const __m256i lo = _mm256_unpacklo_epi32(offs, vals);  // terms 0, 1 | 4, 5
    const __m256i hi = _mm256_unpackhi_epi32(offs, vals);  // terms 2, 3 | 6, 7
    auto* dst = reinterpret_cast<__m256i*>(out + count);
    _mm256_storeu_si256(dst, _mm256_permute2x128_si256(lo, hi, 0x20));
    _mm256_storeu_si256(dst + 1, _mm256_permute2x128_si256(lo, hi, 0x31));
    count += __builtin_popcount(static_cast<unsigned>(bits));
  }
  for (; p < k; ++p) {
    out[count] = {static_cast<std::int32_t>(p) * stride, r[p]};
    count += (r[p] != 0.f) | (t_keep[p >> 3] >> (p & 7) & 1);
  }
  return count;
}

// out[0, 8·V) = Σ_t panel(p_t)·A(i, p_t) for one row i of A: V vectors of accumulators.
template <int V>
DESCENT_AVX2 void panel_row(const char* panel, const Term* t, const Term* end, float* out) {
  __m256 acc[V];
  for (int v = 0; v < V; ++v) acc[v] = _mm256_setzero_ps();
  for (; t != end; ++t) {
    const float* bp = reinterpret_cast<const float*>(panel + t->off);
    const __m256 av = _mm256_set1_ps(t->val);
    for (int v = 0; v < V; ++v) acc[v] = _mm256_add_ps(acc[v], _mm256_mul_ps(_mm256_loadu_ps(bp + 8 * v), av));
  }
  for (int v = 0; v < V; ++v) _mm256_store_ps(out + 8 * v, acc[v]);
}

using PanelRow = void (*)(const char*, const Term*, const Term*, float*);

template <int... V>
constexpr PanelRow pick(int vectors, std::integer_sequence<int, V...>) {
  PanelRow f = nullptr;
  ((f = vectors == V + 1 ? &panel_row<V + 1> : f), ...);
  return f;
}

// panel[p·8·kV + j] = B(p, j0 + j) for j < cols, zero up to the next whole vector: contiguous, so the
// kernel's loads touch a few pages (B's rows, 3 KB apart in W3, spread over more pages than the L1
// TLB holds) and whole cache lines.
DESCENT_AVX2 void pack_panel(const MatView& b, std::ptrdiff_t k, std::ptrdiff_t j0, std::ptrdiff_t cols, float* panel) {
  const std::ptrdiff_t width = (cols + 7) / 8 * 8;
  for (std::ptrdiff_t p = 0; p < k; ++p) {
    const float* src = b.data + p * b.row_stride + j0;
    float* dst = panel + p * 8 * kV;
    std::ptrdiff_t j = 0;
    for (; j + 8 <= cols; j += 8) _mm256_storeu_ps(dst + j, _mm256_loadu_ps(src + j));
    for (; j < cols; ++j) dst[j] = src[j];
    for (; j < width; ++j) dst[j] = 0.f;
  }
}

DESCENT_AVX2 void transpose8(__m256 r[8]) {
  __m256 t[8], s[8];
  for (int q = 0; q < 4; ++q) {
    t[2 * q] = _mm256_unpacklo_ps(r[2 * q], r[2 * q + 1]);
    t[2 * q + 1] = _mm256_unpackhi_ps(r[2 * q], r[2 * q + 1]);
  }
  for (int h = 0; h < 2; ++h) {
    s[4 * h] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], _MM_SHUFFLE(1, 0, 1, 0));
    s[4 * h + 1] = _mm256_shuffle_ps(t[4 * h], t[4 * h + 2], _MM_SHUFFLE(3, 2, 3, 2));
    s[4 * h + 2] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], _MM_SHUFFLE(1, 0, 1, 0));
    s[4 * h + 3] = _mm256_shuffle_ps(t[4 * h + 1], t[4 * h + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int q = 0; q < 4; ++q) {
    r[q] = _mm256_permute2f128_ps(s[q], s[q + 4], 0x20);
    r[q + 4] = _mm256_permute2f128_ps(s[q], s[q + 4], 0x31);
  }
}

// C(i0 .. i0 + rows_a, j0 .. j0 + cols) = tile[i − i0][j − j0] (tile rows 8·kV floats apart): whole
// groups of eight rows of A as 8 × 8 transposes, contiguous stores down C's columns.
DESCENT_AVX2 void store_tile(const float (*tile)[8 * kV], std::ptrdiff_t rows_a, std::ptrdiff_t cols, float* c,
                             std::ptrdiff_t ldc) {
  if (rows_a < 8) {
    for (std::ptrdiff_t j = 0; j < cols; ++j)
      for (std::ptrdiff_t i = 0; i < rows_a; ++i) c[j * ldc + i] = tile[i][j];
    return;
  }
  for (std::ptrdiff_t j = 0; j < cols; j += 8) {
    __m256 r[8];
    for (int i = 0; i < 8; ++i) r[i] = _mm256_load_ps(tile[i] + j);
    transpose8(r);
    const std::ptrdiff_t width = std::min<std::ptrdiff_t>(8, cols - j);
    for (std::ptrdiff_t q = 0; q < width; ++q) _mm256_storeu_ps(c + (j + q) * ldc, r[q]);
  }
}

DESCENT_AVX2 bool multiply(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                           float* c, std::ptrdiff_t ldc, float* a_rows, float* panel) {
  if (count_nonzero(a.data, a.col_stride, m, std::min(k, kFirstLook)) >
      kFullLook * static_cast<double>(m * std::min(k, kFirstLook)))
    return false;
  // a_rows[i·k + p] = A(i, p): each row's terms are listed from contiguous floats.
  copy_column_major(MatView{a.data, a.col_stride, 1}, k, m, a_rows);
  constexpr auto stride = static_cast<std::int32_t>(8 * kV * sizeof(float));  // a panel row, in bytes
  const auto list = mark_non_finite(b.data, b.row_stride, k, n) ? list_terms<true> : list_terms<false>;
  std::ptrdiff_t total = 0;
  for (std::ptrdiff_t i = 0; i < m; ++i) {
    t_start[i] = static_cast<std::int32_t>(total);
    total += list(a_rows + i * k, k, stride, t_terms + total);
  }
  t_start[m] = static_cast<std::int32_t>(total);
  if (static_cast<double>(total) > kMaxDensity * static_cast<double>(m * k)) return false;

  alignas(32) float tile[8][8 * kV];
  for (std::ptrdiff_t j0 = 0; j0 < n; j0 += 8 * kV) {
    const std::ptrdiff_t cols = std::min<std::ptrdiff_t>(8 * kV, n - j0);
    const PanelRow row = pick(static_cast<int>((cols + 7) / 8), std::make_integer_sequence<int, kV>{});
    pack_panel(b, k, j0, cols, panel);
    for (std::ptrdiff_t i0 = 0; i0 < m; i0 += 8) {
      const std::ptrdiff_t rows_a = std::min<std::ptrdiff_t>(8, m - i0);
      for (std::ptrdiff_t r = 0; r < rows_a; ++r)
        row(reinterpret_cast<const char*>(panel), t_terms + t_start[i0 + r], t_terms + t_start[i0 + r + 1], tile[r]);
      store_tile(tile, rows_a, cols, c + j0 * ldc + i0, ldc);
    }
  }
  return true;
}

}  // namespace

bool gemm_sparse_a_avx2(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const MatView& a, const MatView& b,
                        float* c, std::ptrdiff_t ldc, const SparseScratch& scratch) {
  if (a.row_stride != 1 || b.col_stride != 1 || m * n * k < kMinProduct) return false;
  if (m > kMaxM || k > kMaxK || m * k > kMaxTerms || m * k > scratch.a_size || k * 8 * kV > scratch.b_size) return false;
  return multiply(m, n, k, a, b, c, ldc, scratch.a, scratch.b);
}

}  // namespace descent::kernels
#endif
