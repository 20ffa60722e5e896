// Adadelta (torch.optim.Adadelta, PyTorch 1.13): unit-consistent steps from two running averages.
#include <cmath>
#include <vector>

#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct AdadeltaHyper {
  double lr, rho, eps, weight_decay;
  bool maximize;
};

template <class T>
class Adadelta final : public OptimizerBase<T> {
 public:
  Adadelta(const nlohmann::json& hyper)
      : OptimizerBase<T>("adadelta", hyper),
        h_{hnum(hyper, "lr"), hnum(hyper, "rho"), hnum(hyper, "eps"), hnum(hyper, "weight_decay"),
           hflag(hyper, "maximize")} {}

  std::vector<StateView<T>> state() const override { return {{"square_avg", square_avg_}, {"acc_delta", acc_delta_}}; }

 private:
  void reset_state(std::size_t n) override {
    square_avg_.assign(n, T(0));
    acc_delta_.assign(n, T(0));
  }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    const T wd = T(h_.weight_decay), rho = T(h_.rho), one_minus_rho = T(1.0 - h_.rho), eps = T(h_.eps), step = T(lr);
    for (std::size_t i = 0; i < p.size(); ++i) {
      T g = h_.maximize ? -grads[i] : grads[i];
      if (h_.weight_decay != 0.0) g += wd * p[i];
      square_avg_[i] = rho * square_avg_[i] + one_minus_rho * (g * g);
      // eps inside both roots; acc_delta still holds the previous step's value here.
      const T delta = std::sqrt(acc_delta_[i] + eps) / std::sqrt(square_avg_[i] + eps) * g;
      acc_delta_[i] = rho * acc_delta_[i] + one_minus_rho * (delta * delta);
      p[i] -= step * delta;
    }
  }

  AdadeltaHyper h_;
  std::vector<T> square_avg_, acc_delta_;
};

template class Adadelta<float>;
template class Adadelta<double>;

const OptimizerEntry& adadelta_entry() {
  static const OptimizerEntry e{
      .name = "adadelta",
      .title = "Adadelta",
      .summary = "Scales each step by the ratio of running RMS of past updates to running RMS of gradients, so lr = 1 works out of the box.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ v_t &\leftarrow \rho\, v_{t-1} + (1-\rho)\, g_t^2\\ \Delta_t &\leftarrow \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t\\ u_t &\leftarrow \rho\, u_{t-1} + (1-\rho)\, \Delta_t^2\\ \theta_t &\leftarrow \theta_{t-1} - \gamma\, \Delta_t\end{aligned})",
      .params =
          {lr_param(1.0, "Coefficient γ that scales the update Δ (1.0 is the original algorithm)."),
           {.name = "rho", .default_value = 0.9,
            .description = "Decay rate ρ of both running averages (squared gradients v and squared updates u).",
            .min = 0.0, .max = 1.0},
           eps_param(1e-6, "ε added inside both square roots; it also sets the size of the very first steps."),
           weight_decay_param(0.0, "L2 penalty λ added to the gradient: g ← g + λθ."),
           maximize_param()},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Adadelta<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Adadelta<double>>(h); }};
  return e;
}

}  // namespace descent::optim
