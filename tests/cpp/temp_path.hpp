#pragma once
// A scratch file path unique to this test process: ctest runs test cases in parallel processes, so
// two cases must never write the same file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

inline std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "descent_" + std::to_string(::getpid()) + "_" + name;
}
