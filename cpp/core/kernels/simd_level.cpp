#include "kernels/simd_level.hpp"

#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace descent::kernels {
namespace {

bool cpu_has(SimdLevel level) {
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  // Runs as a static initializer, possibly before libgcc's own. Its checks include the OS enabling
  // the wide register state (XCR0).
  __builtin_cpu_init();
  switch (level) {
    case SimdLevel::avx2: return __builtin_cpu_supports("avx2");
    case SimdLevel::avx512: return __builtin_cpu_supports("avx512f");
    default: return true;
  }
#else
  return level == SimdLevel::portable;
#endif
}

SimdLevel widest_supported() {
  for (const SimdLevel level : {SimdLevel::avx512, SimdLevel::avx2})
    if (cpu_has(level)) return level;
  return SimdLevel::portable;
}

// AMD Zen 4 (family 19h; the family's Zen 3 cores have no AVX-512) runs each 512-bit operation as two
// 256-bit halves, so 512-bit vectors add no throughput there, only register pressure: descent's W2
// and W3 trained 15 % and 24 % slower at the avx512 level than at avx2 on an EPYC Zen 4.
bool splits_512_bit_operations() {
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  __builtin_cpu_init();
  return __builtin_cpu_is("amd") && __builtin_cpu_is("amdfam19h");
#else
  return false;
#endif
}

// A level named by DESCENT_SIMD is taken only if the CPU has it; anything else keeps the fastest.
// Native only: WebAssembly has one level, and reading the environment would add JS glue to the page.
SimdLevel initial_level() {
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  const char* wanted = std::getenv("DESCENT_SIMD");
  if (wanted != nullptr)
    for (const SimdLevel level : {SimdLevel::portable, SimdLevel::avx2, SimdLevel::avx512})
      if (std::strcmp(wanted, simd_level_name(level)) == 0 && cpu_has(level)) return level;
#endif
  return fastest_simd_level();
}

SimdLevel g_level = initial_level();

}  // namespace

SimdLevel simd_level() { return g_level; }

SimdLevel fastest_simd_level() {
  const SimdLevel widest = widest_supported();
  return widest == SimdLevel::avx512 && splits_512_bit_operations() ? SimdLevel::avx2 : widest;
}

bool simd_level_supported(SimdLevel level) { return cpu_has(level); }

const char* simd_level_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::avx2: return "avx2";
    case SimdLevel::avx512: return "avx512";
    default: return "portable";
  }
}

void set_simd_level_for_testing(SimdLevel level) { g_level = level; }

}  // namespace descent::kernels
