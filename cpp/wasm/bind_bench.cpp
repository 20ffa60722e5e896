// benchmark(workload, repetitions): the speed workloads timed inside WebAssembly, the same code path
// as `descent bench` natively.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "bench/benchmark.hpp"
#include "wasm/boundary.hpp"

namespace {

emscripten::val benchmark(const std::string& workload, double repetitions) {
  return descent::wasm::guarded([&] {
    // Checked before the cast: NaN, 2.5 or 1e300 would otherwise reach run() as some other count.
    if (!(repetitions >= 1 && repetitions <= 1000) || repetitions != std::floor(repetitions))
      throw std::invalid_argument("bench: repetitions must be from 1 to 1000, got " + descent::format_number(repetitions));
    const auto r = descent::bench::run(workload, static_cast<int>(repetitions));
    auto out = emscripten::val::object();
    out.set("workload", r.workload);
    out.set("median", r.median);
    out.set("min", r.min);
    out.set("max", r.max);
    out.set("unit", r.unit);
    out.set("repetitions", r.repetitions);
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(bench) { emscripten::function("benchmark", &benchmark); }
