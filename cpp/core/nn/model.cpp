#include "nn/model.hpp"

#include <stdexcept>

namespace descent::nn {

Workspace::Workspace(const std::vector<LayerShape>& layers, std::size_t capacity) : capacity_(capacity) {
  const auto cols = static_cast<Eigen::Index>(capacity);
  for (const auto& l : layers) {
    z_.emplace_back(Eigen::MatrixXf::Zero(l.out, cols));
    h_.emplace_back(Eigen::MatrixXf::Zero(l.out, cols));
    dz_.emplace_back(Eigen::MatrixXf::Zero(l.out, cols));
  }
}

Model::Model(std::vector<LayerShape> layers) : layers_(std::move(layers)) {
  if (layers_.empty()) throw std::invalid_argument("model: at least one layer is required");
  std::size_t off = 0;
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const auto& s = layers_[l];
    if (s.in <= 0 || s.out <= 0) throw std::invalid_argument("model: layer sizes must be positive");
    if (l > 0 && s.in != layers_[l - 1].out)
      throw std::invalid_argument("model: layer " + std::to_string(l) + " has in=" + std::to_string(s.in) +
                                  " but the previous layer has out=" + std::to_string(layers_[l - 1].out));
    w_off_.push_back(off);
    off += static_cast<std::size_t>(s.out) * static_cast<std::size_t>(s.in);
    b_off_.push_back(off);
    off += static_cast<std::size_t>(s.out);
  }
  params_.assign(off, 0.f);
  grads_.assign(off, 0.f);
}

Eigen::Block<Eigen::MatrixXf, Eigen::Dynamic, Eigen::Dynamic, true> Model::forward(const Eigen::Ref<const Eigen::MatrixXf>& x, Workspace& ws) const {
  const Eigen::Index n = x.cols();
  if (static_cast<std::size_t>(n) > ws.capacity_) throw std::logic_error("model: batch exceeds workspace");
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    auto z = ws.z_[l].leftCols(n);
    if (l == 0)
      z.noalias() = W(l) * x;
    else
      z.noalias() = W(l) * ws.h_[l - 1].leftCols(n);
    z.colwise() += ConstMatMap(params_.data() + b_off_[l], layers_[l].out, 1).col(0);
    activate(layers_[l].activation, z, ws.h_[l].leftCols(n));
  }
  return ws.h_.back().leftCols(n);
}

void Model::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::Ref<const Eigen::MatrixXf>& d_out,
                     Workspace& ws) {
  const Eigen::Index n = x.cols();
  for (std::size_t l = layers_.size(); l-- > 0;) {
    auto dz = ws.dz_[l].leftCols(n);
    if (l + 1 == layers_.size())
      dz = d_out;
    else
      dz.noalias() = W(l + 1).transpose() * ws.dz_[l + 1].leftCols(n);
    activate_backward(layers_[l].activation, ws.z_[l].leftCols(n), ws.h_[l].leftCols(n), dz);
    if (l == 0)
      dW(l).noalias() = dz * x.transpose();
    else
      dW(l).noalias() = dz * ws.h_[l - 1].leftCols(n).transpose();
    db(l).noalias() = dz.rowwise().sum();
  }
}

}  // namespace descent::nn
