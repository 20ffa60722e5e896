#include "kernels/tanh.hpp"

// GCC if-converts the selects below (and so vectorises the loop) only when it may assume FP
// comparisons do not trap; results are unchanged. Clang vectorises it as it is.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

#include <cmath>
#include <cstdint>
#include <cstring>

namespace descent {
namespace {

// tanh(x) = sign(x) · e/(e + 2) with e = expm1(2|x|). expm1(y) = 2^n·expm1(r) + (2^n − 1) with
// y = n·ln2 + r, |r| ≤ ln2/2; the Taylor series of expm1(r) has no constant term, so small |x| keep
// full relative accuracy. Past |x| = 10, tanh is 1 in float.
inline float tanh_one(float x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 32 significant bits: n·kLn2Hi is exact
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2 = 1.44269504088896338700e+00;
  const double y2 = 2.0 * std::fabs(static_cast<double>(x));
  const double y = y2 < 20.0 ? y2 : 20.0;  // also maps NaN to 20; restored below
  // Adding 1.5·2^52 rounds y/ln2 to the integer n and leaves n in the low mantissa bits, so n and
  // 2^n come from double and integer lane arithmetic alone (a float→int conversion does not vectorise
  // in WebAssembly).
  constexpr double kShift = 6755399441055744.0;
  const double shifted = y * kInvLn2 + kShift;
  const double nd = shifted - kShift;
  const double r = (y - nd * kLn2Hi) - nd * kLn2Lo;
  // expm1(r) = r·p(r), Taylor to r⁸/8!: truncation < 6e-10 relative, far below half a float ulp.
  double p = 1.0 / 40320.0;
  p = 1.0 / 5040.0 + r * p;
  p = 1.0 / 720.0 + r * p;
  p = 1.0 / 120.0 + r * p;
  p = 1.0 / 24.0 + r * p;
  p = 1.0 / 6.0 + r * p;
  p = 0.5 + r * p;
  p = 1.0 + r * p;
  const double em1r = r * p;
  std::uint64_t bits;
  std::memcpy(&bits, &shifted, sizeof bits);
  bits = (bits + 1023) << 52;  // the exponent field of 2^n; kShift's own bits shift out
  double scale;
  std::memcpy(&scale, &bits, sizeof scale);
  const double e = scale * em1r + (scale - 1.0);
  const float t = std::copysign(static_cast<float>(e / (e + 2.0)), x);  // tanh(−0) = −0
  return x != x ? x : t;
}

}  // namespace

float tanh_f32(float x) { return tanh_one(x); }

void tanh_f32(const float* z, float* h, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) h[i] = tanh_one(z[i]);
}

}  // namespace descent
