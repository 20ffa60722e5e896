#pragma once
// From an experiment spec to a ready Trainer: resolves the loss from the data's task, sizes the
// network (inputs after feature crosses, one output or one per class) and initialises it.
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "data/dataset.hpp"
#include "spec/spec.hpp"
#include "train/trainer.hpp"

namespace descent::train {

std::unique_ptr<Trainer> make_trainer(const spec::ExperimentSpec& spec, Dataset data);
// Parses and validates the spec, loads its data (csv_bytes for source "csv" or a bundled file).
std::unique_ptr<Trainer> make_trainer(const nlohmann::json& spec, std::string_view csv_bytes = {});

}  // namespace descent::train
