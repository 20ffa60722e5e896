#pragma once
// Four-lane float vectors with one spelling for WebAssembly SIMD, x86 SSE2 and plain C++. All three
// round each lane's multiply and add exactly as IEEE float32, so kernels built on them give the same
// bits natively and in WebAssembly (no FMA: nothing here fuses).
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#else
#include <cmath>
#include <cstdint>
#include <cstring>
#endif

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace descent::simd {

#if defined(__wasm_simd128__)
using f32x4 = v128_t;
inline f32x4 zero() { return wasm_f32x4_splat(0.f); }
inline f32x4 splat(float v) { return wasm_f32x4_splat(v); }
inline f32x4 make(float a, float b, float c, float d) { return wasm_f32x4_make(a, b, c, d); }
inline f32x4 load(const float* p) { return wasm_v128_load(p); }
inline f32x4 load_aligned(const float* p) { return wasm_v128_load(p); }
inline void store(float* p, f32x4 v) { wasm_v128_store(p, v); }
inline f32x4 add(f32x4 a, f32x4 b) { return wasm_f32x4_add(a, b); }
inline f32x4 mul(f32x4 a, f32x4 b) { return wasm_f32x4_mul(a, b); }
inline f32x4 sub(f32x4 a, f32x4 b) { return wasm_f32x4_sub(a, b); }
inline f32x4 div(f32x4 a, f32x4 b) { return wasm_f32x4_div(a, b); }
inline f32x4 sqrt(f32x4 a) { return wasm_f32x4_sqrt(a); }
// 0 where |a| < limit, a elsewhere (NaN stays NaN).
inline f32x4 flush_below(f32x4 a, f32x4 limit) { return wasm_v128_andnot(a, wasm_f32x4_lt(wasm_f32x4_abs(a), limit)); }
// Lane-wise a < b ? a : b, the same choice on every target (NaN in a gives b).
inline f32x4 min(f32x4 a, f32x4 b) { return wasm_f32x4_pmin(b, a); }
// All-ones lanes where a == b or a < b (false for NaN), or a ≠ b (true for NaN), for select.
inline f32x4 eq(f32x4 a, f32x4 b) { return wasm_f32x4_eq(a, b); }
inline f32x4 ne(f32x4 a, f32x4 b) { return wasm_f32x4_ne(a, b); }
inline f32x4 lt(f32x4 a, f32x4 b) { return wasm_f32x4_lt(a, b); }
inline f32x4 select(f32x4 mask, f32x4 if_set, f32x4 if_clear) { return wasm_v128_bitselect(if_set, if_clear, mask); }
inline f32x4 bit_and(f32x4 a, f32x4 b) { return wasm_v128_and(a, b); }
inline f32x4 bit_or(f32x4 a, f32x4 b) { return wasm_v128_or(a, b); }
inline f32x4 bit_xor(f32x4 a, f32x4 b) { return wasm_v128_xor(a, b); }
// Integer lane arithmetic on the bit patterns.
inline f32x4 add_i32(f32x4 a, f32x4 b) { return wasm_i32x4_add(a, b); }
template <int N>
f32x4 shl_i32(f32x4 a) { return wasm_i32x4_shl(a, N); }
inline f32x4 splat_i32(std::int32_t v) { return wasm_i32x4_splat(v); }
inline f32x4 load_i32(const std::int32_t* p) { return wasm_v128_load(p); }
inline void store_i32(std::int32_t* p, f32x4 v) { wasm_v128_store(p, v); }
// Bit l set where lane l of a comparison mask is set.
inline int lane_bits(f32x4 mask) { return static_cast<int>(wasm_i32x4_bitmask(mask)); }
// WebAssembly only (SSE2 has no byte shuffle). Byte i of the result = byte bytes[i] of v (each < 16).
inline f32x4 swizzle(f32x4 v, const std::uint8_t* bytes) { return wasm_i8x16_swizzle(v, wasm_v128_load(bytes)); }
// (a0, b0, a1, b1) and (a2, b2, a3, b3).
inline f32x4 zip_lo(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 0, 4, 1, 5); }
inline f32x4 zip_hi(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 2, 6, 3, 7); }
// Rows r0..r3 of a 4 × 4 block become its columns.
inline void transpose(f32x4& r0, f32x4& r1, f32x4& r2, f32x4& r3) {
  const v128_t lo01 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), hi01 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
  const v128_t lo23 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), hi23 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
  r0 = wasm_i32x4_shuffle(lo01, lo23, 0, 1, 4, 5);
  r1 = wasm_i32x4_shuffle(lo01, lo23, 2, 3, 6, 7);
  r2 = wasm_i32x4_shuffle(hi01, hi23, 0, 1, 4, 5);
  r3 = wasm_i32x4_shuffle(hi01, hi23, 2, 3, 6, 7);
}
#elif defined(__SSE2__)
using f32x4 = __m128;
inline f32x4 zero() { return _mm_setzero_ps(); }
inline f32x4 splat(float v) { return _mm_set1_ps(v); }
inline f32x4 make(float a, float b, float c, float d) { return _mm_setr_ps(a, b, c, d); }
inline f32x4 load(const float* p) { return _mm_loadu_ps(p); }
inline f32x4 load_aligned(const float* p) { return _mm_load_ps(p); }
inline void store(float* p, f32x4 v) { _mm_storeu_ps(p, v); }
inline f32x4 add(f32x4 a, f32x4 b) { return _mm_add_ps(a, b); }
inline f32x4 mul(f32x4 a, f32x4 b) { return _mm_mul_ps(a, b); }
inline f32x4 sub(f32x4 a, f32x4 b) { return _mm_sub_ps(a, b); }
inline f32x4 div(f32x4 a, f32x4 b) { return _mm_div_ps(a, b); }
inline f32x4 sqrt(f32x4 a) { return _mm_sqrt_ps(a); }
inline f32x4 flush_below(f32x4 a, f32x4 limit) {
  const f32x4 abs = _mm_andnot_ps(_mm_set1_ps(-0.f), a);
  return _mm_andnot_ps(_mm_cmplt_ps(abs, limit), a);
}
inline f32x4 min(f32x4 a, f32x4 b) { return _mm_min_ps(a, b); }
inline f32x4 eq(f32x4 a, f32x4 b) { return _mm_cmpeq_ps(a, b); }
inline f32x4 ne(f32x4 a, f32x4 b) { return _mm_cmpneq_ps(a, b); }
inline f32x4 lt(f32x4 a, f32x4 b) { return _mm_cmplt_ps(a, b); }
inline f32x4 select(f32x4 mask, f32x4 if_set, f32x4 if_clear) {
  return _mm_or_ps(_mm_and_ps(mask, if_set), _mm_andnot_ps(mask, if_clear));
}
inline f32x4 bit_and(f32x4 a, f32x4 b) { return _mm_and_ps(a, b); }
inline f32x4 bit_or(f32x4 a, f32x4 b) { return _mm_or_ps(a, b); }
inline f32x4 bit_xor(f32x4 a, f32x4 b) { return _mm_xor_ps(a, b); }
inline f32x4 add_i32(f32x4 a, f32x4 b) { return _mm_castsi128_ps(_mm_add_epi32(_mm_castps_si128(a), _mm_castps_si128(b))); }
template <int N>
f32x4 shl_i32(f32x4 a) { return _mm_castsi128_ps(_mm_slli_epi32(_mm_castps_si128(a), N)); }
inline f32x4 splat_i32(std::int32_t v) { return _mm_castsi128_ps(_mm_set1_epi32(v)); }
inline f32x4 load_i32(const std::int32_t* p) { return _mm_castsi128_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))); }
inline void store_i32(std::int32_t* p, f32x4 v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm_castps_si128(v)); }
inline int lane_bits(f32x4 mask) { return _mm_movemask_ps(mask); }
inline void transpose(f32x4& r0, f32x4& r1, f32x4& r2, f32x4& r3) { _MM_TRANSPOSE4_PS(r0, r1, r2, r3); }
#else
struct f32x4 {
  float v[4];
};
inline f32x4 zero() { return {{0.f, 0.f, 0.f, 0.f}}; }
inline f32x4 splat(float x) { return {{x, x, x, x}}; }
inline f32x4 make(float a, float b, float c, float d) { return {{a, b, c, d}}; }
inline f32x4 load(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
inline f32x4 load_aligned(const float* p) { return load(p); }
inline void store(float* p, f32x4 a) {
  for (int l = 0; l < 4; ++l) p[l] = a.v[l];
}
inline f32x4 add(f32x4 a, f32x4 b) { return {{a.v[0] + b.v[0], a.v[1] + b.v[1], a.v[2] + b.v[2], a.v[3] + b.v[3]}}; }
inline f32x4 mul(f32x4 a, f32x4 b) { return {{a.v[0] * b.v[0], a.v[1] * b.v[1], a.v[2] * b.v[2], a.v[3] * b.v[3]}}; }
inline f32x4 sub(f32x4 a, f32x4 b) { return {{a.v[0] - b.v[0], a.v[1] - b.v[1], a.v[2] - b.v[2], a.v[3] - b.v[3]}}; }
inline f32x4 div(f32x4 a, f32x4 b) { return {{a.v[0] / b.v[0], a.v[1] / b.v[1], a.v[2] / b.v[2], a.v[3] / b.v[3]}}; }
inline f32x4 sqrt(f32x4 a) { return {{std::sqrt(a.v[0]), std::sqrt(a.v[1]), std::sqrt(a.v[2]), std::sqrt(a.v[3])}}; }
inline f32x4 flush_below(f32x4 a, f32x4 limit) {
  for (float& x : a.v) x = std::fabs(x) < limit.v[0] ? 0.f : x;
  return a;
}
inline f32x4 min(f32x4 a, f32x4 b) {
  for (int l = 0; l < 4; ++l) a.v[l] = a.v[l] < b.v[l] ? a.v[l] : b.v[l];
  return a;
}
namespace detail {
template <class Cmp>
f32x4 mask(f32x4 a, f32x4 b, Cmp cmp) {
  f32x4 m;
  for (int l = 0; l < 4; ++l) {
    const std::uint32_t bits = cmp(a.v[l], b.v[l]) ? ~0u : 0u;
    std::memcpy(&m.v[l], &bits, sizeof bits);
  }
  return m;
}
}  // namespace detail
inline f32x4 eq(f32x4 a, f32x4 b) { return detail::mask(a, b, [](float x, float y) { return x == y; }); }
inline f32x4 ne(f32x4 a, f32x4 b) { return detail::mask(a, b, [](float x, float y) { return x != y; }); }
inline f32x4 lt(f32x4 a, f32x4 b) { return detail::mask(a, b, [](float x, float y) { return x < y; }); }
namespace detail {
template <class Op>
f32x4 bitwise(f32x4 a, f32x4 b, Op op) {
  for (int l = 0; l < 4; ++l) {
    std::uint32_t x, y;
    std::memcpy(&x, &a.v[l], sizeof x);
    std::memcpy(&y, &b.v[l], sizeof y);
    x = op(x, y);
    std::memcpy(&a.v[l], &x, sizeof x);
  }
  return a;
}
}  // namespace detail
inline f32x4 bit_and(f32x4 a, f32x4 b) { return detail::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x & y; }); }
inline f32x4 bit_or(f32x4 a, f32x4 b) { return detail::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x | y; }); }
inline f32x4 bit_xor(f32x4 a, f32x4 b) { return detail::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x ^ y; }); }
inline f32x4 select(f32x4 mask, f32x4 if_set, f32x4 if_clear) {
  return bit_or(bit_and(mask, if_set), detail::bitwise(mask, if_clear, [](std::uint32_t m, std::uint32_t y) { return ~m & y; }));
}
inline f32x4 add_i32(f32x4 a, f32x4 b) { return detail::bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x + y; }); }
template <int N>
f32x4 shl_i32(f32x4 a) { return detail::bitwise(a, a, [](std::uint32_t x, std::uint32_t) { return x << N; }); }
inline f32x4 splat_i32(std::int32_t v) {
  f32x4 a;
  for (float& x : a.v) std::memcpy(&x, &v, sizeof v);
  return a;
}
inline f32x4 load_i32(const std::int32_t* p) {
  f32x4 a;
  std::memcpy(a.v, p, sizeof a.v);
  return a;
}
inline void store_i32(std::int32_t* p, f32x4 v) { std::memcpy(p, v.v, sizeof v.v); }
inline int lane_bits(f32x4 mask) {
  int bits = 0;
  for (int l = 0; l < 4; ++l) {
    std::uint32_t x;
    std::memcpy(&x, &mask.v[l], sizeof x);
    bits |= static_cast<int>(x >> 31) << l;
  }
  return bits;
}
inline void transpose(f32x4& r0, f32x4& r1, f32x4& r2, f32x4& r3) {
  f32x4* r[4] = {&r0, &r1, &r2, &r3};
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j) {
      const float t = r[i]->v[j];
      r[i]->v[j] = r[j]->v[i];
      r[j]->v[i] = t;
    }
}
#endif

// dst column c (c < 4, leading dimension ld) = row c of the 4 × 4 block at src (columns ls apart).
inline void transpose4(const float* src, std::ptrdiff_t ls, float* dst, std::ptrdiff_t ld) {
  f32x4 c0 = load(src), c1 = load(src + ls), c2 = load(src + 2 * ls), c3 = load(src + 3 * ls);
  transpose(c0, c1, c2, c3);
  store(dst, c0);
  store(dst + ld, c1);
  store(dst + 2 * ld, c2);
  store(dst + 3 * ld, c3);
}

}  // namespace descent::simd
