#pragma once
// Shared plumbing for the concrete optimizers: the step counter, size checks and the resolved
// hyper-parameters, so each optimizer file holds only its state and its update rule.
#include <stdexcept>
#include <string>
#include <utility>

#include "optim/optimizer.hpp"

namespace descent::optim {

inline double hnum(const nlohmann::json& h, const char* key) { return h.at(key).get<double>(); }
inline bool hflag(const nlohmann::json& h, const char* key) { return h.at(key).get<bool>(); }

template <class T>
class OptimizerBase : public Optimizer<T> {
 public:
  OptimizerBase(std::string name, nlohmann::json hyper) : name_(std::move(name)), hyper_(std::move(hyper)) {}

  void init(std::size_t n) final {
    n_ = n;
    t_ = 0;
    reset_state(n);
  }

  void step(std::span<T> params, std::span<const T> grads, double lr) final {
    if (params.size() != n_ || grads.size() != n_)
      throw std::invalid_argument(name_ + ": step() got " + std::to_string(params.size()) + " parameters and " +
                                  std::to_string(grads.size()) + " gradients, init() was given " +
                                  std::to_string(n_));
    ++t_;
    update(params, grads, lr);
  }

  long steps_taken() const final { return t_; }
  double base_lr() const final { return hyper_.at("lr").template get<double>(); }
  std::string name() const final { return name_; }
  nlohmann::json hyperparameters() const final { return hyper_; }

 protected:
  virtual void reset_state(std::size_t n) = 0;
  // t_ already counts this update (1 for the first), as PyTorch's state['step'].
  virtual void update(std::span<T> params, std::span<const T> grads, double lr) = 0;

  long t_ = 0;
  std::size_t n_ = 0;

 private:
  std::string name_;
  nlohmann::json hyper_;
};

}  // namespace descent::optim
