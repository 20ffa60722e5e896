// descent train SPEC.json [--csv FILE] [--out FILE]: trains as the spec says and streams JSON lines.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "train/experiment.hpp"
#include "train/report.hpp"

namespace descent::cli {

int train(const Args& args) {
  std::string spec_path, csv_path, out_path;
  bool bad = false;
  for (std::size_t i = 0; i < args.size() && !bad; ++i) {
    if ((args[i] == "--csv" || args[i] == "--out") && i + 1 < args.size()) {
      // Chosen before the ++i: in `(cond ? a : b) = args[++i]` the right side is evaluated first, which
      // once made `--csv FILE` overwrite FILE with the report.
      std::string& path = args[i] == "--csv" ? csv_path : out_path;
      path = args[++i];
    } else if (spec_path.empty() && !args[i].empty() && args[i][0] != '-')
      spec_path = args[i];
    else
      bad = true;
  }
  if (bad || spec_path.empty()) {
    std::fprintf(stderr, "usage: descent train SPEC.json [--csv FILE] [--out FILE]\n");
    return 2;
  }
  nlohmann::json spec;
  try {
    spec = nlohmann::json::parse(read_file(spec_path));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(spec_path + ": malformed JSON: " + e.what());
  }
  const std::string csv = csv_path.empty() ? std::string() : read_file(csv_path);
  auto trainer = train::make_trainer(spec, csv);
  // What ingest did to the user's file (rows dropped, values filled, columns encoded) is never silent.
  if (!csv.empty())
    for (const auto& note : trainer->data().notes) std::fprintf(stderr, "descent train: %s\n", note.c_str());

  std::ofstream file;
  if (!out_path.empty()) {
    file.open(out_path, std::ios::binary);
    if (!file) throw std::runtime_error(out_path + ": cannot write");
  }
  std::ostream& out = out_path.empty() ? std::cout : file;
  const auto start = std::chrono::steady_clock::now();
  while (!trainer->status().done) {
    const auto status = trainer->step(1);
    out << train::step_json(*trainer, trainer->log().count() - 1).dump() << '\n';
    if (status.evaluated) out << train::eval_json(*trainer, trainer->evals().back()).dump() << '\n';
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << train::summary_json(*trainer, seconds).dump() << std::endl;
  if (trainer->status().reason == train::StopReason::diverged)
    std::fprintf(stderr, "descent train: diverged at step %ld: the loss or its gradient is not finite (try a smaller lr)\n",
                 trainer->status().diverged_at);
  return 0;
}

}  // namespace descent::cli
