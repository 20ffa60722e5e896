// descent bench [--json] [--workload ID]... [--repetitions N]
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/benchmark.hpp"
#include "cli/commands.hpp"
#include "cli/usage.hpp"

namespace descent::cli {

namespace {

constexpr const char* kUsage = "usage: descent bench [--json] [--workload W1|W2|W3|W4|peak]... [--repetitions N]\n";

bool known(const std::string& id) {
  const auto& ids = bench::workloads();
  return id == "peak" || std::find(ids.begin(), ids.end(), id) != ids.end();
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
