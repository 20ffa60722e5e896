#include "schedule/schedule.hpp"

namespace descent {

std::vector<double> Schedule::preview(long steps) const {
  std::vector<double> out;
  out.reserve(steps > 0 ? static_cast<std::size_t>(steps) : 0);
  for (long t = 0; t < steps; ++t) out.push_back(lr_at(t));
  return out;
}

}  // namespace descent
