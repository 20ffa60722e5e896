#include "search/search_space.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "optim/optimizer.hpp"
#include "random.hpp"
#include "spec/spec.hpp"
#include "spec/suggest.hpp"

namespace descent::search {

namespace {

using json = nlohmann::json;

constexpr std::uint64_t kMaxSeed = (std::uint64_t{1} << 53) - 1;

const std::vector<std::string> kNames = {"lr",           "optimizer", "momentum", "beta1", "beta2", "weight_decay",
                                         "batch_size",   "schedule",  "hidden_units", "steps", "epochs"};
const char* const kNameList =
    "lr, optimizer, momentum, beta1, beta2, weight_decay, batch_size, schedule, hidden_units, steps, epochs, "
    "or a dotted path into the spec such as optimizer.eps";

[[noreturn]] void fail(const std::string& field, const std::string& message) {
  throw std::invalid_argument(field + ": " + message);
}

bool is_count(const json& v, std::uint64_t lo, std::uint64_t hi) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() >= lo && v.get<std::uint64_t>() <= hi;
  return v.is_number_integer() && v.get<std::int64_t>() >= 0 && static_cast<std::uint64_t>(v.get<std::int64_t>()) >= lo &&
         static_cast<std::uint64_t>(v.get<std::int64_t>()) <= hi;
}

bool is_dotted(const std::string& name) { return name.find('.') != std::string::npos; }

Dimension parse_dimension(const std::string& name, const json& v, bool random) {
  const std::string field = "search.params." + name;
  bool known = is_dotted(name);
  for (const auto& n : kNames) known = known || n == name;
  if (!known) {
    const auto guess = spec::closest(name, kNames);
    fail(field, "unknown dimension" + (guess.empty() ? std::string() : "; did you mean \"" + guess + "\"?") +
                    " (allowed: " + kNameList + ")");
  }
  if (name.rfind("search.", 0) == 0 || name == "search") fail(field, "a search cannot vary itself");
  Dimension d;
  d.name = name;
  if (v.is_array()) {
    if (v.empty() || v.size() > kMaxRuns)
      fail(field, "expected a list of 1 to " + std::to_string(kMaxRuns) + " values, got " + std::to_string(v.size()));
    for (const auto& item : v) {
      if (name == "optimizer" && !item.is_string()) fail(field, "expected optimizer names, got " + item.dump());
      d.values.push_back(item);
    }
    return d;
  }
  if (!v.is_object())
    fail(field, "expected a list of values or a range {\"min\", \"max\", \"count\", \"scale\"}, got " + v.dump());
  if (name == "optimizer" || name == "schedule") fail(field, "expected a list of names, not a range");
  for (const auto& [key, _] : v.items())
    if (key != "min" && key != "max" && key != "count" && key != "scale")
      fail(field + "." + key, "unknown key (allowed: min, max, count, scale)");
  for (const char* key : {"min", "max"}) {
    if (!v.contains(key) || !v[key].is_number() || !std::isfinite(v[key].get<double>()))
      fail(field + "." + key, "expected a finite number, got " + (v.contains(key) ? v[key].dump() : "nothing"));
  }
  d.min = v["min"].get<double>();
  d.max = v["max"].get<double>();
  if (d.min > d.max) fail(field, "min " + v["min"].dump() + " is greater than max " + v["max"].dump());
  const std::string scale = v.contains("scale") && v["scale"].is_string() ? v["scale"].get<std::string>() : "linear";
  if (v.contains("scale") && (!v["scale"].is_string() || (scale != "log" && scale != "linear")))
    fail(field + ".scale", "expected \"log\" or \"linear\", got " + v["scale"].dump());
  d.log = scale == "log";
  if (d.log && d.min <= 0) fail(field + ".min", "a log range needs min > 0, got " + v["min"].dump());
  if (v.contains("count")) {
    if (!is_count(v["count"], 1, kMaxRuns))
      fail(field + ".count", "expected an integer from 1 to " + std::to_string(kMaxRuns) + ", got " + v["count"].dump());
    d.count = v["count"].get<std::size_t>();
  } else if (!random) {
    fail(field + ".count", "missing (a grid needs the number of points, 1 to " + std::to_string(kMaxRuns) + ")");
  }
  return d;
}

// Strict number parsing: the whole token or nothing.
bool parse_integer(const std::string& s, long long& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoll(s.c_str(), &end, 10);
  return errno == 0 && end == s.c_str() + s.size();
}

bool parse_double(const std::string& s, double& out) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

bool integral(const json& v) { return v.is_number_integer() || v.is_number_unsigned(); }

// The value at a dotted path of a normalised spec, or nullptr.
const json* lookup(const json& spec, const std::string& dotted) {
  const json* cur = &spec;
  for (const auto& seg : split(dotted, '.')) {
    if (cur->is_object() && cur->contains(seg)) {
      cur = &(*cur)[seg];
    } else {
      long long i = 0;
      if (!cur->is_array() || !parse_integer(seg, i) || i < 0 || static_cast<std::size_t>(i) >= cur->size()) return nullptr;
      cur = &(*cur)[static_cast<std::size_t>(i)];
    }
  }
  return cur;
}

bool integer_dimension(const std::string& name, const json& spec) {
  if (name == "batch_size" || name == "hidden_units" || name == "steps" || name == "epochs") return true;
  if (!is_dotted(name)) return false;
  const json* v = lookup(spec, name);
  return v && integral(*v);
}

json range_value(double x, bool integer) {
  if (integer) return json(static_cast<std::int64_t>(std::llround(x)));
  return json(x);
}

// Grid points of a range, ends exact; integer dimensions lose points that round to the same value.
std::vector<json> grid_values(const Dimension& d, bool integer) {
  if (!d.ranged()) return d.values;
  std::vector<json> out;
  for (std::size_t i = 0; i < d.count; ++i) {
    const double t = d.count == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(d.count - 1);
    double x = d.log ? std::pow(10.0, std::log10(d.min) + (std::log10(d.max) - std::log10(d.min)) * t)
                     : d.min + (d.max - d.min) * t;
    if (i == 0) x = d.min;
    if (i + 1 == d.count && d.count > 1) x = d.max;
    const auto v = range_value(x, integer);
    if (out.empty() || out.back() != v) out.push_back(v);
  }
  return out;
}

json sample(const Dimension& d, bool integer, Rng& rng) {
  if (!d.ranged()) return d.values[rng.below(static_cast<std::uint32_t>(d.values.size()))];
  const double x = d.log ? std::pow(10.0, rng.uniform(std::log10(d.min), std::log10(d.max))) : rng.uniform(d.min, d.max);
  return range_value(x, integer);
}

json switch_optimizer(const json& old, const json& name) {
  if (!name.is_string()) throw std::invalid_argument("expected an optimizer name, got " + name.dump());
  const auto fresh = make_optimizer<float>(json{{"name", name}})->hyperparameters();
  const auto old_defaults = make_optimizer<float>(json{{"name", old["name"]}})->hyperparameters();
  // Options the old optimizer shares with the new one carry over only where the spec changed them.
  json out = {{"name", name}, {"lr", old["lr"]}};
  for (const auto& [key, value] : fresh.items()) {
    if (key == "lr" || key == "name" || !old.contains(key)) continue;
    if (!old_defaults.contains(key) || old[key] != old_defaults[key]) out[key] = old[key];
  }
  return out;
}

void set_path(json& spec, const std::string& dotted, const json& value) {
  json* cur = &spec;
  const auto segs = split(dotted, '.');
  for (std::size_t s = 0; s < segs.size(); ++s) {
    const auto& seg = segs[s];
    if (seg.empty()) throw std::invalid_argument("empty segment in the path '" + dotted + "'");
    long long i = 0;
    json* next = nullptr;
    if (cur->is_array()) {
      if (!parse_integer(seg, i) || i < 0 || static_cast<std::size_t>(i) >= cur->size())
        throw std::invalid_argument("'" + seg + "' is not an index of the array at '" + dotted + "' (size " +
                                    std::to_string(cur->size()) + ")");
      next = &(*cur)[static_cast<std::size_t>(i)];
    } else {
      if (cur->is_null()) *cur = json::object();
      if (!cur->is_object()) throw std::invalid_argument("the path '" + dotted + "' goes through a non-object value");
      next = &(*cur)[seg];
    }
    if (s + 1 == segs.size()) *next = value;
    cur = next;
  }
}

void apply_one(json& spec, const std::string& name, const json& v) {
  json& opt = spec["optimizer"];
  if (name == "lr") {
    opt["lr"] = v;
  } else if (name == "optimizer") {
    opt = switch_optimizer(opt, v);
  } else if (name == "momentum" || name == "weight_decay") {
    opt[name] = v;
  } else if (name == "beta1" || name == "beta2") {
    if (!opt.contains("betas") || !opt["betas"].is_array() || opt["betas"].size() != 2)
      throw std::invalid_argument("optimizer " + opt["name"].dump() + " has no betas");
    opt["betas"][name == "beta1" ? 0 : 1] = v;
  } else if (name == "batch_size") {
    spec["batch_size"] = v;
  } else if (name == "schedule") {
    spec["schedule"] = v.is_string() && v.get<std::string>() == "none" ? json()
                       : v.is_string()                                ? json{{"name", v}}
                                                                      : v;
  } else if (name == "hidden_units") {
    auto& hidden = spec["model"]["hidden"];
    if (!hidden.is_array() || hidden.empty()) throw std::invalid_argument("the model has no hidden layer");
    for (auto& layer : hidden) layer["units"] = v;
  } else if (name == "steps" || name == "epochs") {
    spec.erase("steps");
    spec.erase("epochs");
    spec[name] = v;
  } else {
    set_path(spec, name, v);
  }
}

json normalise(const json& doc) { return spec::to_json(spec::parse_spec(doc)); }

}  // namespace

SearchSpace parse_search(const json& doc, const std::vector<std::string>& order) {
  if (!doc.is_object()) fail("search", "expected an object {\"method\", \"runs\", \"seed\", \"params\"}, got " + doc.dump());
  for (const auto& [key, _] : doc.items())
    if (key != "method" && key != "runs" && key != "seed" && key != "params")
      fail("search." + key, "unknown key (allowed: method, runs, seed, params)");
  SearchSpace s;
  if (doc.contains("method")) {
    const auto& m = doc["method"];
    if (!m.is_string() || (m != "grid" && m != "random"))
      fail("search.method", "expected \"grid\" or \"random\", got " + m.dump());
    s.random = m == "random";
  }
  if (s.random) {
    if (!doc.contains("runs") || !is_count(doc["runs"], 1, kMaxRuns))
      fail("search.runs", "expected an integer from 1 to " + std::to_string(kMaxRuns) + " (random search), got " +
                              (doc.contains("runs") ? doc["runs"].dump() : "nothing"));
    s.runs = doc["runs"].get<std::size_t>();
  }
  if (doc.contains("seed")) {
    if (!is_count(doc["seed"], 0, kMaxSeed))
      fail("search.seed", "expected an integer from 0 to " + std::to_string(kMaxSeed) + ", got " + doc["seed"].dump());
    s.seed = doc["seed"].get<std::uint64_t>();
  }
  if (!doc.contains("params") || !doc["params"].is_object() || doc["params"].empty())
    fail("search.params", "expected an object with at least one dimension, e.g. {\"lr\": {\"min\": 1e-4, \"max\": 0.1, "
                          "\"count\": 4, \"scale\": \"log\"}}");
  const json& params = doc["params"];
  for (const auto& name : order)
    if (params.contains(name)) s.params.push_back(parse_dimension(name, params[name], s.random));
  for (const auto& [name, v] : params.items())
    if (std::find(order.begin(), order.end(), name) == order.end()) s.params.push_back(parse_dimension(name, v, s.random));
  return s;
}

Dimension parse_grid_arg(const std::string& text) {
  const auto eq = text.find('=');
  const std::string usage = "--grid '" + text + "': ";
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw std::invalid_argument(usage + "expected NAME=MIN:MAX:SCALE:COUNT (e.g. lr=1e-4:1e-1:log:7) or NAME=V1,V2,... "
                                        "(e.g. batch_size=8,32,128)");
  const std::string name = text.substr(0, eq), rhs = text.substr(eq + 1);
  json value;
  if (rhs.find(':') != std::string::npos) {
    const auto parts = split(rhs, ':');
    double lo = 0, hi = 0;
    long long count = 0;
    if (parts.size() != 4)
      throw std::invalid_argument(usage + "a range is MIN:MAX:SCALE:COUNT (4 fields), got " + std::to_string(parts.size()));
    if (!parse_double(parts[0], lo)) throw std::invalid_argument(usage + "MIN '" + parts[0] + "' is not a number");
    if (!parse_double(parts[1], hi)) throw std::invalid_argument(usage + "MAX '" + parts[1] + "' is not a number");
    if (parts[2] != "log" && parts[2] != "linear")
      throw std::invalid_argument(usage + "SCALE must be log or linear, got '" + parts[2] + "'");
    if (!parse_integer(parts[3], count) || count < 1 || count > static_cast<long long>(kMaxRuns))
      throw std::invalid_argument(usage + "COUNT must be an integer from 1 to " + std::to_string(kMaxRuns) + ", got '" +
                                  parts[3] + "'");
    value = {{"min", lo}, {"max", hi}, {"scale", parts[2]}, {"count", count}};
  } else {
    value = json::array();
    for (const auto& token : split(rhs, ',')) {
      long long i = 0;
      double x = 0;
      if (token.empty()) throw std::invalid_argument(usage + "empty value in the list");
      if (parse_integer(token, i)) value.push_back(i);
      else if (parse_double(token, x)) value.push_back(x);
      else if (token == "null") value.push_back(nullptr);
      else if (token == "true" || token == "false") value.push_back(token == "true");
      else value.push_back(token);
    }
  }
  try {
    return parse_dimension(name, value, false);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(usage + e.what());
  }
}

json apply_config(const json& spec, const Config& config) {
  json doc = spec;
  if (doc.is_object()) doc.erase("search");
  json current = normalise(doc);
  // The optimizer first: lr, momentum and betas then land on the chosen one.
  Config order;
  for (const auto& field : config)
    if (field.first == "optimizer") order.push_back(field);
  for (const auto& field : config)
    if (field.first != "optimizer") order.push_back(field);
  for (const auto& [name, value] : order) {
    try {
      json next = current;
      apply_one(next, name, value);
      current = normalise(next);
    } catch (const std::invalid_argument& e) {
      fail("search.params." + name, value.dump() + " does not fit this spec: " + e.what());
    }
  }
  return current;
}

std::vector<PlanLine> expand(const json& spec, const SearchSpace& space) {
  json base = spec;
  if (base.is_object()) base.erase("search");
  const json normalised = normalise(base);
  std::vector<bool> integer;
  for (const auto& d : space.params) integer.push_back(integer_dimension(d.name, normalised));

  std::vector<Config> configs;
  if (space.random) {
    Rng rng(space.seed);
    for (std::size_t r = 0; r < space.runs; ++r) {
      Config c;
      for (std::size_t i = 0; i < space.params.size(); ++i) c.emplace_back(space.params[i].name, sample(space.params[i], integer[i], rng));
      configs.push_back(std::move(c));
    }
  } else {
    std::vector<std::vector<json>> values;
    std::size_t total = 1;
    for (std::size_t i = 0; i < space.params.size(); ++i) {
      values.push_back(grid_values(space.params[i], integer[i]));
      total = values.back().size() > kMaxRuns || total * values.back().size() > kMaxRuns ? kMaxRuns + 1
                                                                                          : total * values.back().size();
    }
    if (total > kMaxRuns)
      fail("search.params", "the grid has more than " + std::to_string(kMaxRuns) + " configurations; use fewer values "
                            "or a random search");
    // Cartesian product, the last dimension varying fastest (like nested loops in the written order).
    std::vector<std::size_t> at(values.size(), 0);
    for (std::size_t r = 0; r < total; ++r) {
      Config c;
      for (std::size_t i = 0; i < values.size(); ++i) c.emplace_back(space.params[i].name, values[i][at[i]]);
      configs.push_back(std::move(c));
      for (std::size_t i = values.size(); i-- > 0;) {
        if (++at[i] < values[i].size()) break;
        at[i] = 0;
      }
    }
  }
  std::vector<PlanLine> lines;
  for (std::size_t r = 0; r < configs.size(); ++r) lines.push_back({r, configs[r], apply_config(base, configs[r])});
  return lines;
}

std::string dump(const PlanLine& line) {
  return "{\"index\":" + std::to_string(line.index) + ",\"config\":" + dump(line.config) + ",\"spec\":" + line.spec.dump() + "}";
}

}  // namespace descent::search
