#pragma once
// The single entry point from an experiment's "data" object to a Dataset, used by the trainer, the
// CLI and the browser worker. The object's fields are documented in docs/data.md and
// docs/schema/data.schema.json.
#include <nlohmann/json.hpp>
#include <string_view>

#include "data/dataset.hpp"

namespace descent {

// `csv_bytes` is the file for source "csv", or a bundled set's file fetched by the browser. Throws
// std::invalid_argument naming the field (`data.<field>`) or the row/column at fault.
Dataset load_data(const nlohmann::json& data_spec, std::string_view csv_bytes = {});

}  // namespace descent
