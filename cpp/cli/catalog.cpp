// descent catalog: every optimizer, schedule and test function with its options, as JSON.
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "functions/function.hpp"
#include "optim/optimizer.hpp"
#include "schedule/schedule.hpp"

namespace descent::cli {

int catalog(const Args& args) {
  if (!args.empty()) {
    std::fprintf(stderr, "usage: descent catalog\n");
    return 2;
  }
  const nlohmann::ordered_json out = {{"optimizers", optimizer_catalog()},
                                      {"schedules", schedule_catalog()},
                                      {"functions", function_catalog()}};
  std::cout << out.dump(1) << '\n';
  return 0;
}

}  // namespace descent::cli
