// Module-level bindings: version and a SIMD probe (the page shows both; tests assert them).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "kernels/dot.hpp"

namespace {

emscripten::val info() {
  auto out = emscripten::val::object();
  out.set("version", std::string(DESCENT_VERSION));
  out.set("simd", descent::simd_enabled());
  return out;
}

float simd_dot(const emscripten::val& a, const emscripten::val& b) {
  const auto x = emscripten::convertJSArrayToNumberVector<float>(a);
  const auto y = emscripten::convertJSArrayToNumberVector<float>(b);
  try {
    return descent::dot(x, y);
  } catch (const std::exception& e) {
    emscripten::val::global("Error").new_(std::string(e.what())).throw_();
  }
  return 0.f;
}

}  // namespace

EMSCRIPTEN_BINDINGS(core) {
  emscripten::function("info", &info);
  emscripten::function("simdDot", &simd_dot);
}
