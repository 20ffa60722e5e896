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
#endif

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
#endif

}  // namespace descent::simd
