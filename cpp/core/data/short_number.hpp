#pragma once
// Numbers in notes and messages: 6 significant digits, no trailing zeros ("3.5", "1e+300").
#include <cstdio>
#include <string>

namespace descent {

inline std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace descent
