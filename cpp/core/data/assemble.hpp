#pragma once
// The last step every source shares: copy rows into the train/test parts of a Dataset and
// standardise features with statistics of the training rows only (test rows must not leak in).
#include <span>
#include <vector>

#include "data/dataset.hpp"
#include "data/split.hpp"

namespace descent {

// `x` holds every row (row-major, ds.n_features wide), `y` one target per row; ds.feature_names and
// ds.task must already be set. `numeric[j]` marks columns that standardisation applies to (one-hot
// columns keep mean 0, scale 1). A numeric column that is constant over the training rows gets
// scale 1 and a note.
void assemble(Dataset& ds, std::span<const double> x, std::span<const double> y, const RowSplit& split,
              const std::vector<bool>& numeric, bool standardize);

}  // namespace descent
