#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "data/csv.hpp"
#include "data/ingest.hpp"
#include "data_test_support.hpp"

namespace descent {
namespace {

using test::csv_file;
using test::rejection;

Dataset ingest_text(const std::string& text, IngestOptions o = {}) { return ingest(parse_csv(text), o, "t"); }

IngestOptions all_train() {
  IngestOptions o;
  o.test_fraction = 0.0;
  o.standardize = false;
  return o;
}

bool has_note(const Dataset& ds, const std::string& note) {
  for (const auto& n : ds.notes)
    if (n == note) return true;
  return false;
}

std::string all_notes(const Dataset& ds) {
  std::string s;
  for (const auto& n : ds.notes) s += n + "\n";
  return s;
}

TEST(DataIngest, TargetDefaultsToLastColumnAndTextLabelsAreSorted) {
  const Dataset ds = ingest(parse_csv(csv_file("string_labels.csv")), all_train(), "labels");
  EXPECT_EQ(ds.target_name, "species");
  EXPECT_EQ(ds.task, Task::multiclass);
  EXPECT_EQ(ds.class_names, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
  EXPECT_EQ(ds.feature_names, (std::vector<std::string>{"x1", "x2"}));
  ASSERT_EQ(ds.n_train(), 6u);
  EXPECT_TRUE(has_note(ds, "task: multiclass classification (text labels); 3 classes: setosa, versicolor, virginica"))
      << all_notes(ds);
  // Rows keep their features next to their labels after the shuffle.
  for (std::size_t i = 0; i < ds.n_train(); ++i) {
    const float x1 = ds.x_train[i * 2];
    const float expected = x1 == 1 || x1 == 3 ? 0.f : x1 == 4 || x1 == 6 ? 1.f : 2.f;
    EXPECT_EQ(ds.y_train[i], expected) << "x1 = " << x1;
  }
}

TEST(DataIngest, TargetByNameOrIndexAndRoles) {
  IngestOptions o = all_train();
  o.target_name = "height";
  o.roles["label"] = ColumnRole::ignore;
  const Dataset ds = ingest(parse_csv(csv_file("comma.csv")), o, "c");
  EXPECT_EQ(ds.target_name, "height");
  EXPECT_EQ(ds.task, Task::regression);
  EXPECT_EQ(ds.feature_names, (std::vector<std::string>{"weight"}));
  EXPECT_TRUE(has_note(ds, "ignored column 3 'label'")) << all_notes(ds);

  IngestOptions by_index = all_train();
  by_index.target_index = -3;
  EXPECT_EQ(ingest(parse_csv(csv_file("comma.csv")), by_index, "c").target_name, "height");
  by_index.target_index = 1;
  EXPECT_EQ(ingest(parse_csv(csv_file("comma.csv")), by_index, "c").target_name, "weight");

  IngestOptions by_role = all_train();
  by_role.roles["weight"] = ColumnRole::target;
  EXPECT_EQ(ingest(parse_csv(csv_file("comma.csv")), by_role, "c").target_name, "weight");
}

TEST(DataIngest, BadTargetAndRolesAreNamed) {
  const CsvTable t = parse_csv(csv_file("comma.csv"));
  IngestOptions o;
  o.target_name = "price";
  EXPECT_EQ(rejection([&] { ingest(t, o, "c"); }),
            "data.target: no column named 'price' (columns: height, weight, label)");
  o = {};
  o.target_index = 3;
  EXPECT_EQ(rejection([&] { ingest(t, o, "c"); }),
            "data.target: index 3 is out of range; the file has 3 columns (0..2, or -1 for the last)");
  o = {};
  o.roles["id"] = ColumnRole::ignore;
  EXPECT_EQ(rejection([&] { ingest(t, o, "c"); }),
            "data.roles.id: no column named 'id' (columns: height, weight, label)");
  o = {};
  o.target_name = "height";
  o.roles["weight"] = ColumnRole::target;
  EXPECT_EQ(rejection([&] { ingest(t, o, "c"); }),
            "data.target names 'height' but data.roles makes 'weight' the target");
  o = {};
  o.roles["height"] = ColumnRole::ignore;
  o.roles["weight"] = ColumnRole::ignore;
  EXPECT_EQ(rejection([&] { ingest(t, o, "c"); }),
            "no feature columns: every column other than the target 'label' has the role \"ignore\"");
}

TEST(DataIngest, TaskDetection) {
  // Integer-valued numeric target with few values: classes, in numeric order.
  const Dataset binary = ingest(parse_csv(csv_file("no_header.csv")), all_train(), "b");
  EXPECT_EQ(binary.task, Task::binary);
  EXPECT_EQ(binary.class_names, (std::vector<std::string>{"0", "1"}));
  const Dataset multi = ingest_text("x,y\n1,3\n2,10\n3,-2\n4,3\n", all_train());
  EXPECT_EQ(multi.task, Task::multiclass);
  EXPECT_EQ(multi.class_names, (std::vector<std::string>{"-2", "3", "10"}));
  // Fractions, or more than 20 distinct integers: regression.
  EXPECT_EQ(ingest(parse_csv(csv_file("constant_column.csv")), all_train(), "r").task, Task::regression);
  std::string many = "x,y\n";
  for (int i = 0; i < 21; ++i) many += std::to_string(i) + "," + std::to_string(i * 2) + "\n";
  EXPECT_EQ(ingest_text(many, all_train()).task, Task::regression);
  std::string twenty = "x,y\n";
  for (int i = 0; i < 20; ++i) twenty += std::to_string(i) + "," + std::to_string(i * 2) + "\n";
  EXPECT_EQ(ingest_text(twenty, all_train()).task, Task::multiclass);
}

TEST(DataIngest, TaskOverride) {
  IngestOptions o = all_train();
  o.task = Task::regression;
  const Dataset r = ingest(parse_csv(csv_file("no_header.csv")), o, "r");
  EXPECT_EQ(r.task, Task::regression);
  EXPECT_TRUE(r.class_names.empty());

  o.task = Task::multiclass;
  const Dataset m = ingest(parse_csv(csv_file("no_header.csv")), o, "m");
  EXPECT_EQ(m.task, Task::multiclass);
  EXPECT_EQ(m.class_names.size(), 2u);

  o.task = Task::binary;
  EXPECT_EQ(rejection([&] { ingest(parse_csv(csv_file("string_labels.csv")), o, "s"); }),
            "data.task: \"binary\" needs exactly 2 classes, but column 3 'species' has 3");
  o.task = Task::regression;
  EXPECT_EQ(rejection([&] { ingest(parse_csv(csv_file("string_labels.csv")), o, "s"); }),
            "data.task: \"regression\" needs a numeric target, but column 3 'species' holds text (e.g. 'setosa')");
  EXPECT_EQ(rejection([&] { ingest_text("x,y\n1,a\n2,a\n", all_train()); }),
            "column 2 'y' (the target) has a single value 'a'; classification needs at least 2 classes");
}

TEST(DataIngest, MissingValuesDropped) {
  const Dataset ds = ingest(parse_csv(csv_file("missing_forms.csv")), all_train(), "m");
  // Eight missing forms in x; only the rows with x = 1 and x = 3 survive.
  ASSERT_EQ(ds.n_train(), 2u);
  EXPECT_TRUE(has_note(ds, "dropped 8 rows with missing feature values (data.missing \"drop\")")) << all_notes(ds);
  float sum = 0.f;
  for (float v : ds.x_train) sum += v;
  EXPECT_EQ(sum, 4.f);
}

TEST(DataIngest, MissingValuesImputedWithTrainingMean) {
  IngestOptions o = all_train();
  o.missing = MissingPolicy::mean;
  const Dataset ds = ingest(parse_csv(csv_file("missing_forms.csv")), o, "m");
  ASSERT_EQ(ds.n_train(), 10u);
  EXPECT_TRUE(has_note(ds, "filled 8 missing values in column 1 'x' with the training mean 2")) << all_notes(ds);
  for (std::size_t i = 0; i < ds.n_train(); ++i) {
    const float y = ds.y_train[i];
    EXPECT_EQ(ds.x_train[i], y == 10.5f ? 1.f : y == 100.5f ? 3.f : 2.f) << "y = " << y;
  }
}

TEST(DataIngest, ImputationUsesTrainingRowsOnly) {
  // x is missing where y = 9.5; half the rows hold x = 1000, half x = 1, so the fill value shows
  // exactly which rows it was averaged over.
  IngestOptions o;
  o.missing = MissingPolicy::mean;
  o.standardize = false;
  o.test_fraction = 0.5;
  o.seed = 3;
  const std::string text =
      "x,y\n1,1.5\n1,2.5\n1000,3.5\n1000,4.5\n1,5.5\n1000,6.5\n1,7.5\n1000,8.5\nNA,9.5\n1,10.5\n1000,11.5\n";
  const Dataset ds = ingest_text(text, o);
  ASSERT_EQ(ds.task, Task::regression);
  double sum = 0.0;
  std::size_t count = 0;
  float filled = -1.f;
  for (std::size_t i = 0; i < ds.n_train(); ++i) {
    if (ds.y_train[i] == 9.5f) {
      filled = ds.x_train[i];
      continue;
    }
    sum += ds.x_train[i];
    ++count;
  }
  for (std::size_t i = 0; i < ds.n_test(); ++i)
    if (ds.y_test[i] == 9.5f) filled = ds.x_test[i];
  const double train_mean = sum / static_cast<double>(count);
  EXPECT_NE(train_mean, (5 * 1.0 + 5 * 1000.0) / 10.0);  // this seed's training rows differ from the whole
  EXPECT_FLOAT_EQ(filled, static_cast<float>(train_mean));
}

TEST(DataIngest, MissingTargetRowsAlwaysDropped) {
  IngestOptions o = all_train();
  o.missing = MissingPolicy::mean;
  const Dataset ds = ingest_text("x,y\n1,1.5\n2,NA\n3,2.5\n4,?\n", o);
  EXPECT_EQ(ds.n_train(), 2u);
  EXPECT_TRUE(has_note(ds, "dropped 2 rows with a missing target")) << all_notes(ds);
}

TEST(DataIngest, TextFeatureIsOneHotEncodedAndItsModeImputed) {
  IngestOptions o = all_train();
  o.missing = MissingPolicy::mean;
  const Dataset ds = ingest(parse_csv(csv_file("text_feature.csv")), o, "t");
  EXPECT_EQ(ds.feature_names, (std::vector<std::string>{"size", "color=blue", "color=green", "color=red"}));
  EXPECT_EQ(ds.n_features, 4u);
  EXPECT_EQ(ds.task, Task::regression);
  EXPECT_TRUE(has_note(ds, "one-hot encoded column 2 'color' into 3 columns: color=blue, color=green, color=red"))
      << all_notes(ds);
  // blue and red tie at 2; the first in sorted order wins.
  EXPECT_TRUE(has_note(ds, "filled 1 missing value in column 2 'color' with the most common training value 'blue'"))
      << all_notes(ds);
  for (std::size_t i = 0; i < ds.n_train(); ++i) {
    const float* row = &ds.x_train[i * 4];
    EXPECT_EQ(row[1] + row[2] + row[3], 1.f);
    if (row[0] == 4.f) {
      EXPECT_EQ(row[2], 1.f);
    }
    if (row[0] == 6.f) {
      EXPECT_EQ(row[1], 1.f);
    }
  }
}

TEST(DataIngest, OneHotColumnsAreNotStandardised) {
  IngestOptions o;
  o.test_fraction = 0.0;
  const Dataset ds = ingest(parse_csv(csv_file("text_feature.csv")), o, "t");
  EXPECT_EQ(ds.feature_mean[1], 0.f);
  EXPECT_EQ(ds.feature_scale[3], 1.f);
  EXPECT_NE(ds.feature_scale[0], 1.f);
}

TEST(DataIngest, TooManyCategoriesIsRejected) {
  std::string text = "city,y\n";
  for (int i = 0; i < 51; ++i) text += "c" + std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  EXPECT_EQ(rejection([&] { ingest_text(text); }),
            "column 1 'city' holds text with 51 different values; one-hot encoding allows at most 50 (give it the "
            "role \"ignore\" in data.roles, or fix the values)");
}

TEST(DataIngest, TextInNumericColumnIsRejected) {
  EXPECT_EQ(rejection([] { ingest(parse_csv(csv_file("text_in_numeric.csv")), {}, "t"); }),
            "row 4, column 1 'age': 'abc' is not a number, but the column's other values are; fix the cell or write "
            "NA for a missing value");
}

TEST(DataIngest, NonFiniteAndOverflowValuesAreRejected) {
  EXPECT_EQ(rejection([] { ingest(parse_csv(csv_file("infinity.csv")), {}, "t"); }),
            "row 3, column 2 'y': 'inf' is not a finite number");
  EXPECT_EQ(rejection([] { ingest(parse_csv(csv_file("overflow.csv")), {}, "t"); }),
            "row 3, column 1 'x': 1e300 is outside the float32 range (about ±3.4e38)");
  EXPECT_EQ(rejection([] { ingest_text("x,y\n1,2\n-Infinity,3\n4,5\n"); }),
            "row 3, column 1 'x': '-Infinity' is not a finite number");
  EXPECT_EQ(rejection([] { ingest_text("x,y\n1,2\n1e400,3\n4,5\n"); }),
            "row 3, column 1 'x': 1e400 is outside the float32 range (about ±3.4e38)");
  EXPECT_EQ(rejection([] { ingest_text("x,y\n1,2\n-nan,3\n4,5\n"); }),
            "row 3, column 1 'x': '-nan' is not a finite number; write NA or leave the cell empty for a missing value");
}

TEST(DataIngest, EmptyColumnIsRejected) {
  EXPECT_EQ(rejection([] { ingest_text("x,e,y\n1,,2\n3,NA,4\n"); }),
            "column 2 'e' has no values (every cell is empty or missing)");
}

TEST(DataIngest, TooFewRowsAfterDropping) {
  EXPECT_EQ(rejection([] { ingest_text("x,y\n1,2\nNA,3\n"); }),
            "only 1 row is left after dropping rows with missing values; at least 2 are needed");
}

TEST(DataIngest, ConstantColumnKeptWithScaleOne) {
  IngestOptions o;
  o.test_fraction = 0.0;
  const Dataset ds = ingest(parse_csv(csv_file("constant_column.csv")), o, "c");
  EXPECT_EQ(ds.feature_names, (std::vector<std::string>{"x", "k"}));
  EXPECT_EQ(ds.feature_scale[1], 1.f);
  EXPECT_EQ(ds.feature_mean[1], 5.f);
  for (std::size_t i = 0; i < ds.n_train(); ++i) EXPECT_EQ(ds.x_train[i * 2 + 1], 0.f);
  EXPECT_TRUE(has_note(ds, "column 'k' has the same value (5) in every training row: kept, but it carries no "
                           "information (scale 1)"))
      << all_notes(ds);
}

TEST(DataIngest, StandardisationUsesTrainingRowsOnly) {
  IngestOptions o;
  o.test_fraction = 0.25;
  o.seed = 7;
  std::string text = "x,y\n";
  for (int i = 1; i <= 40; ++i) text += std::to_string(i * i) + "," + std::to_string(i) + ".5\n";
  const Dataset ds = ingest_text(text, o);
  ASSERT_EQ(ds.n_test(), 10u);
  ASSERT_EQ(ds.n_train(), 30u);
  double mean = 0.0, ss = 0.0;
  for (float v : ds.y_train) {
    const double raw = (v - 0.5) * (v - 0.5);
    mean += raw;
  }
  mean /= 30.0;
  for (float v : ds.y_train) ss += ((v - 0.5) * (v - 0.5) - mean) * ((v - 0.5) * (v - 0.5) - mean);
  EXPECT_FLOAT_EQ(ds.feature_mean[0], static_cast<float>(mean));
  EXPECT_FLOAT_EQ(ds.feature_scale[0], static_cast<float>(std::sqrt(ss / 30.0)));
  double train_sum = 0.0, test_sum = 0.0;
  for (float v : ds.x_train) train_sum += v;
  for (float v : ds.x_test) test_sum += v;
  EXPECT_NEAR(train_sum, 0.0, 1e-4);
  EXPECT_GT(std::abs(test_sum), 1e-2);  // test rows are mapped with training statistics, so not centred
  for (std::size_t i = 0; i < ds.n_test(); ++i) {
    const double raw = (ds.y_test[i] - 0.5) * (ds.y_test[i] - 0.5);
    EXPECT_FLOAT_EQ(ds.x_test[i], static_cast<float>((raw - mean) / std::sqrt(ss / 30.0)));
  }
  EXPECT_FLOAT_EQ(ds.target_mean, [&] {
    double s = 0.0;
    for (float v : ds.y_train) s += v;
    return static_cast<float>(s / 30.0);
  }());
}

TEST(DataIngest, SplitIsDeterministicPerSeed) {
  std::string text = "x,y\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + "," + std::to_string(i % 2) + "\n";
  const CsvTable t = parse_csv(text);
  IngestOptions o;
  o.seed = 11;
  const Dataset a = ingest(t, o, "a"), b = ingest(t, o, "b");
  EXPECT_EQ(a.x_train, b.x_train);
  EXPECT_EQ(a.x_test, b.x_test);
  IngestOptions raw = o;
  raw.standardize = false;
  const Dataset a_raw = ingest(t, raw, "a");
  raw.seed = 12;
  const Dataset c_raw = ingest(t, raw, "c");
  EXPECT_NE(a_raw.x_test, c_raw.x_test);  // x is the row number, so this compares which rows were held out
  EXPECT_EQ(a.n_test(), 10u);
  EXPECT_TRUE(has_note(a, "split 40 training / 10 test rows (seed 11, stratified by class); features standardised "
                          "with training-row statistics"))
      << all_notes(a);
}

TEST(DataIngest, StratifiedSplitKeepsClassProportions) {
  std::string text = "x,y\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + "," + (i < 80 ? "a" : "b") + "\n";
  IngestOptions o;
  o.test_fraction = 0.25;
  const Dataset ds = ingest_text(text, o);
  int test_b = 0;
  for (float v : ds.y_test) test_b += v == 1.f ? 1 : 0;
  EXPECT_EQ(ds.n_test(), 25u);
  EXPECT_EQ(test_b, 5);
}

TEST(DataIngest, StratifiedSplitKeepsEveryClassInTraining) {
  IngestOptions o;
  o.test_fraction = 0.5;
  const Dataset ds = ingest_text("x,y\n1,a\n2,a\n3,a\n4,a\n5,b\n", o);
  EXPECT_EQ(ds.n_test(), 2u);
  for (float v : ds.y_test) EXPECT_EQ(v, 0.f);
}

TEST(DataIngest, NotesTellWhatWasRead) {
  const Dataset ds = ingest(parse_csv(csv_file("semicolon_decimal_comma.csv")), all_train(), "s");
  EXPECT_EQ(ds.notes.front(), "read 4 rows and 3 columns (delimiter ';', header row)");
  const Dataset t = ingest(parse_csv(csv_file("tab.tsv")), all_train(), "t");
  EXPECT_EQ(t.notes.front(), "read 3 rows and 3 columns (delimiter tab, header row)");
}

}  // namespace
}  // namespace descent
