#pragma once
// A stack of dense layers whose parameters live in one contiguous float32 buffer (gradients in a
// second one of the same layout), so a single Optimizer<float>::step updates the whole model.
// Samples are columns: a batch X is (inputs × batch), Z_l = W_l·H_{l−1} + b_l, H_l = act_l(Z_l).
// W_l is (out × in) as in PyTorch's nn.Linear, stored column-major; the buffer order is
// [W_1, b_1, W_2, b_2, ...].
#include <cstddef>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "nn/activation.hpp"

namespace descent::nn {

struct LayerShape {
  int in = 0;
  int out = 0;
  Activation activation = Activation::linear;
};

using MatMap = Eigen::Map<Eigen::MatrixXf>;
using ConstMatMap = Eigen::Map<const Eigen::MatrixXf>;
using VecMap = Eigen::Map<Eigen::VectorXf>;

// Pre-activations, activations and their gradients for up to `capacity` samples; sized once so
// forward/backward never allocate.
class Workspace {
 public:
  Workspace() = default;
  Workspace(const std::vector<LayerShape>& layers, std::size_t capacity);
  std::size_t capacity() const { return capacity_; }

 private:
  friend class Model;
  std::size_t capacity_ = 0;
  std::vector<Eigen::MatrixXf> z_, h_, dz_;  // per layer: out × capacity
};

class Model {
 public:
  explicit Model(std::vector<LayerShape> layers);

  const std::vector<LayerShape>& layers() const { return layers_; }
  int inputs() const { return layers_.front().in; }
  int outputs() const { return layers_.back().out; }
  std::size_t size() const { return params_.size(); }

  std::span<float> params() { return params_; }
  std::span<const float> params() const { return params_; }
  std::span<float> grads() { return grads_; }
  std::span<const float> grads() const { return grads_; }

  MatMap W(std::size_t l) { return MatMap(params_.data() + w_off_[l], layers_[l].out, layers_[l].in); }
  ConstMatMap W(std::size_t l) const {
    return ConstMatMap(params_.data() + w_off_[l], layers_[l].out, layers_[l].in);
  }
  VecMap b(std::size_t l) { return VecMap(params_.data() + b_off_[l], layers_[l].out); }
  MatMap dW(std::size_t l) { return MatMap(grads_.data() + w_off_[l], layers_[l].out, layers_[l].in); }
  VecMap db(std::size_t l) { return VecMap(grads_.data() + b_off_[l], layers_[l].out); }

  // Where layer l's weights and biases sit in params()/grads().
  std::size_t weight_offset(std::size_t l) const { return w_off_[l]; }
  std::size_t bias_offset(std::size_t l) const { return b_off_[l]; }
  std::size_t layer_end(std::size_t l) const { return b_off_[l] + layers_[l].out; }

  // Output block (outputs × x.cols()) inside ws; x.cols() must not exceed ws.capacity().
  Eigen::Block<Eigen::MatrixXf, Eigen::Dynamic, Eigen::Dynamic, true> forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Workspace& ws) const;

  // After forward(x, ws): given dLoss/dOutput (outputs × x.cols()), overwrites grads() with the
  // gradient of the loss (regularization is added separately).
  void backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::Ref<const Eigen::MatrixXf>& d_out,
                Workspace& ws);

 private:
  std::vector<LayerShape> layers_;
  std::vector<std::size_t> w_off_, b_off_;
  std::vector<float> params_, grads_;
};

}  // namespace descent::nn
