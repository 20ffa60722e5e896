// AdamW (torch.optim.AdamW, PyTorch 1.13): Adam with decoupled weight decay (Loshchilov & Hutter).
#include "optim/adam.hpp"
#include "optim/entry.hpp"

namespace descent::optim {

const OptimizerEntry& adamw_entry() {
  static const OptimizerEntry e{
      .name = "adamw",
      .title = "AdamW",
      .summary = "Adam with decoupled weight decay: θ shrinks by (1 − γλ) before the Adam step, independent of the adaptive "
                 "scaling (unlike Adam's coupled L2 weight_decay).",
      .update_latex =
          R"(\begin{aligned}\theta_{t-1} &\leftarrow \theta_{t-1}\,(1 - \gamma\lambda)\\ g_t &\leftarrow \nabla f(\theta_{t-1})\\ m_t &\leftarrow \beta_1 m_{t-1} + (1-\beta_1)\, g_t\\ v_t &\leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2\\ \hat v_t &\leftarrow \max(\hat v_{t-1}, v_t)\ \text{(amsgrad) else } v_t\\ \theta_t &\leftarrow \theta_{t-1} - \frac{\gamma}{1-\beta_1^t}\, \frac{m_t}{\sqrt{\hat v_t}/\sqrt{1-\beta_2^t} + \epsilon}\end{aligned})",
      .params = adam_params(0.01, "Decoupled weight decay λ: θ ← θ(1 − γλ) before each step, not added to the gradient "
                                  "(PyTorch AdamW; default 0.01)."),
      .make_float = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<float>> { return std::make_unique<Adam<float>>(h, true); },
      .make_double = [](const nlohmann::json& h) -> std::unique_ptr<Optimizer<double>> { return std::make_unique<Adam<double>>(h, true); }};
  return e;
}

}  // namespace descent::optim
