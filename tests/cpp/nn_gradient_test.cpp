// Finite-difference checks of every activation, the dense layers, every loss and the regularizers.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "nn/activation.hpp"
#include "nn/init.hpp"
#include "nn/loss.hpp"
#include "nn/model.hpp"
#include "nn/regularization.hpp"
#include "random.hpp"

namespace {

using namespace descent;
using namespace descent::nn;

constexpr Activation kAll[] = {Activation::linear, Activation::relu, Activation::leaky_relu, Activation::elu,
                               Activation::gelu,   Activation::tanh, Activation::sigmoid,    Activation::softplus};

// Matches when |a − n| ≤ 1e-3·max(|a|, |n|) + atol: float32 forward passes limit how small the
// central difference's rounding error can get.
void expect_close(double analytic, double numeric, double atol, const std::string& what) {
  EXPECT_LE(std::abs(analytic - numeric), 1e-3 * std::max(std::abs(analytic), std::abs(numeric)) + atol)
      << what << ": analytic " << analytic << " numeric " << numeric;
}

TEST(NnGradient, ActivationDerivatives) {
  for (auto a : kAll) {
    for (double z : {-3.1, -1.3, -0.4, 0.35, 0.9, 2.7, 25.0}) {
      const double h = 1e-3;
      const double numeric = (static_cast<double>(activate(a, static_cast<float>(z + h))) -
                              static_cast<double>(activate(a, static_cast<float>(z - h)))) / (2 * h);
      expect_close(derivative(a, static_cast<float>(z)), numeric, 2e-4, to_string(a) + " at " + std::to_string(z));
    }
  }
}

TEST(NnGradient, ActivationValuesMatchPyTorch) {
  // torch.nn.functional values (exact-erf GELU, ELU alpha 1, LeakyReLU 0.01, Softplus threshold 20).
  EXPECT_NEAR(activate(Activation::gelu, -1.5f), -0.10021080, 1e-6);
  EXPECT_NEAR(activate(Activation::gelu, 0.5f), 0.34573123, 1e-6);
  EXPECT_NEAR(activate(Activation::elu, -1.5f), -0.77686984, 1e-6);
  EXPECT_NEAR(activate(Activation::leaky_relu, -1.5f), -0.015, 1e-7);
  EXPECT_NEAR(activate(Activation::softplus, -1.5f), 0.20141328, 1e-6);
  EXPECT_NEAR(activate(Activation::softplus, 30.f), 30.f, 1e-6);
}

struct Net {
  Model model;
  Eigen::MatrixXf x;
  std::vector<float> y;
};

Net make_net(Activation act, LossKind loss, std::uint64_t seed, int units1 = 5, int units2 = 4) {
  const int outputs = loss == LossKind::cross_entropy ? 3 : 1;
  Net n{Model({{3, units1, act}, {units1, units2, act}, {units2, outputs, Activation::linear}}), Eigen::MatrixXf(3, 7), {}};
  Rng rng(seed);
  initialize(n.model, InitScheme::xavier_normal, rng);
  for (std::size_t l = 0; l < 3; ++l)
    for (Eigen::Index i = 0; i < n.model.b(l).size(); ++i) n.model.b(l)(i) = static_cast<float>(rng.uniform(-0.5, 0.5));
  for (Eigen::Index i = 0; i < n.x.size(); ++i) n.x.data()[i] = static_cast<float>(rng.normal());
  for (int j = 0; j < 7; ++j) {
    if (loss == LossKind::cross_entropy) n.y.push_back(static_cast<float>(rng.below(3)));
    else if (is_classification(loss)) n.y.push_back(static_cast<float>(rng.below(2)));
    else n.y.push_back(static_cast<float>(rng.normal(0.0, 2.0)));
  }
  return n;
}

double objective(Net& n, const Loss& loss, const Regularization& reg, Workspace& ws) {
  const auto out = n.model.forward(n.x, ws);
  return loss_sum(loss, out, n.y.data(), nullptr, 0.0) / 7.0 + penalty(n.model, reg);
}

void check_model(Activation act, Loss loss, Regularization reg, std::uint64_t seed, int units1 = 5, int units2 = 4) {
  Net n = make_net(act, loss.kind, seed, units1, units2);
  Workspace ws(n.model.layers(), 7);
  const auto out = n.model.forward(n.x, ws);
  Eigen::MatrixXf d_out(out.rows(), 7);
  Eigen::Ref<Eigen::MatrixXf> d_ref = d_out;
  loss_sum(loss, out, n.y.data(), &d_ref, 1.0 / 7.0);
  n.model.backward(n.x, d_out, ws);
  add_penalty_grad(n.model, reg);
  const std::vector<float> analytic(n.model.grads().begin(), n.model.grads().end());
  auto p = n.model.params();
  for (std::size_t i = 0; i < p.size(); ++i) {
    const float saved = p[i];
    const double h = 2e-3;
    p[i] = static_cast<float>(saved + h);
    const double up = objective(n, loss, reg, ws);
    p[i] = static_cast<float>(saved - h);
    const double down = objective(n, loss, reg, ws);
    p[i] = saved;
    const double step = (static_cast<double>(static_cast<float>(saved + h)) - static_cast<float>(saved - h));
    expect_close(analytic[i], (up - down) / step, 3e-4,
                 to_string(act) + "/" + to_string(loss.kind) + " param " + std::to_string(i));
  }
}

TEST(NnGradient, EveryActivationThroughDenseLayers) {
  for (auto a : kAll) check_model(a, Loss{LossKind::mse, 1.0}, {}, 11);
}

// Wide enough (≥ 16 units) for the gradient below the last ReLU layer to be computed as a masked outer
// product (kernels/masked_outer_product) instead of gemm. Central differences cross ReLU kinks at
// these widths, so the reference is backpropagation in double.
TEST(NnGradient, ReluLayersUnderASingleOutput) {
  for (const auto& [units1, units2] : {std::pair{20, 18}, std::pair{17, 32}}) {
    Net n = make_net(Activation::relu, LossKind::mse, 11, units1, units2);
    Workspace ws(n.model.layers(), 7);
    const auto out = n.model.forward(n.x, ws);
    Eigen::MatrixXf d_out(1, 7);
    Eigen::Ref<Eigen::MatrixXf> d_ref = d_out;
    loss_sum(Loss{LossKind::mse, 1.0}, out, n.y.data(), &d_ref, 1.0 / 7.0);
    n.model.backward(n.x, d_out, ws);

    std::vector<Eigen::MatrixXd> w, h{n.x.cast<double>()}, z;
    for (std::size_t l = 0; l < 3; ++l) {
      w.push_back(n.model.W(l).cast<double>());
      z.push_back((w[l] * h[l]).colwise() + n.model.b(l).cast<double>());
      h.push_back(l < 2 ? z[l].cwiseMax(0.0) : z[l]);
    }
    Eigen::MatrixXd dz = d_out.cast<double>();
    for (std::size_t l = 3; l-- > 0;) {
      const Eigen::MatrixXd dw = dz * h[l].transpose();
      for (Eigen::Index e = 0; e < dw.size(); ++e)
        EXPECT_NEAR(n.model.dW(l).data()[e], dw.data()[e], 1e-6 + 1e-5 * std::abs(dw.data()[e])) << "layer " << l << " dW " << e;
      if (l > 0) dz = (w[l].transpose() * dz).cwiseProduct((z[l - 1].array() > 0.0).cast<double>().matrix());
    }
  }
}

TEST(NnGradient, EveryLoss) {
  for (auto k : {LossKind::mse, LossKind::mae, LossKind::huber, LossKind::bce_logits, LossKind::cross_entropy,
                 LossKind::hinge})
    check_model(Activation::tanh, Loss{k, 0.7}, {}, 5);
}

TEST(NnGradient, Regularizers) {
  check_model(Activation::sigmoid, Loss{LossKind::mse, 1.0}, Regularization{0.03, 0.0}, 3);
  check_model(Activation::sigmoid, Loss{LossKind::mse, 1.0}, Regularization{0.0, 0.05}, 3);
  check_model(Activation::gelu, Loss{LossKind::bce_logits, 1.0}, Regularization{0.02, 0.04}, 9);
}

TEST(NnGradient, RegularizationCoversWeightsOnly) {
  Model m({{2, 2, Activation::linear}});
  m.W(0) << 1.f, -2.f, 0.f, 3.f;
  m.b(0) << 10.f, -10.f;
  EXPECT_DOUBLE_EQ(penalty(m, {0.5, 0.0}), 3.0);
  EXPECT_DOUBLE_EQ(penalty(m, {0.0, 0.5}), 7.0);
  std::fill(m.grads().begin(), m.grads().end(), 0.f);
  add_penalty_grad(m, {0.5, 0.25});
  // l1 subgradient is 0 at W = 0; l2's gradient is 2·λ2·W (not halved).
  EXPECT_FLOAT_EQ(m.dW(0)(1, 0), 0.f);
  EXPECT_FLOAT_EQ(m.dW(0)(0, 0), 0.5f + 0.5f);
  EXPECT_FLOAT_EQ(m.dW(0)(0, 1), -0.5f - 1.f);
  EXPECT_FLOAT_EQ(m.db(0)(0), 0.f);
}

TEST(NnGradient, StableLossesAtExtremeLogits) {
  Eigen::MatrixXf out(1, 2);
  out << 200.f, -200.f;
  const float y[] = {0.f, 1.f};
  EXPECT_NEAR(loss_sum({LossKind::bce_logits, 1.0}, out, y, nullptr, 0.0), 400.0, 1e-9);
  Eigen::MatrixXf logits(3, 1);
  logits << 1000.f, 0.f, -1000.f;
  const float label[] = {1.f};
  EXPECT_NEAR(loss_sum({LossKind::cross_entropy, 1.0}, logits, label, nullptr, 0.0), 1000.0, 1e-9);
}

}  // namespace
