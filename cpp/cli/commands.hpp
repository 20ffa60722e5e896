#pragma once
// Each `descent <command>` lives in its own file and returns the process exit code.
#include <string>
#include <vector>

namespace descent::cli {

using Args = std::vector<std::string>;

int replay(const Args& args);  // replay.cpp
int catalog(const Args& args); // catalog.cpp
int train(const Args& args);   // train.cpp
int bench(const Args& args);   // bench.cpp
int sweep(const Args& args);   // sweep.cpp
int lr_find(const Args& args); // lr_find.cpp

}  // namespace descent::cli
