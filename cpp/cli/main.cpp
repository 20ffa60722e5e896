// descent: the command-line face of the core. Usage text and dispatch only; commands live beside.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "cli/commands.hpp"

namespace {

struct Command {
  const char* name;
  const char* synopsis;
  int (*run)(const descent::cli::Args&);
};

constexpr Command kCommands[] = {
    {"replay", "replay FILE.json        recompute a golden file (optimizers, schedules, training)",
     descent::cli::replay},
    {"catalog", "catalog                 list optimizers and schedules with their options (JSON)",
     descent::cli::catalog},
    {"train", "train SPEC.json [--csv FILE] [--out FILE]  train an experiment, stream JSON lines", descent::cli::train},
    {"bench", "bench [--json] [--workload W] [--repetitions N]  time the speed workloads W1-W4", descent::cli::bench},
    {"sweep", "sweep SPEC.json [--grid K=V]... [--random N] [--jobs N] [--plan]  grid/random search, one JSON line per run",
     descent::cli::sweep},
    {"lr-find", "lr-find SPEC.json [--min-lr X] [--max-lr X] [--steps N] [--json]  LR range test and suggestion",
     descent::cli::lr_find},
};

void usage(std::FILE* out) {
  std::fprintf(out,
               "descent %s - gradient-descent playground core\n\n"
               "usage: descent <command> [options]\n\ncommands:\n",
               DESCENT_VERSION);
  for (const auto& c : kCommands) std::fprintf(out, "  %s\n", c.synopsis);
  std::fprintf(out, "\noptions:\n  -h, --help     show this help\n  -V, --version  print the version\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const std::string first = argv[1];
  if (first == "-h" || first == "--help" || first == "help") {
    usage(stdout);
    return 0;
  }
  if (first == "-V" || first == "--version") {
    std::printf("descent %s\n", DESCENT_VERSION);
    return 0;
  }
  for (const auto& c : kCommands) {
    if (first != c.name) continue;
    descent::cli::Args args(argv + 2, argv + argc);
    try {
      return c.run(args);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "descent %s: %s\n", c.name, e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "descent: unknown command '%s' (run `descent --help`)\n", first.c_str());
  return 2;
}
