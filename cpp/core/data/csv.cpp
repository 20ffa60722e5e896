#include "data/csv.hpp"

#include <array>
#include <fast_float/fast_float.h>
#include <map>
#include <stdexcept>
#include <system_error>

#include "data/limits.hpp"

namespace descent {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string where(std::size_t row, std::size_t col) {
  return "row " + std::to_string(row) + ", column " + std::to_string(col);
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  unsigned min_code = 0;
  unsigned code = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; code = b0 & 0x1Fu; min_code = 0x80; }
  else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; code = b0 & 0x0Fu; min_code = 0x800; }
  else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; code = b0 & 0x07u; min_code = 0x10000; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0u) != 0x80u) return 0;
    code = (code << 6) | (b & 0x3Fu);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  if (code < min_code || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return 0;
  return len;
}

// Binary files show up as NUL or other control bytes, or as byte sequences that are not UTF-8.
void check_field_bytes(std::string_view field, std::size_t row, std::size_t col) {
  for (std::size_t i = 0; i < field.size();) {
    const auto b = static_cast<unsigned char>(field[i]);
    if (b < 0x80) {
      if (b == 0)
        throw std::invalid_argument(where(row, col) + ": NUL byte; this looks like a binary file, not CSV text");
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)
        throw std::invalid_argument(where(row, col) + ": control byte 0x" + "0123456789ABCDEF"[b >> 4] +
                                    "0123456789ABCDEF"[b & 15] + "; this looks like a binary file, not CSV text");
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(field, i);
    if (len == 0)
      throw std::invalid_argument(where(row, col) + ": bytes that are not valid UTF-8; save the file as UTF-8 CSV");
    i += len;
  }
}

class RecordReader {
 public:
  RecordReader(std::string_view text, char delimiter) : s_(text), delim_(delimiter) {}

  // Reads the next record into `fields`; false at the end of the input. `row` is its spreadsheet row.
  bool next(std::vector<std::string>& fields, std::size_t& row) {
    fields.clear();
    if (pos_ >= s_.size()) return false;
    row = ++row_;
    for (;;) {
      const std::size_t col = fields.size() + 1;
      if (col > data_limits::max_columns)
        throw std::invalid_argument("row " + std::to_string(row) + " has more than " +
                                    std::to_string(data_limits::max_columns) + " fields; the limit is " +
                                    std::to_string(data_limits::max_columns) + " columns");
      std::string& field = fields.emplace_back();
      // Spaces before an opening quote (`a, "b"`) are a common writer habit, not part of the field.
      std::size_t quote = pos_;
      while (quote < s_.size() && s_[quote] == ' ') ++quote;
      if (quote < s_.size() && s_[quote] == '"') {
        pos_ = quote;
        read_quoted(field, row, col);
      } else {
        read_plain(field);
      }
      check_field_bytes(field, row, col);
      if (pos_ >= s_.size()) return true;
      const char c = s_[pos_++];
      if (c == delim_) continue;
      if (c == '\r' && pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
      return true;
    }
  }

 private:
  void read_plain(std::string& field) {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != delim_ && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
    field.assign(s_.substr(start, pos_ - start));
  }

  void read_quoted(std::string& field, std::size_t row, std::size_t col) {
    ++pos_;
    for (;;) {
      if (pos_ >= s_.size())
        throw std::invalid_argument(where(row, col) + ": a quote opened here is never closed");
      const char c = s_[pos_++];
      if (c != '"') {
        field.push_back(c);
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '"') {
        field.push_back('"');
        ++pos_;
        continue;
      }
      break;
    }
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
    if (pos_ < s_.size() && s_[pos_] != delim_ && s_[pos_] != '\n' && s_[pos_] != '\r')
      throw std::invalid_argument(where(row, col) +
                                  ": text after a closing quote; a quote inside a quoted field is written twice (\"\")");
  }

  std::string_view s_;
  char delim_;
  std::size_t pos_ = 0;
  std::size_t row_ = 0;
};

bool is_blank(const std::vector<std::string>& fields) {
  return fields.size() == 1 && trim(fields[0]).empty();
}

// Field counts of the first records; 0 when the delimiter cannot even tokenise them.
std::vector<std::size_t> sniff_counts(std::string_view text, char delimiter) {
  std::vector<std::size_t> counts;
  try {
    RecordReader reader(text, delimiter);
    std::vector<std::string> fields;
    std::size_t row = 0;
    while (counts.size() < data_limits::sniff_records && reader.next(fields, row))
      if (!is_blank(fields)) counts.push_back(fields.size());
  } catch (const std::invalid_argument&) {
    counts.clear();
  }
  return counts;
}

// Tab first, then `;`, then `,`: files separated by `;` use commas as decimal marks, and text in
// tab-separated files often holds commas, so the rarer delimiter wins a tie. Without a consistent
// candidate the widest first record wins, and the full parse reports the first ragged row, binary
// byte or open quote.
char detect_delimiter(std::string_view text) {
  constexpr std::array<char, 3> candidates{'\t', ';', ','};
  char widest = ',';
  std::size_t widest_count = 1;
  for (char d : candidates) {
    const auto counts = sniff_counts(text, d);
    if (counts.empty()) continue;
    bool consistent = counts.front() > 1;
    for (std::size_t c : counts) consistent = consistent && c == counts.front();
    if (consistent) return d;
    if (counts.front() > widest_count) {
      widest = d;
      widest_count = counts.front();
    }
  }
  return widest;
}

bool is_number_cell(std::string_view cell, bool decimal_comma) {
  return parse_number(cell, decimal_comma).has_value();
}

bool looks_like_header(const std::vector<std::string>& first, const std::vector<std::string>* second,
                       bool decimal_comma) {
  bool all_text = true;
  for (std::size_t j = 0; j < first.size(); ++j) {
    const bool text = !is_number_cell(first[j], decimal_comma) && !is_missing_cell(first[j]);
    all_text = all_text && text;
    if (text && second && is_number_cell((*second)[j], decimal_comma)) return true;
  }
  if (!second) return all_text;
  bool data_has_number = false;
  for (const auto& cell : *second) data_has_number = data_has_number || is_number_cell(cell, decimal_comma);
  return all_text && data_has_number;
}

}  // namespace

bool is_missing_cell(std::string_view cell) {
  static constexpr std::array<std::string_view, 8> kMissing{"", "NA", "N/A", "NaN", "nan", "?", "null", "NULL"};
  const std::string_view t = trim(cell);
  for (std::string_view m : kMissing)
    if (t == m) return true;
  return false;
}

std::optional<double> parse_number(std::string_view cell, bool decimal_comma) {
  std::string_view t = trim(cell);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  if (t.empty() || t.front() == '+') return std::nullopt;
  const char point = decimal_comma && t.find(',') != std::string_view::npos ? ',' : '.';
  double value = 0.0;
  const auto result = fast_float::from_chars_advanced(
      t.data(), t.data() + t.size(), value, fast_float::parse_options{fast_float::chars_format::general, point});
  if (result.ptr != t.data() + t.size()) return std::nullopt;
  if (result.ec == std::errc::result_out_of_range) return value;  // 1e400: let the caller name it
  if (result.ec != std::errc()) return std::nullopt;
  return value;
}

std::string describe_column(const CsvTable& table, std::size_t col) {
  std::string s = "column " + std::to_string(col + 1);
  if (table.has_header) s += " '" + table.columns[col] + "'";
  return s;
}

std::string file_too_large(std::size_t bytes) {
  return "the file has " + std::to_string(bytes) + " bytes; the limit is " +
         std::to_string(data_limits::max_input_bytes) + " bytes (" + std::to_string(data_limits::max_input_bytes >> 20) +
         " MB)";
}

CsvTable parse_csv(std::string_view bytes, HeaderMode header) {
  if (bytes.size() > data_limits::max_input_bytes)
    throw std::invalid_argument(file_too_large(bytes.size()));
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw std::invalid_argument("the file is empty");

  CsvTable table;
  table.delimiter = detect_delimiter(bytes);
  table.decimal_comma = table.delimiter == ';';
  table.text.reserve(bytes.size());

  auto add_row = [&table](const std::vector<std::string>& fields, std::size_t row) {
    for (const auto& f : fields) {
      table.text += f;
      table.cell_end.push_back(static_cast<std::uint32_t>(table.text.size()));
    }
    table.row_numbers.push_back(row);
  };
  // The first record is kept aside until the second one tells whether it is a header.
  auto settle_header = [&](const std::vector<std::string>& first, std::size_t first_row,
                           const std::vector<std::string>* second) {
    table.has_header = header == HeaderMode::detect ? looks_like_header(first, second, table.decimal_comma)
                                                    : header == HeaderMode::present;
    if (!table.has_header) add_row(first, first_row);
  };

  RecordReader reader(bytes, table.delimiter);
  std::vector<std::string> fields;
  std::vector<std::string> first;
  std::size_t row = 0;
  std::size_t first_row = 0;
  bool settled = false;
  while (reader.next(fields, row)) {
    if (is_blank(fields)) continue;
    if (first_row == 0) {
      first = fields;
      first_row = row;
      continue;
    }
    if (fields.size() != first.size())
      throw std::invalid_argument("row " + std::to_string(row) + " has " + std::to_string(fields.size()) +
                                  (fields.size() == 1 ? " field" : " fields") + ", expected " +
                                  std::to_string(first.size()) + " (as in row " +
                                  std::to_string(first_row) + ")");
    if (!settled) settle_header(first, first_row, &fields);
    settled = true;
    add_row(fields, row);
  }
  if (first.size() < 2)
    throw std::invalid_argument(
        "no delimiter found: the first row has one field with `,`, `;` and tab alike; a data set needs at "
        "least two columns (features and a target)");
  if (!settled) settle_header(first, first_row, nullptr);

  if (table.has_header) {
    // Not an unordered_map: it would be the WebAssembly module's only hash table (≈ 1.7 KB gzipped).
    std::map<std::string, std::size_t> seen;
    for (std::size_t j = 0; j < first.size(); ++j) {
      std::string name(trim(first[j]));
      if (name.empty()) name = "column " + std::to_string(j + 1);
      const auto [it, fresh] = seen.emplace(name, j);
      if (!fresh)
        throw std::invalid_argument("columns " + std::to_string(it->second + 1) + " and " + std::to_string(j + 1) +
                                    " are both named '" + name + "'; column names must be unique");
      table.columns.push_back(std::move(name));
    }
  } else {
    for (std::size_t j = 0; j < first.size(); ++j) table.columns.push_back("column " + std::to_string(j + 1));
  }

  if (table.row_numbers.empty())
    throw std::invalid_argument("the file has a header row but no data rows");
  if (table.row_numbers.size() == 1)
    throw std::invalid_argument("the file has only one data row (row " + std::to_string(table.row_numbers[0]) +
                                "); at least 2 are needed");
  return table;
}

}  // namespace descent
