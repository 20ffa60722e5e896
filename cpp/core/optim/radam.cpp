// RAdam (torch.optim.RAdam, PyTorch 1.13 default path): Adam with a variance-rectification term
// that falls back to plain momentum while the second-moment estimate is unreliable.
#include <cmath>
#include <vector>

#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct RadamHyper {
  double lr, beta1, beta2, eps, weight_decay;
  bool maximize;
};

template <class T>
class Radam final : public OptimizerBase<T> {
 public:
  Radam(const nlohmann::json& hyper)
      : OptimizerBase<T>("radam", hyper),
        h_{hnum(hyper, "lr"), hyper.at("betas")[0].get<double>(), hyper.at("betas")[1].get<double>(),
           hnum(hyper, "eps"), hnum(hyper, "weight_decay"), hflag(hyper, "maximize")} {}

  std::vector<StateView<T>> state() const override { return {{"exp_avg", exp_avg_}, {"exp_avg_sq", exp_avg_sq_}}; }

 private:
  void reset_state(std::size_t n) override {
    exp_avg_.assign(n, T(0));
    exp_avg_sq_.assign(n, T(0));
  }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    const double t = static_cast<double>(this->t_);
    const double bc1 = 1.0 - std::pow(h_.beta1, t);
    const double bc2 = 1.0 - std::pow(h_.beta2, t);
    const double rho_inf = 2.0 / (1.0 - h_.beta2) - 1.0;
    const double rho_t = rho_inf - 2.0 * t * std::pow(h_.beta2, t) / bc2;
    const bool rectified = rho_t > 5.0;
    const double rect = rectified ? std::sqrt((rho_t - 4.0) * (rho_t - 2.0) * rho_inf /
                                              ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t))
                                  : 0.0;
    const T b1 = T(h_.beta1), b2 = T(h_.beta2), one_minus_b1 = T(1.0 - h_.beta1), one_minus_b2 = T(1.0 - h_.beta2);
    const T eps = T(h_.eps), wd = T(h_.weight_decay), bc1_t = T(bc1), step = T(lr), rect_t = T(rect),
            bc2_sqrt = T(std::sqrt(bc2));
    for (std::size_t i = 0; i < p.size(); ++i) {
      T g = h_.maximize ? -grads[i] : grads[i];
      if (h_.weight_decay != 0.0) g += wd * p[i];
      exp_avg_[i] = b1 * exp_avg_[i] + one_minus_b1 * g;
      exp_avg_sq_[i] = b2 * exp_avg_sq_[i] + one_minus_b2 * (g * g);
      const T m_hat = exp_avg_[i] / bc1_t;
      if (rectified) {
        const T adaptive = bc2_sqrt / (std::sqrt(exp_avg_sq_[i]) + eps);  // eps on √v, not on √v̂
        p[i] -= m_hat * step * adaptive * rect_t;
      } else {
        p[i] -= m_hat * step;
      }
    }
  }

  RadamHyper h_;
  std::vector<T> exp_avg_, exp_avg_sq_;
};

template class Radam<float>;
template class Radam<double>;

const OptimizerEntry& radam_entry() {
  static const OptimizerEntry e{
      .name = "radam",
      .title = "RAdam",
      .summary = "Rectified Adam (Liu et al. 2019): plain bias-corrected momentum steps until the variance estimate is "
                 "trustworthy (ρ_t > 5), then Adam steps scaled by a rectification factor r_t — a built-in warm-up.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ m_t &\leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t,\quad \hat m_t \leftarrow m_t/(1-\beta_1^t)\\ v_t &\leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2\\ \rho_\infty &= \tfrac{2}{1-\beta_2} - 1,\quad \rho_t \leftarrow \rho_\infty - \tfrac{2t\beta_2^t}{1-\beta_2^t}\\ \theta_t &\leftarrow \begin{cases}\theta_{t-1} - \gamma\, \hat m_t\, r_t\, \dfrac{\sqrt{1-\beta_2^t}}{\sqrt{v_t} + \epsilon} & \rho_t > 5,\ r_t = \sqrt{\tfrac{(\rho_t-4)(\rho_t-2)\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\rho_t}}\\ \theta_{t-1} - \gamma\, \hat m_t & \text{otherwise}\end{cases}\end{aligned})",
      .params = {lr_param(1e-3, "Learning rate γ."), betas_param(0.9, 0.999),
                 eps_param(1e-8, "ε added to √v (before the bias correction) in the rectified steps."),
                 weight_decay_param(0.0, "L2 penalty λ added to the gradient: g ← g + λθ."), maximize_param()},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Radam<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Radam<double>>(h); }};
  return e;
}

}  // namespace descent::optim
