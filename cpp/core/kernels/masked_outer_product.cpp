#include "kernels/masked_outer_product.hpp"

#include <cstdint>

#include "kernels/copy_column_major.hpp"
#include "kernels/simd.hpp"
#include "kernels/simd_level.hpp"
#include "kernels/term_lists.hpp"

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
#include <immintrin.h>
#endif

namespace descent::kernels {
namespace {

using simd::f32x4;
using terms::at;
using terms::kAddresses;
using terms::kLeftPack;

constexpr std::ptrdiff_t kMaxU = 32 * 1024, kMaxTerms = 32 * 1024, kMaxN = 4096;
// Below this many ReLU units an index list serves too few adds to pay for itself (and nets at most 8
// units wide keep gemm's order, which the narrow path's fused loops reproduce bit for bit).
constexpr std::ptrdiff_t kMinUnits = 16;

// One set per thread: `descent sweep` trains runs on several threads at once.
alignas(16) thread_local float t_u[kMaxU];
alignas(32) thread_local std::int32_t t_terms[kMaxTerms + 8];  // + 8: a group's store writes eight
thread_local std::int32_t t_start[kMaxN + 1];

// How many lanes are set in `bits`: one instruction in WebAssembly, a lookup natively (GCC's fallback
// for the portable x86-64 build cost a third of the list's time).
int lanes(int bits) {
#if defined(__wasm__)
  return __builtin_popcount(static_cast<unsigned>(bits));
#else
  return terms::kCount[bits];
#endif
}

// U is kept in panels of P rows (P = 32 when it divides m, else m): U(r, p) of panel h at
// t_u[h·P·k + p·P + r − h·P]. A pass over a panel reads 8 KB instead of strided lines of all of U:
// these VMs sustain two loads a cycle only while the data read stays under ≈ 8 KB.
std::ptrdiff_t panel_rows(std::ptrdiff_t m) { return m % 32 == 0 ? 32 : m; }

// U(:, p) = W(p, :)ᵀ · w_p; false if any of it is not finite (x − x is 0 only for finite x).
bool scaled_transpose(std::ptrdiff_t m, std::ptrdiff_t k, const float* w_mat, std::ptrdiff_t ldw, const float* w) {
  using namespace simd;
  const std::ptrdiff_t rows = panel_rows(m);
  for (std::ptrdiff_t i0 = 0; i0 < m; i0 += rows) copy_column_major(MatView{w_mat + i0 * ldw, ldw, 1}, rows, k, t_u + i0 * k);
  f32x4 finite = zero();
  float tail = 0.f;
  for (std::ptrdiff_t i0 = 0; i0 < m; i0 += rows)
    for (std::ptrdiff_t p = 0; p < k; ++p) {
      float* u = t_u + i0 * k + p * rows;
      const f32x4 s = splat(w[p]);
      std::ptrdiff_t i = 0;
      for (; i + 4 <= rows; i += 4) {
        const f32x4 v = mul(load(u + i), s);
        store(u + i, v);
        finite = add(finite, sub(v, v));
      }
      for (; i < rows; ++i) {
        u[i] *= w[p];
        tail += u[i] - u[i];
      }
    }
  return lane_bits(eq(finite, zero())) == 0xF && tail == 0.f;
}

// Column j's terms, [t_start[j], t_start[j + 1]): where U(:, p) starts in a panel (`first` + p · the
// panel's column stride, in bytes), for each p with Z(p, j) > 0.
void list_terms(std::ptrdiff_t n, std::ptrdiff_t k, const float* z, std::ptrdiff_t ldz, std::int32_t first,
                std::int32_t stride) {
  using namespace simd;
  alignas(16) std::int32_t offsets[16][4];
  for (int bits = 0; bits < 16; ++bits)
    for (int lane = 0; lane < 4; ++lane) offsets[bits][lane] = kLeftPack[bits][lane] * stride;
  const f32x4 group = splat_i32(4 * stride);
  std::int32_t count = 0;
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    t_start[j] = count;
    const float* zj = z + j * ldz;
    f32x4 base = splat_i32(first);
    std::ptrdiff_t p = 0;
    for (; p + 4 <= k; p += 4) {
      const int bits = lane_bits(lt(zero(), load(zj + p)));
      store_i32(t_terms + count, add_i32(load_i32(offsets[bits]), base));
      base = add_i32(base, group);
      count += lanes(bits);
    }
    for (; p < k; ++p) {
      t_terms[count] = static_cast<std::int32_t>(first + p * stride);
      count += zj[p] > 0.f;
    }
  }
  t_start[n] = count;
}

// V vectors of rows of column j: the sum over its terms, times d_j. Rows start at `origin` (+ term)
// or, for Row ≥ 0 (addresses only, the first panel), at row Row of each column.
template <int V, int Row = -1>
void sum_rows(std::uintptr_t origin, const std::int32_t* t, const std::int32_t* end, float dj, float* c) {
  static_assert(Row < 0 || kAddresses);
  f32x4 acc[V];
  for (int v = 0; v < V; ++v) acc[v] = simd::zero();
  for (; t != end; ++t) {
    const float* up = Row >= 0 ? at(0, *t) + Row : at(origin, *t);
    for (int v = 0; v < V; ++v) acc[v] = simd::add(acc[v], simd::load(up + 4 * v));
  }
  const f32x4 s = simd::splat(dj);
  for (int v = 0; v < V; ++v) simd::store(c + 4 * v, simd::mul(acc[v], s));
}

// Rows [i0, i0 + rows) of every column, from the panel at `origin`.
void sum_panel(std::uintptr_t origin, std::ptrdiff_t i0, std::ptrdiff_t rows, std::ptrdiff_t n, const float* d,
               std::ptrdiff_t ds, float* c, std::ptrdiff_t ldc) {
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    const std::int32_t* first = t_terms + t_start[j];
    const std::int32_t* end = t_terms + t_start[j + 1];
    const float dj = d[j * ds];
    float* cj = c + j * ldc + i0;
    std::ptrdiff_t i = 0;
    const auto pass = [&](auto kernel, std::ptrdiff_t count) {
      kernel(origin + static_cast<std::uintptr_t>(i) * sizeof(float), first, end, dj, cj + i);
      i += count;
    };
    if constexpr (kAddresses) {
      if (origin == 0 && rows == 32) pass(sum_rows<8, 0>, 32);  // W2's first panel: constant offsets
    }
    while (i + 32 <= rows) pass(sum_rows<8>, 32);
    if (i + 16 <= rows) pass(sum_rows<4>, 16);
    if (i + 8 <= rows) pass(sum_rows<2>, 8);
    if (i + 4 <= rows) pass(sum_rows<1>, 4);
    for (; i < rows; ++i) {
      const std::uintptr_t row = origin + static_cast<std::uintptr_t>(i) * sizeof(float);
      float acc = 0.f;
      for (const std::int32_t* t = first; t != end; ++t) acc += *at(row, *t);
      cj[i] = acc * dj;
    }
  }
}

#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
// kLanes.index[bits] lists the lanes set in the eight-lane mask `bits`, in order, as bytes.
struct Lanes {
  std::uint8_t index[256][8];
  constexpr Lanes() : index{} {
    for (int bits = 0; bits < 256; ++bits)
      for (int lane = 0, n = 0; lane < 8; ++lane)
        if (bits >> lane & 1) index[bits][n++] = static_cast<std::uint8_t>(lane);
  }
};
constexpr Lanes kLanes;

// list_terms eight units at a time (the four-lane loop took 1.5 µs of W2's step natively).
__attribute__((target("avx2,popcnt"))) void list_terms_avx2(std::ptrdiff_t n, std::ptrdiff_t k, const float* z,
                                                            std::ptrdiff_t ldz, std::int32_t first, std::int32_t stride) {
  const __m256i lane_offsets = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(stride));
  const __m256i group = _mm256_set1_epi32(8 * stride);
  std::int32_t count = 0;
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    t_start[j] = count;
    const float* zj = z + j * ldz;
    __m256i base = _mm256_add_epi32(_mm256_set1_epi32(first), lane_offsets);
    std::ptrdiff_t p = 0;
    for (; p + 8 <= k; p += 8) {
      const int bits = _mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(zj + p), _mm256_setzero_ps(), _CMP_GT_OQ));
      const __m256i lanes = _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(kLanes.index[bits])));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(t_terms + count), _mm256_permutevar8x32_epi32(base, lanes));
      base = _mm256_add_epi32(base, group);
      count += __builtin_popcount(static_cast<unsigned>(bits));
    }
    for (; p < k; ++p) {
      t_terms[count] = static_cast<std::int32_t>(first + p * stride);
      count += zj[p] > 0.f;
    }
  }
  t_start[n] = count;
}

// A panel eight rows to a vector (natively at the AVX2 and AVX-512 levels: 512-bit vectors add nothing
// on Zen 4), the loads folded into the adds. Each row is still its own sum in term order, so the bits
// are the four-lane loop's.
__attribute__((target("avx2"))) void sum_panel_avx2(std::uintptr_t origin, std::ptrdiff_t i0, std::ptrdiff_t rows,
                                                    std::ptrdiff_t n, const float* d, std::ptrdiff_t ds, float* c,
                                                    std::ptrdiff_t ldc) {
  for (std::ptrdiff_t j = 0; j < n; ++j) {
    const std::int32_t* first = t_terms + t_start[j];
    const std::int32_t* end = t_terms + t_start[j + 1];
    const __m256 dj = _mm256_set1_ps(d[j * ds]);
    float* cj = c + j * ldc + i0;
    std::ptrdiff_t i = 0;
    for (; i + 32 <= rows; i += 32) {
      __m256 acc[4];
      for (auto& a : acc) a = _mm256_setzero_ps();
      for (const std::int32_t* t = first; t != end; ++t) {
        const float* up = at(origin, *t) + i;
        for (int v = 0; v < 4; ++v) acc[v] = _mm256_add_ps(acc[v], _mm256_loadu_ps(up + 8 * v));
      }
      for (int v = 0; v < 4; ++v) _mm256_storeu_ps(cj + i + 8 * v, _mm256_mul_ps(acc[v], dj));
    }
    for (; i + 8 <= rows; i += 8) {
      __m256 acc = _mm256_setzero_ps();
      for (const std::int32_t* t = first; t != end; ++t) acc = _mm256_add_ps(acc, _mm256_loadu_ps(at(origin, *t) + i));
      _mm256_storeu_ps(cj + i, _mm256_mul_ps(acc, dj));
    }
    for (; i < rows; ++i) {
      float acc = 0.f;
      for (const std::int32_t* t = first; t != end; ++t) acc += at(origin, *t)[i];
      cj[i] = acc * d[j * ds];
    }
  }
}
#endif

}  // namespace

bool masked_outer_product(std::ptrdiff_t m, std::ptrdiff_t n, std::ptrdiff_t k, const float* w_mat, std::ptrdiff_t ldw,
                          const float* w, const float* d, std::ptrdiff_t ds, const float* z, std::ptrdiff_t ldz, float* c,
                          std::ptrdiff_t ldc) {
  if (m <= 0 || n <= 0 || k < kMinUnits || n > kMaxN || m * k > kMaxU || k * n > kMaxTerms) return false;
  if (!scaled_transpose(m, k, w_mat, ldw, w)) return false;
  const std::ptrdiff_t rows = panel_rows(m);
  const auto u = reinterpret_cast<std::uintptr_t>(t_u);
  const std::uintptr_t origin = terms::origin_of(t_u);
  const auto first = static_cast<std::int32_t>(u - origin);
  const auto stride = static_cast<std::int32_t>(rows * static_cast<std::ptrdiff_t>(sizeof(float)));
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  if (simd_level() != SimdLevel::portable) {
    list_terms_avx2(n, k, z, ldz, first, stride);
    for (std::ptrdiff_t i0 = 0; i0 < m; i0 += rows)
      sum_panel_avx2(origin + static_cast<std::uintptr_t>(i0 * k) * sizeof(float), i0, rows, n, d, ds, c, ldc);
    return true;
  }
#endif
  list_terms(n, k, z, ldz, first, stride);
  for (std::ptrdiff_t i0 = 0; i0 < m; i0 += rows)
    sum_panel(origin + static_cast<std::uintptr_t>(i0 * k) * sizeof(float), i0, rows, n, d, ds, c, ldc);
  return true;
}

}  // namespace descent::kernels
