// LinearLR: scale the lr linearly from start_factor to end_factor over total_iters steps.
#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class LinearLR final : public ChainedSchedule {
 public:
  LinearLR(double base, double start, double end, long total)
      : ChainedSchedule(base * start), start_(start), end_(end), total_(total) {}
  std::string name() const override { return "linear"; }

 private:
  double next(double prev, long t) const override {
    if (t > total_) return prev;
    return prev * (1.0 + (end_ - start_) / (static_cast<double>(total_) * start_ + static_cast<double>(t - 1) * (end_ - start_)));
  }
  double start_, end_;
  long total_;
};

}  // namespace

const ScheduleEntry& linear_entry() {
  static const ScheduleEntry e{
      .name = "linear",
      .title = "Linear warm-up / decay (LinearLR)",
      .summary = "Scales the base lr by a factor that moves linearly from start_factor to end_factor over total_iters steps, then stays.",
      .formula_latex = R"(\gamma_t = \gamma_0\Big(s + (e - s)\,\frac{\min(t, T)}{T}\Big))",
      .params = {{.name = "start_factor", .default_value = 1.0 / 3.0,
                  .description = "Factor s of the first step.", .min = 0, .max = 1, .min_open = true},
                 {.name = "end_factor", .default_value = 1.0, .description = "Factor e reached at total_iters.", .min = 0, .max = 1},
                 {.name = "total_iters", .kind = ParamKind::Integer, .default_value = 5,
                  .description = "Steps T over which the factor changes.", .min = 1}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<LinearLR>(base, pnum(p, "start_factor"), pnum(p, "end_factor"), pint(p, "total_iters"));
      }};
  return e;
}

}  // namespace descent::sched
