#include "kernels/simd_level.hpp"

namespace descent::kernels {
namespace {

SimdLevel widest_supported() {
#if defined(__x86_64__) && !defined(__EMSCRIPTEN__)
  // Runs as a static initializer, possibly before libgcc's own. Its check includes the OS enabling
  // the 512-bit register state (XCR0).
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return SimdLevel::avx512;
#endif
  return SimdLevel::portable;
}

SimdLevel g_level = widest_supported();

}  // namespace

SimdLevel simd_level() { return g_level; }

bool simd_level_supported(SimdLevel level) { return level == SimdLevel::portable || level == widest_supported(); }

void set_simd_level_for_testing(SimdLevel level) { g_level = level; }

}  // namespace descent::kernels
