#pragma once
// What each optimizer file contributes to the registry: its option table, catalog text and
// factories. The registry lists the entries explicitly (no static-initialisation tricks).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "optim/optimizer.hpp"
#include "optim/params.hpp"

namespace descent::optim {

struct OptimizerEntry {
  // Views of literals, like ParamSpec's texts.
  std::string_view name;
  std::string_view title;
  std::string_view summary;
  std::string_view update_latex;
  std::vector<ParamSpec> params;
  std::unique_ptr<Optimizer<float>> (*make_float)(const nlohmann::json& hyper);
  std::unique_ptr<Optimizer<double>> (*make_double)(const nlohmann::json& hyper);
  // Checks that involve several options (throws std::invalid_argument); may be null.
  void (*check)(const nlohmann::json& hyper, const std::string& path) = nullptr;
};

const OptimizerEntry& sgd_entry();
const OptimizerEntry& adagrad_entry();
const OptimizerEntry& rmsprop_entry();
const OptimizerEntry& adadelta_entry();
const OptimizerEntry& adam_entry();
const OptimizerEntry& adamw_entry();
const OptimizerEntry& adamax_entry();
const OptimizerEntry& nadam_entry();
const OptimizerEntry& radam_entry();
const OptimizerEntry& lion_entry();

// Option-table rows used by several optimizers, with PyTorch's ranges.
ParamSpec lr_param(double default_lr, std::string_view description);
ParamSpec betas_param(double beta1, double beta2);
ParamSpec eps_param(double default_eps, std::string_view description);
ParamSpec weight_decay_param(double default_wd, std::string_view description);
ParamSpec maximize_param();

}  // namespace descent::optim
