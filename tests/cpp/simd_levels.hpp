#pragma once
// Kernel tests run once per vector width: a test suite derived from SimdLevelTest and instantiated
// with DESCENT_FOR_EVERY_SIMD_LEVEL(Suite) switches the kernels to that width for each test
// (restoring the CPU's choice after) and skips widths this CPU lacks.
#include <gtest/gtest.h>

#include "kernels/simd_level.hpp"

class SimdLevelTest : public ::testing::TestWithParam<descent::kernels::SimdLevel> {
 protected:
  void SetUp() override {
    if (!descent::kernels::simd_level_supported(GetParam()))
      GTEST_SKIP() << "this CPU lacks " << descent::kernels::simd_level_name(GetParam());
    saved_ = descent::kernels::simd_level();
    descent::kernels::set_simd_level_for_testing(GetParam());
  }
  void TearDown() override {
    if (descent::kernels::simd_level_supported(GetParam())) descent::kernels::set_simd_level_for_testing(saved_);
  }

 private:
  descent::kernels::SimdLevel saved_ = descent::kernels::SimdLevel::portable;
};

#define DESCENT_FOR_EVERY_SIMD_LEVEL(Suite)                                                                   \
  INSTANTIATE_TEST_SUITE_P(Levels, Suite,                                                                     \
                           ::testing::Values(descent::kernels::SimdLevel::portable,                           \
                                             descent::kernels::SimdLevel::avx2,                               \
                                             descent::kernels::SimdLevel::avx512),                            \
                           [](const auto& info) { return descent::kernels::simd_level_name(info.param); })
