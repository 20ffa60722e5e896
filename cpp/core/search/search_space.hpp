#pragma once
// A hyper-parameter search: which spec fields vary (dimensions), over which values, and how the
// configurations are chosen (grid: cartesian product; random: sampled with descent::Rng). Expanding
// it gives plan lines, each a complete normalised experiment spec that reproduces its run alone.
// docs/search.md describes the format; errors name the field as `search.<path>`.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "search/key_order.hpp"

namespace descent::search {

inline constexpr std::size_t kMaxRuns = 10000;

struct Dimension {
  std::string name;               // "lr", "batch_size", ... or a dotted path into the spec
  std::vector<nlohmann::json> values;  // explicit list (empty for a range)
  double min = 0, max = 0;        // range
  std::size_t count = 0;          // grid points of a range, ends included
  bool log = false;               // range scale
  bool ranged() const { return values.empty(); }
};

struct SearchSpace {
  bool random = false;
  std::size_t runs = 0;           // random only
  std::uint64_t seed = 0;         // random only
  std::vector<Dimension> params;  // in the order the user wrote them (grid order, config key order)
};

// One run's value of every dimension, in the search's order.
using Config = Fields;

struct PlanLine {
  std::size_t index = 0;
  Config config;
  nlohmann::json spec;
};

// Validates a search description (docs/search.md). `order` lists the names of doc["params"] in the
// order written (KeyOrder({"params"}) while parsing the text); names it lacks follow, sorted.
SearchSpace parse_search(const nlohmann::json& doc, const std::vector<std::string>& order = {});
// `--grid` text: `name=min:max:scale:count` (scale log|linear) or `name=v1,v2,...`.
Dimension parse_grid_arg(const std::string& text);

// The spec with one configuration applied, validated and normalised (no "search" key). Errors are
// std::invalid_argument naming `search.params.<name>`.
nlohmann::json apply_config(const nlohmann::json& spec, const Config& config);
// The plan line of every run.
std::vector<PlanLine> expand(const nlohmann::json& spec, const SearchSpace& space);
// A plan line as `descent sweep --plan` prints it: {"index", "config", "spec"}.
std::string dump(const PlanLine& line);

}  // namespace descent::search
