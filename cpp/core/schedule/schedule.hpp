#pragma once
// Learning-rate schedules with PyTorch's names and semantics (torch.optim.lr_scheduler).
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace descent {

class Schedule {
 public:
  virtual ~Schedule() = default;

  // The lr used by optimizer step t (t = 0 is the lr right after construction), computed without
  // running anything. reduce_on_plateau cannot answer (it needs the metric) and throws.
  virtual double lr_at(long t) const = 0;

  // The lr for the current step, then advance once (metric is used by reduce_on_plateau only).
  double current() const { return current_; }
  virtual void advance(double metric = std::numeric_limits<double>::quiet_NaN()) = 0;
  virtual void reset() = 0;

  // The lr the optimizer should be constructed with (onecycle/cyclic overwrite it as PyTorch does).
  virtual double initial_lr() const { return lr_at(0); }
  virtual bool needs_metric() const { return false; }
  virtual std::string name() const = 0;

  // lr_at(0..steps-1); chained schedules override it to walk their recursion once.
  virtual std::vector<double> preview(long steps) const;

 protected:
  double current_ = 0.0;
};

// Builds a schedule from {"name": ..., parameters...} (null or missing means constant) for an
// optimizer whose lr is base_lr. Errors throw std::invalid_argument naming the field.
std::unique_ptr<Schedule> make_schedule(const nlohmann::json& spec, double base_lr);

nlohmann::json schedule_catalog();

}  // namespace descent
