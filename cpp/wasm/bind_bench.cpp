// benchmark(workload, repetitions): the speed workloads timed inside WebAssembly, the same code path
// as `descent bench` natively.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <stdexcept>
#include <string>

#include "bench/benchmark.hpp"

namespace {

emscripten::val benchmark(const std::string& workload, int repetitions) {
  try {
    const auto r = descent::bench::run(workload, repetitions);
    auto out = emscripten::val::object();
    out.set("workload", r.workload);
    out.set("median", r.median);
    out.set("min", r.min);
    out.set("max", r.max);
    out.set("unit", r.unit);
    out.set("repetitions", r.repetitions);
    return out;
  } catch (const std::exception& e) {
    emscripten::val::global("Error").new_(std::string(e.what())).throw_();
  }
  return emscripten::val::undefined();
}

}  // namespace

EMSCRIPTEN_BINDINGS(bench) { emscripten::function("benchmark", &benchmark); }
