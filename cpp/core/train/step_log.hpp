#pragma once
// Per-step metrics in fixed arrays (a ring once full), so logging a step never allocates and the
// page can read them as typed-array views.
#include <cstddef>
#include <vector>

namespace descent::train {

class StepLog {
 public:
  explicit StepLog(std::size_t capacity = 1 << 16)
      : loss_(capacity), lr_(capacity), grad_norm_(capacity), w_(capacity), b_(capacity) {}

  void push(float loss, float lr, float grad_norm, float w, float b) {
    loss_[head_] = loss;
    lr_[head_] = lr;
    grad_norm_[head_] = grad_norm;
    w_[head_] = w;
    b_[head_] = b;
    ++count_;
    if (++head_ == loss_.size()) head_ = 0;  // count_ % capacity without a division per step
  }
  std::size_t count() const { return count_; }  // steps logged so far, ever
  std::size_t capacity() const { return loss_.size(); }
  bool holds(std::size_t step) const { return step < count_ && count_ - step <= loss_.size(); }
  // Values of global step `step` (must satisfy holds(step)).
  float loss(std::size_t step) const { return loss_[step % loss_.size()]; }
  float lr(std::size_t step) const { return lr_[step % lr_.size()]; }
  float grad_norm(std::size_t step) const { return grad_norm_[step % grad_norm_.size()]; }
  // (θ0, θ1) before the step, for two-parameter models (the linear-regression landscape path).
  float w(std::size_t step) const { return w_[step % w_.size()]; }
  float b(std::size_t step) const { return b_[step % b_.size()]; }

 private:
  std::vector<float> loss_, lr_, grad_norm_, w_, b_;
  std::size_t count_ = 0, head_ = 0;
};

}  // namespace descent::train
