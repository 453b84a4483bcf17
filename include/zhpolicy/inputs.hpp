// Turning command-line operands into a list of documents to read.
#pragma once

#include <string>
#include <vector>

#include "zhpolicy/status.hpp"

namespace zhpolicy {

struct InputList {
  std::vector<std::string> paths;  // files in a stable order; "-" for standard input
  std::vector<Status> errors;      // operands that could not be listed (missing, unreadable dir)
};

// Expands operands: a file stays as it is (even if it does not exist: reading it reports
// the error, so it is never silently dropped), "-" is standard input, a directory is
// walked recursively in name order without following symbolic links to directories (so a
// link loop cannot hang the walk). Unreadable directories are reported in `errors`.
InputList expand_inputs(const std::vector<std::string>& operands);

}  // namespace zhpolicy
