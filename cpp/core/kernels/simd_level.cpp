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

// A level named by DESCENT_SIMD is taken only if the CPU has it; anything else keeps the widest.
// Native only: WebAssembly has one level, and reading the environment would add JS glue to the page.
SimdLevel initial_level() {
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  const char* wanted = std::getenv("DESCENT_SIMD");
  if (wanted != nullptr)
    for (const SimdLevel level : {SimdLevel::portable, SimdLevel::avx2, SimdLevel::avx512})
      if (std::strcmp(wanted, simd_level_name(level)) == 0 && cpu_has(level)) return level;
#endif
  return widest_supported();
}

SimdLevel g_level = initial_level();

}  // namespace

SimdLevel simd_level() { return g_level; }

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
