#include "nn/loss.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "kernels/bce_logits.hpp"

namespace descent::nn {

namespace {

struct Named {
  const char* name;
  LossKind value;
};
constexpr Named kNames[] = {{"mse", LossKind::mse},
                            {"mae", LossKind::mae},
                            {"huber", LossKind::huber},
                            {"bce_logits", LossKind::bce_logits},
                            {"cross_entropy", LossKind::cross_entropy},
                            {"hinge", LossKind::hinge}};

double sign(double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0); }

// Per-sample value and derivative for the single-output losses.
void single(const Loss& loss, double o, double y, double& value, double& deriv) {
  switch (loss.kind) {
    case LossKind::mse: {
      const double d = o - y;
      value = d * d;
      deriv = 2.0 * d;
      return;
    }
    case LossKind::mae: {
      const double d = o - y;
      value = std::abs(d);
      deriv = sign(d);
      return;
    }
    case LossKind::huber: {
      const double d = o - y, a = std::abs(d);
      if (a < loss.delta) {
        value = 0.5 * d * d;
        deriv = d;
      } else {
        value = loss.delta * (a - 0.5 * loss.delta);
        deriv = loss.delta * sign(d);
      }
      return;
    }
    case LossKind::hinge: {
      const double t = y > 0.5 ? 1.0 : -1.0;
      const double margin = 1.0 - t * o;
      value = margin > 0.0 ? margin : 0.0;
      deriv = margin > 0.0 ? -t : 0.0;
      return;
    }
    case LossKind::bce_logits:  // loss_sum calls bce_logits_sum for the whole batch
    case LossKind::cross_entropy: break;
  }
  value = deriv = 0.0;
}

}  // namespace

const char* loss_names() { return "mse, mae, huber, bce_logits, cross_entropy, hinge"; }

LossKind parse_loss(std::string_view name, const std::string& field) {
  for (const auto& n : kNames)
    if (name == n.name) return n.value;
  throw std::invalid_argument(field + ": unknown loss '" + std::string(name) + "' (allowed: " + loss_names() +
                              ")");
}

std::string to_string(LossKind k) {
  for (const auto& n : kNames)
    if (n.value == k) return n.name;
  return "mse";
}

bool is_classification(LossKind k) {
  return k == LossKind::bce_logits || k == LossKind::hinge || k == LossKind::cross_entropy;
}
bool is_multiclass(LossKind k) { return k == LossKind::cross_entropy; }

double loss_sum(const Loss& loss, const Eigen::Ref<const Eigen::MatrixXf>& out, const float* y,
                Eigen::Ref<Eigen::MatrixXf>* grad, double grad_scale) {
  double total = 0.0;
  const Eigen::Index n = out.cols();
  if (loss.kind == LossKind::cross_entropy) {
    const Eigen::Index c = out.rows();
    for (Eigen::Index j = 0; j < n; ++j) {
      double mx = out(0, j);
      for (Eigen::Index i = 1; i < c; ++i) mx = std::max(mx, static_cast<double>(out(i, j)));
      double se = 0.0;
      for (Eigen::Index i = 0; i < c; ++i) se += std::exp(out(i, j) - mx);
      const double lse = mx + std::log(se);
      const auto label = static_cast<Eigen::Index>(y[j]);
      total += lse - out(label, j);
      if (grad) {
        for (Eigen::Index i = 0; i < c; ++i) {
          const double p = std::exp(out(i, j) - lse);
          (*grad)(i, j) = static_cast<float>((p - (i == label ? 1.0 : 0.0)) * grad_scale);
        }
      }
    }
    return total;
  }
  if (loss.kind == LossKind::mse) {  // the common case without the per-sample switch (same arithmetic)
    const float* o = out.data();
    const Eigen::Index os = out.outerStride();
    float* g = grad ? grad->data() : nullptr;
    const Eigen::Index gs = grad ? grad->outerStride() : 0;
    for (Eigen::Index j = 0; j < n; ++j) {
      const double d = static_cast<double>(o[j * os]) - y[j];
      total += d * d;
      if (g) g[j * gs] = static_cast<float>(2.0 * d * grad_scale);
    }
    return total;
  }
  if (loss.kind == LossKind::bce_logits)
    return bce_logits_sum(out.data(), out.outerStride(), y, n, grad ? grad->data() : nullptr,
                          grad ? grad->outerStride() : 0, static_cast<float>(grad_scale));
  for (Eigen::Index j = 0; j < n; ++j) {
    double value, deriv;
    single(loss, out(0, j), y[j], value, deriv);
    total += value;
    if (grad) (*grad)(0, j) = static_cast<float>(deriv * grad_scale);
  }
  return total;
}

}  // namespace descent::nn
