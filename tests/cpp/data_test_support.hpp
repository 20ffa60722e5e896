#pragma once
// Shared by the data_* tests: sample files from tests/data/csv, and the message of an expected rejection.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace descent::test {

inline std::string csv_file(const std::string& name) {
  const std::string path = std::string(DESCENT_TEST_DATA) + "/csv/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The message of the std::invalid_argument that `f` throws, or a marker when it throws none.
template <class F>
std::string rejection(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<accepted>";
}

}  // namespace descent::test
