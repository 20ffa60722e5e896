#pragma once
// The real data sets shipped with the project (iris, digits, diabetes), embedded into native builds
// by CMake from web/public/datasets/*.csv. The browser fetches those files instead, so the
// WebAssembly build has no definition of this function and must not call it.
#include <string_view>

namespace descent {

// The CSV bytes of a bundled set; empty for any other name.
std::string_view bundled_csv(std::string_view name);

}  // namespace descent
