#include "spec/spec.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "optim/optimizer.hpp"
#include "schedule/schedule.hpp"
#include "search/search_space.hpp"
#include "spec/suggest.hpp"

namespace descent::spec {

namespace {

using json = nlohmann::json;

constexpr std::uint64_t kMaxSeed = (std::uint64_t{1} << 53) - 1;  // exact in a JavaScript number

[[noreturn]] void fail(const std::string& field, const std::string& message) {
  throw std::invalid_argument(field + ": " + message);
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

std::string path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

void check_object(const json& v, const std::string& field, const std::vector<std::string>& allowed) {
  if (!v.is_object()) fail(field.empty() ? "spec" : field, "expected an object, got " + v.dump());
  for (const auto& [key, _] : v.items()) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    const auto guess = closest(key, allowed);
    fail(path(field, key), "unknown key" + (guess.empty() ? std::string() : "; did you mean \"" + guess + "\"?") +
                               " (allowed: " + join(allowed) + ")");
  }
}

const json* find(const json& obj, const std::string& key) {
  const auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

double number(const json& obj, const std::string& key, const std::string& field, double lo, double hi,
              double fallback, bool lo_open = false) {
  const json* v = find(obj, key);
  if (!v) return fallback;
  const bool ok = v->is_number() && (lo_open ? v->get<double>() > lo : v->get<double>() >= lo) && v->get<double>() <= hi;
  if (!ok) {
    std::string range = lo_open ? "greater than " + json(lo).dump() : "from " + json(lo).dump();
    range += std::isinf(hi) ? "" : (lo_open ? " and at most " : " to ") + json(hi).dump();
    fail(path(field, key), "expected a number " + range + ", got " + v->dump());
  }
  return v->get<double>();
}

// Parsed text stores non-negative integers as unsigned, json built in code as signed: accept both.
bool in_range(const json& v, std::uint64_t lo, std::uint64_t hi) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() >= lo && v.get<std::uint64_t>() <= hi;
  return v.is_number_integer() && v.get<std::int64_t>() >= 0 && static_cast<std::uint64_t>(v.get<std::int64_t>()) >= lo &&
         static_cast<std::uint64_t>(v.get<std::int64_t>()) <= hi;
}

std::uint64_t integer(const json& obj, const std::string& key, const std::string& field, std::uint64_t lo,
                      std::uint64_t hi, std::uint64_t fallback) {
  const json* v = find(obj, key);
  if (!v) return fallback;
  if (!in_range(*v, lo, hi))
    fail(path(field, key), "expected an integer from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                               v->dump());
  return v->get<std::uint64_t>();
}

std::string text(const json& obj, const std::string& key, const std::string& field) {
  const json* v = find(obj, key);
  if (!v) return {};
  if (!v->is_string()) fail(path(field, key), "expected a string, got " + v->dump());
  return v->get<std::string>();
}

void parse_model(const json& m, ExperimentSpec& s) {
  check_object(m, "model", {"hidden", "init", "init_seed", "weights"});
  if (const json* h = find(m, "hidden")) {
    if (!h->is_array() || h->size() > static_cast<std::size_t>(kMaxHiddenLayers))
      fail("model.hidden", "expected an array of at most " + std::to_string(kMaxHiddenLayers) +
                               " {\"units\", \"activation\"} objects, got " + h->dump());
    s.hidden.clear();
    for (std::size_t i = 0; i < h->size(); ++i) {
      const std::string f = "model.hidden[" + std::to_string(i) + "]";
      check_object((*h)[i], f, {"units", "activation"});
      if (!(*h)[i].contains("units")) fail(f + ".units", "missing (an integer from 1 to 256)");
      HiddenLayer layer;
      layer.units = static_cast<int>(integer((*h)[i], "units", f, 1, kMaxUnits, 0));
      const auto act = text((*h)[i], "activation", f);
      layer.activation = act.empty() ? nn::Activation::tanh : nn::parse_activation(act, f + ".activation");
      s.hidden.push_back(layer);
    }
  }
  const auto init = text(m, "init", "model");
  if (!init.empty()) s.init = nn::parse_init(init, "model.init");
  s.init_seed = integer(m, "init_seed", "model", 0, kMaxSeed, 0);
  if (const json* w = find(m, "weights")) {
    if (!init.empty()) fail("model.weights", "cannot be combined with model.init (explicit weights replace it)");
    if (!w->is_array()) fail("model.weights", "expected an array of {\"W\", \"b\"} objects, one per layer");
    s.weights = *w;
  }
}

}  // namespace

ExperimentSpec parse_spec(const json& doc) {
  check_object(doc, "", {"name", "description", "data", "features", "model", "loss", "loss_params",
                         "regularization", "optimizer", "schedule", "schedule_step", "batch_size", "epochs",
                         "steps", "stop", "clip", "seed", "metrics_every", "search"});
  ExperimentSpec s;
  // Defaults chosen so the bundled sets train well as they are (iris, digits, diabetes): one tanh
  // layer of 32 units and AdamW (lr 0.01, decoupled decay 0.1 against overfitting small sets).
  s.hidden = {{32, nn::Activation::tanh}};
  text(doc, "name", "");
  text(doc, "description", "");
  // A search block describes other runs (descent sweep); this run ignores it, and to_json drops it.
  if (const json* se = find(doc, "search")) search::parse_search(*se);

  const json* data = find(doc, "data");
  if (!data) fail("data", "missing (e.g. {\"source\": \"spiral\"}, {\"source\": \"iris\"} or {\"source\": \"csv\", ...})");
  if (!data->is_object()) fail("data", "expected an object, got " + data->dump());
  s.data = *data;

  s.features = nn::parse_features(doc.value("features", json()), "features");
  if (const json* m = find(doc, "model")) parse_model(*m, s);

  const auto loss = text(doc, "loss", "");
  if (!loss.empty()) s.loss = nn::parse_loss(loss, "loss");
  if (const json* lp = find(doc, "loss_params")) {
    if (s.loss == nn::LossKind::huber) {
      check_object(*lp, "loss_params", {"delta"});
      s.huber_delta = number(*lp, "delta", "loss_params", 0.0, INFINITY, 1.0, true);
    } else if (!lp->is_object() || !lp->empty()) {
      fail("loss_params", "only loss huber takes parameters ({\"delta\": ...}); expected {}, got " + lp->dump());
    }
  }
  if (const json* r = find(doc, "regularization")) {
    check_object(*r, "regularization", {"l1", "l2"});
    s.regularization.l1 = number(*r, "l1", "regularization", 0.0, INFINITY, 0.0);
    s.regularization.l2 = number(*r, "l2", "regularization", 0.0, INFINITY, 0.0);
  }

  const json* opt = find(doc, "optimizer");
  const auto optimizer = make_optimizer<float>(opt ? *opt : json{{"name", "adamw"}, {"lr", 0.01}, {"weight_decay", 0.1}});
  s.optimizer = optimizer->hyperparameters();
  s.optimizer["name"] = optimizer->name();
  if (const json* sch = find(doc, "schedule")) {
    make_schedule(*sch, optimizer->base_lr());
    s.schedule = *sch;
  }
  const auto when = text(doc, "schedule_step", "");
  if (!when.empty() && when != "step" && when != "epoch")
    fail("schedule_step", "expected \"step\" or \"epoch\", got \"" + when + "\"");
  s.schedule_per_epoch = when == "epoch";

  if (const json* b = find(doc, "batch_size")) {
    if (b->is_string() && b->get<std::string>() == "full")
      s.batch_size = 0;
    else if (in_range(*b, 1, 1000000))
      s.batch_size = b->get<std::size_t>();
    else
      fail("batch_size", "expected \"full\" or an integer from 1 to 1000000, got " + b->dump());
  }
  s.epochs = static_cast<long>(integer(doc, "epochs", "", 1, 1000000, 0));
  s.steps = static_cast<long>(integer(doc, "steps", "", 1, 100000000, 0));
  if (s.epochs == 0 && s.steps == 0) s.epochs = 100;

  if (const json* st = find(doc, "stop")) {
    check_object(*st, "stop", {"target_loss", "patience"});
    s.target_loss = number(*st, "target_loss", "stop", 0.0, INFINITY, -1.0);
    s.patience = static_cast<int>(integer(*st, "patience", "stop", 0, 1000000, 0));
  }
  if (const json* c = find(doc, "clip")) {
    check_object(*c, "clip", {"max_norm", "value"});
    if (c->size() != 1) fail("clip", "expected exactly one of max_norm, value (or null for no clipping)");
    s.clip = c->contains("max_norm") ? train::ClipMode::norm : train::ClipMode::value;
    const std::string key = s.clip == train::ClipMode::norm ? "max_norm" : "value";
    s.clip_threshold = number(*c, key, "clip", 0.0, INFINITY, 0.0, true);
  }
  s.seed = integer(doc, "seed", "", 0, kMaxSeed, 0);
  if (const json* me = find(doc, "metrics_every")) {
    if (me->is_string() && me->get<std::string>() == "epoch")
      s.metrics_every = 0;
    else if (in_range(*me, 1, 100000000))
      s.metrics_every = me->get<long>();
    else
      fail("metrics_every", "expected \"epoch\" or an integer number of steps from 1 to 100000000, got " + me->dump());
  }
  return s;
}

json to_json(const ExperimentSpec& s) {
  json doc;
  doc["data"] = s.data;
  doc["features"] = nn::to_json(s.features);
  auto hidden = json::array();
  for (const auto& h : s.hidden) hidden.push_back({{"units", h.units}, {"activation", nn::to_string(h.activation)}});
  doc["model"] = {{"hidden", hidden}, {"init_seed", s.init_seed}};
  if (s.weights.is_null())
    doc["model"]["init"] = nn::to_string(s.init);
  else
    doc["model"]["weights"] = s.weights;
  doc["loss"] = s.loss ? json(nn::to_string(*s.loss)) : json();
  doc["loss_params"] = s.loss == nn::LossKind::huber ? json{{"delta", s.huber_delta}} : json::object();
  doc["regularization"] = {{"l1", s.regularization.l1}, {"l2", s.regularization.l2}};
  doc["optimizer"] = s.optimizer;
  doc["schedule"] = s.schedule;
  doc["schedule_step"] = s.schedule_per_epoch ? "epoch" : "step";
  doc["batch_size"] = s.batch_size == 0 ? json("full") : json(s.batch_size);
  if (s.epochs > 0) doc["epochs"] = s.epochs;
  if (s.steps > 0) doc["steps"] = s.steps;
  doc["stop"] = {{"target_loss", s.target_loss >= 0 ? json(s.target_loss) : json()},
                 {"patience", s.patience > 0 ? json(s.patience) : json()}};
  doc["clip"] = s.clip == train::ClipMode::none ? json()
                : s.clip == train::ClipMode::norm ? json{{"max_norm", s.clip_threshold}}
                                                   : json{{"value", s.clip_threshold}};
  doc["seed"] = s.seed;
  doc["metrics_every"] = s.metrics_every > 0 ? json(s.metrics_every) : json("epoch");
  return doc;
}

}  // namespace descent::spec
