// StepLR: multiply the lr by gamma every step_size steps.
#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class StepLR final : public ChainedSchedule {
 public:
  StepLR(double base, long step_size, double gamma) : ChainedSchedule(base), step_size_(step_size), gamma_(gamma) {}
  std::string name() const override { return "step"; }

 private:
  double next(double prev, long t) const override { return t % step_size_ == 0 ? prev * gamma_ : prev; }
  long step_size_;
  double gamma_;
};

}  // namespace

const ScheduleEntry& step_entry() {
  static const ScheduleEntry e{
      .name = "step",
      .title = "Step decay (StepLR)",
      .summary = "Multiplies the lr by gamma every step_size steps.",
      .formula_latex = R"(\gamma_t = \gamma_0 \cdot \text{gamma}^{\lfloor t / \text{step\_size} \rfloor})",
      .params = {{.name = "step_size", .kind = ParamKind::Integer, .default_value = 30,
                  .description = "Period of the decay in steps (required in PyTorch; 30 here).", .min = 1},
                 {.name = "gamma", .default_value = 0.1, .description = "Multiplicative factor of each decay.", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<StepLR>(base, pint(p, "step_size"), pnum(p, "gamma"));
      }};
  return e;
}

}  // namespace descent::sched
