// SGD with momentum, dampening, Nesterov and L2 weight decay (torch.optim.SGD, PyTorch 1.13).
#include <type_traits>
#include <vector>

#include "kernels/sub_scaled.hpp"
#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct SgdHyper {
  double lr, momentum, dampening, weight_decay;
  bool nesterov, maximize;
};

template <class T>
class Sgd final : public OptimizerBase<T> {
 public:
  Sgd(const nlohmann::json& hyper)
      : OptimizerBase<T>("sgd", hyper),
        h_{hnum(hyper, "lr"), hnum(hyper, "momentum"), hnum(hyper, "dampening"), hnum(hyper, "weight_decay"),
           hflag(hyper, "nesterov"), hflag(hyper, "maximize")} {}

  std::vector<StateView<T>> state() const override {
    if (h_.momentum == 0.0) return {};
    return {{"momentum_buffer", buf_}};
  }

 private:
  void reset_state(std::size_t n) override { buf_.assign(h_.momentum != 0.0 ? n : 0, T(0)); }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    const T wd = T(h_.weight_decay), mom = T(h_.momentum), damp = T(1.0 - h_.dampening), step = T(lr);
    if (h_.weight_decay == 0.0 && h_.momentum == 0.0 && !h_.maximize) {  // plain GD: no per-element tests
      if constexpr (std::is_same_v<T, float>) {
        sub_scaled(p.data(), grads.data(), step, p.size());
      } else {
        for (std::size_t i = 0; i < p.size(); ++i) p[i] -= step * grads[i];
      }
      return;
    }
    for (std::size_t i = 0; i < p.size(); ++i) {
      T g = h_.maximize ? -grads[i] : grads[i];
      if (h_.weight_decay != 0.0) g += wd * p[i];
      if (h_.momentum != 0.0) {
        // PyTorch seeds the buffer with the first gradient, undampened.
        buf_[i] = this->t_ == 1 ? g : mom * buf_[i] + damp * g;
        g = h_.nesterov ? g + mom * buf_[i] : buf_[i];
      }
      p[i] -= step * g;
    }
  }

  SgdHyper h_;
  std::vector<T> buf_;
};

template class Sgd<float>;
template class Sgd<double>;

namespace {

void check_sgd(const nlohmann::json& h, const std::string& path) {
  if (h["nesterov"].get<bool>() && (h["momentum"].get<double>() <= 0.0 || h["dampening"].get<double>() != 0.0))
    throw std::invalid_argument(path + ".nesterov: Nesterov momentum requires momentum > 0 and dampening = 0 (got momentum " +
                                format_number(hnum(h, "momentum")) + ", dampening " + format_number(hnum(h, "dampening")) + ")");
}

}  // namespace

const OptimizerEntry& sgd_entry() {
  static const OptimizerEntry e{
      .name = "sgd",
      .title = "SGD (momentum, Nesterov)",
      .summary = "Plain gradient descent, optionally with heavy-ball or Nesterov momentum.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ b_t &\leftarrow \begin{cases} g_t & t = 1\\ \mu\, b_{t-1} + (1-\tau)\, g_t & t > 1\end{cases}\\ g_t &\leftarrow \begin{cases} g_t + \mu\, b_t & \text{nesterov}\\ b_t & \text{otherwise}\end{cases}\quad(\text{if } \mu \ne 0)\\ \theta_t &\leftarrow \theta_{t-1} - \gamma\, g_t\end{aligned})",
      .params =
          {lr_param(0.01, "Learning rate γ (step size). Required in PyTorch; defaults to 0.01 here."),
           {.name = "momentum", .default_value = 0.0,
            .description = "Momentum factor μ: the buffer b keeps a decaying sum of past gradients (0 = no momentum).",
            .min = 0.0},
           {.name = "dampening", .default_value = 0.0,
            .description = "Dampening τ: scales new gradients by (1 − τ) in the momentum buffer (not on the first step).",
            .min = 0.0, .max = 1.0},
           weight_decay_param(0.0, "L2 penalty λ added to the gradient: g ← g + λθ."),
           {.name = "nesterov", .kind = ParamKind::Boolean, .default_value = false,
            .description = "Nesterov momentum: step along g + μb (look-ahead). Needs momentum > 0 and dampening = 0."},
           maximize_param()},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Sgd<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Sgd<double>>(h); },
      .check = check_sgd};
  return e;
}

}  // namespace descent::optim
