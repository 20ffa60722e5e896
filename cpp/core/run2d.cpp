#include "run2d.hpp"

#include <cmath>

namespace descent {

Run2D::Run2D(const TestFunction& function, std::array<double, 2> x0, const nlohmann::json& optimizer,
             const nlohmann::json& schedule)
    : function_(function), optimizer_(make_optimizer<double>(optimizer)), theta_(x0) {
  schedule_ = make_schedule(schedule, optimizer_->base_lr());
  optimizer_->init(2);
  const double f0 = function_.value(x0[0], x0[1]);
  trajectory_ = {x0[0], x0[1]};
  losses_ = {f0};
  if (!std::isfinite(x0[0]) || !std::isfinite(x0[1]) || !std::isfinite(f0)) diverged_step_ = 0;
}

long Run2D::step(long n) {
  if (diverged_step_ >= 0 || n <= 0) return 0;
  trajectory_.reserve(trajectory_.size() + 2 * static_cast<std::size_t>(n));
  losses_.reserve(losses_.size() + static_cast<std::size_t>(n));
  lrs_.reserve(lrs_.size() + static_cast<std::size_t>(n));
  for (long i = 0; i < n; ++i) {
    const long k = steps_done();
    const double lr = schedule_->current();
    grad_ = function_.gradient(theta_[0], theta_[1]);
    optimizer_->step(theta_, grad_, lr);
    lrs_.push_back(lr);
    const double f = function_.value(theta_[0], theta_[1]);
    if (!std::isfinite(theta_[0]) || !std::isfinite(theta_[1]) || !std::isfinite(f)) {
      diverged_step_ = k;
      return i + 1;
    }
    trajectory_.push_back(theta_[0]);
    trajectory_.push_back(theta_[1]);
    losses_.push_back(f);
    // reduce_on_plateau watches the loss the update was computed from, as `scheduler.step(loss)`.
    schedule_->advance(losses_[static_cast<std::size_t>(k)]);
  }
  return n;
}

}  // namespace descent
