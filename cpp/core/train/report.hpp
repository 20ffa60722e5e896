#pragma once
// The JSON records the CLI streams and the worker reads: per step, per evaluation, and the summary.
#include <nlohmann/json.hpp>

#include "train/trainer.hpp"

namespace descent::train {

// {"type": "step", "step", "loss", "lr", "grad_norm"} for a logged global step.
nlohmann::json step_json(const Trainer& trainer, std::size_t step);
// {"type": "eval", "step", "epoch", "lr", "train_loss", "test_loss", "train_accuracy"|"train_r2",
//  "test_accuracy"|"test_r2", "layers": [{"grad_norm", "weight_norm", "update_ratio"}]}
nlohmann::json eval_json(const Trainer& trainer, const EvalRecord& rec);
// {"type": "summary", final losses and scores, "steps", "epochs", "stop", "diverged_at", "seconds",
//  "confusion" (classification)}
nlohmann::json summary_json(const Trainer& trainer, double seconds);

}  // namespace descent::train
