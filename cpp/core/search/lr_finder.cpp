#include "search/lr_finder.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "data/load.hpp"
#include "schedule/schedule.hpp"
#include "spec/spec.hpp"
#include "train/experiment.hpp"

namespace descent::search {

namespace {

using json = nlohmann::json;

constexpr long kMaxSteps = 10000;

json num(double v) { return std::isfinite(v) ? json(v) : json(); }
json opt(const std::optional<double>& v) { return v ? num(*v) : json(); }

double option(const json& doc, const char* key, double fallback, bool (*ok)(double), const char* allowed) {
  if (!doc.contains(key) || doc[key].is_null()) return fallback;
  if (!doc[key].is_number() || !ok(doc[key].get<double>()))
    throw std::invalid_argument(std::string("lr_finder.") + key + ": expected " + allowed + ", got " + doc[key].dump());
  return doc[key].get<double>();
}

}  // namespace

LrFinderOptions parse_lr_finder_options(const json& doc) {
  LrFinderOptions o;
  if (doc.is_null()) return o;
  if (!doc.is_object()) throw std::invalid_argument("lr_finder: expected an object, got " + doc.dump());
  for (const auto& [key, _] : doc.items())
    if (key != "min_lr" && key != "max_lr" && key != "steps" && key != "smoothing" && key != "diverge_factor")
      throw std::invalid_argument("lr_finder." + key + ": unknown key (allowed: min_lr, max_lr, steps, smoothing, diverge_factor)");
  const auto positive = [](double v) { return std::isfinite(v) && v > 0; };
  o.min_lr = option(doc, "min_lr", o.min_lr, positive, "a finite number greater than 0");
  o.max_lr = option(doc, "max_lr", o.max_lr, positive, "a finite number greater than 0");
  if (o.max_lr <= o.min_lr)
    throw std::invalid_argument("lr_finder.max_lr: must be greater than min_lr (" + json(o.min_lr).dump() + "), got " +
                                json(o.max_lr).dump());
  if (doc.contains("steps") && !doc["steps"].is_null()) {
    const auto& s = doc["steps"];
    const bool ok = (s.is_number_integer() || s.is_number_unsigned()) && s.get<long long>() >= 5 && s.get<long long>() <= kMaxSteps;
    if (!ok) throw std::invalid_argument("lr_finder.steps: expected an integer from 5 to 10000, got " + s.dump());
    o.steps = s.get<long>();
  }
  o.smoothing = option(doc, "smoothing", o.smoothing, [](double v) { return v >= 0 && v < 1; }, "a number from 0 to below 1");
  o.diverge_factor = option(doc, "diverge_factor", o.diverge_factor, [](double v) { return std::isfinite(v) && v > 1; },
                            "a finite number greater than 1");
  return o;
}

LrSuggestion suggest_lr(const std::vector<double>& lrs, const std::vector<double>& smoothed) {
  LrSuggestion s;
  const std::size_t n = std::min(lrs.size(), smoothed.size());
  if (n < 5) return s;
  std::size_t m = 0;
  for (std::size_t k = 1; k < n; ++k)
    if (smoothed[k] < smoothed[m]) m = k;
  s.min_loss_lr = lrs[m];
  s.min_over_10 = lrs[m] / 10.0;
  // Only up to the minimum: past it the loss climbs and explodes, which is no guide. The first tenth
  // is skipped too: there the bias-corrected average rests on a few batches and swings with them.
  double steepest = 0.0;
  for (std::size_t k = std::max<std::size_t>(1, n / 10); k + 1 <= m; ++k) {
    const double slope = (smoothed[k + 1] - smoothed[k - 1]) / (std::log(lrs[k + 1]) - std::log(lrs[k - 1]));
    if (slope < steepest) {
      steepest = slope;
      s.steepest = lrs[k];
    }
  }
  return s;
}

LrFinder::LrFinder(const json& spec_doc, std::string_view csv_bytes, const LrFinderOptions& options) : options_(options) {
  auto s = spec::parse_spec(spec_doc);
  const double gamma = std::pow(options.max_lr / options.min_lr, 1.0 / static_cast<double>(options.steps - 1));
  s.optimizer["lr"] = options.min_lr;
  s.schedule = {{"name", "exponential"}, {"gamma", gamma}};
  s.schedule_per_epoch = false;
  s.steps = options.steps;
  s.epochs = 0;
  s.target_loss = -1.0;
  s.patience = 0;
  s.metrics_every = options.steps;  // no evaluation passes until the end
  trainer_ = train::make_trainer(s, load_data(s.data, csv_bytes));
  schedule_lrs_ = make_schedule(s.schedule, trainer_->optimizer().base_lr())->preview(options.steps);
  lrs_.reserve(static_cast<std::size_t>(options.steps));
  losses_.reserve(static_cast<std::size_t>(options.steps));
  smoothed_.reserve(static_cast<std::size_t>(options.steps));
}

bool LrFinder::step(long n) {
  const double beta = options_.smoothing;
  for (long i = 0; i < n && !done_; ++i) {
    trainer_->step(1);
    const std::size_t k = trainer_->log().count() - 1;
    const double loss = trainer_->log().loss(k);
    if (!std::isfinite(loss)) {
      stopped_early_ = true;
      done_ = true;
      break;
    }
    average_ = beta * average_ + (1.0 - beta) * loss;
    const double correction = 1.0 - std::pow(beta, static_cast<double>(k + 1));
    const double smooth = correction > 0 ? average_ / correction : loss;
    lrs_.push_back(schedule_lrs_[k]);
    losses_.push_back(loss);
    smoothed_.push_back(smooth);
    if (k == 0 || smooth < best_) best_ = smooth;
    if (!std::isfinite(smooth) || (k > 0 && smooth > options_.diverge_factor * best_)) {
      stopped_early_ = true;
      done_ = true;
    } else if (trainer_->status().done) {
      stopped_early_ = trainer_->status().reason == train::StopReason::diverged;
      done_ = true;
    }
  }
  return done_;
}

json LrFinder::result() const {
  json lrs = json::array(), losses = json::array(), smoothed = json::array();
  for (std::size_t k = 0; k < lrs_.size(); ++k) {
    lrs.push_back(num(lrs_[k]));
    losses.push_back(num(losses_[k]));
    smoothed.push_back(num(smoothed_[k]));
  }
  const auto s = suggest_lr(lrs_, smoothed_);
  return {{"lrs", std::move(lrs)},
          {"losses", std::move(losses)},
          {"smoothed", std::move(smoothed)},
          {"stopped_early", stopped_early_},
          {"suggestion", {{"steepest", opt(s.steepest)}, {"min_over_10", opt(s.min_over_10)}, {"min_loss_lr", opt(s.min_loss_lr)}}}};
}

}  // namespace descent::search
