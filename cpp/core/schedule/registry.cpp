// make_schedule() and schedule_catalog(): the one place that knows every schedule.
#include <array>

#include "schedule/entry.hpp"

namespace descent {
namespace {

using sched::ScheduleEntry;

const std::array<const ScheduleEntry*, 12>& entries() {
  static const std::array<const ScheduleEntry*, 12> all = {
      &sched::constant_entry(),   &sched::step_entry(),     &sched::multistep_entry(),
      &sched::exponential_entry(), &sched::cosine_entry(),  &sched::cosine_warm_restarts_entry(),
      &sched::linear_entry(),     &sched::polynomial_entry(), &sched::onecycle_entry(),
      &sched::cyclic_entry(),     &sched::reduce_on_plateau_entry(), &sched::warmup_cosine_entry()};
  return all;
}

}  // namespace

std::unique_ptr<Schedule> make_schedule(const nlohmann::json& spec, double base_lr) {
  if (spec.is_null()) return sched::constant_entry().make(nlohmann::json::object(), base_lr);
  std::string names;
  for (const auto* e : entries()) names.append(names.empty() ? "" : ", ").append(e->name);
  if (!spec.is_object()) throw std::invalid_argument("schedule: expected null or an object like {\"name\": \"cosine\", ...}");
  const auto it = spec.find("name");
  if (it == spec.end()) throw std::invalid_argument("schedule.name: missing (allowed: " + names + ")");
  if (!it->is_string()) throw std::invalid_argument("schedule.name: expected a string (allowed: " + names + ")");
  for (const auto* e : entries()) {
    if (e->name != it->get<std::string>()) continue;
    const auto params = resolve_params(spec, e->params, "schedule", std::string(e->name));
    if (e->check) e->check(params, "schedule");
    return e->make(params, base_lr);
  }
  throw std::invalid_argument("schedule.name: unknown schedule " + it->dump() + " (allowed: " + names + ")");
}

nlohmann::json schedule_catalog() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto* e : entries())
    out.push_back({{"name", e->name}, {"title", e->title}, {"summary", e->summary},
                   {"params", params_catalog(e->params)}, {"formula", e->formula_latex},
                   {"needs_metric", e->name == "reduce_on_plateau"}, {"overrides_lr", e->name == "onecycle" || e->name == "cyclic"}});
  return out;
}

}  // namespace descent
