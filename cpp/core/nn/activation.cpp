#include "nn/activation.hpp"

#include <cmath>
#include <stdexcept>

#include "kernels/simd.hpp"
#include "kernels/tanh.hpp"

namespace descent::nn {

namespace {

constexpr float kLeakySlope = 0.01f;  // nn.LeakyReLU default negative_slope
constexpr float kEluAlpha = 1.0f;     // nn.ELU default alpha
constexpr float kSoftplusThreshold = 20.f;  // nn.Softplus: linear above beta·z > 20

struct Named {
  const char* name;
  Activation value;
};
constexpr Named kNames[] = {
    {"linear", Activation::linear}, {"relu", Activation::relu},   {"leaky_relu", Activation::leaky_relu},
    {"elu", Activation::elu},       {"gelu", Activation::gelu},   {"tanh", Activation::tanh},
    {"sigmoid", Activation::sigmoid}, {"softplus", Activation::softplus},
};

float sigmoid(float z) {
  // Split by sign so exp never overflows.
  if (z >= 0.f) return 1.f / (1.f + std::exp(-z));
  const float e = std::exp(z);
  return e / (1.f + e);
}

}  // namespace

const char* activation_names() { return "linear, relu, leaky_relu, elu, gelu, tanh, sigmoid, softplus"; }

Activation parse_activation(std::string_view name, const std::string& field) {
  for (const auto& n : kNames)
    if (name == n.name) return n.value;
  throw std::invalid_argument(field + ": unknown activation '" + std::string(name) + "' (allowed: " +
                              activation_names() + ")");
}

std::string to_string(Activation a) {
  for (const auto& n : kNames)
    if (n.value == a) return n.name;
  return "linear";
}

float activate(Activation a, float z) {
  switch (a) {
    case Activation::linear: return z;
    case Activation::relu: return z > 0.f ? z : 0.f;
    case Activation::leaky_relu: return z > 0.f ? z : kLeakySlope * z;
    case Activation::elu: return z > 0.f ? z : kEluAlpha * std::expm1(z);
    case Activation::gelu: return 0.5f * z * (1.f + std::erf(z * 0.70710678118654752f));
    case Activation::tanh: return tanh_f32(z);
    case Activation::sigmoid: return sigmoid(z);
    case Activation::softplus: return z > kSoftplusThreshold ? z : std::log1p(std::exp(z));
  }
  return z;
}

float derivative(Activation a, float z) {
  switch (a) {
    case Activation::linear: return 1.f;
    case Activation::relu: return z > 0.f ? 1.f : 0.f;
    case Activation::leaky_relu: return z > 0.f ? 1.f : kLeakySlope;
    case Activation::elu: return z > 0.f ? 1.f : kEluAlpha * std::exp(z);
    case Activation::gelu: {
      const float cdf = 0.5f * (1.f + std::erf(z * 0.70710678118654752f));
      const float pdf = 0.39894228040143268f * std::exp(-0.5f * z * z);
      return cdf + z * pdf;
    }
    case Activation::tanh: {
      const float t = tanh_f32(z);
      return 1.f - t * t;
    }
    case Activation::sigmoid: {
      const float s = sigmoid(z);
      return s * (1.f - s);
    }
    case Activation::softplus: return z > kSoftplusThreshold ? 1.f : sigmoid(z);
  }
  return 1.f;
}

namespace {

// The switch happens once per call, not per element, so each loop is a plain element-wise kernel
// the compiler can vectorise.
template <Activation A>
void apply(const ConstMatRef& z, MatRef h) {
  h = z.unaryExpr([](float v) { return activate(A, v); });
}

template <Activation A>
void apply_backward(const ConstMatRef& z, MatRef dz) {
  dz.array() *= z.unaryExpr([](float v) { return derivative(A, v); }).array();
}

}  // namespace

void activate(Activation a, const ConstMatRef& z, MatRef h) {
  switch (a) {
    case Activation::linear: h = z; return;
    case Activation::relu: h = z.cwiseMax(0.f); return;
    // Eigen's vectorised tanh is an approximation that exists natively but not in wasm; tanh_f32
    // keeps both builds on the same curve.
    case Activation::tanh:
      for (Eigen::Index j = 0; j < z.cols(); ++j)
        tanh_f32(z.data() + j * z.outerStride(), h.data() + j * h.outerStride(), static_cast<std::size_t>(z.rows()));
      return;
    case Activation::leaky_relu: apply<Activation::leaky_relu>(z, h); return;
    case Activation::elu: apply<Activation::elu>(z, h); return;
    case Activation::gelu: apply<Activation::gelu>(z, h); return;
    case Activation::sigmoid: apply<Activation::sigmoid>(z, h); return;
    case Activation::softplus: apply<Activation::softplus>(z, h); return;
  }
}

namespace {

// The scalar loops' formulas four rows at a time (a ReLU layer's passes were scalar: 2 % of W2's step).
void add_bias_relu(const float* bias, Eigen::Index rows, Eigen::Index cols, float* z, Eigen::Index zs, float* h,
                   Eigen::Index hs) {
  using namespace simd;
  for (Eigen::Index j = 0; j < cols; ++j, z += zs, h += hs) {
    Eigen::Index i = 0;
    for (; i + 4 <= rows; i += 4) {
      const f32x4 v = add(load(z + i), load(bias + i));
      store(z + i, v);
      store(h + i, select(lt(zero(), v), v, zero()));
    }
    for (; i < rows; ++i) {
      z[i] += bias[i];
      h[i] = z[i] > 0.f ? z[i] : 0.f;
    }
  }
}

// dz *= (z > 0 ? 1 : 0), as a product so that Inf and NaN in dz give NaN as before.
void relu_backward(const ConstMatRef& z, MatRef dz) {
  using namespace simd;
  const f32x4 one = splat(1.f);
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    const float* zj = z.data() + j * z.outerStride();
    float* dj = dz.data() + j * dz.outerStride();
    Eigen::Index i = 0;
    for (; i + 4 <= z.rows(); i += 4) store(dj + i, mul(load(dj + i), bit_and(lt(zero(), load(zj + i)), one)));
    for (; i < z.rows(); ++i) dj[i] *= zj[i] > 0.f ? 1.f : 0.f;
  }
}

}  // namespace

void relu_backward_outer(const float* w, const float* d, Eigen::Index d_stride, const ConstMatRef& z, MatRef dz) {
  using namespace simd;
  const f32x4 one = splat(1.f);
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    const float* zj = z.data() + j * z.outerStride();
    float* dj = dz.data() + j * dz.outerStride();
    const float dj_out = d[j * d_stride];
    const f32x4 dv = splat(dj_out);
    Eigen::Index i = 0;
    for (; i + 4 <= z.rows(); i += 4)
      store(dj + i, mul(add(zero(), mul(load(w + i), dv)), bit_and(lt(zero(), load(zj + i)), one)));
    for (; i < z.rows(); ++i) dj[i] = (0.f + w[i] * dj_out) * (zj[i] > 0.f ? 1.f : 0.f);
  }
}

void add_bias_activate(Activation a, const float* bias, MatRef z, MatRef h) {
  const Eigen::Index rows = z.rows(), cols = z.cols(), zs = z.outerStride(), hs = h.outerStride();
  float* zd = z.data();
  float* hd = h.data();
  // Workspace blocks are contiguous: one call covers the batch (small layers are 8 rows tall).
  if (a == Activation::tanh && zs == rows && hs == rows) {
    add_bias_tanh_f32(bias, static_cast<std::size_t>(rows), static_cast<std::size_t>(cols), zd, hd);
    return;
  }
  if (a == Activation::relu) {
    add_bias_relu(bias, rows, cols, zd, zs, hd, hs);
    return;
  }
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) zd[j * zs + i] += bias[i];
  switch (a) {
    case Activation::linear:
      for (Eigen::Index j = 0; j < cols; ++j)
        for (Eigen::Index i = 0; i < rows; ++i) hd[j * hs + i] = zd[j * zs + i];  // short columns: no memmove
      return;
    default: break;
  }
  activate(a, z, h);
}

void activate_backward(Activation a, const ConstMatRef& z, const ConstMatRef& h, MatRef dz) {
  switch (a) {
    case Activation::linear: return;
    case Activation::relu: relu_backward(z, dz); return;
    case Activation::tanh:
      if (h.outerStride() == h.rows() && dz.outerStride() == dz.rows()) {  // workspace blocks: one flat loop
        const float* hd = h.data();
        float* d = dz.data();
        for (Eigen::Index k = 0, size = h.size(); k < size; ++k) d[k] *= 1.f - hd[k] * hd[k];
        return;
      }
      dz.array() *= 1.f - h.array().square();
      return;
    case Activation::sigmoid: dz.array() *= h.array() * (1.f - h.array()); return;
    case Activation::leaky_relu: apply_backward<Activation::leaky_relu>(z, dz); return;
    case Activation::elu: apply_backward<Activation::elu>(z, dz); return;
    case Activation::gelu: apply_backward<Activation::gelu>(z, dz); return;
    case Activation::softplus: apply_backward<Activation::softplus>(z, dz); return;
  }
}

}  // namespace descent::nn
