#pragma once
// The fixed speed workloads W1–W4 (docs/performance.md) and the SIMD peak they are measured against,
// timed the same way natively (`descent bench`) and in WebAssembly (the module's benchmark()): warm up
// for at least half a second, then time each repetition (whole epochs, W4: 1,000 updates, repeated for
// ≥ 50 ms) and report median, min and max.
#include <string>
#include <vector>

namespace descent::bench {

struct Result {
  std::string workload;
  double median = 0, min = 0, max = 0;
  std::string unit;  // "samples_per_s" (W1–W3), "us_per_1000_updates" (W4) or "gflop_s" (peak)
  int repetitions = 0;
};

const std::vector<std::string>& workloads();
// workload: W1…W4, or "peak" (kernels/simd_peak.hpp; unit gflop_s). Throws std::invalid_argument for an
// unknown workload or repetitions outside 1…1000.
Result run(const std::string& workload, int repetitions);

}  // namespace descent::bench
