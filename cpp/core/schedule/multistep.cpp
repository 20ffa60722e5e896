// MultiStepLR: multiply the lr by gamma at each milestone (a repeated milestone counts repeatedly).
#include <algorithm>
#include <cmath>
#include <vector>

#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class MultiStepLR final : public ChainedSchedule {
 public:
  MultiStepLR(double base, std::vector<long> milestones, double gamma)
      : ChainedSchedule(base), milestones_(std::move(milestones)), gamma_(gamma) {}
  std::string name() const override { return "multistep"; }

 private:
  double next(double prev, long t) const override {
    const auto hits = std::count(milestones_.begin(), milestones_.end(), t);
    return hits == 0 ? prev : prev * std::pow(gamma_, static_cast<double>(hits));
  }
  std::vector<long> milestones_;
  double gamma_;
};

}  // namespace

const ScheduleEntry& multistep_entry() {
  static const ScheduleEntry e{
      .name = "multistep",
      .title = "Multi-step decay (MultiStepLR)",
      .summary = "Multiplies the lr by gamma at each listed milestone step.",
      .formula_latex = R"(\gamma_t = \gamma_0 \cdot \text{gamma}^{\#\{m \in \text{milestones} : m \le t\}})",
      .params = {{.name = "milestones", .kind = ParamKind::IntList, .default_value = {30, 80},
                  .description = "Steps at which the lr is multiplied by gamma (required in PyTorch; [30, 80] here). "
                                 "A milestone listed twice applies gamma twice.",
                  .min = 1},
                 {.name = "gamma", .default_value = 0.1, .description = "Multiplicative factor at each milestone.", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<MultiStepLR>(base, p.at("milestones").get<std::vector<long>>(), pnum(p, "gamma"));
      }};
  return e;
}

}  // namespace descent::sched
