#pragma once
// "Did you mean" for misspelt keys and names.
#include <string>
#include <string_view>
#include <vector>

namespace descent::spec {

// The closest candidate within a small edit distance (about a third of the word), or "" if none.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace descent::spec
