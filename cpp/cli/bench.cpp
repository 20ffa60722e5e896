// descent bench [--json] [--workload ID]... [--repetitions N]
#include <cstdio>
#include <stdexcept>

#include "bench/benchmark.hpp"
#include "cli/commands.hpp"

namespace descent::cli {

int bench(const Args& args) {
  bool as_json = false;
  int repetitions = 5;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      as_json = true;
    } else if ((args[i] == "--workload" || args[i] == "--repetitions") && i + 1 < args.size()) {
      if (args[i] == "--workload") ids.push_back(args[++i]);
      else repetitions = std::stoi(args[++i]);
    } else {
      throw std::invalid_argument("unknown option '" + args[i] +
                                  "' (usage: descent bench [--json] [--workload W1|W2|W3|W4]... [--repetitions N])");
    }
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
