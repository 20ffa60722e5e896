#pragma once
// Two-dimensional test functions for the optimizer playground: value, analytic gradient, known
// minima and what the page needs to draw them.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace descent {

struct Minimum {
  double x, y;
  bool global;
};

struct TestFunction {
  // Views of literals (like ParamSpec's texts): no construction code in the WebAssembly module.
  std::string_view name;
  std::string_view title;
  std::string_view formula_latex;
  std::string_view description;
  double (*value)(double x, double y);
  std::array<double, 2> (*gradient)(double x, double y);
  std::vector<Minimum> minima;    // empty when the function has none (saddle)
  std::array<double, 4> range;    // plotting window: x_min, x_max, y_min, y_max
  std::array<double, 2> start;    // a starting point that shows the function's character
};

// The seven functions of the golden files (quadratic, rosenbrock, beale, himmelblau, saddle,
// rastrigin, booth) and the teaching extras.
const std::vector<TestFunction>& golden_functions();
const std::vector<TestFunction>& teaching_functions();

// Throws std::invalid_argument listing every name when `name` is unknown.
const TestFunction& find_function(const std::string& name);

// [{name, title, formula, description, minima:[{x, y, value, global}], range:{x, y}, start}]
nlohmann::json function_catalog();

}  // namespace descent
