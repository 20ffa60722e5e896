#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "data/generators.hpp"

namespace descent {
namespace {

Dataset make(std::string_view name, std::size_t n = 0, double noise = -1.0, std::uint64_t seed = 1) {
  const GeneratorInfo* info = find_generator(name);
  if (!info) throw std::runtime_error("no generator " + std::string(name));
  GeneratorOptions o = info->defaults;
  if (n) o.n = n;
  if (noise >= 0.0) o.noise = noise;
  o.seed = seed;
  return generate(*info, o);
}

std::size_t positives(const Dataset& ds) {
  std::size_t count = 0;
  for (float v : ds.y_train) count += v == 1.f ? 1 : 0;
  for (float v : ds.y_test) count += v == 1.f ? 1 : 0;
  return count;
}

TEST(DataGenerators, CatalogListsEverySource) {
  std::string names;
  for (const auto& g : generator_catalog()) names += std::string(g.name) + " ";
  EXPECT_EQ(names, "circle xor gauss spiral plane multi_gauss five_points linear sine ");
  EXPECT_EQ(find_generator("moons"), nullptr);
}

TEST(DataGenerators, TwoDimensionalShapes) {
  for (const char* name : {"circle", "xor", "gauss", "spiral", "plane", "multi_gauss"}) {
    const Dataset ds = make(name, 400);
    SCOPED_TRACE(name);
    EXPECT_EQ(ds.n_features, 2u);
    EXPECT_EQ(ds.feature_names, (std::vector<std::string>{"x1", "x2"}));
    EXPECT_EQ(ds.n_train(), 320u);
    EXPECT_EQ(ds.n_test(), 80u);
    EXPECT_EQ(ds.x_train.size(), 640u);
    EXPECT_EQ(ds.x_test.size(), 160u);
    for (float v : ds.x_train) EXPECT_TRUE(std::isfinite(v));
  }
  EXPECT_EQ(make("spiral").task, Task::binary);
  EXPECT_EQ(make("spiral").class_names, (std::vector<std::string>{"negative", "positive"}));
  EXPECT_EQ(make("plane").task, Task::regression);
  EXPECT_EQ(make("multi_gauss").task, Task::regression);
}

TEST(DataGenerators, SameSeedSamePointsOtherSeedOthers) {
  for (const char* name : {"circle", "xor", "gauss", "spiral", "plane", "multi_gauss", "linear", "sine"}) {
    SCOPED_TRACE(name);
    const Dataset a = make(name, 100, 0.2, 5), b = make(name, 100, 0.2, 5), c = make(name, 100, 0.2, 6);
    EXPECT_EQ(a.x_train, b.x_train);
    EXPECT_EQ(a.y_train, b.y_train);
    EXPECT_EQ(a.x_test, b.x_test);
    EXPECT_NE(a.x_train, c.x_train);
  }
}

TEST(DataGenerators, LabelBalance) {
  // Without noise the Playground's classes are exactly half and half...
  for (const char* name : {"circle", "gauss", "spiral"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(positives(make(name, 400, 0.0)), 200u);
    EXPECT_EQ(positives(make(name, 401, 0.0)), 201u);
  }
  // ...and xor's quadrants are close to it.
  const std::size_t xor_pos = positives(make("xor", 1000, 0.0));
  EXPECT_GT(xor_pos, 440u);
  EXPECT_LT(xor_pos, 560u);
  // Stratified split: the test part has the same balance.
  const Dataset ds = make("spiral", 400, 0.0);
  std::size_t test_pos = 0;
  for (float v : ds.y_test) test_pos += v == 1.f ? 1 : 0;
  EXPECT_EQ(test_pos, 40u);
}

TEST(DataGenerators, PlaygroundGeometry) {
  // Raw coordinates = standardised * scale + mean.
  auto raw = [](const Dataset& ds, std::size_t i, std::size_t j) {
    return ds.x_train[i * 2 + j] * ds.feature_scale[j] + ds.feature_mean[j];
  };
  const Dataset circle = make("circle", 400, 0.0);
  for (std::size_t i = 0; i < circle.n_train(); ++i) {
    const float r = std::hypot(raw(circle, i, 0), raw(circle, i, 1));
    if (circle.y_train[i] == 1.f) {
      EXPECT_LE(r, 2.5f + 1e-4f);
    } else {
      EXPECT_GE(r, 3.5f - 1e-4f);
    }
  }
  const Dataset x = make("xor", 400, 0.0);
  for (std::size_t i = 0; i < x.n_train(); ++i) {
    const float a = raw(x, i, 0), b = raw(x, i, 1);
    EXPECT_GE(std::abs(a), 0.3f - 1e-4f);
    EXPECT_EQ(x.y_train[i], a * b >= 0 ? 1.f : 0.f);
  }
  const Dataset plane = make("plane", 200, 0.0);
  for (std::size_t i = 0; i < plane.n_train(); ++i)
    EXPECT_NEAR(plane.y_train[i], (raw(plane, i, 0) + raw(plane, i, 1)) / 10.f, 1e-5f);
  const Dataset bumps = make("multi_gauss", 200, 0.0);
  for (float v : bumps.y_train) EXPECT_LE(std::abs(v), 1.f);
}

TEST(DataGenerators, FivePointsIsTheTutorialSet) {
  const Dataset ds = make("five_points");
  EXPECT_EQ(ds.task, Task::regression);
  EXPECT_EQ(ds.n_features, 1u);
  EXPECT_EQ(ds.x_train, (std::vector<float>{1, 2, 3, 4, 5}) );
  EXPECT_EQ(ds.y_train, (std::vector<float>{2, 3, 5, 7, 11}));
  EXPECT_EQ(ds.n_test(), 0u);
  EXPECT_EQ(ds.feature_mean, (std::vector<float>{0}));
  EXPECT_EQ(ds.feature_scale, (std::vector<float>{1}));
}

TEST(DataGenerators, FivePointsOrderIsKept) {
  // Training order matters for the tutorial's step-by-step table; the split must not shuffle it away.
  const Dataset ds = make("five_points");
  for (std::size_t i = 0; i + 1 < ds.n_train(); ++i) EXPECT_LT(ds.x_train[i], ds.x_train[i + 1]);
}

TEST(DataGenerators, LinearIsHundredTrainTwentyTest) {
  const Dataset ds = make("linear");
  EXPECT_EQ(ds.n_train(), 100u);
  EXPECT_EQ(ds.n_test(), 20u);
  EXPECT_EQ(ds.n_features, 1u);
  // Least squares on the raw points recovers a slope near 3.
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(ds.n_train());
  for (std::size_t i = 0; i < ds.n_train(); ++i) {
    const double x = ds.x_train[i] * ds.feature_scale[0] + ds.feature_mean[0];
    sx += x, sy += ds.y_train[i], sxx += x * x, sxy += x * ds.y_train[i];
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  EXPECT_NEAR(slope, 3.0, 0.15);
}

TEST(DataGenerators, SineFollowsTheCurve) {
  const Dataset ds = make("sine", 300, 0.0);
  for (std::size_t i = 0; i < ds.n_train(); ++i) {
    const double x = ds.x_train[i] * ds.feature_scale[0] + ds.feature_mean[0];
    EXPECT_NEAR(ds.y_train[i], std::sin(x), 1e-5);
  }
}

}  // namespace
}  // namespace descent
