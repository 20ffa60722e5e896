// No scheduler: every step uses the optimizer's lr.
#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class Constant final : public ClosedFormSchedule {
 public:
  explicit Constant(double base) : base_(base) { reset(); }
  double lr_at(long t) const override {
    check_step(t);
    return base_;
  }
  // Nothing to recompute: lr_at is the same at every step, and this runs once per training step.
  void advance(double) override {}
  std::string name() const override { return "constant"; }

 private:
  double base_;
};

}  // namespace

const ScheduleEntry& constant_entry() {
  static const ScheduleEntry e{
      .name = "constant",
      .title = "Constant",
      .summary = "No schedule: every step uses the optimizer's lr.",
      .formula_latex = R"(\gamma_t = \gamma_0)",
      .params = {},
      .make = [](const nlohmann::json&, double base) -> std::unique_ptr<Schedule> { return std::make_unique<Constant>(base); }};
  return e;
}

}  // namespace descent::sched
