// Lookup and catalog over all test functions.
#include <stdexcept>

#include "functions/function.hpp"

namespace descent {

const TestFunction& find_function(const std::string& name) {
  for (const auto* list : {&golden_functions(), &teaching_functions()})
    for (const auto& f : *list)
      if (f.name == name) return f;
  std::string names;
  for (const auto* list : {&golden_functions(), &teaching_functions()})
    for (const auto& f : *list) names.append(names.empty() ? "" : ", ").append(f.name);
  throw std::invalid_argument("function: unknown test function \"" + name + "\" (allowed: " + names + ")");
}

nlohmann::json function_catalog() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto* list : {&golden_functions(), &teaching_functions()})
    for (const auto& f : *list) {
      nlohmann::json minima = nlohmann::json::array();
      for (const auto& m : f.minima)
        minima.push_back({{"x", m.x}, {"y", m.y}, {"value", f.value(m.x, m.y)}, {"global", m.global}});
      out.push_back({{"name", f.name}, {"title", f.title}, {"formula", f.formula_latex},
                     {"description", f.description}, {"minima", minima},
                     {"range", {{"x", {f.range[0], f.range[1]}}, {"y", {f.range[2], f.range[3]}}}},
                     {"start", {f.start[0], f.start[1]}}});
    }
  return out;
}

}  // namespace descent
