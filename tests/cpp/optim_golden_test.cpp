// Every case of golden/optimizers.json, in double (via Run2D) and in float32.
#include <vector>

#include "functions/function.hpp"
#include "optim/optimizer.hpp"
#include "optim_test_support.hpp"
#include "run2d.hpp"
#include "schedule/schedule.hpp"

namespace descent {
namespace {

const nlohmann::json& golden() {
  static const nlohmann::json doc = test::load_golden("optimizers.json");
  return doc;
}

std::vector<nlohmann::json> cases() {
  std::vector<nlohmann::json> out;
  for (const auto& c : golden().at("cases")) out.push_back(c);
  return out;
}

class OptimGolden : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(OptimGolden, DoubleMatchesPyTorch) {
  const auto& c = GetParam();
  const auto tol = test::tolerance_of(c);
  const auto& x0 = c.at("x0");
  Run2D run(find_function(c.at("function")), {x0[0].get<double>(), x0[1].get<double>()}, c.at("optimizer"),
            c.at("schedule"));
  const long steps = c.at("steps");
  ASSERT_EQ(run.step(steps), steps);
  ASSERT_EQ(run.diverged_step(), -1);
  const auto& traj = c.at("trajectory");
  const auto& losses = c.at("losses");
  ASSERT_EQ(run.trajectory().size(), 2 * traj.size());
  ASSERT_EQ(run.losses().size(), losses.size());
  for (std::size_t k = 0; k < traj.size(); ++k) {
    EXPECT_TRUE(test::close(run.trajectory()[2 * k], traj[k][0], tol)) << "trajectory[" << k << "][0]";
    EXPECT_TRUE(test::close(run.trajectory()[2 * k + 1], traj[k][1], tol)) << "trajectory[" << k << "][1]";
    EXPECT_TRUE(test::close(run.losses()[k], losses[k], tol)) << "losses[" << k << "]";
  }
}

// The tolerances were set from PyTorch's own float32 run, so a float32 implementation must pass too.
TEST_P(OptimGolden, FloatMatchesPyTorch) {
  const auto& c = GetParam();
  const auto tol = test::tolerance_of(c);
  const auto& f = find_function(c.at("function"));
  auto opt = make_optimizer<float>(c.at("optimizer"));
  auto sched = make_schedule(c.at("schedule"), opt->base_lr());
  opt->init(2);
  std::vector<float> theta = {c.at("x0")[0].get<float>(), c.at("x0")[1].get<float>()};
  const auto& traj = c.at("trajectory");
  const long steps = c.at("steps");
  for (long k = 0;; ++k) {
    const auto i = static_cast<std::size_t>(k);
    EXPECT_TRUE(test::close(theta[0], traj[i][0], tol)) << "trajectory[" << k << "][0]";
    EXPECT_TRUE(test::close(theta[1], traj[i][1], tol)) << "trajectory[" << k << "][1]";
    const double loss = f.value(theta[0], theta[1]);
    EXPECT_TRUE(test::close(loss, c.at("losses")[i], tol)) << "losses[" << k << "]";
    if (k == steps) break;
    const auto g = f.gradient(theta[0], theta[1]);
    const std::vector<float> grad = {static_cast<float>(g[0]), static_cast<float>(g[1])};
    opt->step(theta, grad, sched->current());
    sched->advance(loss);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, OptimGolden, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return test::sanitize(info.param.at("name")); });

}  // namespace
}  // namespace descent
