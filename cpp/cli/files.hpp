#pragma once
// Reading the files a command is given: specs whole, CSVs only up to the ingest limit.
#include <string>

namespace descent::cli {

std::string read_file(const std::string& path);
// A CSV over the ingest limit is refused from its size, before any of it is read into memory. A pipe
// or device has no size (`--csv <(zcat f.gz)`, /dev/zero): it is read only up to the limit.
std::string read_csv(const std::string& path);

}  // namespace descent::cli
