#pragma once
// Input feature crosses, as in TensorFlow Playground: the network sees the raw inputs and,
// optionally, their squares, pairwise products and sines.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace descent::nn {

struct FeatureCrosses {
  bool linear = true;   // x_i
  bool square = false;  // x_i²
  bool product = false; // x_i·x_j, i < j
  bool sin = false;     // sin(x_i)

  std::size_t output_size(std::size_t inputs) const;
  // Writes output_size(inputs) values for one sample.
  void expand(const float* x, std::size_t inputs, float* out) const;
  std::vector<std::string> names(const std::vector<std::string>& input_names) const;
};

// From the spec's "features" array (e.g. ["linear", "square", "product", "sin"]); errors name
// `field` and the allowed values. Null or missing means ["linear"].
FeatureCrosses parse_features(const nlohmann::json& spec, const std::string& field);
nlohmann::json to_json(const FeatureCrosses& f);

}  // namespace descent::nn
