// Every case of golden/schedules.json, stepped and (where defined) through lr_at/preview.
#include <vector>

#include "optim_test_support.hpp"
#include "schedule/schedule.hpp"

namespace descent {
namespace {

std::vector<nlohmann::json> cases() {
  std::vector<nlohmann::json> out;
  const auto doc = test::load_golden("schedules.json");
  for (const auto& c : doc.at("cases")) out.push_back(c);
  return out;
}

class ScheduleGolden : public ::testing::TestWithParam<nlohmann::json> {};

TEST_P(ScheduleGolden, SteppedMatchesPyTorch) {
  const auto& c = GetParam();
  const auto tol = test::tolerance_of(c);
  auto s = make_schedule(c.at("schedule"), c.at("base_lr"));
  const auto& lrs = c.at("lrs");
  EXPECT_TRUE(test::close(s->initial_lr(), lrs[0], tol));
  for (std::size_t k = 0; k < lrs.size(); ++k) {
    EXPECT_TRUE(test::close(s->current(), lrs[k], tol)) << "lrs[" << k << "]";
    s->advance(s->needs_metric() ? c.at("metrics")[k].get<double>() : 0.0);
  }
}

TEST_P(ScheduleGolden, PreviewMatchesPyTorch) {
  const auto& c = GetParam();
  auto s = make_schedule(c.at("schedule"), c.at("base_lr"));
  if (s->needs_metric()) {
    EXPECT_THROW(s->lr_at(0), std::invalid_argument);
    return;
  }
  const auto& lrs = c.at("lrs");
  const auto preview = s->preview(static_cast<long>(lrs.size()));
  ASSERT_EQ(preview.size(), lrs.size());
  for (std::size_t k = 0; k < lrs.size(); ++k)
    EXPECT_TRUE(test::close(preview[k], lrs[k], test::tolerance_of(c))) << "lr_at(" << k << ")";
}

INSTANTIATE_TEST_SUITE_P(Cases, ScheduleGolden, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return test::sanitize(info.param.at("name")); });

}  // namespace
}  // namespace descent
