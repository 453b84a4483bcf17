#include "cli/options.hpp"

#include <algorithm>

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
                 "Table format: tsv, csv, jsonl, json, markdown, text, xlsx (default: text on a "
                 "terminal, tsv otherwise)");
  sub.add_option("-o,--output", o.output, "Write to FILE (atomically) instead of stdout");
  sub.add_option("--output-dir", o.output_dir,
                 "Write one file per input document into DIR (input name + format extension)");
  sub.add_flag("--no-header", o.no_header, "Omit the header row of tables");
  sub.add_option("--fields", o.fields, "Columns to write, in this order: a,b,c");
  sub.add_option("--script", o.script, "Script of text columns: original, hans, hant (default original)");
  sub.add_flag("--bom", o.bom, "Start text output with a UTF-8 byte order mark (Excel on zh-CN)");
  sub.add_option("--include", o.include, "Keep only files whose name matches one of these globs ('*.txt,*.html')")
      ->delimiter(',')->allow_extra_args(false);
  sub.add_option("--exclude", o.exclude, "Skip files whose name matches one of these globs")
      ->delimiter(',')->allow_extra_args(false);
  sub.add_option("--files-from", o.files_from, "Read input paths from FILE, one per line (- = stdin)");
  sub.add_option("--input-format", o.input_format,
                 "files (default) or jsonl: each input line is {\"id\":..,\"text\":..}");
  sub.add_option("--id-field", o.id_field, "JSON Lines member naming the document (default id)");
  sub.add_option("--text-field", o.text_field, "JSON Lines member holding the text (default text)");
  sub.add_option("-j,--jobs", o.jobs, "Documents processed in parallel (default: number of cores)");
  sub.add_flag("-q,--quiet", o.quiet, "No progress bar");
}

void add_fail_on_empty(CLI::App& sub, Options& o) {
  sub.add_flag("--fail-on-empty", o.fail_on_empty, "Exit 1 when no target is found in any document");
}

void add_clean_options(CLI::App& sub, Options& o) {
  sub.add_flag("--normalized", o.normalized, "Print the normalized shadow (width-folded, simplified) instead");
  sub.add_flag("--diagnostics", o.diagnostics, "Print what was removed or flagged (kind, bytes, text) as a table");
  sub.add_flag("--metadata", o.metadata, "Print the metadata fields as a table");
}

// The subcommands, in --help's order, and the options each has besides the common ones.
struct Command {
  const char* name;
  const char* description;
  void (*add_own_options)(CLI::App&, Options&);  // none: nullptr
};
constexpr Command kCommands[] = {
    {"clean", "Print the clean text of each document", add_clean_options},
    {"clauses", "Print the clause table (or --format outline)", nullptr},
    {"targets", "Print one row per quantitative target (the default command)", add_fail_on_empty},
    {"summary", "Print one row per document: encoding, sizes, counts, title, date, status", add_fail_on_empty},
};

bool names(const std::vector<std::string>& args, const char* command) {
  return std::find(args.begin(), args.end(), command) != args.end();
}

}  // namespace

void define_options(CLI::App& app, Options& o, const std::vector<std::string>& args) {
  app.add_flag("--version", o.version,
               "Print the version, the table schema version, the ICU version and the Unicode version");
  app.require_subcommand(0, 1);
  for (const Command& command : kCommands) {
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    sub->callback([&o, name = command.name] { o.command = name; });
    // Options only for the subcommands the arguments name: CLI11 cannot enter one they do
    // not name, the help that lists the subcommands does not list their options, and the
    // twenty options of a subcommand cost 0.25M instructions to define, a run.
    if (!names(args, command.name)) continue;
    add_common(*sub, o);
    if (command.add_own_options != nullptr) command.add_own_options(*sub, o);
  }
}

std::vector<std::string> with_default_command(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (const std::string& a : args) {
    if (a == "--version" || a == "--help" || a == "-h") return args;
  }
  for (const Command& command : kCommands) {
    if (names(args, command.name)) return args;
  }
  args.insert(args.begin(), "targets");
  return args;
}

}  // namespace zhpolicy::cli
