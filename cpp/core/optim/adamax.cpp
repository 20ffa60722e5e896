// Adamax (torch.optim.Adamax, PyTorch 1.13): Adam with the infinity norm in place of the RMS.
#include <algorithm>
#include <cmath>
#include <vector>

#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct AdamaxHyper {
  double lr, beta1, beta2, eps, weight_decay;
  bool maximize;
};

template <class T>
class Adamax final : public OptimizerBase<T> {
 public:
  Adamax(const nlohmann::json& hyper)
      : OptimizerBase<T>("adamax", hyper),
        h_{hnum(hyper, "lr"), hyper.at("betas")[0].get<double>(), hyper.at("betas")[1].get<double>(),
           hnum(hyper, "eps"), hnum(hyper, "weight_decay"), hflag(hyper, "maximize")} {}

  std::vector<StateView<T>> state() const override { return {{"exp_avg", exp_avg_}, {"exp_inf", exp_inf_}}; }

 private:
  void reset_state(std::size_t n) override {
    exp_avg_.assign(n, T(0));
    exp_inf_.assign(n, T(0));
  }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    const T clr = T(lr / (1.0 - std::pow(h_.beta1, static_cast<double>(this->t_))));
    const T b1 = T(h_.beta1), b2 = T(h_.beta2), one_minus_b1 = T(1.0 - h_.beta1), eps = T(h_.eps),
            wd = T(h_.weight_decay);
    for (std::size_t i = 0; i < p.size(); ++i) {
      T g = h_.maximize ? -grads[i] : grads[i];
      if (h_.weight_decay != 0.0) g += wd * p[i];
      exp_avg_[i] = b1 * exp_avg_[i] + one_minus_b1 * g;
      exp_inf_[i] = std::max(b2 * exp_inf_[i], std::abs(g) + eps);  // eps inside the max
      p[i] -= clr * (exp_avg_[i] / exp_inf_[i]);
    }
  }

  AdamaxHyper h_;
  std::vector<T> exp_avg_, exp_inf_;
};

template class Adamax<float>;
template class Adamax<double>;

const OptimizerEntry& adamax_entry() {
  static const OptimizerEntry e{
      .name = "adamax",
      .title = "Adamax",
      .summary = "Adam's infinity-norm variant: the denominator is a decaying maximum of |g| rather than an RMS.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ m_t &\leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t\\ u_t &\leftarrow \max(\beta_2\, u_{t-1},\ |g_t| + \epsilon)\\ \theta_t &\leftarrow \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\, \frac{m_t}{u_t}\end{aligned})",
      .params = {lr_param(2e-3, "Learning rate γ."), betas_param(0.9, 0.999),
                 eps_param(1e-8, "ε added to |g| inside the max, which keeps u positive."),
                 weight_decay_param(0.0, "L2 penalty λ added to the gradient: g ← g + λθ."), maximize_param()},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Adamax<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Adamax<double>>(h); }};
  return e;
}

}  // namespace descent::optim
