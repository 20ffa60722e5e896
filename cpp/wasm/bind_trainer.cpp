// The worker's trainer: built from a spec JSON string (+ CSV bytes), stepped in chunks. Per-step
// metrics come back as Float32Array views of preallocated buffers, so a chunk costs no JS objects
// per step; evaluation records, parameters and the spec travel as JSON strings.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "data/load.hpp"
#include "nn/init.hpp"
#include "spec/spec.hpp"
#include "train/experiment.hpp"
#include "train/landscape.hpp"
#include "train/report.hpp"
#include "wasm/boundary.hpp"

namespace {

using emscripten::val;
using descent::train::Grid;
using descent::wasm::bytes_of;
using descent::wasm::guarded;
using descent::wasm::parse_json;

constexpr double kMaxChunk = 1000000;

// Copies out of the wasm heap: a view would be detached by the next memory growth.
val float_copy(const std::vector<float>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

val grid_object(const Grid& g) {
  auto out = val::object();
  out.set("nx", g.nx);
  out.set("ny", g.ny);
  out.set("x0", g.x0);
  out.set("x1", g.x1);
  out.set("y0", g.y0);
  out.set("y1", g.y1);
  out.set("values", float_copy(g.values));
  return out;
}

class TrainerHandle {
 public:
  TrainerHandle(const std::string& spec_json, const val& csv) {
    guarded([&] {
      spec_ = descent::spec::parse_spec(parse_json(spec_json, "spec"));
      trainer_ = descent::train::make_trainer(spec_, descent::load_data(spec_.data, bytes_of(csv)));
    });
  }

  val step(double n) {
    auto& t = *trainer_;
    // A chunk's logs are buffered: cap it so a typo cannot ask for gigabytes.
    const auto want = static_cast<std::size_t>(guarded([&] { return descent::wasm::step_count(n, kMaxChunk); }));
    const std::size_t first = t.log().count();
    const auto start = std::chrono::steady_clock::now();
    guarded([&] {
      // Grows only when a larger chunk is asked for; grad_norm_ is resized last, so a failed growth
      // is retried in full next time.
      if (want > grad_norm_.size()) {
        loss_.resize(want);
        lr_.resize(want);
        grad_norm_.resize(want);
      }
      t.step(static_cast<long>(want));
    });
    seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    first_ = first;
    count_ = t.log().count() - first;
    for (std::size_t i = 0; i < count_; ++i) {
      loss_[i] = t.log().loss(first + i);
      lr_[i] = t.log().lr(first + i);
      grad_norm_[i] = t.log().grad_norm(first + i);
    }
    const auto& s = t.status();
    auto out = val::object();
    out.set("steps", static_cast<double>(s.steps));
    out.set("epoch", static_cast<double>(s.epoch));
    out.set("done", s.done);
    out.set("stop", descent::train::to_string(s.reason));
    out.set("divergedAt", static_cast<double>(s.diverged_at));
    out.set("evaluated", s.evaluated);
    return out;
  }

  double chunk_first() const { return static_cast<double>(first_); }
  val chunk_losses() const { return val(emscripten::typed_memory_view(count_, loss_.data())); }
  val chunk_lrs() const { return val(emscripten::typed_memory_view(count_, lr_.data())); }
  val chunk_grad_norms() const { return val(emscripten::typed_memory_view(count_, grad_norm_.data())); }

  double eval_count() const { return static_cast<double>(trainer_->evals().size()); }
  std::string evals_json(double from) const {
    auto out = nlohmann::json::array();
    const auto& evals = trainer_->evals();
    for (auto i = static_cast<std::size_t>(from > 0 ? from : 0); i < evals.size(); ++i)
      out.push_back(descent::train::eval_json(*trainer_, evals[i]));
    return out.dump();
  }
  std::string summary_json() const { return descent::train::summary_json(*trainer_, seconds_).dump(); }
  std::string parameters_json() const { return descent::nn::get_weights(trainer_->model()).dump(); }
  std::string spec_json() const { return descent::spec::to_json(spec_).dump(); }
  std::string dataset_json() const {
    const auto& d = trainer_->data();
    const char* task = d.task == descent::Task::regression ? "regression"
                       : d.task == descent::Task::binary   ? "binary"
                                                           : "multiclass";
    return nlohmann::json{{"name", d.name},
                          {"task", task},
                          {"features", d.feature_names},
                          {"target", d.target_name},
                          {"classes", d.class_names},
                          {"n_train", d.n_train()},
                          {"n_test", d.n_test()},
                          {"notes", d.notes}}
        .dump();
  }

  val prediction_grid(int resolution) {
    return guarded([&] { return grid_object(trainer_->prediction_grid(resolution)); });
  }

  // The data rows for the data view, in the same feature units as predictionGrid (the data set's
  // stored, standardised features): the first two features (with one feature: the feature and the
  // target), the class id or target, and whether the row is a test row.
  val points() const {
    const auto& d = trainer_->data();
    const std::size_t n = d.n_train() + d.n_test(), f = d.n_features;
    std::vector<float> x(n), y(n), label(n);
    std::vector<std::uint8_t> test(n);
    const auto raw = [&](const std::vector<float>& rows, std::size_t r, std::size_t c) { return rows[r * f + c]; };
    for (std::size_t i = 0; i < n; ++i) {
      const bool is_test = i >= d.n_train();
      const std::size_t r = is_test ? i - d.n_train() : i;
      const auto& rows = is_test ? d.x_test : d.x_train;
      label[i] = is_test ? d.y_test[r] : d.y_train[r];
      x[i] = f > 0 ? raw(rows, r, 0) : 0.f;
      y[i] = f > 1 ? raw(rows, r, 1) : label[i];
      test[i] = is_test;
    }
    auto out = val::object();
    out.set("x", float_copy(x));
    out.set("y", float_copy(y));
    out.set("label", float_copy(label));
    out.set("test", val(emscripten::typed_memory_view(test.size(), test.data())).call<val>("slice"));
    return out;
  }

  // The model's current output for every row, in points() order (as Trainer::predict defines it).
  val predictions() {
    const auto& d = trainer_->data();
    std::vector<float> rows(d.x_train), out(d.n_train() + d.n_test());
    rows.insert(rows.end(), d.x_test.begin(), d.x_test.end());
    guarded([&] {
      if (!out.empty()) trainer_->predict(rows.data(), out.size(), out.data());
    });
    return float_copy(out);
  }

  val parameter_landscape(int resolution) {
    return guarded([&] {
      const auto l = descent::train::parameter_landscape(*trainer_, resolution);
      auto out = grid_object(l.grid);
      out.set("pathX", float_copy(l.path_x));
      out.set("pathY", float_copy(l.path_y));
      return out;
    });
  }

  val random_landscape(int resolution, double span, double seed) {
    return guarded([&] {
      return grid_object(
          descent::train::random_landscape(*trainer_, resolution, span, static_cast<std::uint64_t>(seed)).grid);
    });
  }

 private:
  descent::spec::ExperimentSpec spec_;
  std::unique_ptr<descent::train::Trainer> trainer_;
  std::vector<float> loss_, lr_, grad_norm_;
  std::size_t first_ = 0, count_ = 0;
  double seconds_ = 0.0;
};

std::shared_ptr<TrainerHandle> make_handle(const std::string& spec_json, const val& csv) {
  return std::make_shared<TrainerHandle>(spec_json, csv);
}

std::string normalize_spec(const std::string& spec_json) {
  return guarded([&] { return descent::spec::to_json(descent::spec::parse_spec(parse_json(spec_json, "spec"))).dump(); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(trainer) {
  emscripten::function("normalizeSpec", &normalize_spec);
  emscripten::class_<TrainerHandle>("Trainer")
      .smart_ptr_constructor("Trainer", &make_handle)
      .function("step", &TrainerHandle::step)
      .function("chunkFirst", &TrainerHandle::chunk_first)
      .function("chunkLosses", &TrainerHandle::chunk_losses)
      .function("chunkLrs", &TrainerHandle::chunk_lrs)
      .function("chunkGradNorms", &TrainerHandle::chunk_grad_norms)
      .function("evalCount", &TrainerHandle::eval_count)
      .function("evalsJson", &TrainerHandle::evals_json)
      .function("summaryJson", &TrainerHandle::summary_json)
      .function("parametersJson", &TrainerHandle::parameters_json)
      .function("specJson", &TrainerHandle::spec_json)
      .function("datasetJson", &TrainerHandle::dataset_json)
      .function("predictionGrid", &TrainerHandle::prediction_grid)
      .function("points", &TrainerHandle::points)
      .function("predictions", &TrainerHandle::predictions)
      .function("parameterLandscape", &TrainerHandle::parameter_landscape)
      .function("randomLandscape", &TrainerHandle::random_landscape);
}
