// CyclicLR: triangle waves between base_lr and max_lr (triangular, triangular2, exp_range).
#include <cmath>

#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

enum class CyclicMode { Triangular, Triangular2, ExpRange };

class CyclicLR final : public ClosedFormSchedule {
 public:
  CyclicLR(const nlohmann::json& p, double optimizer_lr)
      : base_(p.at("base_lr").is_null() ? optimizer_lr : pnum(p, "base_lr")),
        max_(pnum(p, "max_lr")),
        gamma_(pnum(p, "gamma")) {
    const double up = pnum(p, "step_size_up");
    const double down = p.at("step_size_down").is_null() ? up : pnum(p, "step_size_down");
    total_ = up + down;
    ratio_ = up / total_;
    const auto mode = p.at("mode").get<std::string>();
    mode_ = mode == "triangular" ? CyclicMode::Triangular : mode == "triangular2" ? CyclicMode::Triangular2 : CyclicMode::ExpRange;
    reset();
  }

  double lr_at(long t) const override {
    check_step(t);
    const double step = static_cast<double>(t);
    const double cycle = std::floor(1.0 + step / total_);
    const double x = 1.0 + step / total_ - cycle;
    const double scale = x <= ratio_ ? x / ratio_ : (x - 1.0) / (ratio_ - 1.0);
    double f = 1.0;
    if (mode_ == CyclicMode::Triangular2) f = 1.0 / std::pow(2.0, cycle - 1.0);
    if (mode_ == CyclicMode::ExpRange) f = std::pow(gamma_, step);
    return base_ + (max_ - base_) * scale * f;
  }
  double initial_lr() const override { return base_; }
  std::string name() const override { return "cyclic"; }

 private:
  double base_, max_, gamma_, total_ = 0.0, ratio_ = 0.0;
  CyclicMode mode_ = CyclicMode::Triangular;
};

}  // namespace

const ScheduleEntry& cyclic_entry() {
  static const ScheduleEntry e{
      .name = "cyclic",
      .title = "Cyclical learning rate (CyclicLR)",
      .summary = "Triangle waves between base_lr and max_lr (Smith 2017); triangular2 halves the amplitude every cycle, "
                 "exp_range scales it by gamma^t. Overwrites the optimizer's lr with base_lr.",
      .formula_latex = R"(\gamma_t = \gamma_{base} + (\gamma_{\max} - \gamma_{base})\cdot \text{scale}(x_t)\cdot f(t))",
      .params = {{.name = "base_lr", .default_value = nullptr,
                  .description = "Lower bound of the cycle; null = the optimizer's lr (required in PyTorch).", .min = 0,
                  .nullable = true},
                 {.name = "max_lr", .default_value = 0.1,
                  .description = "Upper bound of the cycle (required in PyTorch; 0.1 here).", .min = 0},
                 {.name = "step_size_up", .kind = ParamKind::Integer, .default_value = 2000,
                  .description = "Steps of the increasing half of a cycle.", .min = 1},
                 {.name = "step_size_down", .kind = ParamKind::Integer, .default_value = nullptr,
                  .description = "Steps of the decreasing half; null = step_size_up.", .min = 1, .nullable = true},
                 {.name = "mode", .kind = ParamKind::Choice, .default_value = "triangular",
                  .description = "triangular: constant amplitude; triangular2: halved each cycle; exp_range: × gamma^t.",
                  .choices = {"triangular", "triangular2", "exp_range"}},
                 {.name = "gamma", .default_value = 1.0, .description = "Per-step amplitude factor of exp_range.", .min = 0},
                 {.name = "cycle_momentum", .kind = ParamKind::Boolean, .default_value = false,
                  .description = "Momentum cycling is not implemented; must be false (PyTorch's default is true)."}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> { return std::make_unique<CyclicLR>(p, base); },
      .check = [](const nlohmann::json& p, const std::string& path) {
        if (p.at("cycle_momentum").get<bool>())
          throw std::invalid_argument(path + ".cycle_momentum: only false is supported (momentum cycling is not implemented)");
      }};
  return e;
}

}  // namespace descent::sched
