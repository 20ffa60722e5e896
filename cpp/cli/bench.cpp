// descent bench [--json] [--workload ID]... [--repetitions N]
#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <vector>

#include "bench/benchmark.hpp"
#include "cli/commands.hpp"
#include "cli/usage.hpp"
#include "kernels/simd_level.hpp"

namespace descent::cli {

namespace {

constexpr const char* kUsage = "usage: descent bench [--json] [--workload W1|W2|W3|W4|peak]... [--repetitions N]\n";

bool known(const std::string& id) {
  const auto& ids = bench::workloads();
  return id == "peak" || std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The vector width the kernels ran at, and the other widths this CPU offers through DESCENT_SIMD:
// figures from two machines, or two levels, compare only when that is known.
void print_simd_level() {
  using kernels::SimdLevel;
  const SimdLevel current = kernels::simd_level();
  std::string others;
  for (const SimdLevel level : {SimdLevel::avx512, SimdLevel::avx2, SimdLevel::portable})
    if (level != current && kernels::simd_level_supported(level))
      others += (others.empty() ? "" : "|") + std::string(kernels::simd_level_name(level));
  std::printf("SIMD: %s", kernels::simd_level_name(current));
  if (!others.empty()) std::printf(" (DESCENT_SIMD to force %s)", others.c_str());
  std::printf("\n\n");
}

}  // namespace

int bench(const Args& args) {
  bool as_json = false;
  int repetitions = 5;
  std::vector<std::string> ids;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a == "--json") {
        as_json = true;
      } else if (a == "--workload" || a == "--repetitions") {
        if (i + 1 >= args.size()) throw UsageError(a + ": missing value");
        const std::string& v = args[++i];
        if (a == "--repetitions") repetitions = static_cast<int>(whole_number(a, v, 1, 1000));
        else if (known(v)) ids.push_back(v);
        else throw UsageError("--workload: unknown workload '" + v + "' (expected W1, W2, W3, W4 or peak)");
      } else {
        throw UsageError("unexpected argument '" + a + "'");
      }
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "descent bench: %s\n%s", e.what(), kUsage);
    return 2;
  }
  if (ids.empty()) ids = bench::workloads();
  if (!as_json) {
    print_simd_level();
    std::printf("| workload | median | min | max | unit |\n|---|---|---|---|---|\n");
    std::fflush(stdout);
  }
  for (const auto& id : ids) {
    const auto r = bench::run(id, repetitions);
    if (as_json)
      std::printf(R"({"engine":"descent-native","env":"native","workload":"%s","median":%.6g,"min":%.6g,"max":%.6g,"unit":"%s"})"
                  "\n",
                  r.workload.c_str(), r.median, r.min, r.max, r.unit.c_str());
    else
      std::printf("| %s | %.4g | %.4g | %.4g | %s |\n", r.workload.c_str(), r.median, r.min, r.max, r.unit.c_str());
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace descent::cli
