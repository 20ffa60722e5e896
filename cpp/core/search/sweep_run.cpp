#include "search/sweep_run.hpp"

#include <algorithm>
#include <chrono>

#include "train/experiment.hpp"
#include "train/report.hpp"

namespace descent::search {

SweepRun::SweepRun(const nlohmann::json& spec, std::string_view csv_bytes)
    : trainer_(train::make_trainer(spec, csv_bytes)) {
  const auto& c = trainer_->config();
  const auto n = static_cast<long>(trainer_->data().n_train());
  const long batch = c.batch_size == 0 ? n : std::min(static_cast<long>(c.batch_size), n);
  const long per_epoch = (n + batch - 1) / batch;
  budget_ = c.max_steps > 0 ? c.max_steps : 0;
  if (c.max_epochs > 0) budget_ = budget_ > 0 ? std::min(budget_, c.max_epochs * per_epoch) : c.max_epochs * per_epoch;
}

bool SweepRun::step(long n) {
  const auto start = std::chrono::steady_clock::now();
  const bool done = trainer_->step(n).done;
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return done;
}

double SweepRun::progress() const {
  if (trainer_->status().done || budget_ <= 0) return trainer_->status().done ? 1.0 : 0.0;
  return std::min(1.0, static_cast<double>(trainer_->status().steps) / static_cast<double>(budget_));
}

ojson SweepRun::result() const {
  const auto summary = train::summary_json(*trainer_, seconds_);
  const std::string score = trainer_->classes() > 0 ? "accuracy" : "r2";
  const auto field = [&](const std::string& key) { return summary.contains(key) ? ojson(summary[key]) : ojson(); };
  ojson out;
  out["train_loss"] = field("train_loss");
  out["test_loss"] = field("test_loss");
  out["train_" + score] = field("train_" + score);
  out["test_" + score] = field("test_" + score);
  out["diverged"] = trainer_->status().reason == train::StopReason::diverged;
  out["diverged_at"] = field("diverged_at");
  out["steps"] = field("steps");
  out["stop"] = field("stop");
  out["seconds"] = field("seconds");
  return out;
}

ojson run_line(const ojson& plan_line, std::string_view csv_bytes) {
  SweepRun run(nlohmann::json(plan_line.at("spec")), csv_bytes);
  while (!run.step(1 << 16)) {
  }
  ojson line = plan_line;
  const ojson result = run.result();
  for (const auto& [key, value] : result.items()) line[key] = value;
  return line;
}

}  // namespace descent::search
