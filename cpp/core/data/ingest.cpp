#include "data/ingest.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>

#include "data/assemble.hpp"
#include "data/limits.hpp"
#include "data/short_number.hpp"
#include "data/split.hpp"

namespace descent {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// One column as ingest sees it: numbers (NaN = missing) or text values (missing flagged).
struct Column {
  std::size_t index = 0;
  bool numeric = true;
  std::vector<double> numbers;
  std::vector<std::string_view> texts;
  std::vector<bool> missing;
};

std::string cell_place(const CsvTable& t, std::size_t row, std::size_t col) {
  return "row " + std::to_string(t.row_numbers[row]) + ", " + describe_column(t, col);
}

// A column is numeric when numbers are at least as common as text; a stray word in a numeric column
// is then an error to fix, not a reason to one-hot encode hundreds of numbers.
Column read_column(const CsvTable& t, std::size_t col) {
  Column c;
  c.index = col;
  const std::size_t n = t.n_rows();
  c.missing.resize(n);
  c.numbers.resize(n, kNaN);
  std::size_t n_numbers = 0, n_texts = 0, first_text = n, first_nan = n;
  for (std::size_t r = 0; r < n; ++r) {
    const std::string_view cell = t.cell(r, col);
    if (is_missing_cell(cell)) {
      c.missing[r] = true;
      continue;
    }
    if (const auto v = parse_number(cell, t.decimal_comma)) {
      c.numbers[r] = *v;
      ++n_numbers;
      if (std::isnan(*v) && first_nan == n) first_nan = r;
    } else {
      ++n_texts;
      if (first_text == n) first_text = r;
    }
  }
  if (n_numbers + n_texts == 0)
    throw std::invalid_argument(describe_column(t, col) + " has no values (every cell is empty or missing)");
  c.numeric = n_numbers >= n_texts;
  if (c.numeric) {
    if (n_texts > 0)
      throw std::invalid_argument(cell_place(t, first_text, col) + ": '" + std::string(trimmed(t.cell(first_text, col))) +
                                  "' is not a number, but the column's other values are; fix the cell or "
                                  "write NA for a missing value");
    // Plain "NaN" is a missing value; spellings such as "-nan" only come from broken exports.
    if (first_nan < n)
      throw std::invalid_argument(cell_place(t, first_nan, col) + ": '" + std::string(trimmed(t.cell(first_nan, col))) +
                                  "' is not a finite number; write NA or leave the cell empty for a missing value");
    for (std::size_t r = 0; r < n; ++r) {
      const double v = c.numbers[r];
      if (std::isnan(v) || std::abs(v) <= FLT_MAX) continue;
      const std::string text(trimmed(t.cell(r, col)));
      // "inf" is spelled out; 1e400 is a number too large even for a double.
      if (std::isinf(v) && text.find_first_of("iI") != std::string::npos)
        throw std::invalid_argument(cell_place(t, r, col) + ": '" + text + "' is not a finite number");
      throw std::invalid_argument(cell_place(t, r, col) + ": " + text +
                                  " is outside the float32 range (about ±3.4e38)");
    }
  } else {
    c.texts.resize(n);
    for (std::size_t r = 0; r < n; ++r)
      if (!c.missing[r]) c.texts[r] = trimmed(t.cell(r, col));
  }
  return c;
}

std::string column_list(const CsvTable& t) {
  std::string s;
  for (const auto& name : t.columns) s += (s.empty() ? "" : ", ") + name;
  return s;
}

std::size_t resolve_target(const CsvTable& t, const IngestOptions& o) {
  const std::size_t n_cols = t.n_columns();
  std::optional<std::size_t> from_roles;
  for (const auto& [name, role] : o.roles)
    if (role == ColumnRole::target) {
      const auto it = std::find(t.columns.begin(), t.columns.end(), name);
      if (from_roles)
        throw std::invalid_argument("data.roles: two columns have the role \"target\" ('" +
                                    t.columns[*from_roles] + "' and '" + name + "'); there is one target");
      from_roles = static_cast<std::size_t>(it - t.columns.begin());
    }
  std::optional<std::size_t> chosen;
  if (o.target_name) {
    const auto it = std::find(t.columns.begin(), t.columns.end(), *o.target_name);
    if (it == t.columns.end())
      throw std::invalid_argument("data.target: no column named '" + *o.target_name + "' (columns: " +
                                  column_list(t) + ")");
    chosen = static_cast<std::size_t>(it - t.columns.begin());
  } else if (o.target_index) {
    const long long n = static_cast<long long>(n_cols);
    const long long i = *o.target_index < 0 ? n + *o.target_index : *o.target_index;
    if (i < 0 || i >= n)
      throw std::invalid_argument("data.target: index " + std::to_string(*o.target_index) + " is out of range; the file has " +
                                  std::to_string(n_cols) + " columns (0.." + std::to_string(n - 1) +
                                  ", or -1 for the last)");
    chosen = static_cast<std::size_t>(i);
  }
  if (chosen && from_roles && *chosen != *from_roles)
    throw std::invalid_argument("data.target names '" + t.columns[*chosen] + "' but data.roles makes '" +
                                t.columns[*from_roles] + "' the target");
  return chosen ? *chosen : from_roles ? *from_roles : n_cols - 1;
}

bool is_integer_valued(double v) { return std::floor(v) == v && std::abs(v) < 1e15; }

std::string number_label(double v) {
  return is_integer_valued(v) ? std::to_string(static_cast<long long>(v)) : short_number(v);
}

std::string task_name(Task task) {
  switch (task) {
    case Task::regression: return "regression";
    case Task::binary: return "binary classification";
    case Task::multiclass: return "multiclass classification";
  }
  return "";
}

struct Target {
  Task task = Task::regression;
  std::vector<double> y;  // per kept row: class id or value
  std::vector<std::string> class_names;
  std::string why;
};

Target encode_target(const CsvTable& t, const Column& c, const std::vector<std::size_t>& rows,
                     const std::optional<Task>& forced) {
  const std::string col = describe_column(t, c.index);
  Target out;
  std::vector<std::string> labels;
  std::vector<double> values;
  bool integers = true;
  if (c.numeric) {
    for (std::size_t r : rows) values.push_back(c.numbers[r]);
    std::vector<double> distinct = values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (double v : distinct) integers = integers && is_integer_valued(v);
    const bool few = distinct.size() <= data_limits::max_auto_classes;
    if (forced == Task::regression || (!forced && !(integers && few))) {
      out.task = Task::regression;
      out.y = values;
      out.why = forced ? "as requested" : "numeric target with " + std::to_string(distinct.size()) + " distinct values";
      return out;
    }
    for (double v : distinct) labels.push_back(number_label(v));
    out.why = forced ? "as requested"
                     : "integer-valued target with " + std::to_string(distinct.size()) + " distinct values (at most " +
                           std::to_string(data_limits::max_auto_classes) + " are taken as classes)";
    for (double v : values)
      out.y.push_back(static_cast<double>(std::lower_bound(distinct.begin(), distinct.end(), v) - distinct.begin()));
  } else {
    if (forced == Task::regression) {
      const std::size_t r = rows.front();
      throw std::invalid_argument("data.task: \"regression\" needs a numeric target, but " + col +
                                  " holds text (e.g. '" + std::string(c.texts[r]) + "')");
    }
    std::vector<std::string_view> distinct;
    for (std::size_t r : rows) distinct.push_back(c.texts[r]);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (auto s : distinct) labels.emplace_back(s);
    out.why = forced ? "as requested" : "text labels";
    for (std::size_t r : rows)
      out.y.push_back(
          static_cast<double>(std::lower_bound(distinct.begin(), distinct.end(), c.texts[r]) - distinct.begin()));
  }
  if (labels.size() < 2)
    throw std::invalid_argument(col + " (the target) has a single value '" + labels.front() +
                                "'; classification needs at least 2 classes");
  if (labels.size() > data_limits::max_classes)
    throw std::invalid_argument(col + " (the target) has " + std::to_string(labels.size()) +
                                " distinct values; classification allows at most " +
                                std::to_string(data_limits::max_classes) + " classes (use data.task \"regression\"?)");
  if (forced == Task::binary && labels.size() != 2)
    throw std::invalid_argument("data.task: \"binary\" needs exactly 2 classes, but " + col + " has " +
                                std::to_string(labels.size()));
  out.task = forced ? *forced : labels.size() == 2 ? Task::binary : Task::multiclass;
  out.class_names = std::move(labels);
  return out;
}

std::string joined(const std::vector<std::string>& items, std::size_t max_items = 12) {
  std::string s;
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i) s += (i ? ", " : "") + items[i];
  if (items.size() > max_items) s += ", ...";
  return s;
}

std::string delimiter_name(char d) { return d == '\t' ? "tab" : std::string("'") + d + "'"; }

}  // namespace

Dataset ingest(const CsvTable& t, const IngestOptions& o, std::string name) {
  Dataset ds;
  ds.name = std::move(name);
  for (const auto& [col_name, role] : o.roles)
    if (std::find(t.columns.begin(), t.columns.end(), col_name) == t.columns.end())
      throw std::invalid_argument("data.roles." + col_name + ": no column named '" + col_name + "' (columns: " +
                                  column_list(t) + ")");
  const std::size_t target_col = resolve_target(t, o);
  ds.target_name = t.columns[target_col];
  ds.notes.push_back("read " + std::to_string(t.n_rows()) + " rows and " + std::to_string(t.n_columns()) +
                     " columns (delimiter " + delimiter_name(t.delimiter) + ", " +
                     (t.has_header ? "header row" : "no header row") + ")");

  std::vector<Column> features;
  for (std::size_t j = 0; j < t.n_columns(); ++j) {
    if (j == target_col) continue;
    const auto role = o.roles.find(t.columns[j]);
    if (role != o.roles.end() && role->second == ColumnRole::ignore) {
      ds.notes.push_back("ignored " + describe_column(t, j));
      continue;
    }
    features.push_back(read_column(t, j));
  }
  if (features.empty())
    throw std::invalid_argument("no feature columns: every column other than the target '" + ds.target_name +
                                "' has the role \"ignore\"");
  const Column target = read_column(t, target_col);

  // Rows without a target cannot be used whatever data.missing says; rows with a missing feature are
  // dropped or filled in later.
  std::vector<std::size_t> rows;
  std::size_t no_target = 0, incomplete = 0;
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    if (target.missing[r]) {
      ++no_target;
      continue;
    }
    bool complete = true;
    for (const auto& f : features) complete = complete && !f.missing[r];
    if (!complete && o.missing == MissingPolicy::drop) {
      ++incomplete;
      continue;
    }
    rows.push_back(r);
  }
  if (no_target > 0)
    ds.notes.push_back("dropped " + std::to_string(no_target) + " row" + (no_target == 1 ? "" : "s") +
                       " with a missing target");
  if (incomplete > 0)
    ds.notes.push_back("dropped " + std::to_string(incomplete) + " row" + (incomplete == 1 ? "" : "s") +
                       " with missing feature values (data.missing \"drop\")");
  if (rows.size() < 2)
    throw std::invalid_argument("only " + std::to_string(rows.size()) + (rows.size() == 1 ? " row is" : " rows are") +
                                " left after dropping rows with missing values; at least 2 are needed");

  Target y = encode_target(t, target, rows, o.task);
  ds.task = y.task;
  ds.class_names = y.class_names;
  std::string task_note = "task: " + task_name(y.task) + " (" + y.why + ")";
  if (!y.class_names.empty())
    task_note += "; " + std::to_string(y.class_names.size()) + " classes: " + joined(y.class_names);
  ds.notes.push_back(task_note);

  std::vector<int> strata;
  if (ds.task != Task::regression && o.stratify)
    for (double v : y.y) strata.push_back(static_cast<int>(v));
  const RowSplit split = split_rows(rows.size(), o.test_fraction, o.seed, strata);

  // Missing features are filled from the training rows only, like the standardisation statistics.
  for (auto& f : features) {
    std::size_t holes = 0;
    for (std::size_t r : rows) holes += f.missing[r] ? 1 : 0;
    if (holes == 0) continue;
    std::string filler;
    if (f.numeric) {
      double sum = 0.0;
      std::size_t count = 0;
      for (std::size_t i : split.train)
        if (!f.missing[rows[i]]) sum += f.numbers[rows[i]], ++count;
      if (count == 0)
        throw std::invalid_argument(describe_column(t, f.index) + " has no values in the training rows to fill its " +
                                    "missing cells from; use data.missing \"drop\"");
      const double mean = sum / static_cast<double>(count);
      for (std::size_t r : rows)
        if (f.missing[r]) f.numbers[r] = mean;
      filler = "the training mean " + short_number(mean);
    } else {
      std::vector<std::string_view> seen;
      for (std::size_t i : split.train)
        if (!f.missing[rows[i]]) seen.push_back(f.texts[rows[i]]);
      if (seen.empty())
        throw std::invalid_argument(describe_column(t, f.index) + " has no values in the training rows to fill its " +
                                    "missing cells from; use data.missing \"drop\"");
      std::sort(seen.begin(), seen.end());
      std::string_view mode;
      std::size_t best = 0;
      for (std::size_t i = 0; i < seen.size();) {
        std::size_t k = i;
        while (k < seen.size() && seen[k] == seen[i]) ++k;
        if (k - i > best) best = k - i, mode = seen[i];
        i = k;
      }
      for (std::size_t r : rows)
        if (f.missing[r]) f.texts[r] = mode;
      filler = "the most common training value '" + std::string(mode) + "'";
    }
    ds.notes.push_back("filled " + std::to_string(holes) + " missing value" + (holes == 1 ? "" : "s") + " in " +
                       describe_column(t, f.index) + " with " + filler);
  }

  // Encoded layout: a numeric column is one feature; a text column one 0/1 feature per distinct value.
  std::vector<bool> numeric;
  std::vector<std::vector<std::string_view>> categories(features.size());
  for (std::size_t k = 0; k < features.size(); ++k) {
    const Column& f = features[k];
    const std::string& col_name = t.columns[f.index];
    if (f.numeric) {
      ds.feature_names.push_back(col_name);
      numeric.push_back(true);
      continue;
    }
    auto& cats = categories[k];
    for (std::size_t r : rows) cats.push_back(f.texts[r]);
    std::sort(cats.begin(), cats.end());
    cats.erase(std::unique(cats.begin(), cats.end()), cats.end());
    if (cats.size() > data_limits::max_categories)
      throw std::invalid_argument(describe_column(t, f.index) + " holds text with " + std::to_string(cats.size()) +
                                  " different values; one-hot encoding allows at most " +
                                  std::to_string(data_limits::max_categories) +
                                  " (give it the role \"ignore\" in data.roles, or fix the values)");
    std::vector<std::string> names;
    for (auto cat : cats) {
      names.push_back(col_name + "=" + std::string(cat));
      ds.feature_names.push_back(names.back());
      numeric.push_back(false);
    }
    ds.notes.push_back("one-hot encoded " + describe_column(t, f.index) + " into " + std::to_string(cats.size()) +
                       (cats.size() == 1 ? " column: " : " columns: ") + joined(names, 6));
  }
  ds.n_features = ds.feature_names.size();
  if (ds.n_features > data_limits::max_columns)
    throw std::invalid_argument("one-hot encoding makes " + std::to_string(ds.n_features) +
                                " feature columns; the limit is " + std::to_string(data_limits::max_columns));

  std::vector<double> x;
  x.reserve(rows.size() * ds.n_features);
  for (std::size_t r : rows)
    for (std::size_t k = 0; k < features.size(); ++k) {
      const Column& f = features[k];
      if (f.numeric) {
        x.push_back(f.numbers[r]);
        continue;
      }
      for (auto cat : categories[k]) x.push_back(f.texts[r] == cat ? 1.0 : 0.0);
    }
  assemble(ds, x, y.y, split, numeric, o.standardize);
  ds.notes.push_back("split " + std::to_string(ds.n_train()) + " training / " + std::to_string(ds.n_test()) +
                     " test rows (seed " + std::to_string(o.seed) + (strata.empty() ? "" : ", stratified by class") +
                     ")" + (o.standardize ? "; features standardised with training-row statistics" : ""));
  return ds;
}

}  // namespace descent
