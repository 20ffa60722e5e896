#pragma once
// Adam and AdamW share one update; they differ only in how weight_decay enters (adam.cpp, adamw.cpp).
#include <vector>

#include "optim/base.hpp"
#include "optim/params.hpp"

namespace descent::optim {

struct AdamHyper {
  double lr, beta1, beta2, eps, weight_decay;
  bool amsgrad, maximize;
  bool decoupled;  // AdamW: shrink θ by (1 − lr·λ) instead of adding λθ to the gradient
};

template <class T>
class Adam final : public OptimizerBase<T> {
 public:
  Adam(const nlohmann::json& hyper, bool decoupled);
  std::vector<StateView<T>> state() const override;

 private:
  void reset_state(std::size_t n) override;
  void update(std::span<T> params, std::span<const T> grads, double lr) override;

  AdamHyper h_;
  std::vector<T> exp_avg_, exp_avg_sq_, max_exp_avg_sq_;
};

extern template class Adam<float>;
extern template class Adam<double>;

std::vector<ParamSpec> adam_params(double default_weight_decay, std::string_view weight_decay_text);

}  // namespace descent::optim
