#pragma once
// The ceiling for kernels built from separate four-lane multiplies and adds (no FMA, as every kernel
// here must be to give the same bits natively and in WebAssembly): the GEMM micro-kernel's
// instruction mix (per k: two A vectors, four broadcast B values, eight multiplies, eight adds) on
// panels that stay in L1, with nothing else to do. A workload's real GFLOP/s divided by this says how
// close to what the core allows it runs.
namespace descent {

// Runs `rounds` passes over fixed L1-resident panels; returns the float operations done (a checksum
// of the accumulators is kept so the work cannot be optimised away).
double simd_peak_flops(long rounds);

}  // namespace descent
