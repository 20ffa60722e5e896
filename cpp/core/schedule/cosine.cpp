// CosineAnnealingLR in PyTorch's recursive form; after T_max it rises again (period 2·T_max).
#include "schedule/cosine_step.hpp"
#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class CosineLR final : public ChainedSchedule {
 public:
  CosineLR(double base, long t_max, double eta_min) : ChainedSchedule(base), base_(base), t_max_(t_max), eta_min_(eta_min) {}
  std::string name() const override { return "cosine"; }

 private:
  double next(double prev, long t) const override { return cosine_next(prev, t, base_, eta_min_, t_max_); }
  double base_;
  long t_max_;
  double eta_min_;
};

}  // namespace

const ScheduleEntry& cosine_entry() {
  static const ScheduleEntry e{
      .name = "cosine",
      .title = "Cosine annealing (CosineAnnealingLR)",
      .summary = "Half a cosine from the base lr down to eta_min over T_max steps. As in PyTorch it does not stop there: "
                 "the lr climbs back up over the next T_max steps (period 2·T_max).",
      .formula_latex = R"(\gamma_t = \eta_{\min} + \tfrac12(\gamma_0 - \eta_{\min})\big(1 + \cos\tfrac{\pi t}{T_{\max}}\big))",
      .params = {{.name = "T_max", .kind = ParamKind::Integer, .default_value = 100,
                  .description = "Steps from the base lr to eta_min (half period; required in PyTorch, 100 here).", .min = 1},
                 {.name = "eta_min", .default_value = 0.0, .description = "Minimum learning rate.", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<CosineLR>(base, pint(p, "T_max"), pnum(p, "eta_min"));
      }};
  return e;
}

}  // namespace descent::sched
