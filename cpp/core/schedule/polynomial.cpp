// PolynomialLR: decay to exactly 0 at total_iters along (1 − t/T)^power.
#include <cmath>

#include "schedule/entry.hpp"

namespace descent::sched {
namespace {

class PolynomialLR final : public ChainedSchedule {
 public:
  PolynomialLR(double base, long total, double power) : ChainedSchedule(base), total_(total), power_(power) {}
  std::string name() const override { return "polynomial"; }

 private:
  double next(double prev, long t) const override {
    if (t > total_) return prev;
    const double T = static_cast<double>(total_);
    return prev * std::pow((1.0 - static_cast<double>(t) / T) / (1.0 - static_cast<double>(t - 1) / T), power_);
  }
  long total_;
  double power_;
};

}  // namespace

const ScheduleEntry& polynomial_entry() {
  static const ScheduleEntry e{
      .name = "polynomial",
      .title = "Polynomial decay (PolynomialLR)",
      .summary = "Decays the lr to 0 at total_iters along (1 − t/T)^power, then keeps it at 0.",
      .formula_latex = R"(\gamma_t = \gamma_0\Big(1 - \frac{\min(t, T)}{T}\Big)^{p})",
      .params = {{.name = "total_iters", .kind = ParamKind::Integer, .default_value = 5,
                  .description = "Steps T until the lr reaches 0.", .min = 1},
                 {.name = "power", .default_value = 1.0, .description = "Exponent p (1 = linear decay).", .min = 0}},
      .make = [](const nlohmann::json& p, double base) -> std::unique_ptr<Schedule> {
        return std::make_unique<PolynomialLR>(base, pint(p, "total_iters"), pnum(p, "power"));
      }};
  return e;
}

}  // namespace descent::sched
