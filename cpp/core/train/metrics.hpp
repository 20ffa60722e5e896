#pragma once
// Summary metrics computed during evaluation passes (not per step).
#include <cstddef>
#include <vector>

namespace descent::train {

// One evaluation point: every `metrics_every` steps, or at each epoch end.
struct EvalRecord {
  long step = 0;   // optimizer steps done
  long epoch = 0;  // completed epochs
  double train_loss = 0.0;  // data loss + regularization penalty over the whole training set
  double test_loss = 0.0;   // data loss over the test set (NaN without a test set)
  double train_score = 0.0;  // accuracy (classification) or R² (regression)
  double test_score = 0.0;   // NaN without a test set
  double lr = 0.0;           // lr of the last step
  std::vector<double> layer_grad_norm, layer_weight_norm, layer_update_ratio;  // last step, per layer
};

// Running sums for accuracy / R² / confusion over chunks of a data set.
class ScoreAccumulator {
 public:
  ScoreAccumulator(bool classification, std::size_t classes);
  void add_class(int predicted, int actual);
  void add_value(double predicted, double actual);
  double score() const;  // accuracy, or R² against the scored set's own mean (as sklearn's r2_score)
  const std::vector<long>& confusion() const { return confusion_; }  // row = actual, col = predicted

 private:
  bool classification_;
  std::size_t classes_;
  long n_ = 0, correct_ = 0;
  double ss_res_ = 0.0, sum_y_ = 0.0, sum_y2_ = 0.0;
  std::vector<long> confusion_;
};

}  // namespace descent::train
