// Every case of the golden training.json, recomputed in float32 and compared within its tolerance.
#include <cmath>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "train/golden_case.hpp"

namespace {

const nlohmann::json& golden() {
  static const nlohmann::json doc = [] {
    std::ifstream in(std::string(DESCENT_TEST_DATA) + "/golden/training.json");
    return nlohmann::json::parse(in);
  }();
  return doc;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& c : golden()["cases"]) names.push_back(c["name"].get<std::string>());
  return names;
}

bool matches(double actual, double expected, double rtol, double atol) {
  return std::isfinite(actual) && std::abs(actual - expected) <= atol + rtol * std::abs(expected);
}

class TrainGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(TrainGolden, LossesAndFinalParamsWithinTolerance) {
  const nlohmann::json* expected = nullptr;
  for (const auto& c : golden()["cases"])
    if (c["name"] == GetParam()) expected = &c;
  ASSERT_NE(expected, nullptr);
  const auto actual = descent::train::replay_training_case(*expected);
  const double rtol = (*expected)["tolerance"]["rtol"], atol = (*expected)["tolerance"]["atol"];

  const auto& el = (*expected)["losses"];
  const auto& al = actual["losses"];
  ASSERT_EQ(al.size(), el.size());
  for (std::size_t k = 0; k < el.size(); ++k)
    ASSERT_TRUE(matches(al[k], el[k], rtol, atol)) << "losses[" << k << "] " << al[k] << " vs " << el[k];

  const auto& ep = (*expected)["final_params"];
  const auto& ap = actual["final_params"];
  ASSERT_EQ(ap.size(), ep.size());
  for (std::size_t l = 0; l < ep.size(); ++l) {
    for (std::size_t r = 0; r < ep[l]["W"].size(); ++r)
      for (std::size_t c = 0; c < ep[l]["W"][r].size(); ++c)
        EXPECT_TRUE(matches(ap[l]["W"][r][c], ep[l]["W"][r][c], rtol, atol))
            << "final_params[" << l << "].W[" << r << "][" << c << "] " << ap[l]["W"][r][c] << " vs "
            << ep[l]["W"][r][c];
    for (std::size_t r = 0; r < ep[l]["b"].size(); ++r)
      EXPECT_TRUE(matches(ap[l]["b"][r], ep[l]["b"][r], rtol, atol))
          << "final_params[" << l << "].b[" << r << "] " << ap[l]["b"][r] << " vs " << ep[l]["b"][r];
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, TrainGolden, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

TEST(TrainGoldenTutorial, FivePointRegressionReachesGoldenTheta) {
  for (const auto& c : golden()["cases"]) {
    if (c["name"] != "linreg_tutorial_gd") continue;
    const auto actual = descent::train::replay_training_case(c);
    const double w = actual["final_params"][0]["W"][0][0], b = actual["final_params"][0]["b"][0];
    EXPECT_NEAR(w, c["final_params"][0]["W"][0][0].get<double>(), 1e-4);
    EXPECT_NEAR(b, c["final_params"][0]["b"][0].get<double>(), 1e-4);
    return;
  }
  FAIL() << "linreg_tutorial_gd missing";
}

// Found by the golden fuzz target: counts given as huge or fractional numbers were converted to
// integers unchecked (undefined behaviour) instead of being rejected with the field's name.
TEST(TrainGoldenValidation, CountsMustBeIntegersInRange) {
  const auto base = [] {
    for (const auto& c : golden()["cases"])
      if (c["name"] == "linreg_tutorial_gd") return c;
    return nlohmann::json();
  }();
  ASSERT_FALSE(base.is_null());
  const auto rejects = [&](const char* pointer, nlohmann::json value, const std::string& field) {
    auto c = base;
    c[nlohmann::json::json_pointer(pointer)] = value;
    try {
      descent::train::replay_training_case(c);
      ADD_FAILURE() << pointer << " = " << value.dump() << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  };
  rejects("/steps", 1.11111e+49, "linreg_tutorial_gd.steps: expected an integer");
  rejects("/steps", 2.5, "linreg_tutorial_gd.steps");
  rejects("/steps", -1, "linreg_tutorial_gd.steps");
  rejects("/model/layers/0/in", 1e30, "linreg_tutorial_gd.model.layers[0].in");
  rejects("/model/layers/0/out", 0, "linreg_tutorial_gd.model.layers[0].out");
}

}  // namespace
