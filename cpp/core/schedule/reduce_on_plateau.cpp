// ReduceLROnPlateau: cut the lr by `factor` when the metric stops improving for `patience` steps.
#include <algorithm>
#include <cmath>
#include <limits>

#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class ReduceOnPlateau final : public Schedule {
 public:
  ReduceOnPlateau(const nlohmann::json& p, double base)
      : base_(base),
        maximize_(p.at("mode") == "max"),
        relative_(p.at("threshold_mode") == "rel"),
        factor_(pnum(p, "factor")),
        threshold_(pnum(p, "threshold")),
        min_lr_(pnum(p, "min_lr")),
        eps_(pnum(p, "eps")),
        patience_(pint(p, "patience")),
        cooldown_(pint(p, "cooldown")) {
    reset();
  }

  double lr_at(long) const override {
    throw std::invalid_argument("reduce_on_plateau: the lr depends on the metrics, so it cannot be computed ahead (lr_at)");
  }
  double initial_lr() const override { return base_; }
  bool needs_metric() const override { return true; }
  std::string name() const override { return "reduce_on_plateau"; }

  void reset() override {
    current_ = base_;
    best_ = maximize_ ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    bad_ = 0;
    cool_ = 0;
  }

  void advance(double metric) override {
    if (std::isnan(metric)) throw std::invalid_argument("reduce_on_plateau: advance() needs the metric (got NaN)");
    if (better(metric)) {
      best_ = metric;
      bad_ = 0;
    } else {
      ++bad_;
    }
    if (cool_ > 0) {  // bad steps during the cooldown do not count
      --cool_;
      bad_ = 0;
    }
    if (bad_ > patience_) {
      const double reduced = std::max(current_ * factor_, min_lr_);
      if (current_ - reduced > eps_) current_ = reduced;  // skip negligible reductions, as PyTorch
      cool_ = cooldown_;
      bad_ = 0;
    }
  }

 private:
  bool better(double m) const {
    if (maximize_) return relative_ ? m > best_ * (threshold_ + 1.0) : m > best_ + threshold_;
    return relative_ ? m < best_ * (1.0 - threshold_) : m < best_ - threshold_;
  }

  double base_;
  bool maximize_, relative_;
  double factor_, threshold_, min_lr_, eps_;
  long patience_, cooldown_;
  double best_ = 0.0;
  long bad_ = 0, cool_ = 0;
};

}  // namespace

const ScheduleEntry& reduce_on_plateau_entry() {
  static const ScheduleEntry e{
      .name = "reduce_on_plateau",
      .title = "Reduce on plateau (ReduceLROnPlateau)",
      .summary = "Multiplies the lr by factor once the loss has not improved (by more than threshold) for more than "
                 "patience steps; then waits cooldown steps. Driven by the loss, so it has no preview.",
      .formula_latex = R"(\begin{gathered}\gamma \leftarrow \max(\gamma\cdot\text{factor},\ \gamma_{\min})\\ \text{after more than } \text{patience} \text{ steps}\\ \text{without improvement}\end{gathered})",
      .params = {{.name = "mode", .kind = ParamKind::Choice, .default_value = "min",
                  .description = "min: the metric should decrease (a loss); max: it should increase.", .choices = {"min", "max"}},
                 {.name = "factor", .default_value = 0.1, .description = "Multiplier of each reduction (< 1).", .min = 0,
                  .max = 1, .max_open = true},
                 {.name = "patience", .kind = ParamKind::Integer, .default_value = 10,
                  .description = "Steps without improvement tolerated before a reduction.", .min = 0},
                 {.name = "threshold", .default_value = 1e-4,
                  .description = "Minimum change that counts as an improvement.", .min = 0},
                 {.name = "threshold_mode", .kind = ParamKind::Choice, .default_value = "rel",
                  .description = "rel: improvement relative to the best value (best·(1 ∓ threshold)); abs: best ∓ threshold.",
                  .choices = {"rel", "abs"}},
                 {.name = "cooldown", .kind = ParamKind::Integer, .default_value = 0,
                  .description = "Steps after a reduction during which bad steps are ignored.", .min = 0},
                 {.name = "min_lr", .default_value = 0.0, .description = "Lower bound of the lr.", .min = 0},
                 {.name = "eps", .default_value = 1e-8,
                  .description = "Reductions smaller than eps are skipped.", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<ReduceOnPlateau>(p, base);
      }};
  return e;
}

}  // namespace descent::sched
