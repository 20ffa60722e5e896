// Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): the sign of an
// interpolated momentum, with decoupled weight decay. Not in PyTorch 1.13.
#include <vector>

#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct LionHyper {
  double lr, beta1, beta2, weight_decay;
};

template <class T>
class Lion final : public OptimizerBase<T> {
 public:
  Lion(const nlohmann::json& hyper)
      : OptimizerBase<T>("lion", hyper),
        h_{hnum(hyper, "lr"), hyper.at("betas")[0].get<double>(), hyper.at("betas")[1].get<double>(),
           hnum(hyper, "weight_decay")} {}

  std::vector<StateView<T>> state() const override { return {{"exp_avg", exp_avg_}}; }

 private:
  void reset_state(std::size_t n) override { exp_avg_.assign(n, T(0)); }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    const T b1 = T(h_.beta1), b2 = T(h_.beta2), one_minus_b1 = T(1.0 - h_.beta1), one_minus_b2 = T(1.0 - h_.beta2);
    const T step = T(lr), shrink = T(1.0 - lr * h_.weight_decay);
    for (std::size_t i = 0; i < p.size(); ++i) {
      const T g = grads[i];
      const T c = b1 * exp_avg_[i] + one_minus_b1 * g;
      const T sign = T((c > T(0)) - (c < T(0)));  // sign(0) = 0
      p[i] = p[i] * shrink - step * sign;
      exp_avg_[i] = b2 * exp_avg_[i] + one_minus_b2 * g;
    }
  }

  LionHyper h_;
  std::vector<T> exp_avg_;
};

template class Lion<float>;
template class Lion<double>;

const OptimizerEntry& lion_entry() {
  static const OptimizerEntry e{
      .name = "lion",
      .title = "Lion",
      .summary = "EvoLved Sign Momentum (Chen et al. 2023): every coordinate moves by exactly ±γ, the sign of an interpolation "
                 "between momentum and gradient; weight decay is decoupled as in AdamW. Use a ~3–10× smaller lr than Adam.",
      .update_latex =
          R"(\begin{aligned}c_t &\leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t\\ \theta_t &\leftarrow \theta_{t-1}\,(1 - \gamma\lambda) - \gamma\, \operatorname{sign}(c_t)\\ m_t &\leftarrow \beta_2 m_{t-1} + (1-\beta_2)\, g_t\end{aligned})",
      .params = {lr_param(1e-4, "Learning rate γ: the exact size of every coordinate's step."),
                 {.name = "betas", .kind = ParamKind::Pair, .default_value = {0.9, 0.99},
                  .description = "[β1, β2]: β1 interpolates momentum and gradient for the step direction; β2 is the "
                                 "momentum's own decay. Each in [0, 1).",
                  .min = 0.0, .max = 1.0, .max_open = true},
                 weight_decay_param(0.0, "Decoupled weight decay λ: θ ← θ(1 − γλ) each step, as in AdamW.")},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Lion<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Lion<double>>(h); }};
  return e;
}

}  // namespace descent::optim
