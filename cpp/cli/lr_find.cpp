// descent lr-find SPEC.json [--min-lr X] [--max-lr X] [--steps N] [--csv FILE] [--json]: the LR range
// test on the spec's experiment; prints the curve (a table and an ASCII plot) and the suggestions.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "cli/usage.hpp"
#include "search/lr_finder.hpp"

namespace descent::cli {

namespace {

using json = nlohmann::json;

constexpr const char* kUsage =
    "usage: descent lr-find SPEC.json [--min-lr X] [--max-lr X] [--steps N] [--smoothing B] [--csv FILE] [--json]\n";

json number_arg(const std::string& flag, const std::string& text, bool integer) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v) || (integer && v != std::floor(v)))
    throw UsageError(flag + ": expected " + (integer ? "an integer" : "a number") + ", got '" + text + "'");
  return integer ? json(static_cast<long long>(v)) : json(v);
}

// Smoothed loss against log10 lr, `height` rows of `width` columns, y from the minimum to the start
// value (the part of the curve worth reading; the exploding tail is clipped at the top).
void plot(const std::vector<double>& lrs, const std::vector<double>& smoothed, std::FILE* out) {
  constexpr int width = 64, height = 14;
  if (lrs.size() < 2) return;
  const double x0 = std::log10(lrs.front()), x1 = std::log10(lrs.back());
  double lo = *std::min_element(smoothed.begin(), smoothed.end());
  double hi = std::max(smoothed.front(), lo + 1e-12);
  for (double s : smoothed) hi = std::max(hi, std::min(s, smoothed.front() * 1.5));
  std::vector<std::string> rows(height, std::string(width, ' '));
  for (std::size_t k = 0; k < lrs.size(); ++k) {
    const int col = x1 > x0 ? static_cast<int>(std::lround((std::log10(lrs[k]) - x0) / (x1 - x0) * (width - 1))) : 0;
    const double y = std::min(smoothed[k], hi);
    const int row = static_cast<int>(std::lround((hi - y) / (hi - lo) * (height - 1)));
    rows[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)] = '*';
  }
  std::fprintf(out, "\nsmoothed loss vs lr (log scale)\n");
  for (int r = 0; r < height; ++r) {
    const double label = hi - (hi - lo) * r / (height - 1);
    std::fprintf(out, "%10.4g |%s\n", label, rows[static_cast<std::size_t>(r)].c_str());
  }
  std::fprintf(out, "%10s +%s\n", "", std::string(width, '-').c_str());
  std::fprintf(out, "%10s  %-10.3g%*s%10.3g\n", "", lrs.front(), width - 20, "", lrs.back());
}

}  // namespace

int lr_find(const Args& args) {
  std::string spec_path, csv_path;
  json options = json::object();
  bool as_json = false;
  search::LrFinderOptions parsed;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a == "--json") {
        as_json = true;
      } else if (a == "--min-lr" || a == "--max-lr" || a == "--steps" || a == "--smoothing" ||
                 a == "--csv") {
        if (i + 1 >= args.size()) throw UsageError(a + ": missing value");
        const std::string& v = args[++i];
        if (a == "--csv") csv_path = v;
        else options[a == "--min-lr" ? "min_lr" : a == "--max-lr" ? "max_lr" : a == "--steps" ? "steps" : "smoothing"] =
            number_arg(a, v, a == "--steps");
      } else if (spec_path.empty() && !a.empty() && a[0] != '-') {
        spec_path = a;
      } else {
        throw UsageError("unexpected argument '" + a + "'");
      }
    }
    if (spec_path.empty()) throw UsageError("missing SPEC.json");
    try {
      parsed = search::parse_lr_finder_options(options);
    } catch (const std::invalid_argument& e) {
      std::string m = e.what();
      for (const auto& [field, flag] : {std::pair{"lr_finder.min_lr", "--min-lr"}, {"lr_finder.max_lr", "--max-lr"},
                                        {"lr_finder.steps", "--steps"}, {"lr_finder.smoothing", "--smoothing"}})
        if (m.rfind(field, 0) == 0) m = flag + m.substr(std::string(field).size());
      throw UsageError(m);
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "descent lr-find: %s\n%s", e.what(), kUsage);
    return 2;
  }
  json spec;
  try {
    spec = json::parse(read_file(spec_path));
  } catch (const json::parse_error& e) {
    throw std::runtime_error(spec_path + ": malformed JSON: " + e.what());
  }
  const std::string csv = csv_path.empty() ? std::string() : read_file(csv_path);
  search::LrFinder finder(spec, csv, parsed);
  while (!finder.step(parsed.steps)) {
  }
  const json result = finder.result();
  if (as_json) {
    std::printf("%s\n", result.dump().c_str());
    return 0;
  }
  const auto& lrs = finder.lrs();
  const auto& losses = finder.losses();
  const auto& smoothed = finder.smoothed();
  const std::size_t every = std::max<std::size_t>(1, (lrs.size() + 19) / 20);
  std::printf("%12s %12s %12s\n", "lr", "loss", "smoothed");
  for (std::size_t k = 0; k < lrs.size(); ++k)
    if (k % every == 0 || k + 1 == lrs.size()) std::printf("%12.4g %12.5g %12.5g\n", lrs[k], losses[k], smoothed[k]);
  plot(lrs, smoothed, stdout);
  if (finder.stopped_early()) std::printf("\nstopped early at lr %.4g: the loss exploded\n", lrs.empty() ? 0.0 : lrs.back());
  const auto& s = result["suggestion"];
  const auto show = [](const json& v) { return v.is_null() ? std::string("n/a (curve too short)") : v.dump(); };
  std::printf("\nsuggested lr (steepest descent):  %s\n", show(s["steepest"]).c_str());
  std::printf("suggested lr (minimum / 10):      %s  <- try this first\n", show(s["min_over_10"]).c_str());
  std::printf("lr at the minimum smoothed loss:  %s\n", show(s["min_loss_lr"]).c_str());
  return 0;
}

}  // namespace descent::cli
