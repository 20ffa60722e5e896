#pragma once
// Seeded built-in data sets. The 2-D ones port TensorFlow Playground's src/dataset.ts formulas
// (their noise is the Playground's 0–50 % slider as 0–0.5), drawing from descent::Rng instead of
// Math.random, so a seed gives the same points natively and in the browser.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "data/dataset.hpp"

namespace descent {

struct GeneratorOptions {
  std::size_t n = 0;
  double noise = 0.0;
  double test_fraction = 0.0;
  std::uint64_t seed = 1;
  bool standardize = true;
};

struct GeneratorInfo {
  std::string_view name;
  Task task;
  bool fixed;  // five_points: n, noise and test_fraction cannot be chosen
  GeneratorOptions defaults;
  double max_noise;
};

std::span<const GeneratorInfo> generator_catalog();
const GeneratorInfo* find_generator(std::string_view name);  // nullptr when unknown

// Options are taken as valid (load_data checks them against the catalog).
Dataset generate(const GeneratorInfo& info, const GeneratorOptions& options);

}  // namespace descent
