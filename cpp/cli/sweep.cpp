// descent sweep SPEC.json [--grid K=V]... [--random N] [--seed S] [--jobs N] [--csv FILE] [--out FILE] [--plan]
// descent sweep --run-lines [--jobs N] [--csv FILE] [--out FILE]
// Expands a search into runs, trains them on a pool of threads and prints one JSON line per run in
// index order; --plan prints the runs without training, --run-lines trains plan lines from stdin
// (how a sweep is fanned out to GNU parallel or a Slurm array).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "cli/commands.hpp"
#include "cli/usage.hpp"
#include "cli/files.hpp"
#include "search/search_space.hpp"
#include "search/sweep_run.hpp"
#include "spec/spec.hpp"

namespace descent::cli {

namespace {

// Plan lines from stdin may carry keys of their own: they keep their order in the output.
using ojson = nlohmann::ordered_json;

constexpr const char* kUsage =
    "usage: descent sweep SPEC.json [--grid NAME=VALUES]... [--random N] [--seed S] [--jobs N] [--csv FILE]\n"
    "                     [--out FILE] [--plan]\n"
    "       descent sweep --run-lines [--jobs N] [--csv FILE] [--out FILE]   (plan lines or specs on stdin)\n"
    "  VALUES: MIN:MAX:SCALE:COUNT (e.g. lr=1e-4:1e-1:log:7) or a list (e.g. batch_size=8,32,128)\n";

struct Options {
  std::string spec_path, csv_path, out_path;
  std::vector<std::string> grids;
  std::optional<std::size_t> random_runs;
  std::optional<std::uint64_t> seed;
  unsigned jobs = 0;
  bool plan = false, run_lines = false;
};

Options parse_args(const Args& args) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--plan") {
      o.plan = true;
    } else if (a == "--run-lines") {
      o.run_lines = true;
    } else if (a == "--grid" || a == "--random" || a == "--seed" || a == "--jobs" || a == "--csv" || a == "--out") {
      if (!has_value) throw UsageError(a + ": missing value");
      const std::string& v = args[++i];
      if (a == "--grid") o.grids.push_back(v);
      else if (a == "--random") o.random_runs = whole_number(a, v, 1, search::kMaxRuns);
      else if (a == "--seed") o.seed = whole_number(a, v, 0, (std::uint64_t{1} << 53) - 1);
      else if (a == "--jobs") o.jobs = static_cast<unsigned>(whole_number(a, v, 1, 1024));
      else if (a == "--csv") o.csv_path = v;
      else o.out_path = v;
    } else if (o.spec_path.empty() && !a.empty() && a[0] != '-') {
      o.spec_path = a;
    } else {
      throw UsageError("unexpected argument '" + a + "'");
    }
  }
  if (o.run_lines && (!o.spec_path.empty() || !o.grids.empty() || o.random_runs || o.seed || o.plan))
    throw UsageError("--run-lines takes its runs from stdin: no SPEC.json, --grid, --random, --seed or --plan");
  if (!o.run_lines && o.spec_path.empty()) throw UsageError("missing SPEC.json");
  return o;
}

// The search from --grid/--random/--seed, else the spec's "search" block (which --random/--seed adjust).
search::SearchSpace search_of(const Options& o, const ojson& spec) {
  search::SearchSpace space;
  if (!o.grids.empty()) {
    for (const auto& g : o.grids) {
      try {
        space.params.push_back(search::parse_grid_arg(g));
      } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
      }
      for (std::size_t i = 0; i + 1 < space.params.size(); ++i)
        if (space.params[i].name == space.params.back().name)
          throw UsageError("--grid: dimension '" + space.params.back().name + "' given twice");
    }
  } else if (spec.is_object() && spec.contains("search") && !spec["search"].is_null()) {
    ojson block = spec["search"];
    if (block.is_object() && o.random_runs) {
      block["method"] = "random";
      block["runs"] = *o.random_runs;
    }
    if (block.is_object() && o.seed) block["seed"] = *o.seed;
    std::vector<std::string> order;
    if (block.is_object() && block.contains("params") && block["params"].is_object())
      for (const auto& [name, _] : block["params"].items()) order.push_back(name);
    space = search::parse_search(nlohmann::json(block), order);
  } else {
    throw UsageError("nothing to search: give --grid NAME=VALUES or a \"search\" block in the spec");
  }
  if (o.random_runs) {
    space.random = true;
    space.runs = *o.random_runs;
  }
  if (o.seed) space.seed = *o.seed;
  return space;
}

// Plan lines from stdin: {"index", "config", "spec"} as `--plan` prints them, or a bare spec.
std::vector<ojson> read_plan_lines(std::istream& in) {
  std::vector<ojson> lines;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    ojson line;
    try {
      line = ojson::parse(text);
    } catch (const ojson::parse_error& e) {
      throw std::invalid_argument("stdin line " + std::to_string(number) + ": malformed JSON: " + e.what());
    }
    if (!line.is_object()) throw std::invalid_argument("stdin line " + std::to_string(number) + ": expected a JSON object");
    if (!line.contains("spec")) {
      const auto spec = spec::to_json(spec::parse_spec(nlohmann::json(line)));
      line = {{"index", lines.size()}, {"config", ojson::object()}, {"spec", ojson(spec)}};
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// A plan line's spec run to its end: the plan line with the result fields added (or replaced).
ojson run_line(const ojson& plan_line, const std::string& csv) {
  search::SweepRun run(nlohmann::json(plan_line.at("spec")), csv);
  while (!run.step(1 << 16)) {
  }
  ojson line = plan_line;
  for (const auto& [key, value] : run.result()) line[key] = ojson(value);
  return line;
}

ojson to_ojson(const search::PlanLine& line) {
  ojson config = ojson::object();
  for (const auto& [name, value] : line.config) config[name] = ojson(value);
  return {{"index", line.index}, {"config", config}, {"spec", ojson(line.spec)}};
}

// Runs every line on `jobs` threads; `emit` gets the result lines in index order, each as soon as
// all lower ones are done.
void run_all(const std::vector<ojson>& plan, const std::string& csv, unsigned jobs,
             const std::function<void(const ojson&)>& emit) {
  std::vector<std::optional<ojson>> done(plan.size());
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::string error;
  auto worker = [&] {
    for (std::size_t i; !failed && (i = next++) < plan.size();) {
      try {
        auto line = run_line(plan[i], csv);
        const std::lock_guard<std::mutex> lock(mutex);
        done[i] = std::move(line);
      } catch (const std::exception& e) {
        const std::lock_guard<std::mutex> lock(mutex);
        if (!failed) error = "run " + std::to_string(i) + ": " + e.what();
        failed = true;
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(plan.size()))); ++t)
    pool.emplace_back(worker);

  const bool tty = ::isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait(lock, [&] { return done[i].has_value() || failed; });
    if (failed) break;
    const ojson line = std::move(*done[i]);
    done[i].reset();
    lock.unlock();
    emit(line);
    if (tty) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double left = elapsed / static_cast<double>(i + 1) * static_cast<double>(plan.size() - i - 1);
      std::fprintf(stderr, "\rdescent sweep: %zu/%zu runs, about %.0f s left   ", i + 1, plan.size(), left);
    }
  }
  for (auto& t : pool) t.join();
  if (tty) std::fprintf(stderr, "\n");
  if (failed) throw std::runtime_error(error);
}

}  // namespace

int sweep(const Args& args) {
  Options o;
  std::vector<ojson> plan;
  try {
    o = parse_args(args);
    if (o.run_lines) {
      plan = read_plan_lines(std::cin);
    } else {
      ojson spec;
      try {
        spec = ojson::parse(read_file(o.spec_path));
      } catch (const ojson::parse_error& e) {
        throw std::runtime_error(o.spec_path + ": malformed JSON: " + e.what());
      }
      for (const auto& line : search::expand(nlohmann::json(spec), search_of(o, spec))) plan.push_back(to_ojson(line));
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "descent sweep: %s\n%s", e.what(), kUsage);
    return 2;
  }
  const std::string csv = o.csv_path.empty() ? std::string() : read_file(o.csv_path);

  // --out is written under a temporary name and renamed at the end: never a half-written file.
  const std::string temp = o.out_path.empty() ? std::string() : o.out_path + ".tmp" + std::to_string(::getpid());
  std::ofstream file;
  if (!temp.empty()) {
    file.open(temp, std::ios::binary);
    if (!file) throw std::runtime_error(o.out_path + ": cannot write");
  }
  std::ostream& out = temp.empty() ? std::cout : file;
  try {
    if (o.plan) {
      for (const auto& line : plan) out << line.dump() << '\n';
    } else {
      const unsigned jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
      run_all(plan, csv, jobs, [&](const ojson& line) { out << line.dump() << std::endl; });
    }
    if (!temp.empty()) {
      file.close();
      if (!file) throw std::runtime_error(o.out_path + ": write failed");
      std::filesystem::rename(temp, o.out_path);
    }
  } catch (...) {
    if (!temp.empty()) {
      file.close();
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
    }
    throw;
  }
  return 0;
}

}  // namespace descent::cli
