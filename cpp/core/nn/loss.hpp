#pragma once
// Data losses with PyTorch's names and "mean" reduction. The network's last layer is always linear:
// bce_logits, hinge and cross_entropy read logits, so probabilities never saturate into log(0).
#include <string>
#include <string_view>

#include <Eigen/Core>

namespace descent::nn {

enum class LossKind { mse, mae, huber, bce_logits, cross_entropy, hinge };

struct Loss {
  LossKind kind = LossKind::mse;
  double delta = 1.0;  // huber only (nn.HuberLoss delta)
};

LossKind parse_loss(std::string_view name, const std::string& field);
std::string to_string(LossKind k);
const char* loss_names();

bool is_classification(LossKind k);  // bce_logits, hinge, cross_entropy
bool is_multiclass(LossKind k);      // cross_entropy: one logit per class

// Sum over the columns of `out` (outputs × batch, samples as columns) of the per-sample loss
// against targets y (one per column: value, 0/1 label, or class id). If grad is non-null, writes
// d(sum)/d(out) · grad_scale into it (pass 1/N to get the gradient of the mean). Accumulates in
// double so the reported loss does not depend on the batch size.
double loss_sum(const Loss& loss, const Eigen::Ref<const Eigen::MatrixXf>& out, const float* y,
                Eigen::Ref<Eigen::MatrixXf>* grad, double grad_scale);

}  // namespace descent::nn
