#include "search/key_order.hpp"

#include <algorithm>

namespace descent::search {

std::string dump(const Fields& fields) {
  std::string out = "{";
  for (const auto& [key, value] : fields) {
    if (out.size() > 1) out += ',';
    out += nlohmann::json(key).dump();
    out += ':';
    out += value.dump();
  }
  return out + '}';
}

nlohmann::json::parser_callback_t KeyOrder::callback() {
  return [this](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    on(event, parsed);
    return true;
  };
}

bool KeyOrder::at_path() const {
  if (open_.size() != path_.size() + 1) return false;
  for (std::size_t i = 0; i < open_.size(); ++i)
    if (open_[i].array || (i > 0 && open_[i].key != path_[i - 1])) return false;
  return true;
}

void KeyOrder::on(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
  using E = nlohmann::json::parse_event_t;
  switch (event) {
    case E::object_start:
    case E::array_start:
      open_.push_back({event == E::array_start, open_.empty() || open_.back().array ? std::string() : last_key_});
      break;
    case E::object_end:
    case E::array_end:
      open_.pop_back();
      break;
    case E::key:
      last_key_ = parsed.get<std::string>();
      if (at_path() && std::find(keys_.begin(), keys_.end(), last_key_) == keys_.end()) keys_.push_back(last_key_);
      break;
    case E::value:
      break;
  }
}

}  // namespace descent::search
