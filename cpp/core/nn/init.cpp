#include "nn/init.hpp"

#include <cmath>
#include <stdexcept>

namespace descent::nn {

namespace {

struct Named {
  const char* name;
  InitScheme value;
};
constexpr Named kNames[] = {{"xavier_uniform", InitScheme::xavier_uniform},
                            {"xavier_normal", InitScheme::xavier_normal},
                            {"kaiming_uniform", InitScheme::kaiming_uniform},
                            {"kaiming_normal", InitScheme::kaiming_normal},
                            {"lecun_normal", InitScheme::lecun_normal},
                            {"zeros", InitScheme::zeros}};

// kaiming_* with PyTorch's nonlinearity="relu" gain; xavier_* with the default gain 1.
constexpr double kReluGain = 1.4142135623730951;

}  // namespace

const char* init_names() {
  return "xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal, lecun_normal, zeros";
}

InitScheme parse_init(std::string_view name, const std::string& field) {
  for (const auto& n : kNames)
    if (name == n.name) return n.value;
  throw std::invalid_argument(field + ": unknown init '" + std::string(name) + "' (allowed: " + init_names() +
                              ")");
}

std::string to_string(InitScheme s) {
  for (const auto& n : kNames)
    if (n.value == s) return n.name;
  return "zeros";
}

void initialize(Model& model, InitScheme scheme, Rng& rng) {
  for (std::size_t l = 0; l < model.layers().size(); ++l) {
    const double fan_in = model.layers()[l].in, fan_out = model.layers()[l].out;
    auto W = model.W(l);
    for (Eigen::Index r = 0; r < W.rows(); ++r) {
      for (Eigen::Index c = 0; c < W.cols(); ++c) {
        double v = 0.0;
        switch (scheme) {
          case InitScheme::xavier_uniform: {
            const double a = std::sqrt(6.0 / (fan_in + fan_out));
            v = rng.uniform(-a, a);
            break;
          }
          case InitScheme::xavier_normal: v = rng.normal(0.0, std::sqrt(2.0 / (fan_in + fan_out))); break;
          case InitScheme::kaiming_uniform: {
            const double a = kReluGain * std::sqrt(3.0 / fan_in);
            v = rng.uniform(-a, a);
            break;
          }
          case InitScheme::kaiming_normal: v = rng.normal(0.0, kReluGain / std::sqrt(fan_in)); break;
          case InitScheme::lecun_normal: v = rng.normal(0.0, 1.0 / std::sqrt(fan_in)); break;
          case InitScheme::zeros: v = 0.0; break;
        }
        W(r, c) = static_cast<float>(v);
      }
    }
    model.b(l).setZero();
  }
}

void set_weights(Model& model, const nlohmann::json& weights, const std::string& field) {
  const auto& layers = model.layers();
  if (!weights.is_array() || weights.size() != layers.size())
    throw std::invalid_argument(field + ": must be an array of " + std::to_string(layers.size()) +
                                " {\"W\", \"b\"} objects, one per layer");
  auto number = [](const nlohmann::json& v, const std::string& f) {
    if (!v.is_number()) throw std::invalid_argument(f + ": must be a number");
    return v.get<float>();
  };
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const std::string lf = field + "[" + std::to_string(l) + "]";
    const auto& entry = weights[l];
    if (!entry.is_object() || !entry.contains("W") || !entry.contains("b"))
      throw std::invalid_argument(lf + ": must be an object with \"W\" and \"b\"");
    for (const auto& [key, _] : entry.items())
      if (key != "W" && key != "b") throw std::invalid_argument(lf + "." + key + ": unknown key (allowed: W, b)");
    const auto& W = entry["W"];
    const auto out = static_cast<std::size_t>(layers[l].out), in = static_cast<std::size_t>(layers[l].in);
    if (!W.is_array() || W.size() != out)
      throw std::invalid_argument(lf + ".W: must have " + std::to_string(out) + " rows (out × in)");
    auto Wm = model.W(l);
    for (std::size_t r = 0; r < out; ++r) {
      const std::string rf = lf + ".W[" + std::to_string(r) + "]";
      if (!W[r].is_array() || W[r].size() != in)
        throw std::invalid_argument(rf + ": must have " + std::to_string(in) + " columns");
      for (std::size_t c = 0; c < in; ++c)
        Wm(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
            number(W[r][c], rf + "[" + std::to_string(c) + "]");
    }
    const auto& b = entry["b"];
    if (!b.is_array() || b.size() != out)
      throw std::invalid_argument(lf + ".b: must have " + std::to_string(out) + " values");
    for (std::size_t r = 0; r < out; ++r)
      model.b(l)(static_cast<Eigen::Index>(r)) = number(b[r], lf + ".b[" + std::to_string(r) + "]");
  }
}

nlohmann::json get_weights(const Model& model) {
  auto out = nlohmann::json::array();
  for (std::size_t l = 0; l < model.layers().size(); ++l) {
    const auto W = model.W(l);
    auto rows = nlohmann::json::array();
    for (Eigen::Index r = 0; r < W.rows(); ++r) {
      auto row = nlohmann::json::array();
      for (Eigen::Index c = 0; c < W.cols(); ++c) row.push_back(W(r, c));
      rows.push_back(std::move(row));
    }
    auto b = nlohmann::json::array();
    const auto p = model.params();
    for (std::size_t i = model.bias_offset(l); i < model.layer_end(l); ++i) b.push_back(p[i]);
    out.push_back({{"W", std::move(rows)}, {"b", std::move(b)}});
  }
  return out;
}

}  // namespace descent::nn
