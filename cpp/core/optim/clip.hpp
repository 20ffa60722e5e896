#pragma once
// Gradient clipping applied to the raw gradients before optimizer.step(), as
// torch.nn.utils.clip_grad_norm_ / clip_grad_value_ do.
#include <span>

namespace descent {

// Scales all gradients together so their global norm is at most max_norm; returns the norm
// before clipping. norm_type is p >= 1 or +infinity. PyTorch semantics: the factor is
// max_norm / (total_norm + 1e-6), applied only when it is below 1.
template <class T>
double clip_grad_norm(std::span<T> grads, double max_norm, double norm_type = 2.0);

// Clamps every gradient to [-clip_value, clip_value].
template <class T>
void clip_grad_value(std::span<T> grads, double clip_value);

}  // namespace descent
