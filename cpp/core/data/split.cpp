#include "data/split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "random.hpp"

namespace descent {

RowSplit split_rows(std::size_t n_rows, double test_fraction, std::uint64_t seed, std::span<const int> classes) {
  std::vector<std::size_t> order(n_rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  Rng rng(seed);
  rng.shuffle(std::span<std::size_t>(order));

  std::vector<bool> in_test(n_rows, false);
  auto take = [&](std::size_t wanted, auto belongs) {
    for (std::size_t i = 0; i < n_rows && wanted > 0; ++i)
      if (belongs(order[i])) {
        in_test[order[i]] = true;
        --wanted;
      }
  };
  const auto share = [&](std::size_t count) {
    return static_cast<std::size_t>(std::llround(static_cast<double>(count) * test_fraction));
  };
  if (classes.empty()) {
    take(share(n_rows), [](std::size_t) { return true; });
  } else {
    const int n_classes = *std::max_element(classes.begin(), classes.end()) + 1;
    for (int c = 0; c < n_classes; ++c) {
      const auto count = static_cast<std::size_t>(std::count(classes.begin(), classes.end(), c));
      // A class keeps at least one training row, or the model could never learn it.
      const std::size_t wanted = count == 0 ? 0 : std::min(share(count), count - 1);
      take(wanted, [&](std::size_t row) { return classes[row] == c; });
    }
  }

  if (std::find(in_test.begin(), in_test.end(), false) == in_test.end() && n_rows > 0) in_test[order.back()] = false;
  RowSplit split;
  for (std::size_t row = 0; row < n_rows; ++row) (in_test[row] ? split.test : split.train).push_back(row);
  return split;
}

}  // namespace descent
