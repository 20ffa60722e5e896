#pragma once
// Declarative option tables shared by optimizers and schedules: one table drives validation,
// default filling and the catalog the page builds its forms from, so they cannot drift apart.
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace descent {

enum class ParamKind { Number, Integer, Boolean, Pair, Choice, IntList };

// The tables are static and their texts views of string literals: std::string members would be
// built at run time by kilobytes of code in the WebAssembly module.
struct ParamSpec {
  std::string_view name;
  ParamKind kind = ParamKind::Number;
  nlohmann::json default_value;  // null only together with `nullable`
  std::string_view description = {};
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  // true: the bound itself is excluded
  bool max_open = false;
  std::vector<std::string_view> choices = {};  // ParamKind::Choice only
  bool nullable = false;             // null means "derive from context" (documented per option)
};

// Checks `spec` (an object with "name" plus options) against `params` and returns every option
// with defaults filled in, in table order. `path` prefixes error messages (e.g. "optimizer") and
// `owner` names the optimizer/schedule in them.
nlohmann::json resolve_params(const nlohmann::json& spec, const std::vector<ParamSpec>& params,
                              const std::string& path, const std::string& owner);

// The catalog form of an option table: [{name, type, default, min, max, description, ...}].
nlohmann::json params_catalog(const std::vector<ParamSpec>& params);

// Shortest round-trip text of a number, for messages.
std::string format_number(double v);

}  // namespace descent
