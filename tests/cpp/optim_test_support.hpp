#pragma once
// Helpers shared by the optimizer/schedule/replay tests: golden-file loading and the tolerance rule.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace descent::test {

inline nlohmann::json load_golden(const std::string& file) {
  std::ifstream in(std::string(DESCENT_TEST_DATA) + "/golden/" + file);
  if (!in) throw std::runtime_error("cannot open golden file " + file);
  return nlohmann::json::parse(in);
}

// gtest parameter names allow only [A-Za-z0-9_].
inline std::string sanitize(const std::string& name) {
  std::string out;
  for (const char c : name) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

struct Tolerance {
  double rtol, atol;
};

inline Tolerance tolerance_of(const nlohmann::json& c) {
  return {c.at("tolerance").at("rtol").get<double>(), c.at("tolerance").at("atol").get<double>()};
}

// |a − e| <= atol + rtol·|e| (golden README §7); NaN never matches.
inline ::testing::AssertionResult close(double actual, double expected, Tolerance tol) {
  if (std::isfinite(actual) && std::abs(actual - expected) <= tol.atol + tol.rtol * std::abs(expected))
    return ::testing::AssertionSuccess();
  std::ostringstream msg;
  msg.precision(17);
  msg << "actual " << actual << " vs expected " << expected << " (rtol " << tol.rtol << ", atol " << tol.atol << ")";
  return ::testing::AssertionFailure() << msg.str();
}

}  // namespace descent::test
