#include "optim/params.hpp"

#include <cmath>
#include <stdexcept>

namespace descent {
namespace {

using nlohmann::json;

const char* kind_name(ParamKind k) {
  switch (k) {
    case ParamKind::Number: return "number";
    case ParamKind::Integer: return "integer";
    case ParamKind::Boolean: return "boolean";
    case ParamKind::Pair: return "pair";
    case ParamKind::Choice: return "choice";
    case ParamKind::IntList: return "integer list";
  }
  return "?";
}

std::string json_type(const json& v) {
  if (v.is_number()) return "number " + v.dump();
  if (v.is_string()) return "string " + v.dump();
  return std::string(v.type_name());
}

std::string range_text(const ParamSpec& p) {
  const bool lo = std::isfinite(p.min), hi = std::isfinite(p.max);
  if (lo && hi)
    return std::string(p.min_open ? "(" : "[") + format_number(p.min) + ", " + format_number(p.max) +
           (p.max_open ? ")" : "]");
  if (lo) return std::string(p.min_open ? "> " : ">= ") + format_number(p.min);
  if (hi) return std::string(p.max_open ? "< " : "<= ") + format_number(p.max);
  return "any finite number";
}

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}

double check_number(const json& v, const ParamSpec& p, const std::string& where, bool integer) {
  if (!v.is_number()) fail(where, std::string("expected ") + (integer ? "an integer" : "a number") + ", got " + json_type(v));
  const double x = v.get<double>();
  if (!std::isfinite(x)) fail(where, "must be finite");
  if (integer && std::floor(x) != x) fail(where, "expected an integer, got " + format_number(x));
  const bool below = p.min_open ? !(x > p.min) : x < p.min;
  const bool above = p.max_open ? !(x < p.max) : x > p.max;
  if (below || above) fail(where, std::string("must be ") + (std::isfinite(p.min) && std::isfinite(p.max) ? "in " : "") + range_text(p) + ", got " + format_number(x));
  return x;
}

json check_value(const json& v, const ParamSpec& p, const std::string& where) {
  if (v.is_null() && p.nullable) return v;
  switch (p.kind) {
    case ParamKind::Number: return check_number(v, p, where, false);
    case ParamKind::Integer: return static_cast<long long>(check_number(v, p, where, true));
    case ParamKind::Boolean:
      if (!v.is_boolean()) fail(where, "expected true or false, got " + json_type(v));
      return v;
    case ParamKind::Pair: {
      if (!v.is_array() || v.size() != 2) fail(where, "expected an array of 2 numbers, got " + v.dump());
      return json::array({check_number(v[0], p, where + "[0]", false), check_number(v[1], p, where + "[1]", false)});
    }
    case ParamKind::Choice: {
      std::string allowed;
      for (const auto c : p.choices) allowed.append(allowed.empty() ? "" : ", ").append(c);
      if (!v.is_string()) fail(where, "expected one of " + allowed + ", got " + json_type(v));
      for (const auto c : p.choices)
        if (v.get<std::string>() == c) return v;
      fail(where, "unknown value " + v.dump() + " (allowed: " + allowed + ")");
    }
    case ParamKind::IntList: {
      if (!v.is_array()) fail(where, "expected an array of integers, got " + json_type(v));
      json out = json::array();
      for (std::size_t i = 0; i < v.size(); ++i)
        out.push_back(static_cast<long long>(check_number(v[i], p, where + "[" + std::to_string(i) + "]", true)));
      return out;
    }
  }
  return v;
}

}  // namespace

std::string format_number(double v) {
  // Whole numbers print without ".0" so ranges read "[0, 1)" and counts "got 3"; non-finite values as
  // JavaScript spells them (JSON would print null).
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (std::abs(v) < 1e15 && std::floor(v) == v) return std::to_string(static_cast<long long>(v));
  return json(v).dump();
}

json resolve_params(const json& spec, const std::vector<ParamSpec>& params, const std::string& path,
                    const std::string& owner) {
  if (!spec.is_object()) fail(path, "expected an object, got " + json_type(spec));
  for (const auto& [key, value] : spec.items()) {
    if (key == "name") continue;
    bool known = false;
    for (const auto& p : params) known = known || p.name == key;
    if (!known) {
      std::string allowed;
      for (const auto& p : params) allowed.append(allowed.empty() ? "" : ", ").append(p.name);
      fail(path + "." + key, "unknown option for " + owner + " (allowed: " + (allowed.empty() ? "none" : allowed) + ")");
    }
  }
  json out = json::object();
  for (const auto& p : params) {
    const std::string name(p.name);
    const auto it = spec.find(name);
    out[name] = it == spec.end() ? p.default_value : check_value(*it, p, path + "." + name);
  }
  return out;
}

json params_catalog(const std::vector<ParamSpec>& params) {
  json out = json::array();
  for (const auto& p : params) {
    json e = {{"name", p.name}, {"type", kind_name(p.kind)}, {"default", p.default_value},
              {"min", std::isfinite(p.min) ? json(p.min) : json(nullptr)},
              {"max", std::isfinite(p.max) ? json(p.max) : json(nullptr)},
              {"description", p.description}};
    if (p.min_open) e["min_exclusive"] = true;
    if (p.max_open) e["max_exclusive"] = true;
    if (p.kind == ParamKind::Choice) e["choices"] = p.choices;
    if (p.nullable) e["nullable"] = true;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace descent
