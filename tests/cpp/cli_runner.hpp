#pragma once
// Runs the built CLI as a user would (a process through the shell, popen) and collects its output.
#include <sys/wait.h>

#include <cstdio>
#include <stdexcept>
#include <string>

struct CliResult {
  int status;       // exit code, -1 if killed by a signal
  std::string out;  // what `capture` asked for
};

enum class Capture { stdout_only, stdout_and_stderr, stderr_only };

// `descent <args>`; the caller quotes paths.
inline CliResult run_descent(const std::string& args, Capture capture = Capture::stdout_only) {
  std::string cmd = "\"";
  cmd += DESCENT_CLI;
  cmd += "\" " + args;
  cmd += capture == Capture::stdout_only ? " 2>/dev/null" : capture == Capture::stdout_and_stderr ? " 2>&1" : " 2>&1 >/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  std::string out;
  char buf[65536];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}
