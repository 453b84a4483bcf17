// zhpolicy: parse the command line, run one command, map the outcome to an exit code.
#include <algorithm>

#include <CLI/CLI.hpp>

#include "cli/options.hpp"
#include "cli/run.hpp"

int main(int argc, char** argv) {
  zhpolicy::cli::Options options;
  CLI::App app{"zhpolicy: clauses and quantitative targets of Chinese education policy texts", "zhpolicy"};
  std::vector<std::string> args = zhpolicy::cli::with_default_command(argc, argv);
  zhpolicy::cli::define_options(app, options, args);
  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, or the error with a usage hint
    return code == 0 ? zhpolicy::cli::kExitOk : zhpolicy::cli::kExitUsage;
  }
  return zhpolicy::cli::run(options);
}
