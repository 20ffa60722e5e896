#pragma once
// Which vector width the native kernels use, chosen once from the CPU (no -march flag: the binary runs
// on any x86-64). Every level gives the same bits: wider vectors only compute more independent output
// elements per instruction, each with the portable path's operations in the portable path's order.
// WebAssembly and non-x86 builds have only the portable level.
namespace descent::kernels {

enum class SimdLevel {
  portable,  // simd.hpp's four lanes: SSE2, WebAssembly SIMD or plain C++
  avx2,      // 256-bit AVX2, for the many x86-64 CPUs without AVX-512 (multiply and add kept separate)
  avx512,    // 512-bit AVX-512F (multiply and add kept separate: never FMA)
};

// The level the kernels use: fastest_simd_level(), unless the environment variable DESCENT_SIMD
// (portable, avx2 or avx512, read once at start-up) names another level the CPU has: to measure what
// a CPU without AVX-512 or AVX2 gets from the same binary.
SimdLevel simd_level();
// The widest supported level, except avx2 on CPUs that split 512-bit operations in two (AMD Zen 4).
SimdLevel fastest_simd_level();
bool simd_level_supported(SimdLevel level);
const char* simd_level_name(SimdLevel level);
// For tests that compare the levels; not thread-safe, and `level` must be supported.
void set_simd_level_for_testing(SimdLevel level);

}  // namespace descent::kernels
