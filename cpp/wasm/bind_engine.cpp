// Engine bindings for the Web Worker: catalogs, schedule previews, function grids for contour
// plots, and Race2D — several optimizer runs on one 2-D function, stepped in lockstep.
// Structured inputs travel as JSON strings (Embind has no std::optional/int64); bulk outputs as
// typed arrays. Every entry point turns C++ exceptions into JS Errors carrying what().
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "functions/function.hpp"
#include "optim/optimizer.hpp"
#include "run2d.hpp"
#include "schedule/schedule.hpp"
#include "wasm/boundary.hpp"

namespace {

using emscripten::val;
using nlohmann::json;
using descent::wasm::guarded;
using descent::wasm::parse_json;

// A copy the caller owns (survives memory growth), unlike a typed_memory_view.
val copy_to_float64(const std::vector<double>& v) {
  return val::global("Float64Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

std::string optimizer_catalog_json() { return descent::optimizer_catalog().dump(); }
std::string schedule_catalog_json() { return descent::schedule_catalog().dump(); }
std::string function_catalog_json() { return descent::function_catalog().dump(); }

// Every option with defaults filled in, or an Error naming the bad field.
std::string resolve_optimizer(const std::string& spec) {
  return guarded([&] { return descent::make_optimizer<double>(parse_json(spec, "optimizer"))->hyperparameters().dump(); });
}

val schedule_preview(const std::string& spec, double base_lr, int steps) {
  return guarded([&] {
    if (steps < 0) throw std::invalid_argument("schedulePreview: steps must be >= 0");
    return copy_to_float64(descent::make_schedule(parse_json(spec, "schedule"), base_lr)->preview(steps));
  });
}

// f on an nx × ny grid over the function's plotting range, row by row (y outer, x inner).
val function_grid(const std::string& name, int nx, int ny) {
  return guarded([&] {
    if (nx < 2 || ny < 2) throw std::invalid_argument("functionGrid: nx and ny must be >= 2");
    const auto& f = descent::find_function(name);
    std::vector<double> out(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
    for (int j = 0; j < ny; ++j) {
      const double y = f.range[2] + (f.range[3] - f.range[2]) * j / (ny - 1);
      for (int i = 0; i < nx; ++i)
        out[static_cast<std::size_t>(j) * static_cast<std::size_t>(nx) + static_cast<std::size_t>(i)] =
            f.value(f.range[0] + (f.range[1] - f.range[0]) * i / (nx - 1), y);
    }
    return copy_to_float64(out);
  });
}

class Race2D {
 public:
  // {"function": name, "x0": [x, y] (default: the function's start), "runs": [{"optimizer", "schedule"}, ...]}
  explicit Race2D(const json& spec) {
    if (!spec.is_object()) throw std::invalid_argument("race: expected an object");
    if (!spec.contains("function") || !spec["function"].is_string())
      throw std::invalid_argument("race.function: expected a function name");
    const auto& f = descent::find_function(spec["function"].get<std::string>());
    std::array<double, 2> x0 = f.start;
    if (spec.contains("x0")) {
      const auto& v = spec["x0"];
      if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
        throw std::invalid_argument("race.x0: expected [x, y]");
      x0 = {v[0].get<double>(), v[1].get<double>()};
    }
    if (!spec.contains("runs") || !spec["runs"].is_array() || spec["runs"].empty())
      throw std::invalid_argument("race.runs: expected a non-empty array of {optimizer, schedule}");
    for (std::size_t i = 0; i < spec["runs"].size(); ++i) {
      const auto& r = spec["runs"][i];
      try {
        if (!r.is_object() || !r.contains("optimizer")) throw std::invalid_argument("optimizer: missing");
        runs_.push_back(std::make_unique<descent::Run2D>(f, x0, r["optimizer"], r.value("schedule", json(nullptr))));
      } catch (const std::exception& e) {
        throw std::invalid_argument("race.runs[" + std::to_string(i) + "]." + e.what());
      }
    }
  }

  // A double, not an int: Embind would turn Infinity or NaN into 0 steps without a word.
  int step(double n) {
    return guarded([&] {
      const long count = descent::wasm::step_count(n, 1000000);
      long most = 0;
      for (auto& r : runs_) {
        r->step(count);
        most = std::max(most, r->steps_done());
      }
      return static_cast<int>(most);
    });
  }

  int run_count() const { return static_cast<int>(runs_.size()); }
  int steps_done(int i) const { return guarded([&] { return static_cast<int>(run(i).steps_done()); }); }
  int diverged_step(int i) const { return guarded([&] { return static_cast<int>(run(i).diverged_step()); }); }
  double lr(int i) const { return guarded([&] { return run(i).lr(); }); }

  val trajectory(int i) const { return guarded([&] { return view(run(i).trajectory()); }); }
  val losses(int i) const { return guarded([&] { return view(run(i).losses()); }); }
  val lrs(int i) const { return guarded([&] { return view(run(i).lrs()); }); }
  val last_gradient(int i) const {
    return guarded([&] {
      const auto& g = run(i).last_gradient();
      return copy_to_float64(std::vector<double>(g.begin(), g.end()));
    });
  }

  val state_names(int i) const {
    return guarded([&] {
      val out = val::array();
      for (const auto& s : run(i).state()) out.call<void>("push", s.name);
      return out;
    });
  }

  val state(int i, const std::string& name) const {
    return guarded([&] {
      for (const auto& s : run(i).state())
        if (s.name == name) return val(emscripten::typed_memory_view(s.values.size(), s.values.data()));
      throw std::invalid_argument("race.state: run " + std::to_string(i) + " (" + run(i).optimizer().name() +
                                  ") has no state \"" + name + "\"");
    });
  }

  std::string hyperparameters(int i) const { return guarded([&] { return run(i).optimizer().hyperparameters().dump(); }); }

 private:
  const descent::Run2D& run(int i) const {
    if (i < 0 || i >= run_count())
      throw std::out_of_range("race: run index " + std::to_string(i) + " out of range [0, " + std::to_string(run_count()) + ")");
    return *runs_[static_cast<std::size_t>(i)];
  }
  static val view(const std::vector<double>& v) { return val(emscripten::typed_memory_view(v.size(), v.data())); }

  std::vector<std::unique_ptr<descent::Run2D>> runs_;
};

std::shared_ptr<Race2D> create_race(const std::string& spec) {
  return guarded([&] { return std::make_shared<Race2D>(parse_json(spec, "race")); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(engine) {
  emscripten::function("optimizerCatalog", &optimizer_catalog_json);
  emscripten::function("scheduleCatalog", &schedule_catalog_json);
  emscripten::function("functionCatalog", &function_catalog_json);
  emscripten::function("resolveOptimizer", &resolve_optimizer);
  emscripten::function("schedulePreview", &schedule_preview);
  emscripten::function("functionGrid", &function_grid);
  emscripten::class_<Race2D>("Race2D")
      .smart_ptr_constructor("Race2D", &create_race)
      .function("step", &Race2D::step)
      .function("runCount", &Race2D::run_count)
      .function("stepsDone", &Race2D::steps_done)
      .function("divergedStep", &Race2D::diverged_step)
      .function("lr", &Race2D::lr)
      .function("trajectory", &Race2D::trajectory)
      .function("losses", &Race2D::losses)
      .function("lrs", &Race2D::lrs)
      .function("lastGradient", &Race2D::last_gradient)
      .function("stateNames", &Race2D::state_names)
      .function("state", &Race2D::state)
      .function("hyperparameters", &Race2D::hyperparameters);
}
