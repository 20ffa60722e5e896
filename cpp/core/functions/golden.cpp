// The test functions of the golden files, with the gradients written out as in its README §2.
#include <cmath>
#include <numbers>

#include "functions/function.hpp"

namespace descent {
namespace {

constexpr double kRastriginA = 10.0;

double quadratic(double x, double y) { return 0.5 * (x * x + 10.0 * y * y); }
std::array<double, 2> quadratic_grad(double x, double y) { return {x, 10.0 * y}; }

double rosenbrock(double x, double y) { return (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x); }
std::array<double, 2> rosenbrock_grad(double x, double y) {
  return {-2.0 * (1.0 - x) - 400.0 * x * (y - x * x), 200.0 * (y - x * x)};
}

double beale(double x, double y) {
  const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
  return t1 * t1 + t2 * t2 + t3 * t3;
}
std::array<double, 2> beale_grad(double x, double y) {
  const double t1 = 1.5 - x + x * y, t2 = 2.25 - x + x * y * y, t3 = 2.625 - x + x * y * y * y;
  return {2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y * y - 1.0) + 2.0 * t3 * (y * y * y - 1.0),
          2.0 * t1 * x + 4.0 * t2 * x * y + 6.0 * t3 * x * y * y};
}

double himmelblau(double x, double y) {
  const double a = x * x + y - 11.0, b = x + y * y - 7.0;
  return a * a + b * b;
}
std::array<double, 2> himmelblau_grad(double x, double y) {
  const double a = x * x + y - 11.0, b = x + y * y - 7.0;
  return {4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b};
}

double saddle(double x, double y) { return x * x - y * y; }
std::array<double, 2> saddle_grad(double x, double y) { return {2.0 * x, -2.0 * y}; }

double rastrigin(double x, double y) {
  const double two_pi = 2.0 * std::numbers::pi;
  return 2.0 * kRastriginA + (x * x - kRastriginA * std::cos(two_pi * x)) + (y * y - kRastriginA * std::cos(two_pi * y));
}
std::array<double, 2> rastrigin_grad(double x, double y) {
  const double two_pi = 2.0 * std::numbers::pi;
  return {2.0 * x + two_pi * kRastriginA * std::sin(two_pi * x), 2.0 * y + two_pi * kRastriginA * std::sin(two_pi * y)};
}

double booth(double x, double y) {
  const double a = x + 2.0 * y - 7.0, b = 2.0 * x + y - 5.0;
  return a * a + b * b;
}
std::array<double, 2> booth_grad(double x, double y) {
  const double a = x + 2.0 * y - 7.0, b = 2.0 * x + y - 5.0;
  return {2.0 * a + 4.0 * b, 4.0 * a + 2.0 * b};
}

}  // namespace

const std::vector<TestFunction>& golden_functions() {
  static const std::vector<TestFunction> all = {
      {"quadratic", "Elongated bowl", R"(\tfrac12\,(x^2 + 10\,y^2))",
       "A convex bowl ten times steeper in y than in x: plain gradient descent zig-zags across the valley.", quadratic,
       quadratic_grad, {{0.0, 0.0, true}}, {-3.0, 3.0, -2.0, 2.0}, {2.0, 1.5}},
      {"rosenbrock", "Rosenbrock", R"((1 - x)^2 + 100\,(y - x^2)^2)",
       "A curved, nearly flat banana-shaped valley: finding it is easy, following it to (1, 1) is hard.", rosenbrock,
       rosenbrock_grad, {{1.0, 1.0, true}}, {-2.0, 2.0, -1.0, 3.0}, {-1.25, 1.0}},
      {"beale", "Beale", R"((1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2)",
       "Flat plateaus and sharp ridges around a minimum at (3, 0.5); gradients vary over orders of magnitude.", beale,
       beale_grad, {{3.0, 0.5, true}}, {-4.5, 4.5, -4.5, 4.5}, {1.0, 1.0}},
      {"himmelblau", "Himmelblau", R"((x^2 + y - 11)^2 + (x + y^2 - 7)^2)",
       "Four equal minima: which one an optimizer reaches depends on where it starts and how it moves.", himmelblau,
       himmelblau_grad,
       {{3.0, 2.0, true},
        {-2.805118086952745, 3.131312518250573, true},
        {-3.779310253377747, -3.283185991286169, true},
        {3.5844283403304917, -1.8481265269644034, true}},
       {-5.0, 5.0, -5.0, 5.0}, {0.0, 0.0}},
      {"saddle", "Saddle", R"(x^2 - y^2)",
       "A saddle point at the origin with no minimum: y runs away, and a start exactly on y = 0 stays stuck.", saddle,
       saddle_grad, {}, {-2.0, 2.0, -2.0, 2.0}, {1.0, 0.0078125}},
      {"rastrigin", "Rastrigin (A = 10)", R"(2A + \sum_{u \in \{x, y\}} \big(u^2 - A\cos 2\pi u\big),\ A = 10)",
       "A bowl covered in a grid of local minima; the global minimum is at the origin.", rastrigin, rastrigin_grad,
       {{0.0, 0.0, true}}, {-5.12, 5.12, -5.12, 5.12}, {0.375, -0.25}},
      {"booth", "Booth", R"((x + 2y - 7)^2 + (2x + y - 5)^2)",
       "A tilted convex quadratic with its minimum at (1, 3).", booth, booth_grad, {{1.0, 3.0, true}},
       {-10.0, 10.0, -10.0, 10.0}, {-3.0, -2.0}},
  };
  return all;
}

}  // namespace descent
