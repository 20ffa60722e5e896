#include "nn/model.hpp"

#include <stdexcept>

#include "kernels/gemm.hpp"
#include "kernels/masked_outer_product.hpp"
#include "kernels/row_sums.hpp"

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
    const auto& s = layers_[l];
    auto& z = ws.z_[l];
    const MatView in = l == 0 ? MatView{x.data(), 1, x.outerStride()} : MatView{ws.h_[l - 1].data(), 1, ws.h_[l - 1].outerStride()};
    gemm(s.out, n, s.in, MatView{params_.data() + w_off_[l], 1, s.out}, in, z.data(), z.outerStride());
    add_bias_activate(s.activation, params_.data() + b_off_[l], z.leftCols(n), ws.h_[l].leftCols(n));
  }
  return ws.h_.back().leftCols(n);
}

void Model::backward(const Eigen::Ref<const Eigen::MatrixXf>& x, const Eigen::Ref<const Eigen::MatrixXf>& d_out,
                     Workspace& ws) {
  const Eigen::Index n = x.cols();
  const float* dz_next = nullptr;  // dZ_{l+1}
  Eigen::Index dz_next_ld = 0;
  const float* out_d = nullptr;  // dZ_{l+2} when layer l + 1 is a ReLU layer feeding a single output
  Eigen::Index out_d_ld = 0;
  for (std::size_t l = layers_.size(); l-- > 0;) {
    const auto& s = layers_[l];
    auto dz = ws.dz_[l].leftCols(n);
    const bool linear = s.activation == Activation::linear;
    const float* g = dz.data();  // dZ_l
    Eigen::Index g_ld = dz.outerStride();
    // Under a single-output layer W_{l+1}ᵀ · dZ_{l+1} is an outer product: with ReLU, one pass makes it
    // and applies the mask (gemm and the mask's pass took a regression net's last ReLU layer 2× as long).
    const bool outer_relu = l + 1 < layers_.size() && layers_[l + 1].out == 1 && s.activation == Activation::relu;
    if (l + 1 == layers_.size()) {
      if (linear) {  // dZ = d_out as it is, no copy
        g = d_out.data();
        g_ld = d_out.outerStride();
      } else {
        dz = d_out;
      }
    } else if (outer_relu) {
      relu_backward_outer(params_.data() + w_off_[l + 1], dz_next, dz_next_ld, ws.z_[l].leftCols(n), dz);
    } else {
      const auto& next = layers_[l + 1];  // dZ_l = W_{l+1}ᵀ · dZ_{l+1}
      const float* w_next = params_.data() + w_off_[l + 1];
      // Under a ReLU layer feeding a single output, dZ_{l+1} is its mask times an outer product.
      const bool rank_one = out_d && kernels::masked_outer_product(s.out, n, next.out, w_next, next.out,
                                                                   params_.data() + w_off_[l + 2], out_d, out_d_ld,
                                                                   ws.z_[l + 1].data(), ws.z_[l + 1].outerStride(),
                                                                   dz.data(), dz.outerStride());
      if (!rank_one)
        gemm(s.out, n, next.out, MatView{w_next, next.out, 1}, MatView{dz_next, 1, dz_next_ld}, dz.data(), dz.outerStride());
    }
    out_d = outer_relu ? dz_next : nullptr;
    out_d_ld = dz_next_ld;
    if (!linear && !outer_relu) activate_backward(s.activation, ws.z_[l].leftCols(n), ws.h_[l].leftCols(n), dz);
    // dW_l = dZ_l · H_{l−1}ᵀ: B(k, j) = H_{l−1}(j, k).
    const MatView h_t = l == 0 ? MatView{x.data(), x.outerStride(), 1} : MatView{ws.h_[l - 1].data(), ws.h_[l - 1].outerStride(), 1};
    gemm(s.out, s.in, n, MatView{g, 1, g_ld}, h_t, grads_.data() + w_off_[l], s.out);
    row_sums(s.out, n, g, g_ld, grads_.data() + b_off_[l]);
    dz_next = g;
    dz_next_ld = g_ld;
  }
}

}  // namespace descent::nn
