// Adam (torch.optim.Adam, PyTorch 1.13), with amsgrad; weight_decay is an L2 term coupled into g.
#include "optim/adam.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/adam_update.hpp"

#include "optim/entry.hpp"

namespace descent::optim {

template <class T>
Adam<T>::Adam(const nlohmann::json& hyper, bool decoupled)
    : OptimizerBase<T>(decoupled ? "adamw" : "adam", hyper),
      h_{hnum(hyper, "lr"), hyper.at("betas")[0].get<double>(), hyper.at("betas")[1].get<double>(), hnum(hyper, "eps"),
         hnum(hyper, "weight_decay"), hflag(hyper, "amsgrad"), hflag(hyper, "maximize"), decoupled} {}

template <class T>
std::vector<StateView<T>> Adam<T>::state() const {
  std::vector<StateView<T>> s{{"exp_avg", exp_avg_}, {"exp_avg_sq", exp_avg_sq_}};
  if (h_.amsgrad) s.push_back({"max_exp_avg_sq", max_exp_avg_sq_});
  return s;
}

template <class T>
void Adam<T>::reset_state(std::size_t n) {
  exp_avg_.assign(n, T(0));
  exp_avg_sq_.assign(n, T(0));
  max_exp_avg_sq_.assign(h_.amsgrad ? n : 0, T(0));
}

template <class T>
void Adam<T>::update(std::span<T> p, std::span<const T> grads, double lr) {
  const double t = static_cast<double>(this->t_);
  const double bc1 = 1.0 - std::pow(h_.beta1, t);
  const double bc2 = 1.0 - std::pow(h_.beta2, t);
  const T step_size = T(lr / bc1), bc2_sqrt = T(std::sqrt(bc2));
  const T b1 = T(h_.beta1), b2 = T(h_.beta2), one_minus_b1 = T(1.0 - h_.beta1), one_minus_b2 = T(1.0 - h_.beta2);
  const T eps = T(h_.eps), wd = T(h_.weight_decay), shrink = T(1.0 - lr * h_.weight_decay);
  const bool coupled = !h_.decoupled && h_.weight_decay != 0.0;
  // Moments that decay below the smallest normal number become 0 (dead units would otherwise sit in
  // slow subnormal arithmetic; their contribution to θ is below 1e-30). exp_avg_sq is kept when
  // eps = 0, where its √ alone is the denominator.
  const T m_floor = std::numeric_limits<T>::min(), v_floor = h_.eps > 0.0 ? m_floor : T(0);
  if constexpr (std::is_same_v<T, float>) {
    if (!h_.maximize && !h_.decoupled && !coupled && !h_.amsgrad) {
      adam_update(p.data(), grads.data(), exp_avg_.data(), exp_avg_sq_.data(), p.size(),
                  {b1, one_minus_b1, b2, one_minus_b2, step_size, bc2_sqrt, eps, v_floor});
      return;
    }
  }
  for (std::size_t i = 0; i < p.size(); ++i) {
    T g = h_.maximize ? -grads[i] : grads[i];
    if (h_.decoupled) p[i] *= shrink;  // before the Adam step, with this step's lr
    if (coupled) g += wd * p[i];
    T m = b1 * exp_avg_[i] + one_minus_b1 * g;
    T v = b2 * exp_avg_sq_[i] + one_minus_b2 * (g * g);
    if (std::abs(m) < m_floor) m = T(0);
    if (std::abs(v) < v_floor) v = T(0);
    exp_avg_[i] = m;
    exp_avg_sq_[i] = v;
    if (h_.amsgrad) v = max_exp_avg_sq_[i] = std::max(max_exp_avg_sq_[i], exp_avg_sq_[i]);
    const T denom = std::sqrt(v) / bc2_sqrt + eps;  // eps after the bias correction
    p[i] -= step_size * (exp_avg_[i] / denom);
  }
}

template class Adam<float>;
template class Adam<double>;

std::vector<ParamSpec> adam_params(double default_weight_decay, std::string_view weight_decay_text) {
  return {lr_param(1e-3, "Learning rate γ."),
          betas_param(0.9, 0.999),
          eps_param(1e-8, "ε added to the bias-corrected √v̂ (outside the square root) for numerical stability."),
          weight_decay_param(default_weight_decay, weight_decay_text),
          {.name = "amsgrad", .kind = ParamKind::Boolean, .default_value = false,
           .description = "AMSGrad: divide by the running maximum of v instead of v itself, so steps never grow from a shrinking v."},
          maximize_param()};
}

const OptimizerEntry& adam_entry() {
  static const OptimizerEntry e{
      .name = "adam",
      .title = "Adam",
      .summary = "Momentum plus per-coordinate RMS scaling with bias correction (Kingma & Ba 2014). weight_decay here is a coupled L2 "
                 "penalty added to the gradient, which the adaptive scaling then weakens — use AdamW for decoupled decay.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ m_t &\leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t\\ v_t &\leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2\\ \hat v_t &\leftarrow \max(\hat v_{t-1}, v_t)\ \text{(amsgrad) else } v_t\\ \theta_t &\leftarrow \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\, \frac{m_t}{\sqrt{\hat v_t}/\sqrt{1-\beta_2^t} + \epsilon}\end{aligned})",
      .params = adam_params(0.0, "L2 penalty λ, coupled: g ← g + λθ before the moments (PyTorch Adam). It is rescaled by the "
                                 "adaptive denominator; AdamW's decoupled decay is usually what you want."),
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Adam<float>>(h, false); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Adam<double>>(h, false); }};
  return e;
}

}  // namespace descent::optim
