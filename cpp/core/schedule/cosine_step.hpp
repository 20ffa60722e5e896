#pragma once
// One step of PyTorch's recursive CosineAnnealingLR, shared by `cosine` and `warmup_cosine`.
#include <cmath>
#include <numbers>

namespace descent::sched {

// lr_t from lr_{t-1} (t >= 1 counted from the cosine's own start, whose lr is `base`).
inline double cosine_next(double prev, long t, double base, double eta_min, long t_max) {
  const double pi = std::numbers::pi, T = static_cast<double>(t_max);
  const long period = 2 * t_max;
  // Right after each minimum the ratio form would be 0/0, so PyTorch adds the increment instead.
  if ((((t - 1 - t_max) % period) + period) % period == 0)
    return prev + (base - eta_min) * (1.0 - std::cos(pi / T)) / 2.0;
  return (1.0 + std::cos(pi * static_cast<double>(t) / T)) / (1.0 + std::cos(pi * static_cast<double>(t - 1) / T)) *
             (prev - eta_min) +
         eta_min;
}

}  // namespace descent::sched
