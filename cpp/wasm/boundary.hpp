#pragma once
// What every binding does where C++ meets JavaScript: C++ errors become JS Errors with a message a
// person can act on, JSON arguments are parsed with an error that names them, CSV bytes are copied in under the ingest limit, and step counts are checked
// before they are cast (NaN, fractions or 1e300 would make the cast undefined).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "data/csv.hpp"
#include "data/limits.hpp"
#include "optim/params.hpp"

namespace descent::wasm {

[[noreturn]] inline void throw_js(const std::exception& e) {
  // bad_alloc's what() is only "std::bad_alloc": say what ran out and what to change. The module
  // stays usable; the memory already grown is kept for the next experiment.
  const std::string message = dynamic_cast<const std::bad_alloc*>(&e) != nullptr
                                  ? "out of memory: this experiment needs more than the 2 GB WebAssembly memory "
                                    "can grow to; use fewer rows, a smaller batch or fewer units"
                                  : e.what();
  emscripten::val::global("Error").new_(message).throw_();
  __builtin_unreachable();
}

// f(), with a C++ exception turned into a JS Error.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    throw_js(e);
  }
}

// A JSON argument; `what` names it in the error ("spec: malformed JSON: ...").
inline nlohmann::json parse_json(const std::string& text, const char* what,
                                 nlohmann::json::parser_callback_t callback = nullptr) {
  try {
    return nlohmann::json::parse(text, std::move(callback));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument(std::string(what) + ": malformed JSON: " + e.what());
  }
}

// The csv argument: a string or a Uint8Array.
inline std::string bytes_of(const emscripten::val& csv) {
  if (csv.isUndefined() || csv.isNull()) return {};
  if (csv.isString()) return csv.as<std::string>();
  const auto n = csv["length"].as<std::size_t>();
  // Refused before the copy: a file over the limit would otherwise be duplicated into the wasm heap.
  if (n > data_limits::max_input_bytes) throw std::invalid_argument(file_too_large(n));
  std::string out(n, '\0');
  emscripten::val(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(out.data()))).call<void>("set", csv);
  return out;
}

// step(n)'s n: a whole number from 0 to max.
inline long step_count(double n, double max) {
  if (!(n >= 0 && n <= max) || n != std::floor(n))
    throw std::invalid_argument("step(n): n must be a whole number from 0 to " + format_number(max) + ", got " +
                                format_number(n));
  return static_cast<long>(n);
}

}  // namespace descent::wasm
