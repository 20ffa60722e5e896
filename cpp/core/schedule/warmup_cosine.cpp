// Linear warm-up then cosine annealing: PyTorch's SequentialLR([LinearLR, CosineAnnealingLR]).
#include <cmath>
#include <numbers>

#include "schedule/cosine_step.hpp"
#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class WarmupCosine final : public ChainedSchedule {
 public:
  WarmupCosine(double base, long warmup, double start_factor, long t_max, double eta_min)
      : ChainedSchedule(base * start_factor), base_(base), warmup_(warmup), start_(start_factor), t_max_(t_max),
        eta_min_(eta_min) {}
  std::string name() const override { return "warmup_cosine"; }

 private:
  double next(double prev, long t) const override {
    if (t < warmup_)
      return prev * (1.0 + (1.0 - start_) / (static_cast<double>(warmup_) * start_ + static_cast<double>(t - 1) * (1.0 - start_)));
    // At the milestone SequentialLR restarts the cosine with step(0): its closed form at epoch 0.
    if (t == warmup_) return eta_min_ + (base_ - eta_min_) * (1.0 + std::cos(0.0)) / 2.0;
    return cosine_next(prev, t - warmup_, base_, eta_min_, t_max_);
  }
  double base_;
  long warmup_;
  double start_;
  long t_max_;
  double eta_min_;
};

}  // namespace

const ScheduleEntry& warmup_cosine_entry() {
  static const ScheduleEntry e{
      .name = "warmup_cosine",
      .title = "Linear warm-up + cosine",
      .summary = "Linear warm-up from warmup_start_factor·lr to lr over warmup_steps, then cosine annealing to eta_min over "
                 "T_max further steps (SequentialLR of LinearLR and CosineAnnealingLR).",
      .formula_latex = R"(\gamma_t = \begin{cases}\gamma_0\big(a + (1-a)\tfrac{t}{W}\big) & t < W\\ \eta_{\min} + \tfrac12(\gamma_0 - \eta_{\min})\big(1 + \cos\tfrac{\pi (t - W)}{T_{\max}}\big) & t \ge W\end{cases})",
      .params = {{.name = "warmup_steps", .kind = ParamKind::Integer, .default_value = 10,
                  .description = "Length W of the linear warm-up.", .min = 1},
                 {.name = "warmup_start_factor", .default_value = 0.1,
                  .description = "Factor a of the first warm-up step.", .min = 0, .max = 1, .min_open = true},
                 {.name = "T_max", .kind = ParamKind::Integer, .default_value = 100,
                  .description = "Steps after the warm-up until eta_min (half period of the cosine).", .min = 1},
                 {.name = "eta_min", .default_value = 0.0, .description = "Minimum learning rate.", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<WarmupCosine>(base, pint(p, "warmup_steps"), pnum(p, "warmup_start_factor"), pint(p, "T_max"),
                                              pnum(p, "eta_min"));
      }};
  return e;
}

}  // namespace descent::sched
