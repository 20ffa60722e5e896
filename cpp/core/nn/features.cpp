#include "nn/features.hpp"

#include <cmath>
#include <stdexcept>

namespace descent::nn {

std::size_t FeatureCrosses::output_size(std::size_t n) const {
  return (linear ? n : 0) + (square ? n : 0) + (product ? n * (n - 1) / 2 : 0) + (sin ? n : 0);
}

void FeatureCrosses::expand(const float* x, std::size_t n, float* out) const {
  std::size_t k = 0;
  if (linear)
    for (std::size_t i = 0; i < n; ++i) out[k++] = x[i];
  if (square)
    for (std::size_t i = 0; i < n; ++i) out[k++] = x[i] * x[i];
  if (product)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) out[k++] = x[i] * x[j];
  if (sin)
    for (std::size_t i = 0; i < n; ++i) out[k++] = std::sin(x[i]);
}

std::vector<std::string> FeatureCrosses::names(const std::vector<std::string>& in) const {
  std::vector<std::string> out;
  if (linear) out.insert(out.end(), in.begin(), in.end());
  if (square)
    for (const auto& a : in) out.push_back(a + "^2");
  if (product)
    for (std::size_t i = 0; i < in.size(); ++i)
      for (std::size_t j = i + 1; j < in.size(); ++j) out.push_back(in[i] + "*" + in[j]);
  if (sin)
    for (const auto& a : in) out.push_back("sin(" + a + ")");
  return out;
}

FeatureCrosses parse_features(const nlohmann::json& spec, const std::string& field) {
  FeatureCrosses f;
  if (spec.is_null()) return f;
  const char* allowed = "allowed: linear, square, product, sin";
  if (!spec.is_array() || spec.empty())
    throw std::invalid_argument(field + ": must be a non-empty array of strings (" + allowed + ")");
  f.linear = false;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    const std::string ef = field + "[" + std::to_string(i) + "]";
    if (!spec[i].is_string()) throw std::invalid_argument(ef + ": must be a string (" + allowed + ")");
    const auto name = spec[i].get<std::string>();
    bool* flag = name == "linear" ? &f.linear
                 : name == "square" ? &f.square
                 : name == "product" ? &f.product
                 : name == "sin" ? &f.sin
                 : nullptr;
    if (!flag) throw std::invalid_argument(ef + ": unknown feature '" + name + "' (" + allowed + ")");
    if (*flag) throw std::invalid_argument(ef + ": '" + name + "' is listed twice");
    *flag = true;
  }
  return f;
}

nlohmann::json to_json(const FeatureCrosses& f) {
  auto out = nlohmann::json::array();
  if (f.linear) out.push_back("linear");
  if (f.square) out.push_back("square");
  if (f.product) out.push_back("product");
  if (f.sin) out.push_back("sin");
  return out;
}

}  // namespace descent::nn
