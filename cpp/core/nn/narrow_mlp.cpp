#include "nn/narrow_mlp.hpp"

#include "kernels/bce_logits_f32x4.hpp"
#include "kernels/simd.hpp"
#include "kernels/tanh_f32x4.hpp"

namespace descent::nn {
namespace {

using namespace simd;

// How a layer's activation is evaluated: as vectors where the general path's formula is lane-wise
// (linear, relu and tanh both ways, sigmoid's derivative), through the scalar nn::activate and
// nn::derivative otherwise, as the general path does.
enum class Kind { linear, relu, tanh, sigmoid, scalar };

Kind kind_of(Activation a) {
  switch (a) {
    case Activation::linear: return Kind::linear;
    case Activation::relu: return Kind::relu;
    case Activation::tanh: return Kind::tanh;
    case Activation::sigmoid: return Kind::sigmoid;
    default: return Kind::scalar;
  }
}

using Source = NarrowMlp::Source;

// a0 = Σ_p W[p]·x0[p], a1 = Σ_p W[p]·x1[p] over `count` rows of W (L = 4V lanes each), from zero in p
// order: two samples per pass, so that two chains of dependent adds advance together (a Zen 4 core
// did not overlap consecutive samples by itself). The forward and delta passes of tanh layers use it.
template <int V>
inline void mul_two(const float* w, int count, const float* x0, const float* x1, f32x4* a0, f32x4* a1) {
  constexpr int L = 4 * V;
  for (int v = 0; v < V; ++v) a0[v] = zero(), a1[v] = zero();
  for (int p = 0; p < count; ++p) {
    const f32x4 s0 = splat(x0[p]), s1 = splat(x1[p]);
    for (int v = 0; v < V; ++v) {
      const f32x4 wv = load(w + p * L + 4 * v);
      a0[v] = add(a0[v], mul(wv, s0));
      a1[v] = add(a1[v], mul(wv, s1));
    }
  }
}

// z = W·x + b summed from zero in input order (gemm, then the bias), h = act(z), per sample. tanh,
// the playground's default, has its own instantiation; the other kinds share one and branch per
// vector (predictably: one kind per call), which keeps the module small.
template <int V, bool Tanh>
void forward_layer(const float* w, const float* b, int in, int out, Activation act, const Source& src, std::size_t n,
                   float* z, float* h) {
  constexpr int L = 4 * V;
  const Kind kind = Tanh ? Kind::tanh : kind_of(act);
  // z is read back only by relu's derivative and the scalar forms (sigmoid's forward among them).
  const bool keep_z = kind == Kind::relu || kind == Kind::sigmoid || kind == Kind::scalar;
  const bool scalar = kind == Kind::sigmoid || kind == Kind::scalar;
  [[maybe_unused]] const TanhConstants k = Tanh ? tanh_constants() : TanhConstants{};
  std::size_t j = 0;
  if constexpr (Tanh) {
    for (; j + 2 <= n; j += 2, z += 2 * L, h += 2 * L) {
      f32x4 a0[V], a1[V];
      mul_two<V>(w, in, src.col(j), src.col(j + 1), a0, a1);
      for (int v = 0; v < V; ++v) {
        const f32x4 bv = load(b + 4 * v);
        store(h + 4 * v, tanh4(add(a0[v], bv), k));
        store(h + L + 4 * v, tanh4(add(a1[v], bv), k));
      }
    }
  }
  for (; j < n; ++j, z += L, h += L) {
    const float* x = src.col(j);
    f32x4 acc[V];
    for (int v = 0; v < V; ++v) acc[v] = zero();
    for (int p = 0; p < in; ++p) {
      const f32x4 s = splat(x[p]);
      for (int v = 0; v < V; ++v) acc[v] = add(acc[v], mul(load(w + p * L + 4 * v), s));
    }
    for (int v = 0; v < V; ++v) {
      const f32x4 zv = add(acc[v], load(b + 4 * v));
      f32x4 hv = zv;
      if constexpr (Tanh) {
        hv = tanh4(zv, k);
      } else {
        if (keep_z) store(z + 4 * v, zv);
        if (kind == Kind::relu) hv = select(lt(zero(), zv), zv, zero());
      }
      store(h + 4 * v, hv);
    }
    if (!Tanh && scalar)
      for (int i = 0; i < out; ++i) h[i] = activate(act, z[i]);
  }
}

// dZ = dZ_next propagated through the next layer (Wᵀ·dZ_next, from zero in q order) or the loss's
// gradient for the output layer, times act'(z) with activate_backward's formulas.
template <int V, bool Tanh>
void delta_layer(const float* wt, const float* dz_next, int next_out, int next_lanes, const float* d_out, int out,
                 Activation act, const float* z, const float* h, std::size_t n, float* dz) {
  constexpr int L = 4 * V;
  const Kind kind = Tanh ? Kind::tanh : kind_of(act);
  alignas(16) float t[L] = {};
  std::size_t j = 0;
  if constexpr (Tanh) {  // two samples per pass (see mul_two)
    if (!d_out)
      for (; j + 2 <= n; j += 2, z += 2 * L, h += 2 * L, dz += 2 * L) {
        f32x4 d0[V], d1[V];
        const float* g0 = dz_next + j * static_cast<std::size_t>(next_lanes);
        mul_two<V>(wt, next_out, g0, g0 + next_lanes, d0, d1);
        for (int v = 0; v < V; ++v) {
          const f32x4 h0 = load(h + 4 * v), h1 = load(h + L + 4 * v);
          store(dz + 4 * v, mul(d0[v], sub(splat(1.f), mul(h0, h0))));
          store(dz + L + 4 * v, mul(d1[v], sub(splat(1.f), mul(h1, h1))));
        }
      }
  }
  for (; j < n; ++j, z += L, h += L, dz += L) {
    f32x4 d[V];
    if (d_out && V == 1 && out == 1) {  // one output: the padding lanes hold copies that never reach a real lane
      d[0] = splat(d_out[j]);
    } else if (d_out) {
      for (int i = 0; i < out; ++i) t[i] = d_out[j * static_cast<std::size_t>(out) + i];
      for (int v = 0; v < V; ++v) d[v] = load(t + 4 * v);
    } else {
      for (int v = 0; v < V; ++v) d[v] = zero();
      const float* g = dz_next + j * static_cast<std::size_t>(next_lanes);
      for (int q = 0; q < next_out; ++q) {
        const f32x4 s = splat(g[q]);
        for (int v = 0; v < V; ++v) d[v] = add(d[v], mul(load(wt + q * L + 4 * v), s));
      }
    }
    for (int v = 0; v < V; ++v) {
      if constexpr (Tanh) {
        const f32x4 hv = load(h + 4 * v);
        d[v] = mul(d[v], sub(splat(1.f), mul(hv, hv)));
      } else if (kind == Kind::relu) {
        d[v] = mul(d[v], select(lt(zero(), load(z + 4 * v)), splat(1.f), zero()));
      } else if (kind == Kind::sigmoid) {
        const f32x4 hv = load(h + 4 * v);
        d[v] = mul(d[v], mul(hv, sub(splat(1.f), hv)));
      }
      store(dz + 4 * v, d[v]);
    }
    if (!Tanh && kind == Kind::scalar)
      for (int i = 0; i < out; ++i) dz[i] *= derivative(act, z[i]);
  }
}

// Stores the first `out` lanes: whole vectors when there is no padding.
template <int V>
void store_lanes(float* dst, const f32x4* acc, int out) {
  constexpr int L = 4 * V;
  if (out == L) {
    for (int v = 0; v < V; ++v) store(dst + 4 * v, acc[v]);
    return;
  }
  alignas(16) float t[L];
  for (int v = 0; v < V; ++v) store(t + 4 * v, acc[v]);
  if (out == 1) {  // as a loop the compiler calls memcpy for this one float
    dst[0] = t[0];
    return;
  }
  for (int i = 0; i < out; ++i) dst[i] = t[i];
}

// dW = dZ·Xᵀ and db = row sums of dZ, each element summed over the samples in order from zero (gemm
// and row_sums). Four inputs at a time: eight accumulators stay in registers.
template <int V>
void weight_grads(const float* dz, int in, int out, const Source& src, std::size_t n, float* dw, float* db) {
  constexpr int L = 4 * V;
  int p = 0;
  for (; p + 4 <= in; p += 4) {
    f32x4 acc[4][V];
    for (int r = 0; r < 4; ++r)
      for (int v = 0; v < V; ++v) acc[r][v] = zero();
    for (std::size_t j = 0; j < n; ++j) {
      const float* x = src.col(j) + p;
      f32x4 d[V];
      for (int v = 0; v < V; ++v) d[v] = load(dz + j * L + 4 * v);
      for (int r = 0; r < 4; ++r) {
        const f32x4 s = splat(x[r]);
        for (int v = 0; v < V; ++v) acc[r][v] = add(acc[r][v], mul(d[v], s));
      }
    }
    for (int r = 0; r < 4; ++r) store_lanes<V>(dw + (p + r) * out, acc[r], out);
  }
  for (; p < in; ++p) {
    f32x4 acc[V];
    for (int v = 0; v < V; ++v) acc[v] = zero();
    for (std::size_t j = 0; j < n; ++j) {
      const f32x4 s = splat(src.col(j)[p]);
      for (int v = 0; v < V; ++v) acc[v] = add(acc[v], mul(load(dz + j * L + 4 * v), s));
    }
    store_lanes<V>(dw + p * out, acc, out);
  }
  f32x4 acc[V];
  for (int v = 0; v < V; ++v) acc[v] = zero();
  for (std::size_t j = 0; j < n; ++j)
    for (int v = 0; v < V; ++v) acc[v] = add(acc[v], load(dz + j * L + 4 * v));
  store_lanes<V>(db, acc, out);
}

template <int V>
NarrowMlp::Kernels kernels_for(Kind k) {
  if (k == Kind::tanh) return {forward_layer<V, true>, delta_layer<V, true>, weight_grads<V>};
  return {forward_layer<V, false>, delta_layer<V, false>, weight_grads<V>};
}

// A one-output linear last layer fed by In = 4 or 8 units (a classifier's logit, a regression's
// value): four samples at a time in the lanes, so the dot product costs In multiply-adds per four
// samples rather than In for one useful lane. Each lane still sums from zero in input order, then
// adds the bias, so the bits are those of forward_layer.
template <int In>
void forward_single(const float* w, float b, const float* h, std::size_t n, float* out) {
  f32x4 ws[In];
  for (int p = 0; p < In; ++p) ws[p] = splat(w[p]);
  const f32x4 bv = splat(b);
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4, h += 4 * In) {
    f32x4 acc = zero();
    for (int c = 0; c < In; c += 4) {
      f32x4 r0 = load(h + c), r1 = load(h + In + c), r2 = load(h + 2 * In + c), r3 = load(h + 3 * In + c);
      transpose(r0, r1, r2, r3);  // r_i = input c + i of the four samples
      acc = add(acc, mul(ws[c], r0));
      acc = add(acc, mul(ws[c + 1], r1));
      acc = add(acc, mul(ws[c + 2], r2));
      acc = add(acc, mul(ws[c + 3], r3));
    }
    store(out + j, add(acc, bv));
  }
  for (; j < n; ++j, h += In) {
    float acc = 0.f;
    for (int p = 0; p < In; ++p) acc += w[p] * h[p];
    out[j] = acc + b;
  }
}

// Its gradients: dW with the inputs in the lanes (each lane sums over the samples in order from
// zero, as weight_grads does), db the sum of dLoss/dOutput in sample order.
template <int In>
void weight_grads_single(const float* d, const float* h, std::size_t n, float* dw, float* db) {
  constexpr int V = In / 4;
  f32x4 acc[V];
  for (int v = 0; v < V; ++v) acc[v] = zero();
  float bias = 0.f;
  for (std::size_t j = 0; j < n; ++j, h += In) {
    const f32x4 s = splat(d[j]);
    for (int v = 0; v < V; ++v) acc[v] = add(acc[v], mul(s, load(h + 4 * v)));
    bias += d[j];
  }
  for (int v = 0; v < V; ++v) store(dw + 4 * v, acc[v]);
  *db = bias;
}

// That layer followed by binary cross-entropy on its logits, and its gradients, in one pass: the
// logits as in forward_single, the loss terms and dLoss/dOutput as bce_logits_sum (the same bce4
// lanes, sixteen samples as four independent vectors, the values summed in sample order in double,
// the derivative times scale), dW and db summed sample by sample as in weight_grads_single. h and y
// hold whole chunks (NarrowMlp and the trainer round them up): the samples past n give lanes that are
// not used. (Padding a last chunk's targets here cost a failed store-to-load forward per vector.)
// When dz is given (a tanh layer before it), it also writes that layer's dZ as delta_layer does
// (wᵀ·d from zero, times 1 − h²) while h is in registers.
template <int In>
double forward_bce_single(const float* w, float b, const float* h, const float* y, std::size_t n, float scale,
                          float* d_out, float* dw, float* db, float* dz) {
  constexpr int V = In / 4;
  constexpr std::size_t kChunk = 16;
  const BceConstants k = bce_constants();
  f32x4 ws[In];
  for (int p = 0; p < In; ++p) ws[p] = splat(w[p]);
  f32x4 wv[V];
  for (int q = 0; q < V; ++q) wv[q] = load(w + 4 * q);
  const f32x4 bv = splat(b), sv = splat(scale), one = splat(1.f);
  f32x4 gw[V];
  for (int q = 0; q < V; ++q) gw[q] = zero();
  float gb = 0.f;
  double total = 0.0;
  alignas(16) float value[kChunk], deriv[kChunk];
  for (std::size_t j = 0; j < n; j += kChunk, h += kChunk * In, y += kChunk, d_out += kChunk) {
    const std::size_t m = n - j < kChunk ? n - j : kChunk;
    f32x4 o[4];
    for (int g = 0; g < 4; ++g) {
      const float* r = h + 4 * g * In;
      f32x4 acc = zero();
      for (int c = 0; c < In; c += 4) {
        f32x4 r0 = load(r + c), r1 = load(r + In + c), r2 = load(r + 2 * In + c), r3 = load(r + 3 * In + c);
        transpose(r0, r1, r2, r3);  // r_i = input c + i of the four samples
        acc = add(acc, mul(ws[c], r0));
        acc = add(acc, mul(ws[c + 1], r1));
        acc = add(acc, mul(ws[c + 2], r2));
        acc = add(acc, mul(ws[c + 3], r3));
      }
      o[g] = add(acc, bv);
    }
    f32x4 v[4], d[4];
    for (int g = 0; g < 4; ++g) bce4(o[g], load(y + 4 * g), v[g], d[g], k);
    for (int g = 0; g < 4; ++g) {
      store(value + 4 * g, v[g]);
      store(deriv + 4 * g, mul(d[g], sv));
    }
    for (std::size_t l = 0; l < m; ++l) {
      total += value[l];
      d_out[l] = deriv[l];
      const f32x4 s = splat(deriv[l]);
      for (int q = 0; q < V; ++q) {
        const f32x4 hv = load(h + l * In + 4 * q);
        gw[q] = add(gw[q], mul(s, hv));
        if (dz) store(dz + (j + l) * In + 4 * q, mul(add(zero(), mul(wv[q], s)), sub(one, mul(hv, hv))));
      }
      gb += deriv[l];
    }
  }
  for (int q = 0; q < V; ++q) store(dw + 4 * q, gw[q]);
  *db = gb;
  return total;
}

// Layers whose width is a multiple of 4 read W and b in place; Wᵀ of a one-unit layer is its weight
// row, in place when the previous layer has no padding.
bool padded(const LayerShape& s) { return s.out % 4 != 0; }
bool wt_in_place(const LayerShape& s) { return s.out == 1 && s.in % 4 == 0; }

}  // namespace

bool NarrowMlp::fits(const Model& model) {
  for (const auto& s : model.layers())
    if (s.out > kMaxWidth) return false;
  return true;
}

NarrowMlp::NarrowMlp(const Model& model, std::size_t capacity) {
  const auto& layers = model.layers();
  const auto& last = layers.back();
  if (layers.size() > 1 && last.out == 1 && last.activation == Activation::linear && (last.in == 4 || last.in == 8)) {
    single_forward_ = last.in == 4 ? forward_single<4> : forward_single<8>;
    single_grads_ = last.in == 4 ? weight_grads_single<4> : weight_grads_single<8>;
    single_bce_ = last.in == 4 ? forward_bce_single<4> : forward_bce_single<8>;
  }
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const auto& s = layers[l];
    const int lanes = s.out <= 4 ? 4 : 8;
    lanes_.push_back(lanes);
    kernels_.push_back(lanes == 4 ? kernels_for<1>(kind_of(s.activation)) : kernels_for<2>(kind_of(s.activation)));
    const std::size_t slots = capacity * static_cast<std::size_t>(lanes);
    z_.emplace_back(slots, 0.f);
    // forward_bce_single reads and writes whole chunks of sixteen samples.
    const std::size_t chunks = single_bce_ && l + 2 == layers.size() ? (capacity + 15) / 16 * 16 * lanes : slots;
    h_.emplace_back(chunks, 0.f);
    dz_.emplace_back(chunks, 0.f);
    const bool packed = padded(s) && !(single_forward_ && l + 1 == layers.size());
    w_.emplace_back(packed ? static_cast<std::size_t>(s.in) * lanes : 0, 0.f);
    b_.emplace_back(packed ? static_cast<std::size_t>(lanes) : 0, 0.f);
    wt_.emplace_back(l > 0 && !wt_in_place(s) ? static_cast<std::size_t>(s.out) * lanes_[l - 1] : 0, 0.f);
  }
}

void NarrowMlp::pack(const Model& model) {
  const auto& layers = model.layers();
  const float* params = model.params().data();
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const auto& s = layers[l];
    const float* w = params + model.weight_offset(l);
    const bool single = single_forward_ && l + 1 == layers.size();  // reads W in place
    if (padded(s) && !single) {
      const int lanes = lanes_[l];
      float* wp = w_[l].data();
      if (s.out == 1) {  // as the loop below the compiler calls memcpy for every single float
        for (int p = 0; p < s.in; ++p) wp[p * lanes] = w[p];
      } else {
        for (int p = 0; p < s.in; ++p)
          for (int i = 0; i < s.out; ++i) wp[p * lanes + i] = w[p * s.out + i];
      }
      for (int i = 0; i < s.out; ++i) b_[l][i] = params[model.bias_offset(l) + i];
    }
    if (l > 0 && !wt_in_place(s)) {
      const int lanes = lanes_[l - 1];
      float* wt = wt_[l].data();
      if (s.out % 4 == 0 && s.in % 4 == 0) {  // 4 × 4 blocks through registers, not 16 strided copies
        for (int q = 0; q < s.out; q += 4)
          for (int i = 0; i < s.in; i += 4) transpose4(w + i * s.out + q, s.out, wt + q * lanes + i, lanes);
      } else {
        for (int q = 0; q < s.out; ++q)
          for (int i = 0; i < s.in; ++i) wt[q * lanes + i] = w[i * s.out + q];
      }
    }
  }
}

std::size_t NarrowMlp::forward_hidden(const Model& model, const float* x, const std::uint32_t* cols, std::size_t n) {
  pack(model);
  const auto& layers = model.layers();
  const float* params = model.params().data();
  Source src{x, static_cast<std::size_t>(model.inputs()), cols};
  const std::size_t kernel_layers = layers.size() - (single_forward_ ? 1 : 0);
  for (std::size_t l = 0; l < kernel_layers; ++l) {
    const auto& s = layers[l];
    const float* w = padded(s) ? w_[l].data() : params + model.weight_offset(l);
    const float* b = padded(s) ? b_[l].data() : params + model.bias_offset(l);
    float* z = z_[l].data();
    float* h = h_[l].data();
    kernels_[l].forward(w, b, s.in, s.out, s.activation, src, n, z, h);
    src = Source{h, static_cast<std::size_t>(lanes_[l]), nullptr};
  }
  return kernel_layers;
}

void NarrowMlp::forward(const Model& model, const float* x, const std::uint32_t* cols, std::size_t n, float* out) {
  const std::size_t l = forward_hidden(model, x, cols, n);
  output_grads_done_ = false;
  const float* params = model.params().data();
  if (single_forward_) {
    single_forward_(params + model.weight_offset(l), params[model.bias_offset(l)], h_[l - 1].data(), n, out);
    return;
  }
  const int outputs = model.layers().back().out, lanes = lanes_.back();
  const float* h = h_.back().data();
  if (outputs == 1) {  // as the loop below the compiler calls memcpy for every sample's one float
    for (std::size_t j = 0; j < n; ++j) out[j] = h[j * lanes];
    return;
  }
  for (std::size_t j = 0; j < n; ++j)
    for (int i = 0; i < outputs; ++i) out[j * outputs + i] = h[j * lanes + i];
}

double NarrowMlp::forward_bce(Model& model, const float* x, const std::uint32_t* cols, std::size_t n, const float* y,
                              float scale, float* d_out) {
  const std::size_t l = forward_hidden(model, x, cols, n);
  output_grads_done_ = true;
  const float* params = model.params().data();
  float* grads = model.grads().data();
  const bool tanh = model.layers()[l - 1].activation == Activation::tanh;
  return single_bce_(params + model.weight_offset(l), params[model.bias_offset(l)], h_[l - 1].data(), y, n, scale,
                     d_out, grads + model.weight_offset(l), grads + model.bias_offset(l),
                     tanh ? dz_[l - 1].data() : nullptr);
}

void NarrowMlp::backward(Model& model, const float* x, const std::uint32_t* cols, std::size_t n, const float* d_out) {
  const auto& layers = model.layers();
  const float* params = model.params().data();
  float* grads = model.grads().data();
  std::size_t kernel_layers = layers.size();
  if (single_grads_) {  // the linear output layer's dZ is d_out itself, one float per sample
    --kernel_layers;
    if (!output_grads_done_)
      single_grads_(d_out, h_[kernel_layers - 1].data(), n, grads + model.weight_offset(kernel_layers),
                    grads + model.bias_offset(kernel_layers));
  }
  for (std::size_t l = kernel_layers; l-- > 0;) {
    const auto& s = layers[l];
    const bool last = l + 1 == layers.size();
    const float* wt = nullptr;
    const float* dz_next = nullptr;
    int next_out = 0, next_lanes = 0;
    if (!last) {
      const auto& next = layers[l + 1];
      wt = wt_in_place(next) ? params + model.weight_offset(l + 1) : wt_[l + 1].data();
      const bool single = l + 1 == kernel_layers;
      dz_next = single ? d_out : dz_[l + 1].data();
      next_out = next.out;
      next_lanes = single ? 1 : lanes_[l + 1];
    }
    const float* z = z_[l].data();
    const float* h = h_[l].data();
    float* dz = dz_[l].data();
    const float* d = last ? d_out : nullptr;
    const Source src = l == 0 ? Source{x, static_cast<std::size_t>(model.inputs()), cols}
                              : Source{h_[l - 1].data(), static_cast<std::size_t>(lanes_[l - 1]), nullptr};
    float* dw = grads + model.weight_offset(l);
    float* db = grads + model.bias_offset(l);
    // forward_bce() wrote a tanh layer's dZ before the output layer.
    if (!(output_grads_done_ && l + 1 == kernel_layers && s.activation == Activation::tanh))
      kernels_[l].delta(wt, dz_next, next_out, next_lanes, d, s.out, s.activation, z, h, n, dz);
    kernels_[l].weight_grads(dz, s.in, s.out, src, n, dw, db);
  }
}

}  // namespace descent::nn
