// make_optimizer<T> and optimizer_catalog(): the one place that knows every optimizer.
#include <array>
#include <stdexcept>

#include "optim/entry.hpp"

namespace descent {
namespace {

using optim::OptimizerEntry;

const std::array<const OptimizerEntry*, 10>& entries() {
  static const std::array<const OptimizerEntry*, 10> all = {
      &optim::sgd_entry(),    &optim::adagrad_entry(), &optim::rmsprop_entry(), &optim::adadelta_entry(),
      &optim::adam_entry(),   &optim::adamw_entry(),   &optim::adamax_entry(),  &optim::nadam_entry(),
      &optim::radam_entry(),  &optim::lion_entry()};
  return all;
}

const OptimizerEntry& find_entry(const nlohmann::json& spec) {
  std::string names;
  for (const auto* e : entries()) names.append(names.empty() ? "" : ", ").append(e->name);
  if (!spec.is_object()) throw std::invalid_argument("optimizer: expected an object like {\"name\": \"adam\", ...}");
  const auto it = spec.find("name");
  if (it == spec.end()) throw std::invalid_argument("optimizer.name: missing (allowed: " + names + ")");
  if (!it->is_string()) throw std::invalid_argument("optimizer.name: expected a string (allowed: " + names + ")");
  for (const auto* e : entries())
    if (e->name == it->get<std::string>()) return *e;
  throw std::invalid_argument("optimizer.name: unknown optimizer " + it->dump() + " (allowed: " + names + ")");
}

nlohmann::json resolve(const OptimizerEntry& e, const nlohmann::json& spec) {
  auto hyper = resolve_params(spec, e.params, "optimizer", std::string(e.name));
  if (e.check) e.check(hyper, "optimizer");
  return hyper;
}

}  // namespace

template <>
std::unique_ptr<Optimizer<float>> make_optimizer<float>(const nlohmann::json& spec) {
  const auto& e = find_entry(spec);
  return e.make_float(resolve(e, spec));
}

template <>
std::unique_ptr<Optimizer<double>> make_optimizer<double>(const nlohmann::json& spec) {
  const auto& e = find_entry(spec);
  return e.make_double(resolve(e, spec));
}

nlohmann::json optimizer_catalog() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto* e : entries())
    out.push_back({{"name", e->name}, {"title", e->title}, {"summary", e->summary},
                   {"params", params_catalog(e->params)}, {"update", e->update_latex}});
  return out;
}

namespace optim {

ParamSpec lr_param(double default_lr, std::string_view description) {
  return {.name = "lr", .default_value = default_lr, .description = description, .min = 0.0};
}

ParamSpec betas_param(double beta1, double beta2) {
  return {.name = "betas", .kind = ParamKind::Pair, .default_value = {beta1, beta2},
          .description = "[β1, β2]: decay rates of the running averages; β1 for the gradient (momentum), "
                         "β2 for its square. Each in [0, 1); closer to 1 means longer memory.",
          .min = 0.0, .max = 1.0, .max_open = true};
}

ParamSpec eps_param(double default_eps, std::string_view description) {
  return {.name = "eps", .default_value = default_eps, .description = description, .min = 0.0};
}

ParamSpec weight_decay_param(double default_wd, std::string_view description) {
  return {.name = "weight_decay", .default_value = default_wd, .description = description, .min = 0.0};
}

ParamSpec maximize_param() {
  return {.name = "maximize", .kind = ParamKind::Boolean, .default_value = false,
          .description = "Maximize the objective instead of minimizing it (the gradient is negated first)."};
}

}  // namespace optim
}  // namespace descent
