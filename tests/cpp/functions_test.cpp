// The 2-D test functions: gradients agree with finite differences, minima are stationary and
// lowest, values match the golden README's formulas, and the catalog is complete.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "functions/function.hpp"
#include "run2d.hpp"

namespace descent {
namespace {

std::vector<const TestFunction*> all_functions() {
  std::vector<const TestFunction*> out;
  for (const auto* list : {&golden_functions(), &teaching_functions()})
    for (const auto& f : *list) out.push_back(&f);
  return out;
}

TEST(Functions, GradientsMatchCentralDifferences) {
  for (const auto* f : all_functions()) {
    for (const auto& [x, y] : {std::pair{0.3, -0.7}, std::pair{-1.1, 1.9}, std::pair{2.2, 0.4}, std::pair{f->start[0], f->start[1]}}) {
      const double h = 1e-6;
      const auto g = f->gradient(x, y);
      const double gx = (f->value(x + h, y) - f->value(x - h, y)) / (2 * h);
      const double gy = (f->value(x, y + h) - f->value(x, y - h)) / (2 * h);
      EXPECT_NEAR(g[0], gx, 1e-5 * (1 + std::abs(gx))) << f->name << " at " << x << "," << y;
      EXPECT_NEAR(g[1], gy, 1e-5 * (1 + std::abs(gy))) << f->name << " at " << x << "," << y;
    }
  }
}

TEST(Functions, MinimaAreStationaryAndGlobalOnesAreLowest) {
  for (const auto* f : all_functions()) {
    double best = INFINITY;
    for (const auto& m : f->minima) {
      const auto g = f->gradient(m.x, m.y);
      EXPECT_NEAR(g[0], 0.0, 1e-9) << f->name;
      EXPECT_NEAR(g[1], 0.0, 1e-9) << f->name;
      if (m.global) best = std::min(best, f->value(m.x, m.y));
    }
    for (const auto& m : f->minima) {
      if (!m.global) {
        EXPECT_GT(f->value(m.x, m.y), best) << f->name;
      }
    }
    EXPECT_LT(f->range[0], f->start[0]);
    EXPECT_GT(f->range[1], f->start[0]);
    EXPECT_LT(f->range[2], f->start[1]);
    EXPECT_GT(f->range[3], f->start[1]);
  }
  EXPECT_TRUE(find_function("saddle").minima.empty());
}

TEST(Functions, ValuesFollowTheGoldenFormulas) {
  EXPECT_DOUBLE_EQ(find_function("quadratic").value(2.0, 1.0), 7.0);
  EXPECT_DOUBLE_EQ(find_function("rosenbrock").value(0.0, 1.0), 101.0);
  EXPECT_DOUBLE_EQ(find_function("beale").value(0.0, 0.0), 1.5 * 1.5 + 2.25 * 2.25 + 2.625 * 2.625);
  EXPECT_DOUBLE_EQ(find_function("himmelblau").value(0.0, 0.0), 170.0);
  EXPECT_DOUBLE_EQ(find_function("saddle").value(1.0, 2.0), -3.0);
  EXPECT_NEAR(find_function("rastrigin").value(0.5, 0.0), 0.25 + 20.0, 1e-12);  // A = 10
  EXPECT_DOUBLE_EQ(find_function("booth").value(0.0, 0.0), 74.0);
}

TEST(Functions, UnknownNameListsAll) {
  try {
    find_function("sphere");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "function: unknown test function \"sphere\" (allowed: quadratic, rosenbrock, beale, himmelblau, saddle, "
              "rastrigin, booth, plateau, two_minima, ravine)");
  }
}

TEST(Functions, CatalogHasEverythingThePageDraws) {
  const auto c = function_catalog();
  ASSERT_EQ(c.size(), 10u);
  for (const auto& f : c) {
    for (const char* key : {"name", "title", "formula", "description", "minima", "range", "start"})
      EXPECT_TRUE(f.contains(key)) << key;
    EXPECT_EQ(f.at("range").at("x").size(), 2u);
  }
  EXPECT_EQ(c[1].at("minima")[0].at("value"), 0.0);
}

TEST(Run2DRecord, DivergenceStopsTheRunAndRecordsTheStep) {
  Run2D run(find_function("saddle"), {0.5, 0.5}, {{"name", "sgd"}, {"lr", 1e6}}, nullptr);
  const long done = run.step(200);
  EXPECT_LT(done, 200);
  EXPECT_GE(run.diverged_step(), 0);
  EXPECT_EQ(run.step(5), 0);
  EXPECT_EQ(run.lrs().size(), static_cast<std::size_t>(run.diverged_step() + 1));
  EXPECT_EQ(run.trajectory().size(), 2 * static_cast<std::size_t>(run.diverged_step() + 1));
  for (const double v : run.trajectory()) EXPECT_TRUE(std::isfinite(v));
}

TEST(Run2DRecord, SteppingInChunksEqualsOneGo) {
  const nlohmann::json opt = {{"name", "adam"}, {"lr", 0.05}};
  const nlohmann::json sched = {{"name", "reduce_on_plateau"}, {"patience", 2}};
  Run2D a(find_function("himmelblau"), {0.0, 0.0}, opt, sched), b(find_function("himmelblau"), {0.0, 0.0}, opt, sched);
  a.step(90);
  b.step(7);
  b.step(40);
  b.step(43);
  EXPECT_EQ(a.trajectory(), b.trajectory());
  EXPECT_EQ(a.losses(), b.losses());
  EXPECT_EQ(a.lrs(), b.lrs());
  EXPECT_EQ(a.state()[0].values[0], b.state()[0].values[0]);
  EXPECT_EQ(a.losses().size(), 91u);
}

}  // namespace
}  // namespace descent
