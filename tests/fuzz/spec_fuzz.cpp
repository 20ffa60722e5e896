// libFuzzer target: arbitrary text as an experiment spec (the URL hash and imported JSON are
// untrusted), through spec::parse_spec and make_trainer, then a few training steps. Rejections must
// be std::invalid_argument or std::runtime_error naming the field; nlohmann's own exceptions leaking
// out (type_error, out_of_range) would be unreadable messages and count as bugs, like crashes and UB.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "data/load.hpp"
#include "search/search_space.hpp"
#include "spec/spec.hpp"
#include "train/experiment.hpp"

namespace {

// Keeps one input in the millisecond range: the fuzzer looks for bad input, not for slow valid
// experiments (8 × 256 units over 100 000 rows is allowed and merely slow).
constexpr std::size_t kMaxRows = 2000;
constexpr long kMaxUnits = 64 * 64;

// Runs a search would expand to (large searches are valid and merely slow to expand).
std::size_t run_count(const descent::search::SearchSpace& space) {
  if (space.random) return space.runs;
  std::size_t n = 1;
  for (const auto& d : space.params) n *= std::max<std::size_t>(d.ranged() ? d.count : d.values.size(), 1);
  return n;
}

// The spec's search block: every expanded spec must be valid and round-trip like the spec itself.
void expand_search(const nlohmann::json& doc) {
  const auto space = descent::search::parse_search(doc["search"]);
  if (run_count(space) > 16) return;
  for (const auto& line : descent::search::expand(doc, space))
    descent::spec::parse_spec(descent::spec::to_json(descent::spec::parse_spec(line.spec)));
}

long unit_budget(const descent::spec::ExperimentSpec& s) {
  long total = 0;
  for (const auto& layer : s.hidden) total += static_cast<long>(layer.units) * layer.units;
  return total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  try {
    auto spec = descent::spec::parse_spec(doc);
    // The normalised form must parse back (the page round-trips it through the URL hash).
    spec = descent::spec::parse_spec(descent::spec::to_json(spec));
    if (doc.contains("search")) expand_search(doc);
    auto dataset = descent::load_data(spec.data);
    if (dataset.n_train() + dataset.n_test() > kMaxRows || unit_budget(spec) > kMaxUnits) return 0;
    spec.steps = std::min<long>(spec.steps > 0 ? spec.steps : 5, 5);
    spec.epochs = 0;
    spec.metrics_every = 2;
    auto trainer = descent::train::make_trainer(spec, std::move(dataset));
    trainer->step(5);
  } catch (const std::invalid_argument&) {
  } catch (const std::runtime_error&) {
  }
  return 0;
}
