#pragma once
// Forward and backward passes for networks whose layers are all at most 8 units wide (the
// playground's nets), one sample at a time with a layer's units in the lanes of one or two f32x4
// vectors (a one-output last layer: four samples per vector instead). At this size the general
// path's per-layer kernel calls, views, workspace passes and transposed copies cost more than the
// arithmetic. The arithmetic is the general path's (Model::forward and backward with gemm, row_sums
// and the activation kernels): every sum from zero in the same order, separate multiply and add,
// the same activation and derivative formulas. Lane-wise operations give a value the same bits in
// any lane, so parameters and losses match bit for bit.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "nn/model.hpp"

namespace descent::nn {

class NarrowMlp {
 public:
  static constexpr int kMaxWidth = 8;
  static bool fits(const Model& model);  // every layer at most kMaxWidth units wide

  NarrowMlp() = default;
  NarrowMlp(const Model& model, std::size_t capacity);

  // Sample j is column cols[j] of x (column-major, model.inputs() rows), or column j when cols is
  // null, so a mini-batch is read in place. Writes the outputs (outputs × n, contiguous) to out.
  void forward(const Model& model, const float* x, const std::uint32_t* cols, std::size_t n, float* out);
  // A one-output linear last layer after 4 or 8 units (a classifier's logit) trained with binary
  // cross-entropy on logits: forward() and nn::loss_sum's BCE in one pass over the logits, which also
  // writes the output layer's gradients (backward() then leaves them). Given the targets y and the
  // gradient scale, writes dLoss/dOutput (n floats) to d_out and returns the summed loss terms, the
  // same bits as forward() followed by loss_sum. A tanh layer before the output gets its dZ there too.
  // y must be readable up to n rounded up to a multiple of 16.
  bool fuses_bce() const { return single_bce_ != nullptr; }
  double forward_bce(Model& model, const float* x, const std::uint32_t* cols, std::size_t n, const float* y,
                     float scale, float* d_out);
  // After forward() or forward_bce() on the same samples: given dLoss/dOutput (outputs × n,
  // contiguous), overwrites model.grads() as Model::backward does.
  void backward(Model& model, const float* x, const std::uint32_t* cols, std::size_t n, const float* d_out);

  // Where a pass reads its input samples: column cols[j] (or j) of a column-major matrix.
  struct Source {
    const float* data;
    std::size_t stride;
    const std::uint32_t* cols;
    const float* col(std::size_t j) const { return data + (cols ? cols[j] : j) * stride; }
  };

  // Each layer's kernels, instantiated for its width (one or two vectors) and for tanh or the other
  // activations (which share one instantiation), are picked once here and called through pointers.
  // That also keeps them out of line in WebAssembly: Binaryen inlines a function with a single caller,
  // and with these inlined into the trainer's step V8's register allocation made a 2-8-8-1 step 25 %
  // slower.
  struct Kernels {
    void (*forward)(const float* w, const float* b, int in, int out, Activation act, const Source& src, std::size_t n,
                    float* z, float* h);
    void (*delta)(const float* wt, const float* dz_next, int next_out, int next_lanes, const float* d_out, int out,
                  Activation act, const float* z, const float* h, std::size_t n, float* dz);
    void (*weight_grads)(const float* dz, int in, int out, const Source& src, std::size_t n, float* dw, float* db);
  };

 private:
  void pack(const Model& model);
  // Packs and runs every layer but a one-output linear last one; returns how many layers it ran.
  std::size_t forward_hidden(const Model& model, const float* x, const std::uint32_t* cols, std::size_t n);

  std::vector<Kernels> kernels_;  // per layer
  // A one-output linear last layer after 4 or 8 units computes four samples per vector (set for
  // such nets only; the general kernels handle the rest).
  void (*single_forward_)(const float* w, float b, const float* h, std::size_t n, float* out) = nullptr;
  void (*single_grads_)(const float* d, const float* h, std::size_t n, float* dw, float* db) = nullptr;
  double (*single_bce_)(const float* w, float b, const float* h, const float* y, std::size_t n, float scale,
                        float* d_out, float* dw, float* db, float* dz) = nullptr;
  bool output_grads_done_ = false;  // by the last forward_bce()

  // Per layer: lanes (4 or 8, the padded width), one slot of that many floats per sample for the
  // pre-activations (written only where the activation reads them back), activations and gradients.
  std::vector<int> lanes_;
  std::vector<std::vector<float>> z_, h_, dz_;
  // Per layer, refreshed each step from the parameters and zero in the padding lanes: W with its
  // columns padded to `lanes` rows and the bias (only for widths that are not a multiple of 4; the
  // others are read in place), and Wᵀ with column q = row q of W padded to the previous layer's lanes,
  // so that Wᵀ·dZ loads whole vectors.
  std::vector<std::vector<float>> w_, b_, wt_;
};

}  // namespace descent::nn
