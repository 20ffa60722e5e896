#include "cli/files.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "data/csv.hpp"
#include "data/limits.hpp"

namespace descent::cli {

std::string read_file(const std::string& path) {
  std::error_code error;
  const auto bytes = std::filesystem::file_size(path, error);
  if (!error && bytes > data_limits::max_input_bytes) throw std::invalid_argument(path + ": " + file_too_large(bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open file");
  std::string text;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > data_limits::max_input_bytes)
      throw std::invalid_argument(path + ": the file has more than " + std::to_string(data_limits::max_input_bytes) +
                                  " bytes; the limit is " + std::to_string(data_limits::max_input_bytes) + " bytes (" +
                                  std::to_string(data_limits::max_input_bytes >> 20) + " MB)");
  }
  return text;
}

}  // namespace descent::cli
