#pragma once
// What each schedule file contributes to the registry: option table, catalog text and factory.
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "optim/params.hpp"
#include "schedule/schedule.hpp"

namespace descent::sched {

struct ScheduleEntry {
  // Views of literals, like ParamSpec's texts.
  std::string_view name;
  std::string_view title;
  std::string_view summary;
  std::string_view formula_latex;
  std::vector<ParamSpec> params;
  // `params` are resolved (validated, defaults filled); base_lr is the optimizer's lr.
  std::unique_ptr<Schedule> (*make)(const nlohmann::json& params, double base_lr);
  // Checks that involve several options; may be null.
  void (*check)(const nlohmann::json& params, const std::string& path) = nullptr;
};

const ScheduleEntry& constant_entry();
const ScheduleEntry& step_entry();
const ScheduleEntry& multistep_entry();
const ScheduleEntry& exponential_entry();
const ScheduleEntry& cosine_entry();
const ScheduleEntry& cosine_warm_restarts_entry();
const ScheduleEntry& linear_entry();
const ScheduleEntry& polynomial_entry();
const ScheduleEntry& onecycle_entry();
const ScheduleEntry& cyclic_entry();
const ScheduleEntry& reduce_on_plateau_entry();
const ScheduleEntry& warmup_cosine_entry();

inline double pnum(const nlohmann::json& p, const char* key) { return p.at(key).get<double>(); }
inline long pint(const nlohmann::json& p, const char* key) { return p.at(key).get<long>(); }

inline void check_step(long t) {
  if (t < 0) throw std::invalid_argument("schedule: step " + std::to_string(t) + " is negative");
}

// PyTorch's "chainable" schedules: lr_t is computed from lr_{t-1}. lr_at replays the chain so
// that previews agree bit for bit with a stepped run.
class ChainedSchedule : public Schedule {
 public:
  double lr_at(long t) const override {
    check_step(t);
    double lr = lr0_;
    for (long k = 1; k <= t; ++k) lr = next(lr, k);
    return lr;
  }
  void advance(double) override { current_ = next(current_, ++t_); }
  void reset() override {
    t_ = 0;
    current_ = lr0_;
  }
  std::vector<double> preview(long steps) const override {
    std::vector<double> out;
    out.reserve(steps > 0 ? static_cast<std::size_t>(steps) : 0);
    for (long t = 0; t < steps; ++t) out.push_back(t == 0 ? lr0_ : next(out.back(), t));
    return out;
  }

 protected:
  explicit ChainedSchedule(double lr0) : lr0_(lr0) { current_ = lr0; }
  virtual double next(double prev, long t) const = 0;  // lr_t from lr_{t-1}, t >= 1

 private:
  double lr0_;
  long t_ = 0;
};

// Schedules PyTorch computes in closed form. Subclasses call reset() at the end of their constructor.
class ClosedFormSchedule : public Schedule {
 public:
  void advance(double) override { current_ = lr_at(++t_); }
  void reset() override {
    t_ = 0;
    current_ = lr_at(0);
  }

 private:
  long t_ = 0;
};

}  // namespace descent::sched
