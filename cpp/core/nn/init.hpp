#pragma once
// Weight initialisation (torch.nn.init formulas, fan_in/fan_out of an out × in matrix). Biases start
// at zero unless explicit weights are given. Randomness comes only from descent::Rng.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "nn/model.hpp"
#include "random.hpp"

namespace descent::nn {

enum class InitScheme { xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal, lecun_normal, zeros };

InitScheme parse_init(std::string_view name, const std::string& field);
std::string to_string(InitScheme s);
const char* init_names();

// Draws every W (row by row, as PyTorch lays out out × in) layer after layer; zeroes every b.
void initialize(Model& model, InitScheme scheme, Rng& rng);

// Explicit weights in the golden format [{"W": [[...] × out], "b": [...]}, ...]; shapes are checked
// against the model and errors name `field` (e.g. "model.weights[1].W[2]").
void set_weights(Model& model, const nlohmann::json& weights, const std::string& field);
nlohmann::json get_weights(const Model& model);

}  // namespace descent::nn
