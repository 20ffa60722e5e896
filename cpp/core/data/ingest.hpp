#pragma once
// A parsed CSV table -> a Dataset: pick the target, detect the task, encode text, handle missing
// values, split, standardise. Every rejection names the row and/or column.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "data/csv.hpp"
#include "data/dataset.hpp"

namespace descent {

enum class ColumnRole { feature, target, ignore };
enum class MissingPolicy { drop, mean };

struct IngestOptions {
  // Target column by name, else by 0-based index (negative counts from the end), else the last column.
  std::optional<std::string> target_name;
  std::optional<long long> target_index;
  std::map<std::string, ColumnRole> roles;  // by column name; unlisted columns are features
  std::optional<Task> task;                 // nullopt: detect
  MissingPolicy missing = MissingPolicy::drop;
  bool standardize = true;
  double test_fraction = 0.2;
  std::uint64_t seed = 1;
  bool stratify = true;  // classification only
};

Dataset ingest(const CsvTable& table, const IngestOptions& options, std::string name);

}  // namespace descent
