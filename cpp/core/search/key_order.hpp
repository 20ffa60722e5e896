#pragma once
// Search output keeps the user's key order (dimensions as written, result fields in a fixed order),
// but nlohmann::json sorts object keys. A second JSON type (nlohmann::ordered_json) would double the
// parser and serializer in the page's WebAssembly module (≈ 8 KB gzipped), so ordered objects are
// plain vectors of fields, written by dump(), and the written order of a parsed object's keys is
// recorded while nlohmann::json parses it.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace descent::search {

// An object whose keys keep the order they were added in.
using Fields = std::vector<std::pair<std::string, nlohmann::json>>;

// The fields as compact JSON text, in their order (what nlohmann::json::dump() writes for an object).
std::string dump(const Fields& fields);

// Records the keys of the object at `path` (object keys from the root, e.g. {"params"}) in the order
// written, while nlohmann::json::parse(text, order.callback()) parses the text. A repeated key is
// listed once, where it first appears (where ordered_json puts it).
class KeyOrder {
 public:
  explicit KeyOrder(std::vector<std::string> path) : path_(std::move(path)) {}
  // Valid while this KeyOrder lives; keys() is complete once the parse has returned.
  nlohmann::json::parser_callback_t callback();
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  struct Open {
    bool array;
    std::string key;  // the key this container is the value of ("" at the root or in an array)
  };
  void on(nlohmann::json::parse_event_t event, const nlohmann::json& parsed);
  bool at_path() const;

  std::vector<std::string> path_;
  std::vector<Open> open_;
  std::string last_key_;
  std::vector<std::string> keys_;
};

}  // namespace descent::search
