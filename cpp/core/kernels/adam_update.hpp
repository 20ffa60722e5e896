#pragma once
// The float32 Adam update without options (no weight decay, amsgrad or maximize), four lanes at a
// time. Each element sees exactly the operations of Adam<float>::update's general loop, so the SIMD
// and scalar paths (and native and WebAssembly) agree bit for bit.
#include <cstddef>

namespace descent {

struct AdamCoefficients {
  float beta1, one_minus_beta1, beta2, one_minus_beta2;
  float step_size;  // lr / (1 − β1^t)
  float bc2_sqrt;   // √(1 − β2^t)
  float eps;
  float v_floor;    // exp_avg_sq below this becomes 0 (see flush_state in adam.cpp)
};

// State values below FLT_MIN are flushed to zero: for dead units exp_avg decays geometrically into
// subnormals, which WebAssembly cannot flush in hardware and which slow x86 down many times.
void adam_update(float* param, const float* grad, float* exp_avg, float* exp_avg_sq, std::size_t n,
                 const AdamCoefficients& c);

}  // namespace descent
