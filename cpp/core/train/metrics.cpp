#include "train/metrics.hpp"

#include <limits>

namespace descent::train {

ScoreAccumulator::ScoreAccumulator(bool classification, std::size_t classes)
    : classification_(classification),
      classes_(classes),
      confusion_(classification ? classes * classes : 0, 0) {}

void ScoreAccumulator::add_class(int predicted, int actual) {
  ++n_;
  if (predicted == actual) ++correct_;
  if (predicted >= 0 && actual >= 0 && static_cast<std::size_t>(predicted) < classes_ &&
      static_cast<std::size_t>(actual) < classes_)
    ++confusion_[static_cast<std::size_t>(actual) * classes_ + static_cast<std::size_t>(predicted)];
}

void ScoreAccumulator::add_value(double predicted, double actual) {
  ++n_;
  ss_res_ += (actual - predicted) * (actual - predicted);
  sum_y_ += actual;
  sum_y2_ += actual * actual;
}

double ScoreAccumulator::score() const {
  if (n_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (classification_) return static_cast<double>(correct_) / static_cast<double>(n_);
  const double ss_tot = sum_y2_ - sum_y_ * sum_y_ / static_cast<double>(n_);
  return ss_tot > 0.0 ? 1.0 - ss_res_ / ss_tot : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace descent::train
