#pragma once
// Element-wise activations applied after each dense layer, with PyTorch's definitions.
#include <string>
#include <string_view>

#include <Eigen/Core>

namespace descent::nn {

enum class Activation { linear, relu, leaky_relu, elu, gelu, tanh, sigmoid, softplus };

// Throws std::invalid_argument naming `field` and the allowed names.
Activation parse_activation(std::string_view name, const std::string& field);
std::string to_string(Activation a);
const char* activation_names();  // "linear, relu, ..." for messages

using MatRef = Eigen::Ref<Eigen::MatrixXf>;
using ConstMatRef = Eigen::Ref<const Eigen::MatrixXf>;

// h = act(z), element-wise; z and h have the same shape.
void activate(Activation a, const ConstMatRef& z, MatRef h);
// z += bias (one value per row), then h = act(z): one pass over the layer's outputs.
void add_bias_activate(Activation a, const float* bias, MatRef z, MatRef h);
// dz *= act'(z) (h = act(z) is passed so tanh/sigmoid need no recomputation).
void activate_backward(Activation a, const ConstMatRef& z, const ConstMatRef& h, MatRef dz);

// dz = (w·d) ⊙ relu'(z) for a ReLU layer followed by a single-output layer: w holds that layer's weights
// (one per row of z), d its gradient (one per column, d[j·d_stride]). The outer product and the mask in
// one pass, with their arithmetic — 0 + w·d, then × 1 or × 0 — so the bits of gemm + activate_backward.
void relu_backward_outer(const float* w, const float* d, Eigen::Index d_stride, const ConstMatRef& z, MatRef dz);

// Scalar forms (also used by the finite-difference tests).
float activate(Activation a, float z);
float derivative(Activation a, float z);

}  // namespace descent::nn
