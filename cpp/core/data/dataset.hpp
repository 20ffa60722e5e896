#pragma once
// A loaded, encoded, standardised and split data set: what the trainer consumes, whatever the source
// (built-in generator, bundled real set, or a user's CSV).
#include <cstddef>
#include <string>
#include <vector>

namespace descent {

enum class Task { regression, binary, multiclass };

struct Dataset {
  std::string name;
  Task task = Task::regression;
  std::vector<std::string> feature_names;  // after one-hot encoding
  std::string target_name;
  std::vector<std::string> class_names;    // classification only; class id = index
  std::size_t n_features = 0;

  // Row-major float32: x_*[row * n_features + col]; y_* one value per row (class id for
  // classification, the target value for regression).
  std::vector<float> x_train, y_train, x_test, y_test;
  std::size_t n_train() const { return y_train.size(); }
  std::size_t n_test() const { return y_test.size(); }

  // Standardisation applied to features (x' = (x - mean) / scale; scale 1 for constant columns),
  // kept so raw inputs (e.g. a plotting grid) can be mapped the same way.
  std::vector<float> feature_mean, feature_scale;
  // Regression targets are left in their units; these describe them for R² and plotting.
  float target_mean = 0.f, target_scale = 1.f;

  // Plain-language lines about what ingest did ("dropped 3 rows with missing values", ...).
  std::vector<std::string> notes;
};

}  // namespace descent
