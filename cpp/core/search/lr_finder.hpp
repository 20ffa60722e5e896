#pragma once
// The learning-rate range test (Smith 2017, fastai's variant): from the spec's freshly initialised
// model, one optimizer step per lr on consecutive mini-batches while the lr grows exponentially
// from min_lr to max_lr; the batch loss is smoothed (bias-corrected EMA) and the run stops early
// once the smoothed loss explodes. It is an ordinary Trainer run with an `exponential` schedule.
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "train/trainer.hpp"

namespace descent::search {

struct LrFinderOptions {
  double min_lr = 1e-7;
  double max_lr = 10.0;
  long steps = 100;
  // 0.98 (fastai's beta) averages over ~50 steps, half the default curve: the smoothed minimum then
  // lags the raw one by about four decades of lr. 0.9 (~10 steps, under one decade) does not.
  double smoothing = 0.9;
  double diverge_factor = 4.0;
};

// Validates {"min_lr", "max_lr", "steps", "smoothing", "diverge_factor"} (all optional); errors
// name `lr_finder.<field>`.
LrFinderOptions parse_lr_finder_options(const nlohmann::json& doc);

struct LrSuggestion {
  std::optional<double> steepest;     // lr where the smoothed loss falls fastest per unit of log lr
  std::optional<double> min_over_10;  // (lr at the minimum smoothed loss) / 10: the default suggestion
  std::optional<double> min_loss_lr;  // lr at the minimum smoothed loss
};

// Suggestions from a recorded curve (lrs ascending); all unset when it has fewer than 5 points.
LrSuggestion suggest_lr(const std::vector<double>& lrs, const std::vector<double>& smoothed);

class LrFinder {
 public:
  LrFinder(const nlohmann::json& spec, std::string_view csv_bytes, const LrFinderOptions& options);

  // Up to n more lrs; true when done (all steps, or stopped early).
  bool step(long n);
  bool done() const { return done_; }

  const std::vector<double>& lrs() const { return lrs_; }
  const std::vector<double>& losses() const { return losses_; }
  const std::vector<double>& smoothed() const { return smoothed_; }
  bool stopped_early() const { return stopped_early_; }
  // {"lrs", "losses", "smoothed", "stopped_early", "suggestion": {"steepest", "min_over_10", "min_loss_lr"}}
  nlohmann::json result() const;

 private:
  LrFinderOptions options_;
  std::unique_ptr<train::Trainer> trainer_;
  std::vector<double> schedule_lrs_;  // the lr of every step, as the schedule computes it
  std::vector<double> lrs_, losses_, smoothed_;
  double average_ = 0.0, best_ = 0.0;
  bool done_ = false, stopped_early_ = false;
};

}  // namespace descent::search
