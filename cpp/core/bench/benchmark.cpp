#include "bench/benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "kernels/simd_peak.hpp"
#include "random.hpp"
#include "spec/spec.hpp"
#include "train/experiment.hpp"

namespace descent::bench {
namespace {

using json = nlohmann::json;

struct Workload {
  const char* id;
  int features, classes;  // classes: 0 regression, 2 binary, > 2 multiclass
  int rows;
  const char* spec;
};

// Shapes and operation mix of WORKLOADS.md. metrics_every is far beyond a repetition so that
// evaluation passes are not timed.
const Workload kWorkloads[] = {
    {"W1", 2, 2, 500,
     R"({"model":{"hidden":[{"units":8,"activation":"tanh"},{"units":8,"activation":"tanh"}]},
         "loss":"bce_logits","optimizer":{"name":"sgd","lr":0.03},"batch_size":10})"},
    {"W2", 16, 0, 10000,
     R"({"model":{"hidden":[{"units":64,"activation":"relu"},{"units":64,"activation":"relu"}]},
         "loss":"mse","optimizer":{"name":"adam","lr":0.001},"batch_size":64})"},
    {"W3", 784, 10, 6000,
     R"({"model":{"hidden":[{"units":256,"activation":"relu"}]},
         "loss":"cross_entropy","optimizer":{"name":"adam","lr":0.001},"batch_size":128})"},
    {"W4", 1, 0, 5,
     R"({"model":{"hidden":[],"init":"zeros"},"loss":"mse","optimizer":{"name":"sgd","lr":0.01},
         "batch_size":"full"})"},
};

const Workload& find(const std::string& id) {
  for (const auto& w : kWorkloads)
    if (id == w.id) return w;
  throw std::invalid_argument("bench: unknown workload '" + id + "' (expected W1, W2, W3, W4 or peak)");
}

// Synthetic, seeded data of the workload's shape; the values only need to be well-scaled.
Dataset make_data(const Workload& w) {
  Dataset d;
  d.name = w.id;
  d.n_features = static_cast<std::size_t>(w.features);
  d.task = w.classes == 0 ? Task::regression : w.classes == 2 ? Task::binary : Task::multiclass;
  for (int c = 0; c < w.features; ++c) d.feature_names.push_back("x" + std::to_string(c + 1));
  for (int k = 0; k < w.classes; ++k) d.class_names.push_back(std::to_string(k));
  d.target_name = "y";
  d.feature_mean.assign(d.n_features, 0.f);
  d.feature_scale.assign(d.n_features, 1.f);
  if (std::string(w.id) == "W4") {
    d.x_train = {1, 2, 3, 4, 5};
    d.y_train = {2, 3, 5, 7, 11};
    return d;
  }
  Rng rng(42);
  d.x_train.resize(static_cast<std::size_t>(w.rows) * d.n_features);
  d.y_train.resize(static_cast<std::size_t>(w.rows));
  for (int r = 0; r < w.rows; ++r) {
    double s = 0;
    for (int c = 0; c < w.features; ++c) {
      const double v = rng.uniform(-1, 1);
      d.x_train[static_cast<std::size_t>(r) * d.n_features + c] = static_cast<float>(v);
      s += v * ((c % 3) - 1);
    }
    d.y_train[r] = w.classes == 0   ? static_cast<float>(s + 0.05 * rng.normal())
                   : w.classes == 2 ? (d.x_train[r * d.n_features] * d.x_train[r * d.n_features + 1] > 0)
                                    : static_cast<float>(rng.below(static_cast<std::uint32_t>(w.classes)));
  }
  return d;
}

}  // namespace

const std::vector<std::string>& workloads() {
  static const std::vector<std::string> ids = {"W1", "W2", "W3", "W4"};
  return ids;
}

namespace {

using clock = std::chrono::steady_clock;

double seconds(clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Warms up for at least half a second, then times `repetitions` repetitions of `unit` (each repeated
// for at least 50 ms: browsers coarsen timers to 100 µs in a worker that is not cross-origin isolated,
// far more than one W4 unit takes). `rate(units, seconds)` turns a repetition into its figure.
template <class Unit, class Rate>
std::vector<double> time_repetitions(int repetitions, Unit unit, Rate rate) {
  const auto warm = clock::now();
  do unit();
  while (seconds(clock::now() - warm) < 0.5);
  std::vector<double> values;
  for (int r = 0; r < repetitions; ++r) {
    const auto t0 = clock::now();
    long units = 0;
    double t = 0;
    do {
      unit();
      ++units;
      t = seconds(clock::now() - t0);
    } while (t < 0.05);
    values.push_back(rate(units, t));
  }
  std::sort(values.begin(), values.end());
  return values;
}

Result summary(const std::string& id, std::vector<double> values, const char* unit) {
  return {id, values[values.size() / 2], values.front(), values.back(), unit, static_cast<int>(values.size())};
}

}  // namespace

Result run(const std::string& id, int repetitions) {
  if (repetitions < 1 || repetitions > 1000)
    throw std::invalid_argument("bench: repetitions must be from 1 to 1000, got " + std::to_string(repetitions));
  if (id == "peak") {
    constexpr long kRounds = 2000;
    const double flops = simd_peak_flops(kRounds);
    return summary(id, time_repetitions(repetitions, [] { simd_peak_flops(kRounds); },
                                        [&](long units, double t) { return units * flops / t / 1e9; }),
                   "gflop_s");
  }
  const Workload& w = find(id);
  // From a std::string like every other parse: a const char* input is a second parser instantiation
  // in the WebAssembly module (≈ 9 KB).
  json doc = json::parse(std::string(w.spec));
  doc["data"] = {{"source", "five_points"}};  // replaced by the synthetic set below
  doc["steps"] = 100000000;
  doc["metrics_every"] = 100000000;
  const auto spec = spec::parse_spec(doc);
  auto trainer = train::make_trainer(spec, make_data(w));

  const bool updates = std::string(w.id) == "W4";
  const long per_rep = updates ? 1000 : (w.rows + static_cast<long>(spec.batch_size) - 1) /
                                            static_cast<long>(spec.batch_size);
  // A run that stopped (diverged, say) would return at once and time nothing: refuse to report it.
  const auto advance = [&] {
    const long before = trainer->status().steps;
    const auto status = trainer->step(per_rep);
    if (status.steps != before + per_rep)
      throw std::runtime_error("bench: " + id + " stopped at step " + std::to_string(status.steps) + " (" +
                               train::to_string(status.reason) + "), so its timing would mean nothing");
  };
  if (updates)
    return summary(id, time_repetitions(repetitions, advance, [](long units, double t) { return t / units * 1e6; }),
                   "us_per_1000_updates");
  return summary(id, time_repetitions(repetitions, advance, [&](long units, double t) { return w.rows * units / t; }),
                 "samples_per_s");
}

}  // namespace descent::bench
