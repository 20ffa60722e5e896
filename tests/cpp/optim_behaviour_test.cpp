// Optimizer properties beyond the golden cases: lr 0, zero gradients, AMSGrad's running max,
// convergence on easy functions, maximize, state names, clipping.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "functions/function.hpp"
#include "optim/clip.hpp"
#include "optim/optimizer.hpp"
#include "run2d.hpp"

namespace descent {
namespace {

using nlohmann::json;

const std::vector<std::string> kNames = {"sgd", "adagrad", "rmsprop", "adadelta", "adam",
                                         "adamw", "adamax", "nadam", "radam", "lion"};

class EveryOptimizer : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryOptimizer, ZeroLrLeavesParamsUnchanged) {
  auto opt = make_optimizer<double>({{"name", GetParam()}, {"lr", 0.0}});
  opt->init(3);
  std::vector<double> p = {1.5, -2.0, 0.25};
  const std::vector<double> g = {0.3, -4.0, 1e-3};
  for (int i = 0; i < 5; ++i) opt->step(p, g, 0.0);
  EXPECT_EQ(p, (std::vector<double>{1.5, -2.0, 0.25}));
  EXPECT_EQ(opt->steps_taken(), 5);
}

TEST_P(EveryOptimizer, ZeroGradientWithoutDecayLeavesParamsUnchanged) {
  json spec = {{"name", GetParam()}};
  if (GetParam() == "adamw") spec["weight_decay"] = 0.0;
  auto opt = make_optimizer<float>(spec);
  opt->init(2);
  std::vector<float> p = {1.0f, -3.0f};
  const std::vector<float> g = {0.0f, 0.0f};
  for (int i = 0; i < 10; ++i) opt->step(p, g, 0.1);
  EXPECT_EQ(p, (std::vector<float>{1.0f, -3.0f}));
  for (const auto& s : opt->state())
    for (const float v : s.values) EXPECT_TRUE(std::isfinite(v)) << s.name;
}

// Each optimizer, with a learning rate suited to it, gets close to the minimum of an easy bowl.
struct Convergence {
  std::string optimizer;
  double lr;
  long steps;
};

class Converges : public ::testing::TestWithParam<Convergence> {};

TEST_P(Converges, ReachesMinimumOfQuadraticAndBooth) {
  const auto& [name, lr, steps] = GetParam();
  for (const std::string fn : {"quadratic", "booth"}) {
    const auto& f = find_function(fn);
    json opt = {{"name", name}, {"lr", lr}};
    if (name == "adamw") opt["weight_decay"] = 0.0;  // decay would pull the minimum towards 0
    // Lion's fixed ±lr steps and Adadelta's eps-sized steps keep them circling the minimum; a
    // decaying lr lets them settle.
    const json sched = name == "lion" || name == "adadelta" ? json{{"name", "cosine"}, {"T_max", steps}} : json(nullptr);
    Run2D run(f, f.start, opt, sched);
    run.step(steps);
    ASSERT_EQ(run.diverged_step(), -1) << fn;
    const double x = run.trajectory()[run.trajectory().size() - 2], y = run.trajectory().back();
    EXPECT_NEAR(x, f.minima[0].x, 1e-2) << name << " on " << fn;
    EXPECT_NEAR(y, f.minima[0].y, 1e-2) << name << " on " << fn;
  }
}

INSTANTIATE_TEST_SUITE_P(All, EveryOptimizer, ::testing::ValuesIn(kNames),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(All, Converges,
                         ::testing::Values(Convergence{"sgd", 0.05, 500}, Convergence{"adagrad", 1.0, 2000},
                                           Convergence{"rmsprop", 0.01, 2000}, Convergence{"adadelta", 1.0, 3000},
                                           Convergence{"adam", 0.1, 2000}, Convergence{"adamw", 0.1, 2000},
                                           Convergence{"adamax", 0.1, 2000}, Convergence{"nadam", 0.1, 2000},
                                           Convergence{"radam", 0.1, 2000}, Convergence{"lion", 0.05, 2000}),
                         [](const auto& info) { return info.param.optimizer; });

TEST(OptimAmsgrad, RunningMaxNeverDecreases) {
  auto opt = make_optimizer<double>({{"name", "adam"}, {"lr", 0.05}, {"amsgrad", true}});
  opt->init(2);
  std::vector<double> p = {1.0, 1.0};
  std::vector<double> prev_max = {0.0, 0.0};
  const auto& f = find_function("rosenbrock");
  bool shrank_v = false;
  for (int t = 0; t < 300; ++t) {
    const auto g = f.gradient(p[0], p[1] + (t < 20 ? 3.0 : 0.0));  // large early gradients, then small
    opt->step(p, g, 0.05);
    const auto state = opt->state();
    ASSERT_EQ(state.size(), 3u);
    ASSERT_EQ(state[2].name, "max_exp_avg_sq");
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_GE(state[2].values[i], prev_max[i]);
      EXPECT_GE(state[2].values[i], state[1].values[i]);
      shrank_v = shrank_v || state[1].values[i] < state[2].values[i];
      prev_max[i] = state[2].values[i];
    }
  }
  EXPECT_TRUE(shrank_v) << "the test never exercised a v below its running max";
}

TEST(OptimMaximize, ClimbsInsteadOfDescending) {
  for (const std::string name : {"sgd", "adam", "rmsprop", "adagrad", "nadam"}) {
    auto up = make_optimizer<double>({{"name", name}, {"lr", 0.01}, {"maximize", true}});
    auto down = make_optimizer<double>({{"name", name}, {"lr", 0.01}});
    up->init(1);
    down->init(1);
    std::vector<double> a = {1.0}, b = {1.0};
    const std::vector<double> g = {2.0};
    up->step(a, g, 0.01);
    down->step(b, g, 0.01);
    EXPECT_GT(a[0], 1.0) << name;
    EXPECT_NEAR(a[0] - 1.0, 1.0 - b[0], 1e-15) << name;
  }
}

TEST(OptimState, NamesForDrawingTheMomentum) {
  auto names = [](const json& spec) {
    auto opt = make_optimizer<double>(spec);
    opt->init(2);
    std::vector<std::string> out;
    for (const auto& s : opt->state()) {
      out.push_back(s.name);
      EXPECT_EQ(s.values.size(), 2u);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names({{"name", "sgd"}}), V{});
  EXPECT_EQ(names({{"name", "sgd"}, {"momentum", 0.9}}), V{"momentum_buffer"});
  EXPECT_EQ(names({{"name", "adam"}}), (V{"exp_avg", "exp_avg_sq"}));
  EXPECT_EQ(names({{"name", "adamw"}, {"amsgrad", true}}), (V{"exp_avg", "exp_avg_sq", "max_exp_avg_sq"}));
  EXPECT_EQ(names({{"name", "rmsprop"}, {"centered", true}, {"momentum", 0.5}}),
            (V{"square_avg", "grad_avg", "momentum_buffer"}));
  EXPECT_EQ(names({{"name", "adagrad"}}), V{"sum"});
  EXPECT_EQ(names({{"name", "adadelta"}}), (V{"square_avg", "acc_delta"}));
  EXPECT_EQ(names({{"name", "adamax"}}), (V{"exp_avg", "exp_inf"}));
  EXPECT_EQ(names({{"name", "lion"}}), V{"exp_avg"});
}

TEST(OptimHyperparameters, DefaultsFollowPyTorch) {
  auto adamw = make_optimizer<float>({{"name", "adamw"}});
  EXPECT_EQ(adamw->hyperparameters().at("weight_decay"), 0.01);
  EXPECT_EQ(adamw->hyperparameters().at("betas"), json({0.9, 0.999}));
  EXPECT_EQ(make_optimizer<float>({{"name", "adam"}})->hyperparameters().at("weight_decay"), 0.0);
  EXPECT_EQ(make_optimizer<float>({{"name", "sgd"}})->base_lr(), 0.01);
  EXPECT_EQ(make_optimizer<float>({{"name", "adadelta"}})->base_lr(), 1.0);
  EXPECT_EQ(make_optimizer<float>({{"name", "adagrad"}})->hyperparameters().at("eps"), 1e-10);
  EXPECT_EQ(make_optimizer<float>({{"name", "nadam"}})->hyperparameters().at("momentum_decay"), 4e-3);
  EXPECT_EQ(make_optimizer<float>({{"name", "lion"}})->hyperparameters().at("betas"), json({0.9, 0.99}));
}

TEST(OptimStep, RejectsWrongSizes) {
  auto opt = make_optimizer<double>({{"name", "adam"}});
  opt->init(2);
  std::vector<double> p = {1.0, 2.0, 3.0};
  const std::vector<double> g = {1.0, 2.0, 3.0};
  EXPECT_THROW(opt->step(p, g, 0.1), std::invalid_argument);
}

TEST(ClipGradNorm, ScalesToMaxNormLikePyTorch) {
  std::vector<double> g = {3.0, 4.0};
  const double total = clip_grad_norm<double>(g, 1.0);
  EXPECT_DOUBLE_EQ(total, 5.0);
  EXPECT_DOUBLE_EQ(g[0], 3.0 * (1.0 / (5.0 + 1e-6)));
  EXPECT_DOUBLE_EQ(g[1], 4.0 * (1.0 / (5.0 + 1e-6)));
  std::vector<float> small = {0.3f, 0.4f};
  EXPECT_NEAR(clip_grad_norm<float>(small, 1.0), 0.5, 1e-7);
  EXPECT_EQ(small, (std::vector<float>{0.3f, 0.4f}));  // below max_norm: untouched
  std::vector<double> inf_norm = {-6.0, 2.0};
  EXPECT_DOUBLE_EQ(clip_grad_norm<double>(inf_norm, 3.0, std::numeric_limits<double>::infinity()), 6.0);
  EXPECT_DOUBLE_EQ(inf_norm[0], -6.0 * (3.0 / (6.0 + 1e-6)));
  std::vector<double> zero = {0.0, 0.0};
  EXPECT_EQ(clip_grad_norm<double>(zero, 1.0), 0.0);
  EXPECT_EQ(zero, (std::vector<double>{0.0, 0.0}));
}

TEST(ClipGradValue, ClampsEachComponent) {
  std::vector<float> g = {-5.0f, 0.5f, 2.0f};
  clip_grad_value<float>(g, 1.0);
  EXPECT_EQ(g, (std::vector<float>{-1.0f, 0.5f, 1.0f}));
  EXPECT_THROW(clip_grad_value<float>(g, -1.0), std::invalid_argument);
}

}  // namespace
}  // namespace descent
