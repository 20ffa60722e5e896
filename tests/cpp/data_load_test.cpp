#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "data/bundled.hpp"
#include "data/load.hpp"
#include "data_test_support.hpp"

namespace descent {
namespace {

using json = nlohmann::json;
using test::csv_file;
using test::rejection;

std::string rejected(const char* spec, std::string_view bytes = {}) {
  return rejection([&] { load_data(json::parse(spec), bytes); });
}

TEST(DataLoad, GeneratorFromSpec) {
  const Dataset ds = load_data(json::parse(R"({"source":"spiral","n":400,"noise":0.1,"test_fraction":0.3,"seed":1})"));
  EXPECT_EQ(ds.name, "spiral");
  EXPECT_EQ(ds.n_train() + ds.n_test(), 400u);
  EXPECT_EQ(ds.n_test(), 120u);
  EXPECT_EQ(ds.notes.front(), "generated 400 points of 'spiral' (noise 0.1, seed 1)");
}

TEST(DataLoad, GeneratorDefaults) {
  const Dataset ds = load_data(json::parse(R"({"source":"circle"})"));
  EXPECT_EQ(ds.n_train(), 320u);
  EXPECT_EQ(ds.n_test(), 80u);
  const Dataset five = load_data(json::parse(R"({"source":"five_points"})"));
  EXPECT_EQ(five.x_train, (std::vector<float>{1, 2, 3, 4, 5}));
}

TEST(DataLoad, CsvFromSpec) {
  const Dataset ds = load_data(json::parse(R"({"source":"csv","target":"weight","roles":{"label":"ignore"},
      "task":"auto","missing":"drop","standardize":true,"test_fraction":0.25,"seed":1})"),
                               csv_file("comma.csv"));
  EXPECT_EQ(ds.name, "csv");
  EXPECT_EQ(ds.target_name, "weight");
  EXPECT_EQ(ds.task, Task::regression);
  EXPECT_EQ(ds.feature_names, (std::vector<std::string>{"height"}));
  EXPECT_EQ(ds.n_train(), 3u);
  EXPECT_EQ(ds.n_test(), 1u);
}

TEST(DataLoad, CsvHeaderOption) {
  const Dataset ds = load_data(json::parse(R"({"source":"csv","header":false,"test_fraction":0})"),
                               csv_file("no_header.csv"));
  EXPECT_EQ(ds.target_name, "column 3");
  EXPECT_EQ(ds.n_train(), 4u);
}

TEST(DataLoad, BundledSetsHaveTheirShapes) {
  const Dataset iris = load_data(json::parse(R"({"source":"iris"})"));
  EXPECT_EQ(iris.n_train() + iris.n_test(), 150u);
  EXPECT_EQ(iris.n_features, 4u);
  EXPECT_EQ(iris.task, Task::multiclass);
  EXPECT_EQ(iris.class_names, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
  EXPECT_EQ(iris.n_test(), 30u);
  EXPECT_EQ(iris.notes, (std::vector<std::string>{
                            "read 150 rows and 5 columns (delimiter ',', header row)",
                            "task: multiclass classification (text labels); 3 classes: setosa, versicolor, virginica",
                            "split 120 training / 30 test rows (seed 1, stratified by class); features standardised "
                            "with training-row statistics"}));

  const Dataset digits = load_data(json::parse(R"({"source":"digits"})"));
  EXPECT_EQ(digits.n_train() + digits.n_test(), 1797u);
  EXPECT_EQ(digits.n_features, 64u);
  EXPECT_EQ(digits.task, Task::multiclass);
  EXPECT_EQ(digits.class_names.size(), 10u);
  EXPECT_EQ(digits.class_names.front(), "0");
  EXPECT_EQ(digits.class_names.back(), "9");

  const Dataset diabetes = load_data(json::parse(R"({"source":"diabetes"})"));
  EXPECT_EQ(diabetes.n_train() + diabetes.n_test(), 442u);
  EXPECT_EQ(diabetes.n_features, 10u);
  EXPECT_EQ(diabetes.task, Task::regression);
  EXPECT_EQ(diabetes.target_name, "progression");
}

TEST(DataLoad, BundledBytesCanBePassedIn) {
  // What the browser does: the fetched file instead of the embedded one.
  const std::string bytes(bundled_csv("iris"));
  const Dataset ds = load_data(json::parse(R"({"source":"iris","test_fraction":0})"), bytes);
  EXPECT_EQ(ds.n_train(), 150u);
  EXPECT_TRUE(bundled_csv("titanic").empty());
}

TEST(DataLoad, SpecRejections) {
  EXPECT_EQ(rejected("[1]"), "data: expected an object, got [1]");
  EXPECT_EQ(rejected("{}"),
            "data.source: required; one of circle, xor, gauss, spiral, plane, multi_gauss, five_points, linear, sine, "
            "csv, iris, digits, diabetes");
  EXPECT_EQ(rejected(R"({"source":"moons"})"),
            "data.source: unknown source 'moons'; one of circle, xor, gauss, spiral, plane, multi_gauss, five_points, "
            "linear, sine, csv, iris, digits, diabetes");
  EXPECT_EQ(rejected(R"({"source":"spiral","n":1})"), "data.n: expected an integer from 2 to 100000, got 1");
  EXPECT_EQ(rejected(R"({"source":"spiral","n":10.5})"), "data.n: expected an integer from 2 to 100000, got 10.5");
  EXPECT_EQ(rejected(R"({"source":"spiral","n":-4})"), "data.n: expected an integer from 2 to 100000, got -4");
  EXPECT_EQ(rejected(R"({"source":"spiral","noise":0.6})"), "data.noise: expected a number from 0 to 0.5, got 0.6");
  EXPECT_EQ(rejected(R"({"source":"spiral","noise":"low"})"),
            "data.noise: expected a number from 0 to 0.5, got \"low\"");
  EXPECT_EQ(rejected(R"({"source":"spiral","test_fraction":1})"),
            "data.test_fraction: expected a number from 0 to 0.9, got 1");
  EXPECT_EQ(rejected(R"({"source":"spiral","seed":-1})"),
            "data.seed: expected an integer from 0 to 9007199254740991, got -1");
  EXPECT_EQ(rejected(R"({"source":"spiral","standardize":1})"), "data.standardize: expected true or false, got 1");
  EXPECT_EQ(rejected(R"({"source":"spiral","target":"y"})"),
            "data.target: not a field for source 'spiral'; allowed: n, noise, test_fraction, seed, standardize");
  EXPECT_EQ(rejected(R"({"source":"five_points","n":10})"),
            "data.n: not a field for source 'five_points'; allowed: standardize");
  EXPECT_EQ(rejected(R"({"source":"csv","n":10})", "x,y\n1,2\n3,4\n"),
            "data.n: not a field for source 'csv'; allowed: target, roles, task, missing, standardize, stratify, "
            "test_fraction, seed, header");
  EXPECT_EQ(rejected(R"({"source":"csv","task":"ranking"})", "x,y\n1,2\n3,4\n"),
            "data.task: expected \"auto\", \"regression\", \"binary\" or \"multiclass\", got \"ranking\"");
  EXPECT_EQ(rejected(R"({"source":"csv","missing":"zero"})", "x,y\n1,2\n3,4\n"),
            "data.missing: expected \"drop\" or \"mean\", got \"zero\"");
  EXPECT_EQ(rejected(R"({"source":"csv","roles":{"x":"label"}})", "x,y\n1,2\n3,4\n"),
            "data.roles.x: expected \"feature\", \"target\" or \"ignore\", got \"label\"");
  EXPECT_EQ(rejected(R"({"source":"csv","roles":["x"]})", "x,y\n1,2\n3,4\n"),
            "data.roles: expected an object mapping column names to roles, got [\"x\"]");
  EXPECT_EQ(rejected(R"({"source":"csv","target":true})", "x,y\n1,2\n3,4\n"),
            "data.target: expected a column name or a 0-based column index (-1 = last), got true");
  EXPECT_EQ(rejected(R"({"source":"csv","header":"yes"})", "x,y\n1,2\n3,4\n"),
            "data.header: expected \"auto\", true or false, got \"yes\"");
  EXPECT_EQ(rejected(R"({"source":"csv"})"), "data.source: 'csv' needs the file's bytes, and none were given");
}

TEST(DataLoad, CsvErrorsPassThrough) {
  EXPECT_EQ(rejected(R"({"source":"csv"})", csv_file("ragged.csv")), "row 7 has 3 fields, expected 4 (as in row 1)");
}

}  // namespace
}  // namespace descent
