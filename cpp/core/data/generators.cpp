#include "data/generators.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "data/assemble.hpp"
#include "data/short_number.hpp"
#include "data/split.hpp"
#include "random.hpp"

namespace descent {
namespace {

constexpr double kPi = std::numbers::pi;

// Raw points before the split: x row-major, y a class id (0 = Playground's -1, 1 = its +1) or a value.
struct Points {
  std::size_t dims = 2;
  std::vector<double> x, y;
  void add(double a, double b, double label) {
    x.push_back(a);
    x.push_back(b);
    y.push_back(label);
  }
};

double playground_class(bool positive) { return positive ? 1.0 : 0.0; }

// Points per Playground class: it loops i < numSamples / 2 for each; the positive class takes the odd one.
std::size_t first_half(std::size_t n) { return n - n / 2; }

void circle(Points& p, std::size_t n, double noise, Rng& rng) {
  const double radius = 5.0;
  auto label = [&](double x, double y) { return playground_class(std::sqrt(x * x + y * y) < radius * 0.5); };
  auto ring = [&](std::size_t count, double r_min, double r_max) {
    for (std::size_t i = 0; i < count; ++i) {
      const double r = rng.uniform(r_min, r_max);
      const double angle = rng.uniform(0.0, 2.0 * kPi);
      const double x = r * std::sin(angle);
      const double y = r * std::cos(angle);
      const double noise_x = rng.uniform(-radius, radius) * noise;
      const double noise_y = rng.uniform(-radius, radius) * noise;
      p.add(x, y, label(x + noise_x, y + noise_y));
    }
  };
  ring(first_half(n), 0.0, radius * 0.5);
  ring(n / 2, radius * 0.7, radius);
}

void xor_quadrants(Points& p, std::size_t n, double noise, Rng& rng) {
  const double padding = 0.3;
  for (std::size_t i = 0; i < n; ++i) {
    double x = rng.uniform(-5.0, 5.0);
    x += x > 0 ? padding : -padding;
    double y = rng.uniform(-5.0, 5.0);
    y += y > 0 ? padding : -padding;
    const double noise_x = rng.uniform(-5.0, 5.0) * noise;
    const double noise_y = rng.uniform(-5.0, 5.0) * noise;
    p.add(x, y, playground_class((x + noise_x) * (y + noise_y) >= 0));
  }
}

void two_gaussians(Points& p, std::size_t n, double noise, Rng& rng) {
  // The Playground maps noise 0..0.5 linearly to a variance of 0.5..4.
  const double variance = 0.5 + noise * (4.0 - 0.5) / 0.5;
  const double stddev = std::sqrt(variance);
  auto blob = [&](std::size_t count, double cx, double cy, bool positive) {
    for (std::size_t i = 0; i < count; ++i) {
      const double x = rng.normal(cx, stddev);
      const double y = rng.normal(cy, stddev);
      p.add(x, y, playground_class(positive));
    }
  };
  blob(first_half(n), 2.0, 2.0, true);
  blob(n / 2, -2.0, -2.0, false);
}

void spiral(Points& p, std::size_t n, double noise, Rng& rng) {
  auto arm = [&](std::size_t count, double delta_t, bool positive) {
    const auto c = static_cast<double>(count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto k = static_cast<double>(i);
      const double r = k / c * 5.0;
      const double t = 1.75 * k / c * 2.0 * kPi + delta_t;
      const double x = r * std::sin(t) + rng.uniform(-1.0, 1.0) * noise;
      const double y = r * std::cos(t) + rng.uniform(-1.0, 1.0) * noise;
      p.add(x, y, playground_class(positive));
    }
  };
  arm(first_half(n), 0.0, true);
  arm(n / 2, kPi, false);
}

void plane(Points& p, std::size_t n, double noise, Rng& rng) {
  const double radius = 6.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = rng.uniform(-radius, radius);
    const double y = rng.uniform(-radius, radius);
    const double noise_x = rng.uniform(-radius, radius) * noise;
    const double noise_y = rng.uniform(-radius, radius) * noise;
    p.add(x, y, (x + noise_x + y + noise_y) / 10.0);  // d3 scale [-10, 10] -> [-1, 1], unclamped
  }
}

void multi_gauss(Points& p, std::size_t n, double noise, Rng& rng) {
  constexpr std::array<std::array<double, 3>, 6> gaussians{
      {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}}};
  auto label = [&](double x, double y) {
    double best = 0.0;
    for (const auto& [cx, cy, sign] : gaussians) {
      const double d = std::sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
      const double v = sign * std::clamp(1.0 - d / 2.0, 0.0, 1.0);  // d3 scale [0, 2] -> [1, 0], clamped
      if (std::abs(v) > std::abs(best)) best = v;
    }
    return best;
  };
  const double radius = 6.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = rng.uniform(-radius, radius);
    const double y = rng.uniform(-radius, radius);
    const double noise_x = rng.uniform(-radius, radius) * noise;
    const double noise_y = rng.uniform(-radius, radius) * noise;
    p.add(x, y, label(x + noise_x, y + noise_y));
  }
}

void five_points(Points& p, std::size_t, double, Rng&) {
  p.dims = 1;
  p.x = {1, 2, 3, 4, 5};
  p.y = {2, 3, 5, 7, 11};
}

void linear(Points& p, std::size_t n, double noise, Rng& rng) {
  p.dims = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = rng.uniform(0.0, 10.0);
    p.x.push_back(x);
    p.y.push_back(3.0 * x + rng.normal(0.0, noise));
  }
}

void sine(Points& p, std::size_t n, double noise, Rng& rng) {
  p.dims = 1;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = rng.uniform(-kPi, kPi);
    p.x.push_back(x);
    p.y.push_back(std::sin(x) + rng.normal(0.0, noise));
  }
}

using Generate = void (*)(Points&, std::size_t, double, Rng&);

struct Entry {
  GeneratorInfo info;
  Generate fn;
};

constexpr GeneratorOptions defaults(std::size_t n, double noise, double test_fraction, bool standardize = true) {
  return GeneratorOptions{n, noise, test_fraction, 1, standardize};
}

// name, task, fixed, defaults (n, noise, test_fraction[, standardize]), largest noise; docs/data.md
// describes each set.
const std::array<Entry, 9> kEntries{{
    {{"circle", Task::binary, false, defaults(400, 0.0, 0.2), 0.5}, circle},
    {{"xor", Task::binary, false, defaults(400, 0.0, 0.2), 0.5}, xor_quadrants},
    {{"gauss", Task::binary, false, defaults(400, 0.0, 0.2), 0.5}, two_gaussians},
    {{"spiral", Task::binary, false, defaults(400, 0.0, 0.2), 0.5}, spiral},
    {{"plane", Task::regression, false, defaults(400, 0.0, 0.2), 0.5}, plane},
    {{"multi_gauss", Task::regression, false, defaults(400, 0.0, 0.2), 0.5}, multi_gauss},
    {{"five_points", Task::regression, true, defaults(5, 0.0, 0.0, false), 0.0}, five_points},
    {{"linear", Task::regression, false, defaults(120, 1.0, 1.0 / 6.0), 10.0}, linear},
    {{"sine", Task::regression, false, defaults(200, 0.1, 0.2), 1.0}, sine},
}};

std::array<GeneratorInfo, kEntries.size()> make_catalog() {
  std::array<GeneratorInfo, kEntries.size()> out;
  for (std::size_t i = 0; i < kEntries.size(); ++i) out[i] = kEntries[i].info;
  return out;
}

// The split gets its own stream: reusing the generation seed would tie which points land in the test
// part to the same random numbers that placed them.
constexpr std::uint64_t kSplitSalt = 0x5DEECE66DULL;

}  // namespace

std::span<const GeneratorInfo> generator_catalog() {
  static const auto catalog = make_catalog();
  return catalog;
}

const GeneratorInfo* find_generator(std::string_view name) {
  for (const auto& info : generator_catalog())
    if (info.name == name) return &info;
  return nullptr;
}

Dataset generate(const GeneratorInfo& info, const GeneratorOptions& o) {
  Generate fn = nullptr;
  for (const auto& e : kEntries)
    if (e.info.name == info.name) fn = e.fn;
  Points p;
  Rng rng(o.seed);
  fn(p, o.n, o.noise, rng);

  Dataset ds;
  ds.name = std::string(info.name);
  ds.task = info.task;
  if (p.dims == 1) ds.feature_names = {"x"};
  else ds.feature_names = {"x1", "x2"};
  ds.n_features = p.dims;
  ds.target_name = info.task == Task::regression ? "y" : "label";
  if (info.task != Task::regression) ds.class_names = {"negative", "positive"};
  ds.notes.push_back("generated " + std::to_string(p.y.size()) + " points of '" + ds.name + "'" +
                     (info.fixed ? "" : " (noise " + short_number(o.noise) + ", seed " + std::to_string(o.seed) + ")"));

  std::vector<int> strata;
  if (info.task != Task::regression)
    for (double v : p.y) strata.push_back(static_cast<int>(v));
  const RowSplit split = split_rows(p.y.size(), o.test_fraction, o.seed ^ kSplitSalt, strata);
  assemble(ds, p.x, p.y, split, std::vector<bool>(p.dims, true), o.standardize);
  ds.notes.push_back("split " + std::to_string(ds.n_train()) + " training / " + std::to_string(ds.n_test()) +
                     " test rows" + (o.standardize ? "; features standardised with training-row statistics" : ""));
  return ds;
}

}  // namespace descent
