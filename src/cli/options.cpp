#include "cli/options.hpp"

namespace zhpolicy::cli {

namespace {

// Options every subcommand shares.
void add_common(CLI::App& sub, Options& o) {
  sub.add_option("inputs", o.inputs, "Files, directories (walked recursively) or - for stdin");
  sub.add_option("--encoding", o.pipeline.decode.encoding,
                 "Input encoding (ICU name: gb18030, big5, utf-16le ...); default: detect");
  sub.add_option("--max-bytes", o.pipeline.max_bytes,
                 "Refuse inputs larger than this many bytes (default 1073741824)");
  sub.add_flag("--keep-duplicates", o.pipeline.clean.keep_duplicates,
               "Keep paragraphs that repeat an earlier one verbatim");
  sub.add_option("-f,--format", o.format,
                 "Table format: tsv, csv, jsonl, json, markdown, text (default: text on a "
                 "terminal, tsv otherwise)");
  sub.add_option("-o,--output", o.output, "Write to FILE (atomically) instead of stdout");
  sub.add_flag("--no-header", o.no_header, "Omit the header row of tables");
}

}  // namespace

void define_options(CLI::App& app, Options& o) {
  app.add_flag("--version", o.version, "Print the version, the ICU version and the Unicode version");
  app.require_subcommand(0, 1);

  CLI::App* clean = app.add_subcommand("clean", "Print the clean text of each document");
  add_common(*clean, o);
  clean->add_flag("--normalized", o.normalized,
                  "Print the normalized shadow (width-folded, simplified) instead");
  clean->add_flag("--diagnostics", o.diagnostics,
                  "Print what was removed or flagged (kind, bytes, text) as a table");
  clean->add_flag("--metadata", o.metadata, "Print the metadata fields as a table");
  clean->callback([&o] { o.command = "clean"; });

  CLI::App* clauses = app.add_subcommand("clauses", "Print the clause table (or --format outline)");
  add_common(*clauses, o);
  clauses->callback([&o] { o.command = "clauses"; });

  CLI::App* targets = app.add_subcommand(
      "targets", "Print one row per quantitative target (the default command)");
  add_common(*targets, o);
  targets->callback([&o] { o.command = "targets"; });
}

std::vector<std::string> with_default_command(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  static const char* kCommands[] = {"clean", "clauses", "targets"};
  for (const std::string& a : args) {
    if (a == "--version" || a == "--help" || a == "-h") return args;
    for (const char* c : kCommands) {
      if (a == c) return args;
    }
  }
  args.insert(args.begin(), "targets");
  return args;
}

}  // namespace zhpolicy::cli
