// OneCycleLR: warm up from max_lr/div_factor to max_lr, then anneal far below the start.
#include <cmath>
#include <numbers>
#include <vector>

#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

struct Phase {
  double end_step, from, to;
};

class OneCycleLR final : public ClosedFormSchedule {
 public:
  OneCycleLR(const nlohmann::json& p)
      : total_(pint(p, "total_steps")), cos_(p.at("anneal_strategy") == "cos") {
    const double max_lr = pnum(p, "max_lr"), pct = pnum(p, "pct_start"), n = static_cast<double>(total_);
    init_ = max_lr / pnum(p, "div_factor");
    const double min_lr = init_ / pnum(p, "final_div_factor");
    // Phase ends are floats, exactly as PyTorch computes them.
    if (p.at("three_phase").get<bool>())
      phases_ = {{pct * n - 1.0, init_, max_lr}, {2.0 * pct * n - 2.0, max_lr, init_}, {n - 1.0, init_, min_lr}};
    else
      phases_ = {{pct * n - 1.0, init_, max_lr}, {n - 1.0, max_lr, min_lr}};
    reset();
  }

  double lr_at(long t) const override {
    check_step(t);
    if (t > total_)
      throw std::invalid_argument("onecycle: stepped " + std::to_string(t) + " times, but total_steps is " +
                                  std::to_string(total_) + " (PyTorch raises here too)");
    const double step = static_cast<double>(t);
    double start = 0.0;
    for (std::size_t i = 0; i < phases_.size(); ++i) {
      const Phase& ph = phases_[i];
      if (step <= ph.end_step || i + 1 == phases_.size()) {
        const double pct = (step - start) / (ph.end_step - start);
        if (cos_) return ph.to + (ph.from - ph.to) / 2.0 * (std::cos(std::numbers::pi * pct) + 1.0);
        return (ph.to - ph.from) * pct + ph.from;
      }
      start = ph.end_step;
    }
    return init_;  // unreachable: the last phase always matches
  }
  double initial_lr() const override { return init_; }
  std::string name() const override { return "onecycle"; }

 private:
  long total_;
  bool cos_;
  double init_ = 0.0;
  std::vector<Phase> phases_;
};

}  // namespace

const ScheduleEntry& onecycle_entry() {
  static const ScheduleEntry e{
      .name = "onecycle",
      .title = "One-cycle (OneCycleLR)",
      .summary = "Smith's 1cycle policy: warm up from max_lr/div_factor to max_lr over pct_start of the run, then anneal to "
                 "max_lr/(div_factor·final_div_factor). Overwrites the optimizer's lr; cannot run past total_steps.",
      .formula_latex = R"(\begin{gathered}\gamma:\ \tfrac{\gamma_{\max}}{d} \nearrow \gamma_{\max} \searrow \tfrac{\gamma_{\max}}{d\,d_f}\\ \text{cos: } \gamma = \gamma_{to} + \tfrac12(\gamma_{from} - \gamma_{to})(1 + \cos \pi p)\end{gathered})",
      .params = {{.name = "max_lr", .default_value = 0.1,
                  .description = "Peak learning rate (required in PyTorch; 0.1 here).", .min = 0},
                 {.name = "total_steps", .kind = ParamKind::Integer, .default_value = 100,
                  .description = "Length N of the cycle in steps; the run must not be longer (100 here).", .min = 1},
                 {.name = "pct_start", .default_value = 0.3,
                  .description = "Fraction of the cycle spent increasing the lr.", .min = 0, .max = 1},
                 {.name = "anneal_strategy", .kind = ParamKind::Choice, .default_value = "cos",
                  .description = "Shape of each phase: cosine or linear interpolation.", .choices = {"cos", "linear"}},
                 {.name = "div_factor", .default_value = 25.0,
                  .description = "Initial lr = max_lr / div_factor.", .min = 0, .min_open = true},
                 {.name = "final_div_factor", .default_value = 1e4,
                  .description = "Final lr = initial lr / final_div_factor.", .min = 0, .min_open = true},
                 {.name = "three_phase", .kind = ParamKind::Boolean, .default_value = false,
                  .description = "Symmetric warm-up and cool-down back to the initial lr, then a final annihilation phase."},
                 {.name = "cycle_momentum", .kind = ParamKind::Boolean, .default_value = false,
                  .description = "Momentum cycling is not implemented; must be false (PyTorch's default is true)."}},
      .make = [](const nlohmann::json& p, double) -> std::unique_ptr<Schedule> { return std::make_unique<OneCycleLR>(p); },
      .check = [](const nlohmann::json& p, const std::string& path) {
        if (p.at("cycle_momentum").get<bool>())
          throw std::invalid_argument(path + ".cycle_momentum: only false is supported (momentum cycling is not implemented)");
      }};
  return e;
}

}  // namespace descent::sched
