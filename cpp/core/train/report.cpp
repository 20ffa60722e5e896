#include "train/report.hpp"

#include <cmath>

namespace descent::train {

namespace {

using json = nlohmann::json;

// NaN/inf become null: JSON has no such numbers.
json num(double v) { return std::isfinite(v) ? json(v) : json(); }

const char* score_name(const Trainer& t) { return t.classes() > 0 ? "accuracy" : "r2"; }

}  // namespace

json step_json(const Trainer& t, std::size_t step) {
  const auto& log = t.log();
  return {{"type", "step"},
          {"step", step},
          {"loss", num(log.loss(step))},
          {"lr", num(log.lr(step))},
          {"grad_norm", num(log.grad_norm(step))}};
}

json eval_json(const Trainer& t, const EvalRecord& r) {
  const std::string score = score_name(t);
  json layers = json::array();
  for (std::size_t l = 0; l < r.layer_grad_norm.size(); ++l)
    layers.push_back({{"grad_norm", num(r.layer_grad_norm[l])},
                      {"weight_norm", num(r.layer_weight_norm[l])},
                      {"update_ratio", num(r.layer_update_ratio[l])}});
  return {{"type", "eval"},
          {"step", r.step},
          {"epoch", r.epoch},
          {"lr", num(r.lr)},
          {"train_loss", num(r.train_loss)},
          {"test_loss", num(r.test_loss)},
          {"train_" + score, num(r.train_score)},
          {"test_" + score, num(r.test_score)},
          {"layers", std::move(layers)}};
}

json summary_json(const Trainer& t, double seconds) {
  const auto& s = t.status();
  const std::string score = score_name(t);
  json out = {{"type", "summary"},
              {"steps", s.steps},
              {"epochs", s.epoch},
              {"stop", to_string(s.reason)},
              {"diverged_at", s.diverged_at >= 0 ? json(s.diverged_at) : json()},
              {"seconds", seconds}};
  if (!t.evals().empty()) {
    const auto& r = t.evals().back();
    out["train_loss"] = num(r.train_loss);
    out["test_loss"] = num(r.test_loss);
    out["train_" + score] = num(r.train_score);
    out["test_" + score] = num(r.test_score);
  }
  if (t.classes() > 0) {
    const auto c = t.classes();
    json rows = json::array();
    for (std::size_t i = 0; i < c && t.confusion().size() == c * c; ++i)
      rows.push_back(std::vector<long>(t.confusion().begin() + static_cast<long>(i * c),
                                       t.confusion().begin() + static_cast<long>((i + 1) * c)));
    out["confusion"] = std::move(rows);
  }
  return out;
}

}  // namespace descent::train
