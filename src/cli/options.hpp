// Command-line options of the zhpolicy executable, and their CLI11 wiring.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "zhpolicy/pipeline.hpp"

namespace zhpolicy::cli {

// Exit codes, documented in README.md.
constexpr int kExitOk = 0;           // every document was processed
constexpr int kExitSomeFailed = 1;   // at least one document could not be processed (or --fail-on-empty)
constexpr int kExitUsage = 2;        // bad command line
constexpr int kExitOutputFailed = 3; // the output could not be written

struct Options {
  std::string command;               // "clean", "clauses", "targets", "summary"
  std::vector<std::string> inputs;   // files, directories, "-"
  PipelineOptions pipeline;
  std::string format;                // empty: text on a terminal, tsv on a pipe; "outline" for clauses
  std::string output;                // -o FILE; empty: stdout
  std::string output_dir;            // --output-dir DIR: one file per document
  std::string fields;                // --fields a,b,c
  std::string script = "original";   // --script original|hans|hant
  bool bom = false;
  bool no_header = false;
  bool normalized = false;           // clean: print the normalized shadow
  bool diagnostics = false;          // clean: print the diagnostics table
  bool metadata = false;             // clean: print the metadata table
  std::vector<std::string> include;  // --include globs (comma lists, repeatable)
  std::vector<std::string> exclude;
  std::string files_from;            // --files-from FILE ("-" = stdin)
  std::string input_format = "files";  // files | jsonl
  std::string id_field = "id";
  std::string text_field = "text";
  unsigned jobs = 0;                 // 0: all cores
  bool quiet = false;
  bool fail_on_empty = false;
  bool version = false;
};

// Declares every subcommand on `app`, and the options of those `args` (the arguments, as
// with_default_command gives them) name, writing into `options`.
void define_options(CLI::App& app, Options& options, const std::vector<std::string>& args);

// The arguments (without the program name) with "targets" put in front when no command
// is named: `zhpolicy plan.txt` means `zhpolicy targets plan.txt`.
std::vector<std::string> with_default_command(int argc, char** argv);

}  // namespace zhpolicy::cli
