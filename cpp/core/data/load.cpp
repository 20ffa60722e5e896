#include "data/load.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/bundled.hpp"
#include "data/csv.hpp"
#include "data/generators.hpp"
#include "data/ingest.hpp"
#include "data/limits.hpp"
#include "data/short_number.hpp"

namespace descent {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 3> kBundled{"iris", "digits", "diabetes"};
constexpr std::uint64_t kMaxSeed = (std::uint64_t{1} << 53) - 1;  // exact in a JavaScript number

[[noreturn]] void fail(const std::string& field, const std::string& message) {
  throw std::invalid_argument("data." + field + ": " + message);
}

std::string list(const std::vector<std::string_view>& items) {
  std::string s;
  for (auto item : items) s += (s.empty() ? "" : ", ") + std::string(item);
  return s;
}

// "a", "b" or "c"
std::string choices(const std::vector<std::string_view>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i)
    s += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + ("\"" + std::string(items[i]) + "\"");
  return s;
}

std::string source_names() {
  std::vector<std::string_view> names;
  for (const auto& g : generator_catalog()) names.push_back(g.name);
  names.push_back("csv");
  for (auto b : kBundled) names.push_back(b);
  return list(names);
}

void check_fields(const json& spec, const std::string& source, const std::vector<std::string_view>& allowed) {
  for (const auto& [key, value] : spec.items()) {
    if (key == "source") continue;
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known)
      fail(key, "not a field for source '" + source + "'" +
                    (allowed.empty() ? std::string(" (it takes no options)") : "; allowed: " + list(allowed)));
  }
}

std::string choose(const json& spec, const std::string& field, const std::vector<std::string_view>& allowed,
                   std::string_view fallback) {
  if (!spec.contains(field)) return std::string(fallback);
  const json& v = spec[field];
  if (v.is_string())
    for (auto a : allowed)
      if (v.get<std::string>() == a) return std::string(a);
  fail(field, "expected " + choices(allowed) + ", got " + v.dump());
}

bool flag(const json& spec, const std::string& field, bool fallback) {
  if (!spec.contains(field)) return fallback;
  if (!spec[field].is_boolean()) fail(field, "expected true or false, got " + spec[field].dump());
  return spec[field].get<bool>();
}

double number_in(const json& spec, const std::string& field, double lo, double hi, double fallback) {
  if (!spec.contains(field)) return fallback;
  const json& v = spec[field];
  if (!v.is_number() || !(v.get<double>() >= lo && v.get<double>() <= hi))
    fail(field, "expected a number from " + short_number(lo) + " to " + short_number(hi) + ", got " + v.dump());
  return v.get<double>();
}

std::uint64_t integer_in(const json& spec, const std::string& field, std::uint64_t lo, std::uint64_t hi,
                         std::uint64_t fallback) {
  if (!spec.contains(field)) return fallback;
  const json& v = spec[field];
  // Parsed text stores a non-negative integer as unsigned, but json built in C++ ({"n", 60}) holds a
  // signed one; both are accepted, negatives and 2.5 are not.
  const bool whole = v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
  if (!whole || v.get<std::uint64_t>() < lo || v.get<std::uint64_t>() > hi)
    fail(field, "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + v.dump());
  return v.get<std::uint64_t>();
}

Dataset load_generated(const json& spec, const GeneratorInfo& info) {
  const std::string source(info.name);
  if (info.fixed) {
    check_fields(spec, source, {"standardize"});
    GeneratorOptions o = info.defaults;
    o.standardize = flag(spec, "standardize", o.standardize);
    return generate(info, o);
  }
  check_fields(spec, source, {"n", "noise", "test_fraction", "seed", "standardize"});
  GeneratorOptions o = info.defaults;
  o.n = integer_in(spec, "n", 2, data_limits::max_generated_rows, o.n);
  o.noise = number_in(spec, "noise", 0.0, info.max_noise, o.noise);
  o.test_fraction = number_in(spec, "test_fraction", 0.0, 0.9, o.test_fraction);
  o.seed = integer_in(spec, "seed", 0, kMaxSeed, o.seed);
  o.standardize = flag(spec, "standardize", o.standardize);
  return generate(info, o);
}

IngestOptions ingest_options(const json& spec) {
  IngestOptions o;
  if (spec.contains("target")) {
    const json& t = spec["target"];
    if (t.is_string() && !t.get<std::string>().empty()) o.target_name = t.get<std::string>();
    else if (t.is_number_integer()) o.target_index = t.get<long long>();
    else fail("target", "expected a column name or a 0-based column index (-1 = last), got " + t.dump());
  }
  if (spec.contains("roles")) {
    const json& roles = spec["roles"];
    if (!roles.is_object()) fail("roles", "expected an object mapping column names to roles, got " + roles.dump());
    for (const auto& [name, role] : roles.items()) {
      const std::string r = role.is_string() ? role.get<std::string>() : "";
      if (r == "feature") o.roles[name] = ColumnRole::feature;
      else if (r == "target") o.roles[name] = ColumnRole::target;
      else if (r == "ignore") o.roles[name] = ColumnRole::ignore;
      else fail("roles." + name, "expected " + choices({"feature", "target", "ignore"}) + ", got " + role.dump());
    }
  }
  const std::string task = choose(spec, "task", {"auto", "regression", "binary", "multiclass"}, "auto");
  if (task == "regression") o.task = Task::regression;
  if (task == "binary") o.task = Task::binary;
  if (task == "multiclass") o.task = Task::multiclass;
  o.missing = choose(spec, "missing", {"drop", "mean"}, "drop") == "mean" ? MissingPolicy::mean : MissingPolicy::drop;
  o.standardize = flag(spec, "standardize", o.standardize);
  o.stratify = flag(spec, "stratify", o.stratify);
  o.test_fraction = number_in(spec, "test_fraction", 0.0, 0.9, o.test_fraction);
  o.seed = integer_in(spec, "seed", 0, kMaxSeed, o.seed);
  return o;
}

HeaderMode header_mode(const json& spec) {
  if (!spec.contains("header")) return HeaderMode::detect;
  const json& h = spec["header"];
  if (h.is_boolean()) return h.get<bool>() ? HeaderMode::present : HeaderMode::absent;
  if (h == "auto") return HeaderMode::detect;
  fail("header", "expected \"auto\", true or false, got " + h.dump());
}

Dataset load_csv(const json& spec, const std::string& source, std::string_view bytes) {
  check_fields(spec, source,
               {"target", "roles", "task", "missing", "standardize", "stratify", "test_fraction", "seed", "header"});
  const IngestOptions options = ingest_options(spec);
  const HeaderMode header = header_mode(spec);
  if (bytes.empty()) {
    if (source == "csv") fail("source", "'csv' needs the file's bytes, and none were given");
#ifndef __EMSCRIPTEN__
    bytes = bundled_csv(source);
#endif
    if (bytes.empty())
      fail("source", "'" + source + "' needs its CSV bytes (fetch datasets/" + source + ".csv)");
  }
  return ingest(parse_csv(bytes, header), options, source);
}

}  // namespace

Dataset load_data(const json& spec, std::string_view csv_bytes) {
  if (!spec.is_object()) throw std::invalid_argument("data: expected an object, got " + spec.dump());
  if (!spec.contains("source") || !spec["source"].is_string())
    fail("source", "required; one of " + source_names());
  const std::string source = spec["source"].get<std::string>();
  if (const GeneratorInfo* info = find_generator(source)) return load_generated(spec, *info);
  if (source == "csv") return load_csv(spec, source, csv_bytes);
  for (auto b : kBundled)
    if (source == b) return load_csv(spec, source, csv_bytes);
  fail("source", "unknown source '" + source + "'; one of " + source_names());
}

}  // namespace descent
