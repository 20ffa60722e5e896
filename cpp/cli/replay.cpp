// descent replay FILE.json: recompute a golden file and print it back with descent's own results
// in place of the computed fields (trajectory, losses, lrs); every other field is left untouched.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "functions/function.hpp"
#include "run2d.hpp"
#include "schedule/schedule.hpp"
#include "train/golden_case.hpp"

namespace descent::cli {
namespace {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

const ojson& field(const ojson& c, const char* key) {
  const auto it = c.find(key);
  if (it == c.end()) throw std::invalid_argument(std::string(key) + ": missing");
  return *it;
}

long steps_of(const ojson& c) {
  const auto& s = field(c, "steps");
  if (!s.is_number_integer() || s.get<long long>() < 0)
    throw std::invalid_argument("steps: expected a non-negative integer, got " + s.dump());
  return static_cast<long>(s.get<long long>());
}

double number_at(const ojson& v, const std::string& where) {
  if (!v.is_number()) throw std::invalid_argument(where + ": expected a number, got " + v.dump());
  return v.get<double>();
}

void replay_optimizer_case(ojson& c) {
  const auto& fn = field(c, "function");
  if (!fn.is_string()) throw std::invalid_argument("function: expected a string, got " + fn.dump());
  const auto& x0 = field(c, "x0");
  if (!x0.is_array() || x0.size() != 2) throw std::invalid_argument("x0: expected [x, y], got " + x0.dump());
  const long steps = steps_of(c);
  // The core takes plain json; ordered_json only matters for the output's key order.
  Run2D run(find_function(fn.get<std::string>()), {number_at(x0[0], "x0[0]"), number_at(x0[1], "x0[1]")},
            json::parse(field(c, "optimizer").dump()), json::parse(field(c, "schedule").dump()));
  run.step(steps);
  if (run.diverged_step() >= 0)
    std::fprintf(stderr, "descent replay: case %s diverged at step %ld\n", c.value("name", ojson("?")).dump().c_str(),
                 run.diverged_step());
  ojson trajectory = ojson::array();
  const auto& t = run.trajectory();
  for (std::size_t i = 0; i + 1 < t.size(); i += 2) trajectory.push_back({t[i], t[i + 1]});
  c["trajectory"] = std::move(trajectory);
  c["losses"] = run.losses();
}

void replay_schedule_case(ojson& c) {
  const double base_lr = number_at(field(c, "base_lr"), "base_lr");
  const long steps = steps_of(c);
  auto schedule = make_schedule(json::parse(field(c, "schedule").dump()), base_lr);
  const ojson* metrics = nullptr;
  if (schedule->needs_metric()) {
    metrics = &field(c, "metrics");
    if (!metrics->is_array() || static_cast<long>(metrics->size()) < steps)
      throw std::invalid_argument("metrics: expected an array of at least " + std::to_string(steps) + " numbers");
  }
  std::vector<double> lrs;
  lrs.reserve(static_cast<std::size_t>(steps));
  for (long k = 0; k < steps; ++k) {
    lrs.push_back(schedule->current());
    if (k + 1 == steps) break;  // the last step's schedule update affects nothing recorded
    const auto i = static_cast<std::size_t>(k);
    schedule->advance(metrics ? number_at((*metrics)[i], "metrics[" + std::to_string(k) + "]") : std::nan(""));
  }
  c["lrs"] = lrs;
}

enum class Kind { Optimizers, Schedules, Training };

Kind detect(const ojson& doc) {
  const auto& cases = doc["cases"];
  if (doc.contains("functions")) return Kind::Optimizers;
  for (const auto& c : cases) {
    if (!c.is_object()) continue;
    if (c.contains("data") || c.contains("model")) return Kind::Training;
    if (c.contains("function")) return Kind::Optimizers;
    if (c.contains("base_lr")) return Kind::Schedules;
  }
  throw std::invalid_argument("cannot tell the kind of golden file: no case has \"function\", \"base_lr\" or \"data\"/\"model\"");
}

}  // namespace

int replay(const Args& args) {
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    std::fprintf(stderr, "usage: descent replay FILE.json\n");
    return 2;
  }
  const std::string& path = args[0];
  ojson doc;
  try {
    doc = ojson::parse(read_file(path));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(path + ": malformed JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("cases") || !doc["cases"].is_array())
    throw std::runtime_error(path + ": expected an object with a \"cases\" array");
  const Kind kind = detect(doc);
  if (kind == Kind::Training) {
    // The network trainer recomputes losses and final_params (README §6); key order is kept.
    for (auto& c : doc["cases"]) {
      const auto result = train::replay_training_case(nlohmann::json::parse(c.dump()));
      c["losses"] = ojson::parse(result["losses"].dump());
      c["final_params"] = ojson::parse(result["final_params"].dump());
    }
    std::cout << doc.dump(1) << '\n';
    return 0;
  }
  auto& cases = doc["cases"];
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto& c = cases[i];
    const std::string label = c.is_object() && c.contains("name") && c["name"].is_string()
                                  ? "case '" + c["name"].get<std::string>() + "'"
                                  : "cases[" + std::to_string(i) + "]";
    try {
      if (!c.is_object()) throw std::invalid_argument("expected an object");
      if (kind == Kind::Optimizers)
        replay_optimizer_case(c);
      else
        replay_schedule_case(c);
    } catch (const std::exception& e) {
      throw std::runtime_error(label + ": " + e.what());
    }
  }
  std::cout << doc.dump(1) << '\n';
  return 0;
}

}  // namespace descent::cli
