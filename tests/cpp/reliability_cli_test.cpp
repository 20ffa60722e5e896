// Bad input through `descent train` as a user runs it (a process, popen): every rejection is one
// specific line on stderr with exit status 1, accepted files report what ingest did to them, and the
// user's files are never touched. The parser-level messages are tested in data_*_test.cpp; this is
// the CLI path end to end.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "cli_runner.hpp"
#include "data/limits.hpp"
#include "temp_path.hpp"

namespace descent {
namespace {

struct Result {
  int status;
  std::string err;  // stderr only; stdout (the JSON lines) is discarded
};

Result run_cli(const std::string& args) {
  auto r = run_descent(args, Capture::stderr_only);
  return {r.status, std::move(r.out)};
}

Result train(const std::string& spec_path, const std::string& csv_path = {}) {
  std::string args = "train \"";
  args += spec_path;
  args += '"';
  if (!csv_path.empty()) args += " --csv \"" + csv_path + '"';
  return run_cli(args);
}

std::string temp_file(const std::string& name, const std::string& text) {
  const std::string path = temp_path("reliability_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string csv_path(const std::string& name) { return std::string(DESCENT_TEST_DATA) + "/csv/" + name; }

const std::string& csv_spec() {
  static const std::string path = temp_file(
      "csv_spec.json", R"({"data": {"source": "csv"}, "optimizer": {"name": "sgd", "lr": 0.1}, "steps": 3})");
  return path;
}

// The one line the CLI prints for a rejected file.
std::string refusal(const std::string& message) { return "descent train: " + message + "\n"; }

void expect_refused(const std::string& csv, const std::string& message) {
  const Result r = train(csv_spec(), csv);
  EXPECT_EQ(r.status, 1) << csv;
  EXPECT_EQ(r.err, refusal(message)) << csv;
}

TEST(ReliabilityCli, EmptyHeaderOnlyAndOneRowFiles) {
  expect_refused(csv_path("empty.csv"), "the file is empty");
  expect_refused(temp_file("blank.csv", "\n \r\n\t\n"), "the file is empty");
  expect_refused(csv_path("header_only.csv"), "the file has a header row but no data rows");
  expect_refused(csv_path("one_row.csv"), "the file has only one data row (row 2); at least 2 are needed");
}

TEST(ReliabilityCli, BinaryAndNonUtf8Bytes) {
  expect_refused(csv_path("binary.bin"), "row 1, column 2: NUL byte; this looks like a binary file, not CSV text");
  expect_refused(csv_path("utf16.csv"), "row 1, column 1: bytes that are not valid UTF-8; save the file as UTF-8 CSV");
}

TEST(ReliabilityCli, RaggedRowsAndBrokenQuotes) {
  expect_refused(csv_path("ragged.csv"), "row 7 has 3 fields, expected 4 (as in row 1)");
  expect_refused(csv_path("unterminated_quote.csv"), "row 3, column 2: a quote opened here is never closed");
}

TEST(ReliabilityCli, TextInNumericColumn) {
  expect_refused(csv_path("text_in_numeric.csv"),
                 "row 4, column 1 'age': 'abc' is not a number, but the column's other values are; fix the cell or "
                 "write NA for a missing value");
}

TEST(ReliabilityCli, InfinityNanAndOverflow) {
  expect_refused(csv_path("infinity.csv"), "row 3, column 2 'y': 'inf' is not a finite number");
  expect_refused(csv_path("overflow.csv"), "row 3, column 1 'x': 1e300 is outside the float32 range (about ±3.4e38)");
}

TEST(ReliabilityCli, DuplicateColumnNames) {
  expect_refused(csv_path("duplicate_names.csv"), "columns 1 and 3 are both named 'x'; column names must be unique");
}

// Rows with a missing value in any of its forms are dropped, and the CLI says how many.
TEST(ReliabilityCli, MissingValuesAreReportedNotLost) {
  const Result r = train(csv_spec(), csv_path("missing_forms.csv"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err,
            "descent train: read 10 rows and 2 columns (delimiter ',', header row)\n"
            "descent train: dropped 8 rows with missing feature values (data.missing \"drop\")\n"
            "descent train: task: regression (numeric target with 2 distinct values)\n"
            "descent train: split 2 training / 0 test rows (seed 1); features standardised with training-row "
            "statistics\n");
  const std::string mean = temp_file(
      "mean_spec.json",
      R"({"data": {"source": "csv", "missing": "mean"}, "optimizer": {"name": "sgd", "lr": 0.1}, "steps": 3})");
  const Result filled = train(mean, csv_path("missing_forms.csv"));
  EXPECT_EQ(filled.status, 0) << filled.err;
  EXPECT_NE(filled.err.find("descent train: filled "), std::string::npos) << filled.err;
  EXPECT_EQ(filled.err.find("dropped"), std::string::npos) << filled.err;
}

TEST(ReliabilityCli, ConstantColumnIsKeptAndNamed) {
  const Result r = train(csv_spec(), csv_path("constant_column.csv"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("descent train: column 'k' has the same value (5) in every training row: kept, but it "
                       "carries no information (scale 1)\n"),
            std::string::npos)
      << r.err;
}

std::string wide_csv(std::size_t columns) {
  std::string text;
  for (int row = 0; row < 4; ++row) {
    for (std::size_t c = 0; c < columns; ++c) {
      if (c > 0) text += ',';
      if (row == 0) text += 'c';
      text += std::to_string(row == 0 ? c : (row * 7 + c) % 13);
    }
    text += '\n';
  }
  return text;
}

TEST(ReliabilityCli, ThousandsOfColumns) {
  const Result wide = train(csv_spec(), temp_file("wide.csv", wide_csv(3000)));
  EXPECT_EQ(wide.status, 0) << wide.err.substr(0, 300);
  EXPECT_EQ(wide.err.rfind("descent train: read 3 rows and 3000 columns (delimiter ',', header row)\n", 0), 0u)
      << wide.err.substr(0, 300);
  const std::size_t too_many = data_limits::max_columns + 1;
  expect_refused(temp_file("too_wide.csv", wide_csv(too_many)),
                 "row 1 has more than 4096 fields; the limit is 4096 columns");
}

// A file over the limit is refused from its size: a 4 GiB sparse file answers at once, where reading
// it would take gigabytes of memory.
TEST(ReliabilityCli, FileOverTheLimitIsRefusedBeforeReading) {
  for (const std::uintmax_t size : {std::uintmax_t{data_limits::max_input_bytes} + 1, std::uintmax_t{1} << 32}) {
    const std::string path = temp_path("reliability_huge.csv");
    std::ofstream(path).put('x');
    std::filesystem::resize_file(path, size);
    const auto start = std::chrono::steady_clock::now();
    expect_refused(path, path + ": the file has " + std::to_string(size) +
                             " bytes; the limit is 52428800 bytes (50 MB)");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    std::filesystem::remove(path);
  }
}

// A pipe or device has no size to check: it is read up to the limit and no further.
TEST(ReliabilityCli, EndlessStreamIsCutAtTheLimit) {
  const auto start = std::chrono::steady_clock::now();
  expect_refused("/dev/zero", "/dev/zero: the file has more than 52428800 bytes; the limit is 52428800 bytes (50 MB)");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

// Specs and golden files go through the same bounded reader: a spec path pointing at an endless
// stream or a huge file is refused, not read into memory.
TEST(ReliabilityCli, SpecAndGoldenFilesAreCutAtTheLimitToo) {
  const Result r = train("/dev/zero");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, refusal("/dev/zero: the file has more than 52428800 bytes; the limit is 52428800 bytes (50 MB)"));
  const Result replay = run_cli("replay /dev/zero");
  EXPECT_EQ(replay.status, 1);
  EXPECT_NE(replay.err.find("/dev/zero: the file has more than 52428800 bytes"), std::string::npos) << replay.err;
}

// Regression: `--csv FILE` was parsed as `--out FILE`, so a spec that does not read the CSV made the
// CLI overwrite the user's file with its report.
TEST(ReliabilityCli, CsvFileIsNeverWritten) {
  const std::string original = "a,b\n1,2\n3,4\n";
  const std::string csv = temp_file("victim.csv", original);
  const std::string spec = temp_file(
      "spiral_spec.json", R"({"data": {"source": "spiral", "n": 40}, "optimizer": {"name": "sgd"}, "steps": 2})");
  EXPECT_EQ(train(spec, csv).status, 0);
  std::ifstream in(csv, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), original);
}

TEST(ReliabilityCli, InvalidExperimentJson) {
  const std::string csv = csv_path("comma.csv");
  const auto refused = [&](const std::string& name, const std::string& json, const std::string& message) {
    const Result r = train(temp_file(name, json), csv);
    EXPECT_EQ(r.status, 1) << json;
    EXPECT_EQ(r.err, refusal(message)) << json;
  };
  const std::string malformed = temp_file("malformed.json", R"({"data": {"source": "spiral"}, "steps": 3)");
  const Result r = train(malformed, csv);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, refusal(malformed +
                           ": malformed JSON: [json.exception.parse_error.101] parse error at line 1, column 42: "
                           "syntax error while parsing object - unexpected end of input; expected '}'"));
  refused("array.json", "[1, 2]", "spec: expected an object, got [1,2]");
  refused("lr.json", R"({"data": {"source": "spiral"}, "optimizer": {"name": "sgd", "lr": -0.1}, "steps": 3})",
          "optimizer.lr: must be >= 0, got -0.1");
  refused("batch.json", R"({"data": {"source": "spiral"}, "batch_size": 0, "steps": 3})",
          "batch_size: expected \"full\" or an integer from 1 to 1000000, got 0");
  refused("name.json", R"({"data": {"source": "spiral"}, "optimizer": {"name": "adamm"}, "steps": 3})",
          "optimizer.name: unknown optimizer \"adamm\" (allowed: sgd, adagrad, rmsprop, adadelta, adam, adamw, "
          "adamax, nadam, radam, lion)");
  refused("type.json", R"({"data": {"source": "spiral"}, "optimizer": {"name": "adam", "lr": "fast"}, "steps": 3})",
          "optimizer.lr: expected a number, got string \"fast\"");
  refused("steps.json", R"({"data": {"source": "spiral"}, "steps": "3"})",
          "steps: expected an integer from 1 to 100000000, got \"3\"");
  refused("units.json", R"({"data": {"source": "spiral"}, "model": {"hidden": [{"units": 300}]}, "steps": 3})",
          "model.hidden[0].units: expected an integer from 1 to 256, got 300");
  refused("source.json", R"({"data": {"source": "spirals"}, "steps": 3})",
          "data.source: unknown source 'spirals'; one of circle, xor, gauss, spiral, plane, multi_gauss, five_points, "
          "linear, sine, csv, iris, digits, diabetes");
}

}  // namespace
}  // namespace descent
