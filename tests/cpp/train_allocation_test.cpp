// Training steps must not touch the heap once the trainer is built: counts operator new calls.
#include <atomic>
#include <cstdlib>
#include <new>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "train/experiment.hpp"

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

// The replacement pairs malloc with free on purpose; GCC cannot see that the two belong together.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t n) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

long allocations_during_steps(const char* spec_text, long steps) {
  auto t = descent::train::make_trainer(nlohmann::json::parse(spec_text));
  t->step(2);  // evaluation passes may allocate; metrics_every keeps them out of the window
  allocations = 0;
  counting = true;
  t->step(steps);
  counting = false;
  return allocations.load();
}

TEST(TrainAllocation, MiniBatchStepsDoNotAllocate) {
  EXPECT_EQ(allocations_during_steps(R"({"data": {"source": "spiral", "n": 400},
      "model": {"hidden": [{"units": 64, "activation": "relu"}, {"units": 64, "activation": "gelu"}]},
      "optimizer": {"name": "adam"}, "clip": {"max_norm": 1.0}, "batch_size": 32,
      "steps": 1000, "metrics_every": 1000})", 200), 0);
}

TEST(TrainAllocation, FullBatchSoftmaxStepsDoNotAllocate) {
  EXPECT_EQ(allocations_during_steps(R"({"data": {"source": "digits"},
      "model": {"hidden": [{"units": 256, "activation": "tanh"}]}, "loss": "cross_entropy",
      "regularization": {"l2": 0.001}, "optimizer": {"name": "sgd", "lr": 0.1, "momentum": 0.9},
      "schedule": {"name": "cosine", "T_max": 100}, "batch_size": "full",
      "steps": 100, "metrics_every": 100})", 10), 0);
}

TEST(TrainAllocation, NarrowNetworkStepsDoNotAllocate) {  // the fused nn::NarrowMlp path
  EXPECT_EQ(allocations_during_steps(R"({"data": {"source": "spiral", "n": 400},
      "model": {"hidden": [{"units": 8, "activation": "tanh"}, {"units": 5, "activation": "sigmoid"}]},
      "loss": "bce_logits", "optimizer": {"name": "sgd", "lr": 0.03}, "batch_size": 10,
      "steps": 1000, "metrics_every": 1000})", 200), 0);
}

}  // namespace
