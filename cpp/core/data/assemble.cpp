#include "data/assemble.hpp"

#include <cmath>

#include "data/short_number.hpp"

namespace descent {
namespace {

struct Moments {
  double mean = 0.0, stddev = 0.0;
};

// Population standard deviation (ddof 0), as scikit-learn's StandardScaler.
Moments moments(std::span<const double> values, std::size_t stride, std::size_t offset,
                const std::vector<std::size_t>& rows) {
  Moments m;
  if (rows.empty()) return m;
  for (std::size_t r : rows) m.mean += values[r * stride + offset];
  m.mean /= static_cast<double>(rows.size());
  double ss = 0.0;
  for (std::size_t r : rows) {
    const double d = values[r * stride + offset] - m.mean;
    ss += d * d;
  }
  m.stddev = std::sqrt(ss / static_cast<double>(rows.size()));
  return m;
}

}  // namespace

void assemble(Dataset& ds, std::span<const double> x, std::span<const double> y, const RowSplit& split,
              const std::vector<bool>& numeric, bool standardize) {
  const std::size_t d = ds.n_features;
  std::vector<double> mean(d, 0.0), scale(d, 1.0);
  for (std::size_t j = 0; j < d; ++j) {
    if (!numeric[j]) continue;
    const Moments m = moments(x, d, j, split.train);
    if (m.stddev == 0.0) {
      ds.notes.push_back("column '" + ds.feature_names[j] + "' has the same value (" +
                         short_number(x[split.train.front() * d + j]) +
                         ") in every training row: kept, but it carries no information" +
                         (standardize ? " (scale 1)" : ""));
    }
    if (standardize) {
      mean[j] = m.mean;
      scale[j] = m.stddev == 0.0 ? 1.0 : m.stddev;
    }
  }
  ds.feature_mean.assign(mean.begin(), mean.end());
  ds.feature_scale.assign(scale.begin(), scale.end());

  auto fill = [&](const std::vector<std::size_t>& rows, std::vector<float>& xs, std::vector<float>& ys) {
    xs.clear();
    ys.clear();
    xs.reserve(rows.size() * d);
    ys.reserve(rows.size());
    for (std::size_t r : rows) {
      for (std::size_t j = 0; j < d; ++j) xs.push_back(static_cast<float>((x[r * d + j] - mean[j]) / scale[j]));
      ys.push_back(static_cast<float>(y[r]));
    }
  };
  fill(split.train, ds.x_train, ds.y_train);
  fill(split.test, ds.x_test, ds.y_test);

  ds.target_mean = 0.f;
  ds.target_scale = 1.f;
  if (ds.task == Task::regression) {
    const Moments m = moments(y, 1, 0, split.train);
    ds.target_mean = static_cast<float>(m.mean);
    ds.target_scale = m.stddev == 0.0 ? 1.f : static_cast<float>(m.stddev);
  }
}

}  // namespace descent
