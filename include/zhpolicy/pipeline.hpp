// The whole pipeline for one document, and reading inputs from disk.
//
// decode -> clean -> normalize -> segment -> extract. The CLI, the fuzzers and any other
// program linking zhpolicy_core call process_document(); nothing here prints or exits.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/clean.hpp"
#include "zhpolicy/decode.hpp"
#include "zhpolicy/extract.hpp"
#include "zhpolicy/segment.hpp"
#include "zhpolicy/status.hpp"

namespace zhpolicy {

struct Document;

// How far to run: the clean command needs no clauses, the clauses command no targets.
enum class Stage { kClean, kSegment, kExtract };

struct PipelineOptions {
  Stage last_stage = Stage::kExtract;
  DecodeOptions decode;
  CleanOptions clean;
  // Inputs larger than this are refused with kTooLarge. 1 GiB by default: far above any
  // real policy document, low enough that a runaway crawler file cannot exhaust memory.
  uint64_t max_bytes = uint64_t{1} << 30;
  // Keep Document::original and ::normalized. Tables are made from the results and
  // clean.text, so a program that only writes tables sets this to false: each array is then
  // freed as soon as no later stage reads it (original once folded: segmentation and
  // extraction read the original script from clean.text; normalized at the end; for
  // Stage::kClean no fold is made). The two cost 8 bytes per character of clean text.
  bool keep_code_points = true;
  // Keep Document::diagnostics. A program that writes neither diagnostics nor counts of
  // them sets this to false: a page of 100,000 pinyin annotations has 100,000 of them.
  bool keep_diagnostics = true;
  // Fill Document::clause_bytes (a walk of the piece map per clause). A program that writes
  // no clause table sets this to false; clauses_table() then finds each clause's bytes itself.
  bool keep_clause_bytes = true;
  // When set, extraction hands each target to this, with its input bytes and the document
  // as far as it is built (clean text, clauses, sentences, lean), instead of storing it:
  // Document::targets and ::target_bytes stay empty and target_count counts. A caller that
  // turns targets into rows at once so never holds a large document's targets and its rows
  // together (about 1 KB per target). Called on the thread that runs process_document.
  std::function<void(const Document& doc, Target&& target, const ByteRange& bytes)> on_target;
};

// One processed document. Offsets in every table refer to `clean.text` (code points) and
// to the input file (bytes).
struct Document {
  std::string name;          // as given on the command line ("-" for stdin)
  uint64_t input_bytes = 0;
  CleanText clean;
  std::u32string original;   // code points of clean.text (empty unless keep_code_points)
  std::u32string normalized; // fold of `original`, same length (empty unless keep_code_points)
  Segmentation segmentation; // Stage::kSegment and later
  std::vector<ByteRange> clause_bytes;  // input bytes of each clause, parallel to clauses
                                        // (empty unless keep_clause_bytes)
  DocumentLean lean = DocumentLean::kTarget;
  std::vector<Target> targets;          // Stage::kExtract (empty with PipelineOptions::on_target)
  std::vector<ByteRange> target_bytes;  // input bytes of each target
  size_t target_count = 0;              // targets found, stored or handed to on_target
  size_t status_target_count = 0;       // of those, the ones of kind "status"
  // Everything the stages found (clean's removals and flags, numbering findings), in input
  // order (empty unless keep_diagnostics).
  std::vector<Diagnostic> diagnostics;
};

// Runs the stages on `bytes`. Errors: kBinary, kTooLarge, kUnknownEncoding (with `name`
// in the message). Never throws. Bytes that are the decoded text as they are (valid UTF-8
// without a BOM) are read in place while the document is cleaned, not copied.
Result<Document> process_document(std::string_view bytes, std::string name,
                                  const PipelineOptions& options = {});

// The same for bytes the caller gives away (decode_owned()): valid UTF-8 becomes the decoded
// text without a copy, other bytes are freed as soon as they are decoded, which lowers the
// peak memory of a large document by the size of its input.
Result<Document> process_owned_document(std::string bytes, std::string name,
                                        const PipelineOptions& options = {});

// Reads a whole file (or standard input for "-"). Errors: kNotFound, kUnreadable (also for
// a directory), kTooLarge. The message names the path and the reason.
Result<std::string> read_input(const std::string& path, uint64_t max_bytes);

// Keeps freed memory in the process between documents (glibc's malloc otherwise returns
// it to the kernel after every document and faults it back in for the next: a quarter of
// the run time on 5-40 KB pages). For programs that process many documents; it changes
// process-wide allocator settings, so the library never calls it by itself.
void tune_allocator_for_batch();

// Version strings for --version.
const char* library_version();

}  // namespace zhpolicy
