// Schedule semantics beyond the golden cases, and make_schedule's validation messages.
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "schedule/schedule.hpp"

namespace descent {
namespace {

using nlohmann::json;

std::vector<double> stepped(Schedule& s, const std::vector<double>& metrics) {
  std::vector<double> out;
  for (const double m : metrics) {
    out.push_back(s.current());
    s.advance(m);
  }
  out.push_back(s.current());
  return out;
}

TEST(SchedulePlateau, WaitsPatienceThenReducesAndCoolsDown) {
  auto s = make_schedule({{"name", "reduce_on_plateau"}, {"factor", 0.5}, {"patience", 2}, {"cooldown", 1},
                          {"threshold_mode", "abs"}, {"threshold", 0.0}},
                         1.0);
  // Improves once, then flat: bad steps 1, 2, 3 > patience → cut after the 4th metric.
  const auto lrs = stepped(*s, {5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0});
  // metric:  5(best) 5(bad1) 5(bad2) 5(bad3→cut, cooldown 1) 5(cool: bad reset) 5(bad1) 5(bad2) 5(bad3→cut)
  EXPECT_EQ(lrs, (std::vector<double>{1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25}));
}

TEST(SchedulePlateau, StopsAtMinLr) {
  auto s = make_schedule({{"name", "reduce_on_plateau"}, {"factor", 0.1}, {"patience", 0}, {"min_lr", 0.05}}, 1.0);
  const auto lrs = stepped(*s, {1.0, 1.0, 1.0, 1.0});
  EXPECT_EQ(lrs, (std::vector<double>{1.0, 1.0, 0.1, 0.05, 0.05}));
}

TEST(SchedulePlateau, ImprovementResetsPatienceAndMaxMode) {
  auto s = make_schedule({{"name", "reduce_on_plateau"}, {"mode", "max"}, {"patience", 1}, {"factor", 0.5}}, 1.0);
  const auto lrs = stepped(*s, {1.0, 2.0, 3.0, 3.0, 3.0});
  EXPECT_EQ(lrs, (std::vector<double>{1.0, 1.0, 1.0, 1.0, 1.0, 0.5}));
  EXPECT_TRUE(s->needs_metric());
  EXPECT_THROW(s->advance(), std::invalid_argument);
  EXPECT_THROW(s->lr_at(3), std::invalid_argument);
}

TEST(ScheduleWarmRestarts, TMult2RestartsAt5And15And35) {
  auto s = make_schedule({{"name", "cosine_warm_restarts"}, {"T_0", 5}, {"T_mult", 2}, {"eta_min", 0.0}}, 1.0);
  for (const long restart : {0L, 5L, 15L, 35L}) EXPECT_DOUBLE_EQ(s->lr_at(restart), 1.0) << restart;
  EXPECT_NEAR(s->lr_at(10), 0.5, 1e-15);  // halfway through the 10-step cycle
  EXPECT_NEAR(s->lr_at(25), 0.5, 1e-15);  // halfway through the 20-step cycle
  EXPECT_LT(s->lr_at(14), 0.03);
}

TEST(ScheduleOneCycle, LastStepIsInitialOverFinalDivFactor) {
  for (const bool three : {false, true})
    for (const std::string strategy : {"cos", "linear"}) {
      auto s = make_schedule({{"name", "onecycle"}, {"max_lr", 0.2}, {"total_steps", 40}, {"three_phase", three},
                              {"anneal_strategy", strategy}},
                             123.0);
      const double init = 0.2 / 25.0;
      EXPECT_DOUBLE_EQ(s->initial_lr(), init);
      EXPECT_DOUBLE_EQ(s->lr_at(0), init);
      // linear: (to − from)·1 + from rounds at max_lr's ulp
      EXPECT_NEAR(s->lr_at(39), init / 1e4, 1e-16) << strategy << three;
      EXPECT_NEAR(s->lr_at(11), 0.2, 1e-15);  // end of the warm-up: pct_start·N − 1 = 11
      EXPECT_THROW(s->lr_at(41), std::invalid_argument);
    }
}

TEST(ScheduleCosine, RisesAgainAfterTMax) {
  auto s = make_schedule({{"name", "cosine"}, {"T_max", 10}, {"eta_min", 0.0}}, 1.0);
  EXPECT_EQ(s->lr_at(10), 0.0);
  EXPECT_NEAR(s->lr_at(15), 0.5, 1e-14);
  EXPECT_NEAR(s->lr_at(20), 1.0, 1e-14);
  for (long t = 0; t < 45; ++t)
    EXPECT_NEAR(s->lr_at(t), 0.5 * (1.0 + std::cos(std::numbers::pi * static_cast<double>(t) / 10.0)), 1e-14) << t;
}

TEST(ScheduleSteppedAgreesWithLrAt, EverySchedule) {
  const std::vector<json> specs = {
      nullptr,
      {{"name", "step"}, {"step_size", 3}, {"gamma", 0.5}},
      {{"name", "multistep"}, {"milestones", {2, 2, 7}}},
      {{"name", "exponential"}, {"gamma", 0.9}},
      {{"name", "cosine"}, {"T_max", 7}, {"eta_min", 0.01}},
      {{"name", "cosine_warm_restarts"}, {"T_0", 3}, {"T_mult", 3}},
      {{"name", "linear"}, {"start_factor", 0.2}, {"total_iters", 6}},
      {{"name", "polynomial"}, {"total_iters", 9}, {"power", 3.0}},
      {{"name", "onecycle"}, {"total_steps", 30}},
      {{"name", "cyclic"}, {"max_lr", 1.0}, {"step_size_up", 4}, {"step_size_down", 2}, {"mode", "exp_range"}, {"gamma", 0.95}},
      {{"name", "warmup_cosine"}, {"warmup_steps", 4}, {"T_max", 8}}};
  for (const auto& spec : specs) {
    auto s = make_schedule(spec, 0.3);
    const auto preview = s->preview(30);
    for (long t = 0; t < 30; ++t) {
      EXPECT_EQ(s->current(), preview[static_cast<std::size_t>(t)]) << spec.dump() << " t=" << t;
      s->advance();
    }
    s->reset();
    EXPECT_EQ(s->current(), preview[0]);
  }
}

TEST(ScheduleCyclic, BaseLrDefaultsToTheOptimizersLr) {
  auto s = make_schedule({{"name", "cyclic"}, {"max_lr", 1.0}, {"step_size_up", 2}}, 0.5);
  EXPECT_EQ(s->preview(5), (std::vector<double>{0.5, 0.75, 1.0, 0.75, 0.5}));
}

std::string error_of(const json& spec) {
  try {
    make_schedule(spec, 0.1);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ScheduleValidation, Messages) {
  EXPECT_EQ(error_of({{"name", "cosin"}}),
            "schedule.name: unknown schedule \"cosin\" (allowed: constant, step, multistep, exponential, cosine, "
            "cosine_warm_restarts, linear, polynomial, onecycle, cyclic, reduce_on_plateau, warmup_cosine)");
  EXPECT_EQ(error_of({{"name", "step"}, {"stepsize", 3}}),
            "schedule.stepsize: unknown option for step (allowed: step_size, gamma)");
  EXPECT_EQ(error_of({{"name", "step"}, {"step_size", 0}}), "schedule.step_size: must be >= 1, got 0");
  EXPECT_EQ(error_of({{"name", "cosine"}, {"T_max", 2.5}}), "schedule.T_max: expected an integer, got 2.5");
  EXPECT_EQ(error_of({{"name", "onecycle"}, {"anneal_strategy", "cosine"}}),
            "schedule.anneal_strategy: unknown value \"cosine\" (allowed: cos, linear)");
  EXPECT_EQ(error_of({{"name", "onecycle"}, {"pct_start", 1.5}}), "schedule.pct_start: must be in [0, 1], got 1.5");
  EXPECT_EQ(error_of({{"name", "reduce_on_plateau"}, {"factor", 1.0}}), "schedule.factor: must be in [0, 1), got 1");
  EXPECT_EQ(error_of({{"name", "multistep"}, {"milestones", {3, "x"}}}),
            "schedule.milestones[1]: expected an integer, got string \"x\"");
  EXPECT_EQ(error_of({{"name", "cyclic"}, {"cycle_momentum", true}}),
            "schedule.cycle_momentum: only false is supported (momentum cycling is not implemented)");
  EXPECT_EQ(error_of({{"name", "linear"}, {"start_factor", 0.0}}), "schedule.start_factor: must be in (0, 1], got 0");
}

TEST(ScheduleCatalog, DescribesEverySchedule) {
  const auto catalog = schedule_catalog();
  ASSERT_EQ(catalog.size(), 12u);
  for (const auto& s : catalog) {
    EXPECT_FALSE(s.at("formula").get<std::string>().empty());
    EXPECT_NO_THROW(make_schedule({{"name", s.at("name")}}, 0.1)) << s.at("name");
  }
}

}  // namespace
}  // namespace descent
