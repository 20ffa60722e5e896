#pragma once
// One run of a sweep: a Trainer stepped in chunks to its end, reporting the result fields of a
// sweep line. The numbers come from train::summary_json, so they are exactly `descent train`'s.
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "search/key_order.hpp"
#include "train/trainer.hpp"

namespace descent::search {

class SweepRun {
 public:
  SweepRun(const nlohmann::json& spec, std::string_view csv_bytes);

  // Up to n more steps; true once the run has finished (budget, stop rule or divergence).
  bool step(long n);
  // Fraction of the step budget done (1 when finished).
  double progress() const;
  // train_loss, test_loss, train_/test_accuracy or train_/test_r2, diverged, diverged_at, steps,
  // stop, seconds (non-finite numbers as null), in this order.
  Fields result() const;
  const train::Trainer& trainer() const { return *trainer_; }

 private:
  std::unique_ptr<train::Trainer> trainer_;
  long budget_ = 0;  // steps, from max_steps or epochs × batches per epoch
  double seconds_ = 0.0;
};

}  // namespace descent::search
