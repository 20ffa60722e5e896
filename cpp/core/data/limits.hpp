#pragma once
// Every size limit of data ingest in one place, so docs/data.md and the error messages agree.
#include <cstddef>

namespace descent::data_limits {

// Checked before parsing: the browser hands us the whole file, and a worker holds it twice.
inline constexpr std::size_t max_input_bytes = 50u * 1024u * 1024u;
inline constexpr std::size_t max_columns = 4096;
// Distinct values a text feature may have before one-hot encoding refuses it.
inline constexpr std::size_t max_categories = 50;
// Distinct target values a forced classification may have.
inline constexpr std::size_t max_classes = 100;
// An integer-valued numeric target with at most this many distinct values is taken as class labels.
inline constexpr std::size_t max_auto_classes = 20;
// Rows looked at to choose the delimiter.
inline constexpr std::size_t sniff_records = 20;
inline constexpr std::size_t max_generated_rows = 100000;

}  // namespace descent::data_limits
