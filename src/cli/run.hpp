#pragma once

#include "cli/options.hpp"

namespace zhpolicy::cli {

// Runs the command in `options`; returns an exit code (options.hpp).
int run(const Options& options);

}  // namespace zhpolicy::cli
