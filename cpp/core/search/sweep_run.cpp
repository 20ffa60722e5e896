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

Fields SweepRun::result() const {
  const auto summary = train::summary_json(*trainer_, seconds_);
  const std::string score = trainer_->classes() > 0 ? "accuracy" : "r2";
  const auto field = [&](const std::string& key) {
    return Fields::value_type(key, summary.contains(key) ? summary[key] : nlohmann::json());
  };
  return {field("train_loss"),  field("test_loss"), field("train_" + score), field("test_" + score),
          {"diverged", trainer_->status().reason == train::StopReason::diverged},
          field("diverged_at"), field("steps"),     field("stop"),            field("seconds")};
}

}  // namespace descent::search
