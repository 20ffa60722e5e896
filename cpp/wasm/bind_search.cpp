// Searches in the page: expanding a search description into plan lines, one sweep run stepped in
// chunks inside a worker, and the LR range test. Everything crosses as JSON text (the same lines
// `descent sweep` and `descent lr-find --json` print).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <memory>
#include <new>
#include <string>

#include "data/csv.hpp"
#include "data/limits.hpp"
#include "optim/params.hpp"
#include "search/lr_finder.hpp"
#include "search/search_space.hpp"
#include "search/sweep_run.hpp"

namespace {

using emscripten::val;
using nlohmann::json;
using descent::search::ojson;

[[noreturn]] void throw_js(const std::exception& e) {
  const std::string message = dynamic_cast<const std::bad_alloc*>(&e) != nullptr
                                  ? "out of memory: this experiment needs more than the 2 GB WebAssembly memory "
                                    "can grow to; use fewer rows, a smaller batch or fewer units"
                                  : e.what();
  val::global("Error").new_(message).throw_();
  __builtin_unreachable();
}

// The Trainer binding's csv argument: a string or a Uint8Array (copied in, refused over the limit).
std::string bytes_of(const val& csv) {
  if (csv.isUndefined() || csv.isNull()) return {};
  if (csv.isString()) return csv.as<std::string>();
  const auto n = csv["length"].as<std::size_t>();
  if (n > descent::data_limits::max_input_bytes) throw std::invalid_argument(descent::file_too_large(n));
  std::string out(n, '\0');
  val(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(out.data()))).call<void>("set", csv);
  return out;
}

// NaN, fractions or 1e300 would make the cast to long undefined.
long chunk(double n) {
  constexpr double kMax = 1e9;
  if (!(n >= 0 && n <= kMax) || n != std::floor(n))
    throw std::invalid_argument("step(n): n must be a whole number from 0 to " + descent::format_number(kMax) + ", got " +
                                descent::format_number(n));
  return static_cast<long>(n);
}

template <class J>
J parse(const std::string& text, const char* what) {
  try {
    return J::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument(std::string(what) + ": malformed JSON: " + e.what());
  }
}

std::string expand_search(const std::string& spec_json, const std::string& search_json) {
  try {
    const auto space = descent::search::parse_search(parse<ojson>(search_json, "search"));
    ojson lines = ojson::array();
    for (auto& line : descent::search::expand(parse<json>(spec_json, "spec"), space)) lines.push_back(std::move(line));
    return lines.dump();
  } catch (const std::exception& e) {
    throw_js(e);
  }
}

class SweepRunHandle {
 public:
  SweepRunHandle(const std::string& spec_json, const val& csv) {
    try {
      run_ = std::make_unique<descent::search::SweepRun>(parse<json>(spec_json, "spec"), bytes_of(csv));
    } catch (const std::exception& e) {
      throw_js(e);
    }
  }
  bool step(double n) {
    try {
      return run_->step(chunk(n));
    } catch (const std::exception& e) {
      throw_js(e);
    }
  }
  double progress() const { return run_->progress(); }
  std::string result_json() const { return run_->result().dump(); }

 private:
  std::unique_ptr<descent::search::SweepRun> run_;
};

class LrFinderHandle {
 public:
  LrFinderHandle(const std::string& spec_json, const val& csv, const std::string& options_json) {
    try {
      const auto options = descent::search::parse_lr_finder_options(
          options_json.empty() ? json() : parse<json>(options_json, "lr_finder"));
      finder_ = std::make_unique<descent::search::LrFinder>(parse<json>(spec_json, "spec"), bytes_of(csv), options);
    } catch (const std::exception& e) {
      throw_js(e);
    }
  }
  bool step(double n) {
    try {
      return finder_->step(chunk(n));
    } catch (const std::exception& e) {
      throw_js(e);
    }
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
