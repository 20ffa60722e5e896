// ExponentialLR: multiply the lr by gamma every step.
#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class ExponentialLR final : public ChainedSchedule {
 public:
  ExponentialLR(double base, double gamma) : ChainedSchedule(base), gamma_(gamma) {}
  std::string name() const override { return "exponential"; }

 private:
  double next(double prev, long) const override { return prev * gamma_; }
  double gamma_;
};

}  // namespace

const ScheduleEntry& exponential_entry() {
  static const ScheduleEntry e{
      .name = "exponential",
      .title = "Exponential decay (ExponentialLR)",
      .summary = "Multiplies the lr by gamma after every step.",
      .formula_latex = R"(\gamma_t = \gamma_0 \cdot \text{gamma}^{t})",
      .params = {{.name = "gamma", .default_value = 0.95,
                  .description = "Per-step multiplicative factor (required in PyTorch; 0.95 here).", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<ExponentialLR>(base, pnum(p, "gamma"));
      }};
  return e;
}

}  // namespace descent::sched
