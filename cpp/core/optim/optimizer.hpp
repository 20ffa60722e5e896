#pragma once
// The optimizer interface shared by the 2-D landscape runs (double), the network trainer (float),
// the CLI and the WebAssembly bindings. Hyper-parameters use PyTorch's names and semantics.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace descent {

// One named per-parameter state buffer (e.g. "exp_avg"), readable so the page can draw it.
template <class T>
struct StateView {
  std::string name;
  std::span<const T> values;
};

template <class T>
class Optimizer {
 public:
  virtual ~Optimizer() = default;

  // Allocates state for n scalar parameters and resets it; must be called before step().
  // step() itself never allocates.
  virtual void init(std::size_t n) = 0;

  // One update in place. `grads` is the raw loss gradient (weight decay is the optimizer's job);
  // `lr` is this step's learning rate (from the schedule, or the optimizer's own `lr`).
  virtual void step(std::span<T> params, std::span<const T> grads, double lr) = 0;

  virtual std::vector<StateView<T>> state() const = 0;
  virtual long steps_taken() const = 0;
  virtual double base_lr() const = 0;  // the `lr` hyper-parameter
  virtual std::string name() const = 0;
  virtual nlohmann::json hyperparameters() const = 0;  // every option, defaults filled in
};

// Builds an optimizer from {"name": ..., options...}. Missing options take PyTorch's defaults;
// unknown names/options, wrong types and out-of-range values throw std::invalid_argument whose
// message names the field and the allowed values.
template <class T>
std::unique_ptr<Optimizer<T>> make_optimizer(const nlohmann::json& spec);

// Every optimizer with its options, defaults and one-line descriptions (for the page and --help).
nlohmann::json optimizer_catalog();

}  // namespace descent
