// The commands: list the inputs, run the batch, write one table (or one file per document).
//
// run() reads as a list of passes: check the options (every usage error before any
// document is read), open the output, list the inputs, process them on --jobs workers and
// write the outcomes in input order, then map what happened to an exit code. Documents
// become rows on the worker threads; this file only sees rows and text.
#include "cli/run.hpp"

#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "zhpolicy/batch.hpp"
#include "zhpolicy/inputs.hpp"
#include "zhpolicy/normalize.hpp"
#include "zhpolicy/report.hpp"

namespace zhpolicy::cli {
namespace {

namespace fs = std::filesystem;

// Rows a document's targets table is first given room for (see the on_target hand-off).
constexpr size_t kFirstRows = 32;

void print_error(const std::string& message) { std::cerr << "zhpolicy: " << message << '\n'; }

int print_version() {
  UVersionInfo v;
  u_getUnicodeVersion(v);
  char unicode[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, unicode);
  std::cout << "zhpolicy " << library_version() << "\n"
            << "table schema " << kTableSchemaVersion << "\n"
            << "ICU " << U_ICU_VERSION << " (Unicode " << unicode << ")\n"
            << "fold table: ICU " << fold_table_icu_version() << ", Unicode "
            << fold_table_unicode_version() << "\n";
  return kExitOk;
}

// What one run prints, decided from the options once.
struct Plan {
  Format format = Format::kTsv;
  bool format_given = false;
  bool outline = false;       // clauses --format outline
  bool text_output = false;   // clean text or outline: no table
  WriteOptions write;
  Script script = Script::kOriginal;
};

// The table a document becomes under `o.command` (an empty `docs` gives the columns).
Table table_for(const Options& o, const std::vector<const Document*>& docs) {
  if (o.command == "clauses") return clauses_table(docs);
  if (o.command == "targets") return targets_table(docs);
  if (o.command == "summary") return summary_table(docs);
  return o.diagnostics ? diagnostics_table(docs) : metadata_table(docs);
}

// A file name for a document under --output-dir: the input's base name without its
// extension (a record's id as it is), characters unsafe in file names replaced by '_';
// a name already used gets -2, -3 ... in input order, so the result is deterministic.
std::string output_name(const DocumentOutcome& d, const char* ext, std::set<std::string>& used) {
  std::string stem;
  if (d.record) stem = d.name;
  else if (d.name == "-") stem = "stdin";
  else stem = fs::path(d.name).stem().string();
  for (char& c : stem) {
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == ':') c = '_';
  }
  if (stem.empty() || stem == "." || stem == "..") stem = "doc";
  std::string name = stem + ext;
  for (int k = 2; used.count(name); ++k) name = stem + "-" + std::to_string(k) + ext;
  used.insert(name);
  return name;
}

bool stdout_is_regular_file() {
  struct stat st;
  return ::fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

int run(const Options& o) {
  // Pass 1: the options. Every usage error is found before any input is read.
  if (o.version) return print_version();
  if (o.command.empty()) {
    print_error("a command is required (clean, clauses, targets, summary); see zhpolicy --help");
    return kExitUsage;
  }
  Plan plan;
  plan.outline = o.command == "clauses" && o.format == "outline";
  plan.text_output = (o.command == "clean" && !o.diagnostics && !o.metadata) || plan.outline;
  plan.format_given = !o.format.empty();
  if (plan.format_given && !plan.outline && !parse_format(o.format, plan.format)) {
    print_error("unknown --format '" + o.format + "' (tsv, csv, jsonl, json, markdown, text, xlsx" +
                (o.command == "clauses" ? ", outline)" : ")"));
    return kExitUsage;
  }
  if (plan.format_given && plan.text_output && !plan.outline && plan.format != Format::kText) {
    // Silently printing text would surprise a script that asked for CSV.
    print_error("clean prints text; --format " + o.format + " applies to clean --diagnostics or --metadata");
    return kExitUsage;
  }
  if (!parse_script(o.script, plan.script)) {
    print_error("unknown --script '" + o.script + "' (original, hans, hant)");
    return kExitUsage;
  }
  if (o.input_format != "files" && o.input_format != "jsonl") {
    print_error("unknown --input-format '" + o.input_format + "' (files, jsonl)");
    return kExitUsage;
  }
  if (!o.output.empty() && !o.output_dir.empty()) {
    print_error("-o and --output-dir exclude each other");
    return kExitUsage;
  }
  plan.write.header = !o.no_header;
  plan.write.bom = o.bom;
  plan.write.script = plan.script;
  plan.write.fields = split_list(o.fields);
  if (!plan.write.fields.empty()) {
    if (plan.text_output) {
      print_error("--fields applies to tables, not to text output");
      return kExitUsage;
    }
    const Table columns = table_for(o, {});
    if (Result<std::vector<size_t>> sel = select_columns(columns.columns, plan.write.fields); !sel.ok()) {
      print_error(sel.status().message());
      return kExitUsage;
    }
  }
  const bool to_file = !o.output_dir.empty() || (!o.output.empty() && o.output != "-");
  if (plan.format == Format::kXlsx) {
    if (plan.text_output) {
      print_error("xlsx holds tables; this command prints text");
      return kExitUsage;
    }
    if (!to_file && !stdout_is_regular_file()) {
      print_error("xlsx is a binary format: write it to a file with -o FILE or --output-dir DIR");
      return kExitUsage;
    }
    // Before any input is read: a workbook that cannot be written would otherwise fail
    // only once every document had been processed, and once for each with --output-dir.
    if (Status s = xlsx_available(); !s.ok()) {
      print_error(s.message());
      return kExitOutputFailed;
    }
  }

  // Pass 2: the inputs (file names only; nothing is read yet).
  std::vector<std::string> operands = o.inputs;
  if (!o.files_from.empty()) {
    std::ifstream list_file;
    std::istream* in = &std::cin;
    if (o.files_from != "-") {
      list_file.open(o.files_from);
      if (!list_file) {
        print_error(o.files_from + ": cannot open the --files-from list");
        return kExitUsage;
      }
      in = &list_file;
    }
    for (std::string& p : read_path_list(*in)) operands.push_back(std::move(p));
  }
  if (operands.empty() && o.files_from.empty()) operands.push_back("-");
  InputFilter filter;
  for (const std::string& p : o.include) filter.include.push_back(p);
  for (const std::string& p : o.exclude) filter.exclude.push_back(p);
  InputList inputs = expand_inputs(operands, filter);
  int exit_code = kExitOk;
  for (const Status& s : inputs.errors) {
    print_error(s.message());
    exit_code = kExitSomeFailed;
  }
  const size_t input_count = inputs.paths.size();
  std::unique_ptr<BatchSource> source =
      o.input_format == "jsonl" ? make_jsonl_source(std::move(inputs.paths), JsonlFields{o.id_field, o.text_field})
                                : make_path_source(std::move(inputs.paths));

  // Pass 3: the output.
  std::unique_ptr<OutputSink> sink;
  if (o.output_dir.empty()) {
    sink = std::make_unique<OutputSink>(o.output);
    if (Status s = sink->open(); !s.ok()) {
      print_error(s.message());
      return kExitOutputFailed;
    }
    if (!plan.format_given && sink->is_terminal()) plan.format = Format::kText;
  } else {
    std::error_code ec;
    fs::create_directories(o.output_dir, ec);
    if (ec || !fs::is_directory(o.output_dir)) {
      print_error(o.output_dir + ": cannot create the output directory" + (ec ? ": " + ec.message() : ""));
      return kExitOutputFailed;
    }
  }
  std::ios::sync_with_stdio(false);
  std::unique_ptr<TableWriter> writer;
  if (sink && !plan.text_output) {
    writer = std::make_unique<TableWriter>(table_for(o, {}), plan.format, sink->stream(), plan.write);
  }
  if (sink && plan.text_output && o.bom) {
    sink->stream() << "\xEF\xBB\xBF";
    sink->note_failure();
  }

  // Pass 4: process, on --jobs workers; outcomes come back here in input order.
  BatchOptions batch;
  batch.pipeline = o.pipeline;
  batch.pipeline.last_stage = o.command == "clean"     ? Stage::kClean
                              : o.command == "clauses" ? Stage::kSegment
                                                       : Stage::kExtract;
  batch.pipeline.keep_code_points = o.normalized;  // only `clean --normalized` prints them
  batch.pipeline.keep_diagnostics = o.command == "summary" || (o.command == "clean" && o.diagnostics);
  batch.pipeline.keep_clause_bytes = o.command == "clauses";
  if (o.command == "targets") {
    // Each target becomes its row as it is found and is not kept: a document of 300,000
    // targets would otherwise hold them and their rows at once (about 1 KB per target).
    batch.on_target = [&](const Document& d, Target&& t, const ByteRange& bytes, DocumentOutcome& out) {
      if (out.tables.empty()) out.tables.push_back(table_for(o, {}));
      std::vector<TableRow>& rows = out.tables.front().rows;
      // Room for a few dozen rows at once (again after rows leave early, which takes the
      // buffer): growing from one row moved every row five times over by the thirty-second.
      if (rows.capacity() == 0) rows.reserve(kFirstRows);
      rows.push_back(target_row(d, t, bytes, out.last_sentence));
    };
  }
  if (o.command == "summary") {
    // Counted (Document::target_count, ::status_target_count), not kept: a document of
    // 300,000 targets held them all until its row was made.
    batch.on_target = [](const Document&, Target&&, const ByteRange&, DocumentOutcome&) {};
  }
  batch.jsonl = JsonlFields{o.id_field, o.text_field};
  batch.jobs = resolve_jobs(o.jobs);
  const bool several = input_count > 1 || o.input_format == "jsonl";
  // No bar when rows or text stream to the same terminal: they would be printed into it.
  // (The aligned formats print at the end, after the bar is cleared.)
  const bool streams_to_terminal = sink && sink->is_terminal() &&
                                   (plan.text_output || (plan.format != Format::kText && plan.format != Format::kMarkdown));
  Progress progress(!o.quiet && ::isatty(STDERR_FILENO) && !streams_to_terminal &&
                        (input_count != 1 || o.input_format == "jsonl"),
                    o.input_format == "jsonl" ? 0 : input_count);

  auto make = [&](const Document& doc, DocumentOutcome& out) {
    const std::vector<const Document*> one{&doc};
    if (plan.outline) {
      out.text = clauses_outline(one);
      if (several && o.output_dir.empty()) out.text = "# " + doc.name + "\n" + out.text;
    } else if (plan.text_output) {
      std::string text = o.normalized ? to_utf8(doc.normalized) : convert_script(doc.clean.text, plan.script);
      if (!text.empty()) text += '\n';
      out.text = several && o.output_dir.empty() ? "==> " + doc.name + " <==\n" + text : std::move(text);
    } else if (out.tables.empty()) {  // targets: the rows came with the targets (on_target)
      out.tables.push_back(table_for(o, one));
    }
  };

  bool output_failed = false;
  size_t targets_found = 0;
  std::set<std::string> used_names;
  // --output-dir: the file of the next document to emit, opened by its first rows when they
  // are written early, else by emit. Committed when the document is done; a document that
  // fails gets no file (the sink removes its temporary file).
  struct DocumentFile {
    std::unique_ptr<OutputSink> sink;
    std::unique_ptr<TableWriter> writer;  // table output only
    Status status;
  };
  std::optional<DocumentFile> document_file;
  auto open_document_file = [&](const DocumentOutcome& d) {
    const char* ext = plan.text_output ? ".txt" : format_extension(plan.format);
    DocumentFile f;
    f.sink = std::make_unique<OutputSink>((fs::path(o.output_dir) / output_name(d, ext, used_names)).string());
    f.status = f.sink->open();
    if (f.status.ok() && !plan.text_output) {
      f.writer = std::make_unique<TableWriter>(table_for(o, {}), plan.format, f.sink->stream(), plan.write);
    }
    document_file = std::move(f);
  };
  auto write_rows = [](DocumentOutcome& d, TableWriter& w) {
    for (Table& t : d.tables) {
      w.add(std::move(t.rows));
      t.rows.clear();
    }
  };
  if (o.command == "targets") {
    // A document's rows leave while it is still read (see BatchOptions::emit_early).
    batch.emit_early = [&](DocumentOutcome& d) {
      if (writer) return write_rows(d, *writer);
      if (!document_file) open_document_file(d);
      if (document_file->writer) write_rows(d, *document_file->writer);
    };
  }
  auto emit = [&](DocumentOutcome&& d) {
    progress.step(d.bytes);
    if (!d.status.ok()) {
      progress.clear();
      const bool rows_out = d.emitted_early && sink;  // a document file is dropped with its rows
      print_error(d.status.message() + (rows_out ? " (rows found before the failure were written)" : ""));
      exit_code = kExitSomeFailed;
      document_file.reset();
      if (o.command != "summary") return;
      d.tables.clear();
      d.tables.push_back(summary_failure_table(d.name, d.status));
    } else if (d.chars == 0) {
      // Processed, but nothing to read: zero rows would otherwise be indistinguishable
      // from a document without targets. A warning, not a failure (README "Exit codes").
      progress.clear();
      print_error(d.name + ": warning: " +
                  (d.bytes == 0 ? "empty file" : "no text left after cleaning (only whitespace, markup or page chrome)"));
    }
    targets_found += d.targets;
    if (sink) {
      if (writer) {
        write_rows(d, *writer);
      } else {
        sink->stream() << d.text;
        sink->note_failure();
      }
      return;
    }
    // --output-dir: one file per document, each replaced atomically.
    if (!document_file) open_document_file(d);
    DocumentFile file = std::move(*document_file);
    document_file.reset();
    Status s = file.status;
    if (s.ok()) {
      if (plan.text_output) {
        if (o.bom) file.sink->stream() << "\xEF\xBB\xBF";
        file.sink->stream() << d.text;
        file.sink->note_failure();
      } else {
        write_rows(d, *file.writer);
        s = file.writer->finish();
      }
    }
    if (s.ok()) s = file.sink->commit();
    if (!s.ok()) {
      progress.clear();
      print_error(s.message());
      output_failed = true;
    }
  };
  run_batch(*source, batch, make, emit);
  progress.finish();

  // Pass 5: finish the output and decide the exit code.
  if (sink) {
    Status s = writer ? writer->finish() : Status();
    if (s.ok()) s = sink->commit();  // not committed: the sink removes its temporary file
    if (!s.ok()) {
      const std::string where = o.output.empty() || o.output == "-" ? "standard output" : o.output;
      print_error(s.message().rfind(where, 0) == 0 ? s.message() : where + ": " + s.message());
      return kExitOutputFailed;
    }
  }
  if (output_failed) return kExitOutputFailed;
  if (o.fail_on_empty && targets_found == 0) {
    print_error("no targets found (--fail-on-empty)");
    if (exit_code == kExitOk) exit_code = kExitSomeFailed;
  }
  return exit_code;
}

}  // namespace zhpolicy::cli
