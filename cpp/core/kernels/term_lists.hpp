#pragma once
// What the ReLU-sparse kernels (gemm_sparse, masked_outer_product) share to build and walk their term
// lists: four-lane left-packing tables and how a term names a column of its dense operand.
#include <cstdint>

namespace descent::kernels::terms {

// kLeftPack[bits] lists the lanes set in the four-lane mask `bits`, in order; the rest is never read.
alignas(16) inline constexpr std::int32_t kLeftPack[16][4] = {
    {0, 0, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {2, 0, 0, 0}, {0, 2, 0, 0}, {1, 2, 0, 0}, {0, 1, 2, 0},
    {3, 0, 0, 0}, {0, 3, 0, 0}, {1, 3, 0, 0}, {0, 1, 3, 0}, {2, 3, 0, 0}, {0, 2, 3, 0}, {1, 2, 3, 0}, {0, 1, 2, 3}};
// How many lanes `bits` sets: a lookup, since the portable x86-64 build has no popcnt instruction.
inline constexpr std::int32_t kCount[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};

// In WebAssembly a term holds its column's address itself (32 bits; the module's memory is at most
// 2 GB), so a kernel whose first row is a constant loads from memory + term + constant, without an add
// per term (W2 +1.3 % in Chromium); natively it is a byte offset from the operand.
inline constexpr bool kAddresses = sizeof(void*) == 4;

// What a term is counted from: 0 for addresses, else the operand.
inline std::uintptr_t origin_of(const float* a) { return kAddresses ? 0 : reinterpret_cast<std::uintptr_t>(a); }
inline const float* at(std::uintptr_t origin, std::int32_t term) {
  return reinterpret_cast<const float*>(origin + static_cast<std::uint32_t>(term));
}

}  // namespace descent::kernels::terms
