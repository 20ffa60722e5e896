#pragma once
// CSV bytes -> a table of string cells. One parser for the CLI and the browser worker, so a file
// that loads in one loads identically in the other.
//
// Dialect: delimiter `,` `;` or tab, detected; RFC 4180 quotes (delimiters, doubled quotes and line
// breaks inside quotes); UTF-8 with or without BOM; CRLF, LF or CR line ends; blank lines skipped.
// With `;` as delimiter a decimal comma ("3,5") is a number too.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace descent {

enum class HeaderMode { detect, present, absent };

struct CsvTable {
  std::vector<std::string> columns;  // header names, or "column 1".. when there is no header
  // Row of each data record as a spreadsheet numbers it (1-based, header and blank lines counted).
  std::vector<std::size_t> row_numbers;
  char delimiter = ',';
  bool has_header = false;
  bool decimal_comma = false;  // true when `;` separates fields
  // Cells back to back (quotes removed), row-major; cell k ends at cell_end[k]. One buffer instead of
  // a std::string per cell keeps a 50 MB file from taking several times that in a browser worker.
  std::string text;
  std::vector<std::uint32_t> cell_end;

  std::size_t n_rows() const { return row_numbers.size(); }
  std::size_t n_columns() const { return columns.size(); }
  std::string_view cell(std::size_t row, std::size_t col) const {
    const std::size_t k = row * columns.size() + col;
    const std::uint32_t begin = k == 0 ? 0 : cell_end[k - 1];
    return std::string_view(text).substr(begin, cell_end[k] - begin);
  }
};

// Throws std::invalid_argument naming the row and column of the first problem.
CsvTable parse_csv(std::string_view bytes, HeaderMode header = HeaderMode::detect);

// Why a file of `bytes` bytes (over data_limits::max_input_bytes) is refused; callers that can see a
// file's size check it before reading the file.
std::string file_too_large(std::size_t bytes);

// Empty, NA, N/A, NaN, nan, ?, null, NULL (surrounding spaces ignored).
bool is_missing_cell(std::string_view cell);

// The number in a cell, parsed without the C locale (fast_float). Surrounding spaces and a leading
// '+' are accepted; with decimal_comma "3,5" is 3.5 as well. Infinite or out-of-float-range values are
// returned as they are: the caller decides how to reject them. nullopt when the cell is not a number.
std::optional<double> parse_number(std::string_view cell, bool decimal_comma);

// "column 3 'price'" — how every message names a column.
std::string describe_column(const CsvTable& table, std::size_t col);

}  // namespace descent
