#pragma once
// One optimizer run on a 2-D test function, in double, stepped a few updates at a time so the
// page can animate it. Shared by `descent replay` and the Web Worker bindings.
#include <array>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "functions/function.hpp"
#include "optim/optimizer.hpp"
#include "schedule/schedule.hpp"

namespace descent {

class Run2D {
 public:
  // optimizer: {"name", options...}; schedule: null or {"name", options...} built on optimizer.lr.
  Run2D(const TestFunction& function, std::array<double, 2> x0, const nlohmann::json& optimizer,
        const nlohmann::json& schedule);

  // Performs up to n updates (golden README §1 order: lr, gradient, update, schedule step) and
  // returns how many were done; a run stops for good at the first non-finite point or loss.
  long step(long n);

  long steps_done() const { return static_cast<long>(lrs_.size()); }
  // Index of the update that produced a non-finite value (that point is not recorded), or -1.
  long diverged_step() const { return diverged_step_; }
  double lr() const { return schedule_->current(); }

  const std::vector<double>& trajectory() const { return trajectory_; }  // x0, y0, x1, y1, ...
  const std::vector<double>& losses() const { return losses_; }          // f at every point
  const std::vector<double>& lrs() const { return lrs_; }                // lr of every update
  const std::array<double, 2>& last_gradient() const { return grad_; }   // gradient of the last update
  std::vector<StateView<double>> state() const { return optimizer_->state(); }
  const Optimizer<double>& optimizer() const { return *optimizer_; }

 private:
  const TestFunction& function_;
  std::unique_ptr<Optimizer<double>> optimizer_;
  std::unique_ptr<Schedule> schedule_;
  std::array<double, 2> theta_;
  std::array<double, 2> grad_{0.0, 0.0};
  std::vector<double> trajectory_, losses_, lrs_;
  long diverged_step_ = -1;
};

}  // namespace descent
