#include "train/landscape.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "random.hpp"

namespace descent::train {

namespace {

void check_resolution(int resolution) {
  if (resolution < 2 || resolution > 256) throw std::invalid_argument("landscape: resolution must be in [2, 256]");
}

// Evaluates the objective at params = base + x·d1 + y·d2 for every grid point, then restores base.
template <class Apply>
void fill(Trainer& trainer, Grid& g, Apply apply) {
  auto params = trainer.model().params();
  const std::vector<float> base(params.begin(), params.end());
  g.values.resize(static_cast<std::size_t>(g.nx * g.ny));
  for (int j = 0; j < g.ny; ++j)
    for (int i = 0; i < g.nx; ++i) {
      const double x = g.x0 + (g.x1 - g.x0) * i / (g.nx - 1), y = g.y0 + (g.y1 - g.y0) * j / (g.ny - 1);
      apply(base, params, x, y);
      g.values[static_cast<std::size_t>(j * g.nx + i)] = static_cast<float>(trainer.train_objective());
    }
  std::copy(base.begin(), base.end(), params.begin());
}

}  // namespace

Landscape parameter_landscape(Trainer& trainer, int resolution) {
  check_resolution(resolution);
  const auto& layers = trainer.model().layers();
  if (layers.size() != 1 || layers[0].in != 1 || layers[0].out != 1)
    throw std::invalid_argument("landscape: the (w, b) landscape needs a linear model with one input and one output");
  Landscape out;
  const auto& log = trainer.log();
  const std::size_t first = log.count() > log.capacity() ? log.count() - log.capacity() : 0;
  for (std::size_t s = first; s < log.count(); ++s) {
    out.path_x.push_back(log.w(s));
    out.path_y.push_back(log.b(s));
  }
  const auto p = trainer.model().params();
  out.path_x.push_back(p[0]);
  out.path_y.push_back(p[1]);
  auto [wlo, whi] = std::minmax_element(out.path_x.begin(), out.path_x.end());
  auto [blo, bhi] = std::minmax_element(out.path_y.begin(), out.path_y.end());
  const double wpad = std::max(1.0, 0.5 * (*whi - *wlo)), bpad = std::max(1.0, 0.5 * (*bhi - *blo));
  Grid& g = out.grid;
  g.nx = g.ny = resolution;
  g.x0 = *wlo - wpad, g.x1 = *whi + wpad, g.y0 = *blo - bpad, g.y1 = *bhi + bpad;
  fill(trainer, g, [](const std::vector<float>&, std::span<float> params, double x, double y) {
    params[0] = static_cast<float>(x);
    params[1] = static_cast<float>(y);
  });
  return out;
}

Landscape random_landscape(Trainer& trainer, int resolution, double span, std::uint64_t seed) {
  check_resolution(resolution);
  if (!(span > 0.0)) throw std::invalid_argument("landscape: span must be greater than 0");
  auto& model = trainer.model();
  Rng rng(seed);
  std::vector<float> d1(model.size(), 0.f), d2(model.size(), 0.f);
  for (auto* d : {&d1, &d2}) {
    for (std::size_t l = 0; l < model.layers().size(); ++l) {
      const auto W = model.W(l);
      Eigen::Map<Eigen::MatrixXf> D(d->data() + model.weight_offset(l), W.rows(), W.cols());
      for (Eigen::Index i = 0; i < D.size(); ++i) D.data()[i] = static_cast<float>(rng.normal());
      for (Eigen::Index r = 0; r < D.rows(); ++r) {
        const float dn = D.row(r).norm();
        D.row(r) *= dn > 0.f ? W.row(r).norm() / dn : 0.f;
      }
    }
  }
  Landscape out;
  Grid& g = out.grid;
  g.nx = g.ny = resolution;
  g.x0 = g.y0 = -span;
  g.x1 = g.y1 = span;
  fill(trainer, g, [&](const std::vector<float>& base, std::span<float> params, double x, double y) {
    for (std::size_t i = 0; i < params.size(); ++i)
      params[i] = static_cast<float>(base[i] + x * d1[i] + y * d2[i]);
  });
  return out;
}

}  // namespace descent::train
