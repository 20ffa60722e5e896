// NAdam (torch.optim.NAdam): Adam with Nesterov momentum and Dozat's momentum schedule, using the
// corrected μ-product of PyTorch ≥ 2.0 (1.13's default path counted μ_t twice).
#include <cmath>
#include <vector>

#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct NadamHyper {
  double lr, beta1, beta2, eps, weight_decay, momentum_decay;
  bool maximize;
};

template <class T>
class Nadam final : public OptimizerBase<T> {
 public:
  Nadam(const nlohmann::json& hyper)
      : OptimizerBase<T>("nadam", hyper),
        h_{hnum(hyper, "lr"), hyper.at("betas")[0].get<double>(), hyper.at("betas")[1].get<double>(),
           hnum(hyper, "eps"), hnum(hyper, "weight_decay"), hnum(hyper, "momentum_decay"), hflag(hyper, "maximize")} {}

  std::vector<StateView<T>> state() const override { return {{"exp_avg", exp_avg_}, {"exp_avg_sq", exp_avg_sq_}}; }

 private:
  void reset_state(std::size_t n) override {
    exp_avg_.assign(n, T(0));
    exp_avg_sq_.assign(n, T(0));
    mu_product_ = 1.0;
  }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    const double t = static_cast<double>(this->t_);
    const double bc2 = 1.0 - std::pow(h_.beta2, t);
    const double mu = h_.beta1 * (1.0 - 0.5 * std::pow(0.96, t * h_.momentum_decay));
    const double mu_next = h_.beta1 * (1.0 - 0.5 * std::pow(0.96, (t + 1.0) * h_.momentum_decay));
    mu_product_ *= mu;
    const double mu_product_next = mu_product_ * mu_next;
    const T grad_coef = T(lr * (1.0 - mu) / (1.0 - mu_product_));
    const T avg_coef = T(lr * mu_next / (1.0 - mu_product_next));
    const T b1 = T(h_.beta1), b2 = T(h_.beta2), one_minus_b1 = T(1.0 - h_.beta1), one_minus_b2 = T(1.0 - h_.beta2);
    const T eps = T(h_.eps), wd = T(h_.weight_decay), bc2_t = T(bc2);
    for (std::size_t i = 0; i < p.size(); ++i) {
      T g = h_.maximize ? -grads[i] : grads[i];
      if (h_.weight_decay != 0.0) g += wd * p[i];
      exp_avg_[i] = b1 * exp_avg_[i] + one_minus_b1 * g;
      exp_avg_sq_[i] = b2 * exp_avg_sq_[i] + one_minus_b2 * (g * g);
      const T denom = std::sqrt(exp_avg_sq_[i] / bc2_t) + eps;
      p[i] -= grad_coef * (g / denom);
      p[i] -= avg_coef * (exp_avg_[i] / denom);
    }
  }

  NadamHyper h_;
  std::vector<T> exp_avg_, exp_avg_sq_;
  double mu_product_ = 1.0;  // kept in double like PyTorch's scalar state
};

template class Nadam<float>;
template class Nadam<double>;

const OptimizerEntry& nadam_entry() {
  static const OptimizerEntry e{
      .name = "nadam",
      .title = "NAdam",
      .summary = "Adam with Nesterov momentum (Dozat 2016): the step mixes the current gradient and the momentum, with a "
                 "slowly warming momentum schedule μ_t.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ \mu_t &\leftarrow \beta_1\big(1 - \tfrac12\, 0.96^{t\psi}\big),\quad \mu_{t+1} \leftarrow \beta_1\big(1 - \tfrac12\, 0.96^{(t+1)\psi}\big)\\ m_t &\leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t\\ v_t &\leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2,\quad d_t \leftarrow \sqrt{v_t/(1-\beta_2^t)} + \epsilon\\ \theta_t &\leftarrow \theta_{t-1} - \gamma\,\frac{1-\mu_t}{1-\prod_{i\le t}\mu_i}\,\frac{g_t}{d_t} - \gamma\,\frac{\mu_{t+1}}{1-\prod_{i\le t+1}\mu_i}\,\frac{m_t}{d_t}\end{aligned})",
      .params = {lr_param(2e-3, "Learning rate γ."), betas_param(0.9, 0.999),
                 eps_param(1e-8, "ε added to the bias-corrected RMS √(v/(1−β2ᵗ)) for numerical stability."),
                 weight_decay_param(0.0, "L2 penalty λ added to the gradient: g ← g + λθ."),
                 {.name = "momentum_decay", .default_value = 4e-3,
                  .description = "Momentum decay ψ of the schedule μ_t = β1(1 − ½·0.96^(tψ)).", .min = 0.0},
                 maximize_param()},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Nadam<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Nadam<double>>(h); }};
  return e;
}

}  // namespace descent::optim
