// The commands: read every input, run the pipeline, print one table or text.
#include "cli/run.hpp"

#include <unicode/uchar.h>
#include <unicode/uversion.h>

#include <iostream>

#include "cli/output.hpp"
#include "zhpolicy/inputs.hpp"
#include "zhpolicy/normalize.hpp"
#include "zhpolicy/report.hpp"

namespace zhpolicy::cli {
namespace {

void print_error(const std::string& message) { std::cerr << "zhpolicy: " << message << '\n'; }

int print_version() {
  UVersionInfo v;
  u_getUnicodeVersion(v);
  char unicode[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, unicode);
  std::cout << "zhpolicy " << library_version() << "\n"
            << "ICU " << U_ICU_VERSION << " (Unicode " << unicode << ")\n"
            << "fold table: ICU " << fold_table_icu_version() << ", Unicode "
            << fold_table_unicode_version() << "\n";
  return kExitOk;
}

}  // namespace

int run(const Options& o) {
  if (o.version) return print_version();
  if (o.command.empty()) {
    print_error("a command is required (clean, clauses, targets); see zhpolicy --help");
    return kExitUsage;
  }
  Format format = Format::kTsv;
  const bool outline = o.command == "clauses" && o.format == "outline";
  if (!o.format.empty() && !outline && !parse_format(o.format, format)) {
    print_error("unknown --format '" + o.format + "' (tsv, csv, jsonl, json, markdown, text" +
                (o.command == "clauses" ? ", outline)" : ")"));
    return kExitUsage;
  }
  std::vector<std::string> operands = o.inputs;
  if (operands.empty()) operands.push_back("-");
  const InputList inputs = expand_inputs(operands);

  OutputSink sink(o.output);
  if (Status s = sink.open(); !s.ok()) {
    print_error(s.message());
    return kExitOutputFailed;
  }
  if (o.format.empty() && sink.is_terminal()) format = Format::kText;
  std::ios::sync_with_stdio(false);

  PipelineOptions pipeline = o.pipeline;
  pipeline.last_stage = o.command == "clean" ? Stage::kClean
                        : o.command == "clauses" ? Stage::kSegment
                                                 : Stage::kExtract;
  int exit_code = kExitOk;
  for (const Status& s : inputs.errors) {
    print_error(s.message());
    exit_code = kExitSomeFailed;
  }
  const bool text_output = (o.command == "clean" && !o.diagnostics && !o.metadata) || outline;
  Table table;
  const bool several = inputs.paths.size() > 1;
  for (const std::string& path : inputs.paths) {
    Result<std::string> bytes = read_input(path, pipeline.max_bytes);
    if (!bytes.ok()) {
      print_error(bytes.status().message());
      exit_code = kExitSomeFailed;
      continue;
    }
    Result<Document> doc = process_document(*bytes, path, pipeline);
    if (!doc.ok()) {
      print_error(doc.status().message());
      exit_code = kExitSomeFailed;
      continue;
    }
    const std::vector<const Document*> one{&*doc};
    std::ostream& out = sink.stream();
    if (outline) {
      if (several) out << "# " << path << '\n';
      out << clauses_outline(one);
      continue;
    }
    if (text_output) {
      if (several) out << "==> " << path << " <==\n";
      out << (o.normalized ? to_utf8(doc->normalized) : doc->clean.text);
      if (!doc->clean.text.empty()) out << '\n';
      continue;
    }
    Table part = o.command == "clauses" ? clauses_table(one)
                 : o.command == "targets" ? targets_table(one)
                 : o.diagnostics ? diagnostics_table(one)
                                 : metadata_table(one);
    if (table.columns.empty()) table = std::move(part);
    else table.rows.insert(table.rows.end(), part.rows.begin(), part.rows.end());
  }
  if (!text_output) {
    if (table.columns.empty()) {
      const std::vector<const Document*> none;
      table = o.command == "clauses" ? clauses_table(none)
              : o.command == "targets" ? targets_table(none)
              : o.diagnostics ? diagnostics_table(none)
                              : metadata_table(none);
    }
    WriteOptions wo;
    wo.header = !o.no_header;
    (void)write_table(table, format, sink.stream(), wo);
  }
  if (Status s = sink.commit(); !s.ok()) {
    print_error(s.message());
    return kExitOutputFailed;
  }
  return exit_code;
}

}  // namespace zhpolicy::cli
