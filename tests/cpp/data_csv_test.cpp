#include <gtest/gtest.h>

#include <string>

#include "data/csv.hpp"
#include "data/limits.hpp"
#include "data_test_support.hpp"

namespace descent {
namespace {

using test::csv_file;
using test::rejection;

TEST(DataCsv, CommaWithHeader) {
  const CsvTable t = parse_csv(csv_file("comma.csv"));
  EXPECT_EQ(t.delimiter, ',');
  EXPECT_TRUE(t.has_header);
  EXPECT_FALSE(t.decimal_comma);
  EXPECT_EQ(t.columns, (std::vector<std::string>{"height", "weight", "label"}));
  ASSERT_EQ(t.n_rows(), 4u);
  EXPECT_EQ(t.cell(3, 1), "-3e1");
  EXPECT_EQ(t.row_numbers, (std::vector<std::size_t>{2, 3, 4, 5}));
}

TEST(DataCsv, SemicolonWithDecimalComma) {
  const CsvTable t = parse_csv(csv_file("semicolon_decimal_comma.csv"));
  EXPECT_EQ(t.delimiter, ';');
  EXPECT_TRUE(t.decimal_comma);
  EXPECT_EQ(t.columns, (std::vector<std::string>{"breite", "länge", "preis"}));
  EXPECT_EQ(parse_number(t.cell(0, 0), t.decimal_comma), 1.5);
  EXPECT_EQ(parse_number(t.cell(2, 0), t.decimal_comma), -0.5);
  EXPECT_EQ(parse_number(t.cell(2, 1), t.decimal_comma), 1000.0);
  EXPECT_EQ(parse_number(t.cell(3, 1), t.decimal_comma), 5.5);
}

TEST(DataCsv, Tab) {
  const CsvTable t = parse_csv(csv_file("tab.tsv"));
  EXPECT_EQ(t.delimiter, '\t');
  EXPECT_EQ(t.columns, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(t.n_rows(), 3u);
  EXPECT_EQ(t.cell(2, 2), "9");
}

TEST(DataCsv, QuotesHoldDelimitersDoubledQuotesAndNewlines) {
  const CsvTable t = parse_csv(csv_file("quoted.csv"));
  EXPECT_EQ(t.delimiter, ',');
  ASSERT_EQ(t.n_rows(), 3u);
  EXPECT_EQ(t.cell(0, 0), "Smith, John");
  EXPECT_EQ(t.cell(0, 1), "said \"hi\"\nthen left");
  EXPECT_EQ(t.cell(1, 0), "Doe; Jane");
  EXPECT_EQ(t.cell(2, 0), "x");
  EXPECT_EQ(t.cell(2, 1), "");
  // A line break inside quotes does not start a new spreadsheet row.
  EXPECT_EQ(t.row_numbers, (std::vector<std::size_t>{2, 3, 4}));
}

TEST(DataCsv, ByteOrderMarkAndCrLf) {
  const CsvTable t = parse_csv(csv_file("bom_crlf.csv"));
  EXPECT_EQ(t.columns, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(t.n_rows(), 3u);
  EXPECT_EQ(t.cell(2, 1), "6");
}

TEST(DataCsv, CarriageReturnOnly) {
  const CsvTable t = parse_csv(csv_file("cr_only.csv"));
  EXPECT_EQ(t.columns, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(t.n_rows(), 2u);
  EXPECT_EQ(t.cell(1, 0), "5");
}

TEST(DataCsv, NoHeaderIsDetected) {
  const CsvTable t = parse_csv(csv_file("no_header.csv"));
  EXPECT_FALSE(t.has_header);
  EXPECT_EQ(t.columns, (std::vector<std::string>{"column 1", "column 2", "column 3"}));
  EXPECT_EQ(t.n_rows(), 4u);
  EXPECT_EQ(t.row_numbers.front(), 1u);
  EXPECT_EQ(t.cell(0, 0), "1");
}

TEST(DataCsv, HeaderCanBeForced) {
  const CsvTable with = parse_csv(csv_file("no_header.csv"), HeaderMode::present);
  EXPECT_EQ(with.columns, (std::vector<std::string>{"1", "2", "0"}));
  EXPECT_EQ(with.n_rows(), 3u);
  const CsvTable without = parse_csv(csv_file("comma.csv"), HeaderMode::absent);
  EXPECT_EQ(without.n_rows(), 5u);
  EXPECT_EQ(without.cell(0, 0), "height");
}

TEST(DataCsv, AllTextFirstRowOverNumbersIsAHeader) {
  const CsvTable t = parse_csv("a,b\n1,x\n2,y\n");
  EXPECT_TRUE(t.has_header);
  const CsvTable u = parse_csv("a,b\nc,d\ne,f\n");
  EXPECT_FALSE(u.has_header);  // nothing numeric to tell a header from data
}

TEST(DataCsv, TrailingBlankLinesAreSkipped) {
  const CsvTable t = parse_csv(csv_file("trailing_blank_lines.csv"));
  EXPECT_EQ(t.n_rows(), 3u);
}

TEST(DataCsv, MissingValueForms) {
  for (const char* m : {"", "NA", "N/A", "NaN", "nan", "?", "null", "NULL", "  NA "})
    EXPECT_TRUE(is_missing_cell(m)) << m;
  for (const char* m : {"0", "na?", "none", "-"}) EXPECT_FALSE(is_missing_cell(m)) << m;
}

TEST(DataCsv, NumbersAreParsedWithoutTheLocale) {
  EXPECT_EQ(parse_number(" 2.5 ", false), 2.5);
  EXPECT_EQ(parse_number("+7", false), 7.0);
  EXPECT_EQ(parse_number("-1e-3", false), -0.001);
  EXPECT_EQ(parse_number("3,5", true), 3.5);
  EXPECT_FALSE(parse_number("3,5", false).has_value());
  EXPECT_FALSE(parse_number("12abc", false).has_value());
  EXPECT_FALSE(parse_number("", false).has_value());
  EXPECT_FALSE(parse_number("++1", false).has_value());
}

TEST(DataCsv, RejectsEmptyFile) {
  EXPECT_EQ(rejection([] { parse_csv(csv_file("empty.csv")); }), "the file is empty");
  EXPECT_EQ(rejection([] { parse_csv(""); }), "the file is empty");
  EXPECT_EQ(rejection([] { parse_csv("\xEF\xBB\xBF"); }), "the file is empty");
}

TEST(DataCsv, RejectsHeaderOnlyAndOneRow) {
  EXPECT_EQ(rejection([] { parse_csv(csv_file("header_only.csv")); }), "the file has a header row but no data rows");
  EXPECT_EQ(rejection([] { parse_csv(csv_file("one_row.csv")); }),
            "the file has only one data row (row 2); at least 2 are needed");
}

TEST(DataCsv, RejectsRaggedRow) {
  EXPECT_EQ(rejection([] { parse_csv(csv_file("ragged.csv")); }), "row 7 has 3 fields, expected 4 (as in row 1)");
}

TEST(DataCsv, RejectsRowWithOneField) {
  EXPECT_EQ(rejection([] { parse_csv("x,y\n1,2\n3\n"); }), "row 3 has 1 field, expected 2 (as in row 1)");
}

TEST(DataCsv, RejectsUnterminatedQuote) {
  EXPECT_EQ(rejection([] { parse_csv(csv_file("unterminated_quote.csv")); }),
            "row 3, column 2: a quote opened here is never closed");
}

TEST(DataCsv, RejectsTextAfterClosingQuote) {
  EXPECT_EQ(rejection([] { parse_csv("a,b\n1,\"x\"y\n2,3\n"); }),
            "row 2, column 2: text after a closing quote; a quote inside a quoted field is written twice (\"\")");
}

TEST(DataCsv, RejectsBinaryBytes) {
  EXPECT_EQ(rejection([] { parse_csv(csv_file("binary.bin")); }),
            "row 1, column 2: NUL byte; this looks like a binary file, not CSV text");
  EXPECT_EQ(rejection([] { parse_csv(std::string("a,b\n1,\x01\n2,3\n")); }),
            "row 2, column 2: control byte 0x01; this looks like a binary file, not CSV text");
}

TEST(DataCsv, RejectsInvalidUtf8) {
  EXPECT_EQ(rejection([] { parse_csv("a,b\n1,2\n3,caf\xE9\n"); }),
            "row 3, column 2: bytes that are not valid UTF-8; save the file as UTF-8 CSV");
  EXPECT_EQ(rejection([] { parse_csv(csv_file("utf16.csv")); }),
            "row 1, column 1: bytes that are not valid UTF-8; save the file as UTF-8 CSV");
  EXPECT_EQ(rejection([] { parse_csv("a,b\n1,\xC0\xAF\n3,4\n"); }),  // overlong '/'
            "row 2, column 2: bytes that are not valid UTF-8; save the file as UTF-8 CSV");
}

TEST(DataCsv, RejectsDuplicateColumnNames) {
  EXPECT_EQ(rejection([] { parse_csv(csv_file("duplicate_names.csv")); }),
            "columns 1 and 3 are both named 'x'; column names must be unique");
}

TEST(DataCsv, RejectsSingleColumn) {
  EXPECT_EQ(rejection([] { parse_csv("x\n1\n2\n"); }),
            "no delimiter found: the first row has one field with `,`, `;` and tab alike; a data set needs at "
            "least two columns (features and a target)");
}

TEST(DataCsv, RejectsTooManyColumns) {
  std::string row;
  for (std::size_t j = 0; j <= data_limits::max_columns; ++j) row += (j ? ",1" : "1");
  const std::string text = row + "\n" + row + "\n";
  EXPECT_EQ(rejection([&] { parse_csv(text); }), "row 1 has more than 4096 fields; the limit is 4096 columns");
}

TEST(DataCsv, RejectsTooLargeInputBeforeParsing) {
  // Bytes past the limit are not even looked at: the size is the complaint, not the NULs.
  const std::string big(data_limits::max_input_bytes + 1, '\0');
  EXPECT_EQ(rejection([&] { parse_csv(big); }), "the file has 52428801 bytes; the limit is 52428800 bytes (50 MB)");
  const std::string at_limit(data_limits::max_input_bytes, '\0');
  EXPECT_EQ(rejection([&] { parse_csv(at_limit); }),
            "row 1, column 1: NUL byte; this looks like a binary file, not CSV text");
}

}  // namespace
}  // namespace descent
