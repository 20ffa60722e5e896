#pragma once
// Reading the files a command is given (specs, golden files, CSVs), all under the ingest limit.
#include <string>

namespace descent::cli {

// A file over the limit is refused from its size, before any of it is read into memory. A pipe or
// device has no size (`--csv <(zcat f.gz)`, /dev/zero): it is read only up to the limit.
std::string read_file(const std::string& path);

}  // namespace descent::cli
