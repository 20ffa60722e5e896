// Searches in the page: expanding a search description into plan lines, one sweep run stepped in
// chunks inside a worker, and the LR range test. Everything crosses as JSON text (the same lines
// `descent sweep` and `descent lr-find --json` print).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "search/lr_finder.hpp"
#include "search/search_space.hpp"
#include "search/sweep_run.hpp"
#include "wasm/boundary.hpp"

namespace {

using emscripten::val;
using nlohmann::json;
using descent::wasm::bytes_of;
using descent::wasm::guarded;
using descent::wasm::parse_json;

// A sweep run or the finder logs nothing per chunk, so a chunk may be long.
constexpr double kMaxChunk = 1e9;

std::string expand_search(const std::string& spec_json, const std::string& search_json) {
  return guarded([&] {
    descent::search::KeyOrder order({"params"});
    const auto space = descent::search::parse_search(parse_json(search_json, "search", order.callback()), order.keys());
    std::string lines = "[";
    for (const auto& line : descent::search::expand(parse_json(spec_json, "spec"), space))
      lines += (lines.size() > 1 ? "," : "") + descent::search::dump(line);
    return lines + "]";
  });
}

class SweepRunHandle {
 public:
  SweepRunHandle(const std::string& spec_json, const val& csv) {
    guarded([&] { run_ = std::make_unique<descent::search::SweepRun>(parse_json(spec_json, "spec"), bytes_of(csv)); });
  }
  bool step(double n) {
    return guarded([&] { return run_->step(descent::wasm::step_count(n, kMaxChunk)); });
  }
  double progress() const { return run_->progress(); }
  std::string result_json() const { return descent::search::dump(run_->result()); }

 private:
  std::unique_ptr<descent::search::SweepRun> run_;
};

class LrFinderHandle {
 public:
  LrFinderHandle(const std::string& spec_json, const val& csv, const std::string& options_json) {
    guarded([&] {
      const auto options = descent::search::parse_lr_finder_options(
          options_json.empty() ? json() : parse_json(options_json, "lr_finder"));
      finder_ = std::make_unique<descent::search::LrFinder>(parse_json(spec_json, "spec"), bytes_of(csv), options);
    });
  }
  bool step(double n) {
    return guarded([&] { return finder_->step(descent::wasm::step_count(n, kMaxChunk)); });
  }
  std::string result_json() const { return finder_->result().dump(); }

 private:
  std::unique_ptr<descent::search::LrFinder> finder_;
};

std::shared_ptr<SweepRunHandle> make_sweep_run(const std::string& spec_json, const val& csv) {
  return std::make_shared<SweepRunHandle>(spec_json, csv);
}

std::shared_ptr<LrFinderHandle> make_lr_finder(const std::string& spec_json, const val& csv, const std::string& options) {
  return std::make_shared<LrFinderHandle>(spec_json, csv, options);
}

}  // namespace

EMSCRIPTEN_BINDINGS(search) {
  emscripten::function("expandSearch", &expand_search);
  emscripten::class_<SweepRunHandle>("SweepRun")
      .smart_ptr_constructor("SweepRun", &make_sweep_run)
      .function("step", &SweepRunHandle::step)
      .function("progress", &SweepRunHandle::progress)
      .function("resultJson", &SweepRunHandle::result_json);
  emscripten::class_<LrFinderHandle>("LrFinder")
      .smart_ptr_constructor("LrFinder", &make_lr_finder)
      .function("step", &LrFinderHandle::step)
      .function("resultJson", &LrFinderHandle::result_json);
}
