// make_optimizer's error messages name the field and the allowed values/range.
#include <string>

#include <gtest/gtest.h>

#include "optim/optimizer.hpp"

namespace descent {
namespace {

using nlohmann::json;

std::string error_of(const json& spec) {
  try {
    make_optimizer<double>(spec);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(OptimValidation, UnknownOptimizerListsAllNames) {
  EXPECT_EQ(error_of({{"name", "adamm"}}),
            "optimizer.name: unknown optimizer \"adamm\" (allowed: sgd, adagrad, rmsprop, adadelta, adam, adamw, "
            "adamax, nadam, radam, lion)");
  EXPECT_EQ(error_of({{"lr", 0.1}}).substr(0, 33), "optimizer.name: missing (allowed:");
  EXPECT_EQ(error_of(json::array()), "optimizer: expected an object like {\"name\": \"adam\", ...}");
}

TEST(OptimValidation, UnknownOptionListsTheOptimizersOptions) {
  EXPECT_EQ(error_of({{"name", "adam"}, {"momentum", 0.9}}),
            "optimizer.momentum: unknown option for adam (allowed: lr, betas, eps, weight_decay, amsgrad, maximize)");
  EXPECT_EQ(error_of({{"name", "lion"}, {"eps", 1e-8}}),
            "optimizer.eps: unknown option for lion (allowed: lr, betas, weight_decay)");
}

TEST(OptimValidation, WrongTypes) {
  EXPECT_EQ(error_of({{"name", "sgd"}, {"lr", "0.1"}}), "optimizer.lr: expected a number, got string \"0.1\"");
  EXPECT_EQ(error_of({{"name", "adam"}, {"amsgrad", 1}}), "optimizer.amsgrad: expected true or false, got number 1");
  EXPECT_EQ(error_of({{"name", "adam"}, {"betas", 0.9}}), "optimizer.betas: expected an array of 2 numbers, got 0.9");
}

TEST(OptimValidation, Ranges) {
  EXPECT_EQ(error_of({{"name", "sgd"}, {"lr", -0.1}}), "optimizer.lr: must be >= 0, got -0.1");
  EXPECT_EQ(error_of({{"name", "adam"}, {"betas", {0.9, 1.0}}}), "optimizer.betas[1]: must be in [0, 1), got 1");
  EXPECT_EQ(error_of({{"name", "nadam"}, {"betas", {-0.1, 0.99}}}), "optimizer.betas[0]: must be in [0, 1), got -0.1");
  EXPECT_EQ(error_of({{"name", "adam"}, {"eps", -1e-8}}), "optimizer.eps: must be >= 0, got -1e-08");
  EXPECT_EQ(error_of({{"name", "sgd"}, {"momentum", -0.5}}), "optimizer.momentum: must be >= 0, got -0.5");
  EXPECT_EQ(error_of({{"name", "rmsprop"}, {"alpha", 1.5}}), "optimizer.alpha: must be in [0, 1], got 1.5");
  EXPECT_EQ(error_of({{"name", "adadelta"}, {"rho", 1.5}}), "optimizer.rho: must be in [0, 1], got 1.5");
  EXPECT_EQ(error_of({{"name", "adamw"}, {"weight_decay", -0.01}}), "optimizer.weight_decay: must be >= 0, got -0.01");
  EXPECT_EQ(error_of({{"name", "adagrad"}, {"lr_decay", -1}}), "optimizer.lr_decay: must be >= 0, got -1");
}

TEST(OptimValidation, NesterovNeedsMomentumAndNoDampening) {
  EXPECT_EQ(error_of({{"name", "sgd"}, {"nesterov", true}}),
            "optimizer.nesterov: Nesterov momentum requires momentum > 0 and dampening = 0 (got momentum 0, dampening 0)");
  EXPECT_EQ(error_of({{"name", "sgd"}, {"nesterov", true}, {"momentum", 0.9}, {"dampening", 0.1}}),
            "optimizer.nesterov: Nesterov momentum requires momentum > 0 and dampening = 0 (got momentum 0.9, dampening 0.1)");
  EXPECT_EQ(error_of({{"name", "sgd"}, {"nesterov", true}, {"momentum", 0.9}}), "(no error)");
}

TEST(OptimCatalog, DescribesEveryOptimizer) {
  const auto catalog = optimizer_catalog();
  ASSERT_EQ(catalog.size(), 10u);
  for (const auto& o : catalog) {
    EXPECT_FALSE(o.at("title").get<std::string>().empty());
    EXPECT_NE(o.at("update").get<std::string>().find("\\theta_t"), std::string::npos) << o.at("name");
    auto opt = make_optimizer<double>({{"name", o.at("name")}});  // every default is valid
    for (const auto& p : o.at("params")) {
      EXPECT_FALSE(p.at("description").get<std::string>().empty());
      EXPECT_EQ(opt->hyperparameters().at(p.at("name").get<std::string>()), p.at("default")) << p.at("name");
    }
  }
  EXPECT_NE(catalog[4].at("params")[3].at("description").get<std::string>().find("coupled"), std::string::npos);
  EXPECT_NE(catalog[5].at("params")[3].at("description").get<std::string>().find("Decoupled"), std::string::npos);
}

}  // namespace
}  // namespace descent
