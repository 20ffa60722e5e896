// Extra landscapes for teaching: a plateau, a local-versus-global minimum and a rotated ravine.
#include <cmath>

#include "functions/function.hpp"

namespace descent {
namespace {

// Vanishing gradients far from the well: fixed-step methods crawl, adaptive ones rescale.
double plateau(double x, double y) { return 1.0 - std::exp(-0.5 * (x * x + y * y)); }
std::array<double, 2> plateau_grad(double x, double y) {
  const double e = std::exp(-0.5 * (x * x + y * y));
  return {x * e, y * e};
}

// A tilted double well: the 0.3·x tilt makes the left well (x ≈ −1.036) global and the right
// one (x ≈ 0.960) a local trap.
double two_minima(double x, double y) { return (x * x - 1.0) * (x * x - 1.0) + 0.3 * x + y * y; }
std::array<double, 2> two_minima_grad(double x, double y) { return {4.0 * x * (x * x - 1.0) + 0.3, 2.0 * y}; }

// Condition number 50 along the diagonals, so per-coordinate scaling (Adam, RMSprop) cannot
// undo it, unlike the axis-aligned quadratic.
double ravine(double x, double y) {
  const double u = x + y, v = x - y;
  return 0.25 * (u * u + 50.0 * v * v);
}
std::array<double, 2> ravine_grad(double x, double y) {
  const double u = x + y, v = x - y;
  return {0.5 * (u + 50.0 * v), 0.5 * (u - 50.0 * v)};
}

}  // namespace

const std::vector<TestFunction>& teaching_functions() {
  static const std::vector<TestFunction> all = {
      {"plateau", "Plateau", R"(1 - e^{-(x^2 + y^2)/2})",
       "A narrow well in a vast flat plateau: far from the origin the gradient almost vanishes.", plateau, plateau_grad,
       {{0.0, 0.0, true}}, {-5.0, 5.0, -5.0, 5.0}, {3.5, 3.0}},
      {"two_minima", "Two minima", R"((x^2 - 1)^2 + 0.3\,x + y^2)",
       "A tilted double well: the left minimum is global, the right one a local trap that momentum may escape.",
       two_minima, two_minima_grad, {{-1.0355787140888537, 0.0, true}, {0.9601495555191055, 0.0, false}},
       {-2.0, 2.0, -1.5, 1.5}, {1.6, 1.0}},
      {"ravine", "Rotated ravine", R"(\tfrac14\big((x + y)^2 + 50\,(x - y)^2\big))",
       "An ill-conditioned quadratic (condition number 50) whose narrow valley runs diagonally, so per-coordinate "
       "step sizes do not help.",
       ravine, ravine_grad, {{0.0, 0.0, true}}, {-4.0, 4.0, -4.0, 4.0}, {-3.0, -2.5}},
  };
  return all;
}

}  // namespace descent
