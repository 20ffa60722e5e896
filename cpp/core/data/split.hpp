#pragma once
// Seeded train/test split, shared by CSV ingest and the generators.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace descent {

struct RowSplit {
  // Row indices in their original order: the split only chooses rows; shuffling batches is the
  // trainer's job, and full-batch sums stay in file order (the tutorial's five points).
  std::vector<std::size_t> train, test;
};

// Shuffles rows with descent::Rng(seed) and puts round(n * test_fraction) of them in the test part.
// With `classes` (one class id per row) the split is stratified: each class contributes
// round(count * test_fraction) rows (but never its last one), so class proportions match in both
// parts. The train part always keeps at least one row.
RowSplit split_rows(std::size_t n_rows, double test_fraction, std::uint64_t seed,
                    std::span<const int> classes = {});

}  // namespace descent
