// Search descriptions: validation messages, grid order and size, seeded random draws inside their
// ranges, integer rounding, and how each dimension lands in the spec.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "search/search_space.hpp"
#include "spec/spec.hpp"

namespace descent::search {
namespace {

using nlohmann::json;

const json kSpec = {{"data", {{"source", "spiral"}, {"n", 100}}},
                    {"optimizer", {{"name", "sgd"}, {"lr", 0.1}, {"momentum", 0.9}}},
                    {"batch_size", 16},
                    {"steps", 20}};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

using ojson = nlohmann::ordered_json;

// The plan lines as the page gets them: the description parsed from text with its dimension order
// recorded, each line written by dump() and read back keeping its key order.
std::vector<ojson> plan(const ojson& search, const json& spec = kSpec) {
  KeyOrder order({"params"});
  const auto doc = json::parse(search.dump(), order.callback());
  std::vector<ojson> lines;
  for (const auto& line : expand(spec, parse_search(doc, order.keys()))) lines.push_back(ojson::parse(dump(line)));
  return lines;
}

TEST(SearchSpace, GridIsTheCartesianProductInWrittenOrderLastFastest) {
  const auto lines = plan(ojson::parse(R"({"params": {"lr": {"min": 1e-3, "max": 1e-1, "count": 3, "scale": "log"},
                                                      "batch_size": [8, 32]}})"));
  ASSERT_EQ(lines.size(), 6u);
  const double lrs[] = {1e-3, 1e-3, 1e-2, 1e-2, 1e-1, 1e-1};
  const int batches[] = {8, 32, 8, 32, 8, 32};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["index"], i);
    EXPECT_EQ(lines[i]["config"].begin().key(), "lr");  // the description's order, not sorted
    EXPECT_DOUBLE_EQ(lines[i]["config"]["lr"].get<double>(), lrs[i]);
    EXPECT_EQ(lines[i]["config"]["batch_size"], batches[i]);
    EXPECT_EQ(lines[i]["spec"]["optimizer"]["lr"], lines[i]["config"]["lr"]);
    EXPECT_EQ(lines[i]["spec"]["batch_size"], batches[i]);
    EXPECT_FALSE(lines[i]["spec"].contains("search"));
    // A plan line's spec is already normalised: parsing it again changes nothing.
    const json spec(lines[i]["spec"]);
    EXPECT_EQ(spec::to_json(spec::parse_spec(spec)), spec);
  }
  EXPECT_EQ(lines[2]["config"]["lr"].get<double>(), 0.01);  // 10^-2 exactly, not 0.009999...
}

TEST(SearchSpace, LinearRangesIncludeBothEnds) {
  const auto lines = plan(ojson::parse(R"({"params": {"momentum": {"min": 0, "max": 0.9, "count": 4}}})"));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["config"]["momentum"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(lines[1]["config"]["momentum"].get<double>(), 0.3);
  EXPECT_EQ(lines[3]["config"]["momentum"].get<double>(), 0.9);
  EXPECT_EQ(lines[3]["spec"]["optimizer"]["momentum"].get<double>(), 0.9);
}

TEST(SearchSpace, IntegerDimensionsRoundAndDropRepeatedPoints) {
  auto lines = plan(ojson::parse(R"({"params": {"batch_size": {"min": 8, "max": 128, "count": 5, "scale": "log"}}})"));
  ASSERT_EQ(lines.size(), 5u);
  const int expected[] = {8, 16, 32, 64, 128};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_TRUE(lines[i]["config"]["batch_size"].is_number_integer());
    EXPECT_EQ(lines[i]["config"]["batch_size"], expected[i]);
  }
  // 1, 1.5, 2, ..., 4 rounds to 1, 2, 2, 3, 3, 4, 4: each value runs once.
  lines = plan(ojson::parse(R"({"params": {"hidden_units": {"min": 1, "max": 4, "count": 7}}})"));
  ASSERT_EQ(lines.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(lines[static_cast<std::size_t>(i)]["spec"]["model"]["hidden"][0]["units"], i + 1);
  // A dotted path is an integer dimension when the spec holds an integer there.
  lines = plan(ojson::parse(R"({"method": "random", "runs": 5, "params": {"data.n": {"min": 50, "max": 150}}})"));
  for (const auto& l : lines) EXPECT_TRUE(l["config"]["data.n"].is_number_integer());
}

TEST(SearchSpace, RandomSearchIsReproducibleAndStaysInItsRanges) {
  const auto search = ojson::parse(R"({"method": "random", "runs": 300, "seed": 7, "params": {
      "lr": {"min": 1e-4, "max": 1e-1, "scale": "log"}, "momentum": {"min": 0.5, "max": 0.99},
      "batch_size": [8, 16, 32], "steps": {"min": 10, "max": 30}}})");
  const auto a = plan(search), b = plan(search);
  ASSERT_EQ(a.size(), 300u);
  int per_decade[3] = {0, 0, 0};
  int batches[3] = {0, 0, 0};
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i], b[i]);
    const auto& c = a[i]["config"];
    const double lr = c["lr"].get<double>();
    ASSERT_GE(lr, 1e-4);
    ASSERT_LE(lr, 1e-1);
    ++per_decade[std::min(2, static_cast<int>(std::floor(std::log10(lr) + 4)))];
    EXPECT_GE(c["momentum"].get<double>(), 0.5);
    EXPECT_LE(c["momentum"].get<double>(), 0.99);
    EXPECT_GE(c["steps"].get<int>(), 10);
    EXPECT_LE(c["steps"].get<int>(), 30);
    EXPECT_TRUE(c["steps"].is_number_integer());
    ++batches[c["batch_size"] == 8 ? 0 : c["batch_size"] == 16 ? 1 : 2];
  }
  // Log-uniform: each decade gets about a third of the draws (a uniform draw would put 90 % in the last).
  for (int d : per_decade) {
    EXPECT_GT(d, 70);
    EXPECT_LT(d, 130);
  }
  for (int n : batches) EXPECT_GT(n, 70);
  auto other = search;
  other["seed"] = 8;
  EXPECT_NE(plan(other)[0]["config"], a[0]["config"]);
}

TEST(SearchSpace, DimensionsLandWhereTheContractSays) {
  auto l = plan(ojson::parse(R"({"params": {"optimizer": ["adam"], "beta2": [0.99], "weight_decay": [0.01],
                                            "schedule": ["cosine"], "epochs": [3]}})"))[0]["spec"];
  EXPECT_EQ(l["optimizer"]["name"], "adam");
  EXPECT_EQ(l["optimizer"]["lr"], 0.1);                    // kept
  EXPECT_FALSE(l["optimizer"].contains("momentum"));       // sgd's, adam has none
  EXPECT_EQ(l["optimizer"]["betas"], json({0.9, 0.99}));
  EXPECT_EQ(l["optimizer"]["weight_decay"], 0.01);
  EXPECT_EQ(l["schedule"]["name"], "cosine");
  EXPECT_EQ(l["epochs"], 3);
  EXPECT_FALSE(l.contains("steps"));  // the budget is the dimension's, not both
  l = plan(ojson::parse(R"({"params": {"schedule": ["none"], "optimizer.nesterov": [true], "regularization.l2": [0.001]}})"))[0]["spec"];
  EXPECT_TRUE(l["schedule"].is_null());
  EXPECT_EQ(l["optimizer"]["nesterov"], true);
  EXPECT_EQ(l["regularization"]["l2"], 0.001);
  // An option both optimizers have carries over when the spec changed it from the old one's default.
  l = plan(ojson::parse(R"({"params": {"optimizer": ["sgd", "rmsprop"]}})"))[1]["spec"];
  EXPECT_EQ(l["optimizer"]["name"], "rmsprop");
  EXPECT_EQ(l["optimizer"]["momentum"], 0.9);  // shared option the spec changed
}

TEST(SearchSpace, SpecSearchBlockIsValidatedAndDropped) {
  json spec = kSpec;
  spec["search"] = {{"params", {{"lr", {0.1, 0.01}}}}};
  EXPECT_FALSE(spec::to_json(spec::parse_spec(spec)).contains("search"));
  spec["search"] = {{"params", {{"lrr", {0.1}}}}};
  EXPECT_EQ(error_of([&] { spec::parse_spec(spec); }).rfind("search.params.lrr: unknown dimension; did you mean \"lr\"?", 0), 0u);
}

TEST(SearchSpace, ErrorsNameTheFieldAndWhatIsAllowed) {
  const auto err = [](const char* text) { return error_of([&] { plan(ojson::parse(text)); }); };
  EXPECT_EQ(err(R"({"params": {"colour": [1]}})"),
            "search.params.colour: unknown dimension (allowed: lr, optimizer, momentum, beta1, beta2, weight_decay, "
            "batch_size, schedule, hidden_units, steps, epochs, or a dotted path into the spec such as optimizer.eps)");
  EXPECT_EQ(err(R"({"method": "bayes", "params": {"lr": [1]}})"), "search.method: expected \"grid\" or \"random\", got \"bayes\"");
  EXPECT_EQ(err(R"({"method": "random", "params": {"lr": [1]}})"),
            "search.runs: expected an integer from 1 to 10000 (random search), got nothing");
  EXPECT_EQ(err(R"({"params": {}})").rfind("search.params: expected an object with at least one dimension", 0), 0u);
  EXPECT_EQ(err(R"({"params": {"lr": {"min": 1, "max": 0.1, "count": 3}}})"), "search.params.lr: min 1 is greater than max 0.1");
  EXPECT_EQ(err(R"({"params": {"lr": {"min": 0, "max": 0.1, "count": 3, "scale": "log"}}})"),
            "search.params.lr.min: a log range needs min > 0, got 0");
  EXPECT_EQ(err(R"({"params": {"lr": {"min": 0.1, "max": 1}}})"),
            "search.params.lr.count: missing (a grid needs the number of points, 1 to 10000)");
  EXPECT_EQ(err(R"({"params": {"optimizer": {"min": 0, "max": 1, "count": 2}}})"),
            "search.params.optimizer: expected a list of names, not a range");
  EXPECT_EQ(err(R"({"params": {"lr": [0.1, -1]}})").rfind("search.params.lr: -1 does not fit this spec: optimizer.lr: ", 0), 0u);
  EXPECT_EQ(err(R"({"params": {"optimizer": ["adamm"]}})").rfind("search.params.optimizer: \"adamm\" does not fit this spec: ", 0), 0u);
  EXPECT_EQ(err(R"({"params": {"beta1": [0.8]}})"),
            "search.params.beta1: 0.8 does not fit this spec: optimizer \"sgd\" has no betas");
  EXPECT_EQ(err(R"({"params": {"momentum": {"min": 0, "max": 0.9, "count": 101}, "lr": {"min": 0.1, "max": 1, "count": 100}}})"),
            "search.params: the grid has more than 10000 configurations; use fewer values or a random search");
}

TEST(SearchSpace, GridStrings) {
  auto d = parse_grid_arg("lr=1e-4:1e-1:log:7");
  EXPECT_EQ(d.name, "lr");
  EXPECT_TRUE(d.ranged() && d.log);
  EXPECT_EQ(d.min, 1e-4);
  EXPECT_EQ(d.max, 1e-1);
  EXPECT_EQ(d.count, 7u);
  d = parse_grid_arg("batch_size=8,32,full");
  ASSERT_EQ(d.values.size(), 3u);
  EXPECT_TRUE(d.values[0].is_number_integer());
  EXPECT_EQ(d.values[2], "full");
  d = parse_grid_arg("optimizer.eps=1e-8,0.5,null");
  EXPECT_TRUE(d.values[0].is_number_float());
  EXPECT_TRUE(d.values[2].is_null());
  const auto err = [](const char* text) { return error_of([&] { parse_grid_arg(text); }); };
  EXPECT_EQ(err("lr"), "--grid 'lr': expected NAME=MIN:MAX:SCALE:COUNT (e.g. lr=1e-4:1e-1:log:7) or NAME=V1,V2,... "
                       "(e.g. batch_size=8,32,128)");
  EXPECT_EQ(err("lr=1e-4:1e-1:7"), "--grid 'lr=1e-4:1e-1:7': a range is MIN:MAX:SCALE:COUNT (4 fields), got 3");
  EXPECT_EQ(err("lr=1e-4:x:log:7"), "--grid 'lr=1e-4:x:log:7': MAX 'x' is not a number");
  EXPECT_EQ(err("lr=1e-4:1:ln:7"), "--grid 'lr=1e-4:1:ln:7': SCALE must be log or linear, got 'ln'");
  EXPECT_EQ(err("lr=1e-4:1:log:2.5"), "--grid 'lr=1e-4:1:log:2.5': COUNT must be an integer from 1 to 10000, got '2.5'");
  EXPECT_EQ(err("batch_size=8,,32"), "--grid 'batch_size=8,,32': empty value in the list");
  EXPECT_EQ(err("bach_size=8").rfind("--grid 'bach_size=8': search.params.bach_size: unknown dimension; did you mean "
                                     "\"batch_size\"?", 0), 0u);
  EXPECT_EQ(err("lr=0:1:log:3"), "--grid 'lr=0:1:log:3': search.params.lr.min: a log range needs min > 0, got 0.0");
}

}  // namespace
}  // namespace descent::search
