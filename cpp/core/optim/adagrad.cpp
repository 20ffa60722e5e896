// Adagrad (torch.optim.Adagrad, PyTorch 1.13): per-coordinate steps shrink with the summed squares.
#include <cmath>
#include <vector>

#include "optim/base.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

struct AdagradHyper {
  double lr, lr_decay, weight_decay, initial_accumulator_value, eps;
  bool maximize;
};

template <class T>
class Adagrad final : public OptimizerBase<T> {
 public:
  Adagrad(const nlohmann::json& hyper)
      : OptimizerBase<T>("adagrad", hyper),
        h_{hnum(hyper, "lr"), hnum(hyper, "lr_decay"), hnum(hyper, "weight_decay"),
           hnum(hyper, "initial_accumulator_value"), hnum(hyper, "eps"), hflag(hyper, "maximize")} {}

  std::vector<StateView<T>> state() const override { return {{"sum", sum_}}; }

 private:
  void reset_state(std::size_t n) override { sum_.assign(n, T(h_.initial_accumulator_value)); }

  void update(std::span<T> p, std::span<const T> grads, double lr) override {
    // The decay counts completed steps, so the first update uses the full lr.
    const double clr = lr / (1.0 + static_cast<double>(this->t_ - 1) * h_.lr_decay);
    const T wd = T(h_.weight_decay), eps = T(h_.eps), step = T(clr);
    for (std::size_t i = 0; i < p.size(); ++i) {
      T g = h_.maximize ? -grads[i] : grads[i];
      if (h_.weight_decay != 0.0) g += wd * p[i];
      sum_[i] += g * g;
      p[i] -= step * (g / (std::sqrt(sum_[i]) + eps));
    }
  }

  AdagradHyper h_;
  std::vector<T> sum_;
};

template class Adagrad<float>;
template class Adagrad<double>;

const OptimizerEntry& adagrad_entry() {
  static const OptimizerEntry e{
      .name = "adagrad",
      .title = "Adagrad",
      .summary = "Divides each coordinate's step by the root of its summed squared gradients: steep directions slow down for good.",
      .update_latex =
          R"(\begin{aligned}g_t &\leftarrow \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}\\ \tilde\gamma &\leftarrow \frac{\gamma}{1 + (t-1)\,\eta}\\ s_t &\leftarrow s_{t-1} + g_t^2\\ \theta_t &\leftarrow \theta_{t-1} - \tilde\gamma\, \frac{g_t}{\sqrt{s_t} + \epsilon}\end{aligned})",
      .params =
          {lr_param(0.01, "Learning rate γ."),
           {.name = "lr_decay", .default_value = 0.0,
            .description = "Learning-rate decay η: step t uses γ / (1 + (t − 1)η).", .min = 0.0},
           weight_decay_param(0.0, "L2 penalty λ added to the gradient: g ← g + λθ."),
           {.name = "initial_accumulator_value", .default_value = 0.0,
            .description = "Starting value of the squared-gradient sum s (larger = smaller first steps).", .min = 0.0},
           eps_param(1e-10, "ε added to √s (outside the square root) to avoid division by zero."),
           maximize_param()},
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Adagrad<float>>(h); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Adagrad<double>>(h); }};
  return e;
}

}  // namespace descent::optim
