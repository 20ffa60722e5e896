// RMSprop (torch.optim.RMSprop, PyTorch 1.13): steps scaled by a running RMS of the gradient.
#include <cmath>
#include <vector>

#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct RmspropHyper {
  double lr, alpha, eps, weight_decay, momentum;
  bool centered, maximize;
};

template <class T>
class Rmsprop final : public OptimizerBase<T> {
 public:
  Rmsprop(const nlohmann::json& hyper)
      : OptimizerBase<T>("rmsprop", hyper),
        h_{hnum(hyper, "lr"), hnum(hyper, "alpha"), hnum(hyper, "eps"), hnum(hyper, "weight_decay"),
           hnum(hyper, "momentum"), hflag(hyper, "centered"), hflag(hyper, "maximize")} {}

  std::vector<StateView<T>> state() const override {
    std::vector<StateView<T>> s{{"square_avg", square_avg_}};
    if (h_.centered) s.push_back({"grad_avg", grad_avg_});
    if (h_.momentum > 0.0) s.push_back({"momentum_buffer", buf_});
    return s;
  }

 private:
  void reset_state(std::size_t n) override {
    square_avg_.assign(n, T(0));
    grad_avg_.assign(h_.centered ? n : 0, T(0));
    buf_.assign(h_.momentum > 0.0 ? n : 0, T(0));
  }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    const T wd = T(h_.weight_decay), alpha = T(h_.alpha), one_minus_alpha = T(1.0 - h_.alpha), eps = T(h_.eps),
            mom = T(h_.momentum), step = T(lr);
    for (std::size_t i = 0; i < p.size(); ++i) {
      T g = h_.maximize ? -grads[i] : grads[i];
      if (h_.weight_decay != 0.0) g += wd * p[i];
      square_avg_[i] = alpha * square_avg_[i] + one_minus_alpha * (g * g);
      T avg;
      if (h_.centered) {
        grad_avg_[i] = alpha * grad_avg_[i] + one_minus_alpha * g;
        avg = std::sqrt(square_avg_[i] - grad_avg_[i] * grad_avg_[i]) + eps;
      } else {
        avg = std::sqrt(square_avg_[i]) + eps;  // eps outside the root, as PyTorch
      }
      if (h_.momentum > 0.0) {
        buf_[i] = mom * buf_[i] + g / avg;
        p[i] -= step * buf_[i];
      } else {
        p[i] -= step * (g / avg);
      }
    }
  }

  RmspropHyper h_;
  std::vector<T> square_avg_, grad_avg_, buf_;
};

template class Rmsprop<float>;
template class Rmsprop<double>;

const OptimizerEntry& rmsprop_entry() {
  static const OptimizerEntry e{
      .name = "rmsprop",
      .title = "RMSprop",
      .summary = "Divides the step by a running root-mean-square of recent gradients (Hinton's lecture 6e), optionally centered and with momentum.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ v_t &\leftarrow \alpha\, v_{t-1} + (1-\alpha)\, g_t^2\\ \bar g_t &\leftarrow \alpha\, \bar g_{t-1} + (1-\alpha)\, g_t \quad(\text{centered: } \tilde v_t = v_t - \bar g_t^2)\\ b_t &\leftarrow \mu\, b_{t-1} + \frac{g_t}{\sqrt{\tilde v_t} + \epsilon}\\ \theta_t &\leftarrow \theta_{t-1} - \gamma\, b_t \quad(\mu = 0:\ \theta_t \leftarrow \theta_{t-1} - \gamma\, \tfrac{g_t}{\sqrt{\tilde v_t} + \epsilon})\end{aligned})",
      .params =
          {lr_param(0.01, "Learning rate γ."),
           {.name = "alpha", .default_value = 0.99,
            .description = "Smoothing constant α of the running average of squared gradients.", .min = 0.0, .max = 1.0},
           eps_param(1e-8, "ε added to the root (outside the square root) for numerical stability."),
           weight_decay_param(0.0, "L2 penalty λ added to the gradient: g ← g + λθ."),
           {.name = "momentum", .default_value = 0.0,
            .description = "Momentum μ applied to the normalised step g / (√v + ε) (0 = none).", .min = 0.0},
           {.name = "centered", .kind = ParamKind::Boolean, .default_value = false,
            .description = "Centered RMSprop: normalise by the estimated variance v − ḡ² instead of the raw second moment."},
           maximize_param()},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Rmsprop<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Rmsprop<double>>(h); }};
  return e;
}

}  // namespace descent::optim
