// CosineAnnealingWarmRestarts (SGDR): cosine decays that restart at the base lr, each T_mult times longer.
#include <cmath>
#include <numbers>

#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class CosineWarmRestarts final : public ClosedFormSchedule {
 public:
  CosineWarmRestarts(double base, long t0, long t_mult, double eta_min)
      : base_(base), t0_(t0), t_mult_(t_mult), eta_min_(eta_min) {
    reset();
  }
  double lr_at(long t) const override {
    check_step(t);
    long t_cur = t, t_i = t0_;
    while (t_cur >= t_i) {
      t_cur -= t_i;
      t_i *= t_mult_;
    }
    return eta_min_ + (base_ - eta_min_) *
                          (1.0 + std::cos(std::numbers::pi * static_cast<double>(t_cur) / static_cast<double>(t_i))) / 2.0;
  }
  std::string name() const override { return "cosine_warm_restarts"; }

 private:
  double base_;
  long t0_, t_mult_;
  double eta_min_;
};

}  // namespace

const ScheduleEntry& cosine_warm_restarts_entry() {
  static const ScheduleEntry e{
      .name = "cosine_warm_restarts",
      .title = "Cosine with warm restarts (SGDR)",
      .summary = "Cosine annealing that jumps back to the base lr after T_0 steps, then after T_0·T_mult more, and so on.",
      .formula_latex = R"(\begin{gathered}\gamma_t = \eta_{\min} + \tfrac12(\gamma_0 - \eta_{\min})\big(1 + \cos\tfrac{\pi T_{cur}}{T_i}\big)\\ T_i = T_0 T_{mult}^{i}\end{gathered})",
      .params = {{.name = "T_0", .kind = ParamKind::Integer, .default_value = 10,
                  .description = "Length of the first cycle in steps (required in PyTorch; 10 here).", .min = 1},
                 {.name = "T_mult", .kind = ParamKind::Integer, .default_value = 1,
                  .description = "Each cycle is T_mult times longer than the previous one.", .min = 1},
                 {.name = "eta_min", .default_value = 0.0, .description = "Minimum learning rate.", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<CosineWarmRestarts>(base, pint(p, "T_0"), pint(p, "T_mult"), pnum(p, "eta_min"));
      }};
  return e;
}

}  // namespace descent::sched
