// The LR range test: suggestions on synthetic curves, option validation, the run itself, and the
// suggestion held to the best lr of a 7-point log grid on two data sets.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "search/lr_finder.hpp"
#include "search/search_space.hpp"
#include "search/sweep_run.hpp"

namespace descent::search {
namespace {

using nlohmann::json;

std::vector<double> log_lrs(std::size_t n) {
  std::vector<double> lrs;
  for (std::size_t k = 0; k < n; ++k) lrs.push_back(1e-6 * std::pow(1e7, static_cast<double>(k) / static_cast<double>(n - 1)));
  return lrs;
}

TEST(LrFinderSuggestion, SteepestFallAndMinimumOfASyntheticCurve) {
  // Flat at 2, a tanh-shaped fall of 1.5 centred on lr 1e-3 (log10 = -3), then a climb past 1e-1.
  const auto lrs = log_lrs(71);
  std::vector<double> loss;
  for (double lr : lrs) {
    const double x = std::log10(lr);
    loss.push_back(2.0 - 0.75 * (1.0 + std::tanh(2.0 * (x + 3.0))) + (x > -1.0 ? 3.0 * (x + 1.0) * (x + 1.0) : 0.0));
  }
  const auto s = suggest_lr(lrs, loss);
  ASSERT_TRUE(s.steepest && s.min_over_10 && s.min_loss_lr);
  EXPECT_NEAR(std::log10(*s.steepest), -3.0, 0.06);
  EXPECT_NEAR(std::log10(*s.min_loss_lr), -1.0, 0.15);
  EXPECT_DOUBLE_EQ(*s.min_over_10, *s.min_loss_lr / 10.0);
}

TEST(LrFinderSuggestion, ShortOrRisingCurves) {
  auto s = suggest_lr({1e-3, 1e-2, 1e-1, 1.0}, {1.0, 0.5, 0.4, 9.0});
  EXPECT_FALSE(s.steepest || s.min_over_10 || s.min_loss_lr);
  // Rising from the start: the minimum is the first lr, and nothing falls before it.
  const auto lrs = log_lrs(20);
  std::vector<double> rising;
  for (std::size_t k = 0; k < lrs.size(); ++k) rising.push_back(1.0 + 0.1 * static_cast<double>(k));
  s = suggest_lr(lrs, rising);
  EXPECT_FALSE(s.steepest);
  ASSERT_TRUE(s.min_loss_lr);
  EXPECT_EQ(*s.min_loss_lr, lrs[0]);
}

TEST(LrFinderOptions, DefaultsAndErrors) {
  const auto d = parse_lr_finder_options(json::object());
  EXPECT_EQ(d.min_lr, 1e-7);
  EXPECT_EQ(d.max_lr, 10.0);
  EXPECT_EQ(d.steps, 100);
  EXPECT_EQ(d.smoothing, 0.9);
  EXPECT_EQ(d.diverge_factor, 4.0);
  const auto err = [](const char* text) {
    try {
      parse_lr_finder_options(json::parse(text));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(err(R"({"min_lr": 0})"), "lr_finder.min_lr: expected a finite number greater than 0, got 0");
  EXPECT_EQ(err(R"({"min_lr": 1, "max_lr": 0.5})"), "lr_finder.max_lr: must be greater than min_lr (1.0), got 0.5");
  EXPECT_EQ(err(R"({"steps": 4})"), "lr_finder.steps: expected an integer from 5 to 10000, got 4");
  EXPECT_EQ(err(R"({"smoothing": 1})"), "lr_finder.smoothing: expected a number from 0 to below 1, got 1");
  EXPECT_EQ(err(R"({"diverge_factor": 1})"), "lr_finder.diverge_factor: expected a finite number greater than 1, got 1");
  EXPECT_EQ(err(R"({"step": 4})"), "lr_finder.step: unknown key (allowed: min_lr, max_lr, steps, smoothing, diverge_factor)");
}

TEST(LrFinder, GrowsTheLrExponentiallyAndStopsWhenTheLossExplodes) {
  const json spec = {{"data", {{"source", "linear"}}}, {"model", {{"hidden", json::array()}}},
                     {"optimizer", {{"name", "sgd"}}}, {"batch_size", 16}, {"steps", 5}};
  LrFinder finder(spec, {}, parse_lr_finder_options({{"min_lr", 1e-4}, {"max_lr", 100.0}, {"steps", 61}}));
  EXPECT_FALSE(finder.step(10));
  ASSERT_EQ(finder.lrs().size(), 10u);
  for (std::size_t k = 0; k < 10; ++k)
    EXPECT_NEAR(finder.lrs()[k], 1e-4 * std::pow(1e6, static_cast<double>(k) / 60.0), 1e-12 * finder.lrs()[k]);
  // Bias-corrected: the first smoothed value is the first loss itself.
  EXPECT_EQ(finder.smoothed()[0], finder.losses()[0]);
  while (!finder.step(7)) {
  }
  // SGD on standardised linear data diverges well before lr 100.
  EXPECT_TRUE(finder.stopped_early());
  EXPECT_LT(finder.lrs().size(), 61u);
  const auto r = finder.result();
  EXPECT_EQ(r["lrs"].size(), finder.lrs().size());
  EXPECT_TRUE(r["suggestion"]["min_over_10"].is_number());
}

// Best lr (lowest final train loss, not diverged) of 1e-5 ... 10 at the finder's step budget.
double best_grid_lr(const json& spec) {
  const auto space = parse_search(json::parse(R"({"params": {"lr": {"min": 1e-5, "max": 10, "count": 7, "scale": "log"}}})"));
  double best_lr = 0, best_loss = INFINITY;
  for (const auto& line : expand(spec, space)) {
    SweepRun run(line.spec, {});
    while (!run.step(1 << 16)) {
    }
    json result;
    for (const auto& [key, value] : run.result()) result[key] = value;
    if (result["diverged"] || !result["train_loss"].is_number()) continue;
    if (result["train_loss"].get<double>() < best_loss) {
      best_loss = result["train_loss"].get<double>();
      best_lr = line.config.at(0).second.get<double>();
    }
  }
  return best_lr;
}

void expect_suggestion_near_grid_best(const json& spec) {
  LrFinder finder(spec, {}, LrFinderOptions{});
  while (!finder.step(25)) {
  }
  const auto s = suggest_lr(finder.lrs(), finder.smoothed());
  ASSERT_TRUE(s.min_over_10);
  const double best = best_grid_lr(spec);
  ASSERT_GT(best, 0);
  EXPECT_LT(std::abs(std::log10(*s.min_over_10 / best)), 1.0) << "suggested " << *s.min_over_10 << ", grid best " << best;
}

// The default budget of the finder (100 steps) is also each grid run's.
TEST(LrFinder, SuggestionIsWithinTenTimesTheGridBestOnDigitsWithAdam) {
  expect_suggestion_near_grid_best({{"data", {{"source", "digits"}}}, {"optimizer", {{"name", "adam"}}},
                                    {"batch_size", 32}, {"steps", 100}});
}

TEST(LrFinder, SuggestionIsWithinTenTimesTheGridBestOnDiabetesWithSgd) {
  expect_suggestion_near_grid_best({{"data", {{"source", "diabetes"}}}, {"model", {{"hidden", json::array()}}},
                                    {"optimizer", {{"name", "sgd"}}}, {"batch_size", 32}, {"steps", 100}});
}

}  // namespace
}  // namespace descent::search
