// Ordered objects without ordered_json: the written order of one object's keys recorded during a
// plain nlohmann::json parse, and fields written in their order exactly as ordered_json would.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/key_order.hpp"

namespace descent::search {
namespace {

using nlohmann::json;
using Keys = std::vector<std::string>;

Keys keys_at(const std::string& text, const Keys& path) {
  KeyOrder order(path);
  const auto doc = json::parse(text, order.callback());
  EXPECT_EQ(doc, json::parse(text));  // recording changes nothing in the parsed value
  return order.keys();
}

TEST(SearchKeyOrder, RecordsTheKeysOfTheObjectAtThePathInWrittenOrder) {
  const std::string text = R"({"method": "grid", "params": {"lr": [1], "batch_size": {"min": 1, "max": 2, "count": 2},
                               "beta1": [0.9, {"zeta": 1, "alpha": 2}], "a": []}, "z": {"params": {"q": 1}}})";
  EXPECT_EQ(keys_at(text, {"params"}), (Keys{"lr", "batch_size", "beta1", "a"}));
  EXPECT_EQ(keys_at(text, {"params", "batch_size"}), (Keys{"min", "max", "count"}));
  EXPECT_EQ(keys_at(text, {}), (Keys{"method", "params", "z"}));
  EXPECT_EQ(keys_at(text, {"z", "params"}), (Keys{"q"}));
}

TEST(SearchKeyOrder, FollowsOnlyObjectsNotArraysOrOtherPaths) {
  // The same key inside an array element or under another name is not the path.
  EXPECT_EQ(keys_at(R"({"list": [{"params": {"x": 1}}], "params": {"y": 1, "b": 2}})", {"params"}), (Keys{"y", "b"}));
  EXPECT_EQ(keys_at(R"([{"params": {"x": 1}}])", {"params"}), Keys{});
  EXPECT_EQ(keys_at(R"({"params": [{"x": 1}]})", {"params"}), Keys{});
  EXPECT_EQ(keys_at(R"({"search": {"params": {"momentum": 0, "lr": 1}}})", {"search", "params"}), (Keys{"momentum", "lr"}));
  EXPECT_EQ(keys_at(R"({"params": 3})", {"params"}), Keys{});
}

TEST(SearchKeyOrder, ARepeatedKeyIsListedOnceWhereItFirstAppears) {
  EXPECT_EQ(keys_at(R"({"params": {"b": 1, "a": 2, "b": 3}})", {"params"}), (Keys{"b", "a"}));
  // ordered_json keeps the first position too (and the last value, as json does).
  const auto ordered = nlohmann::ordered_json::parse(R"({"b": 1, "a": 2, "b": 3})");
  EXPECT_EQ(ordered.begin().key(), "b");
  EXPECT_EQ(ordered["b"], 3);
}

TEST(SearchKeyOrder, DumpWritesFieldsInTheirOrderLikeOrderedJson) {
  const Fields fields = {{"z", 1},
                         {"a\"b\n", "t\u00e9xt"},
                         {"n", nullptr},
                         {"x", 0.1},
                         {"obj", json{{"k", 2}, {"c", {1.5, true}}}}};
  nlohmann::ordered_json expected = nlohmann::ordered_json::object();
  for (const auto& [key, value] : fields) expected[key] = nlohmann::ordered_json(value);
  EXPECT_EQ(dump(fields), expected.dump());
  EXPECT_EQ(dump(Fields{}), "{}");
}

}  // namespace
}  // namespace descent::search
