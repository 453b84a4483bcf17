// Many documents at once: a pool of worker threads, results handed back in input order.
//
// Each worker takes the next item from a shared source, reads it, runs process_document(),
// turns the Document into rows (the caller's `make` callback) and drops the Document: a
// worker holds one document at a time. Outcomes are delivered to `emit` strictly in input
// order, one call at a time, so the output is identical for any number of jobs. A
// worker does not start item i until item i - window has been emitted, nor any item while
// the finished outcomes waiting for their turn come from more than held_bytes of input: both
// bound what waits behind one slow document (memory stays flat whatever the file count).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "zhpolicy/pipeline.hpp"
#include "zhpolicy/report.hpp"
#include "zhpolicy/status.hpp"
#include "zhpolicy/table.hpp"

namespace zhpolicy {

// One document to process: a file (or "-"), or a JSON Lines record to parse.
struct BatchItem {
  std::string name;          // the document's name: the path, or "FILE:LINE" for a record
  std::string path;          // the file to read; unused for records
  std::string record;        // a JSON Lines line (the worker parses it); empty for files
  bool is_record = false;
  Status error;              // set when the item failed before processing (unreadable list)
};

// Where items come from. next() is called by one thread at a time (under the pool's lock).
class BatchSource {
 public:
  virtual ~BatchSource() = default;
  // Fills `item` and returns true, or returns false when there are no more items.
  virtual bool next(BatchItem& item) = 0;
  // Number of items when known in advance (for the progress bar), else 0.
  virtual size_t size_hint() const { return 0; }
};

// Items for `paths` (as expand_inputs() lists them), in order.
std::unique_ptr<BatchSource> make_path_source(std::vector<std::string> paths);

// Items for the lines of JSON Lines `files` ("-" = standard input), read lazily line by
// line; empty lines are skipped. A record is named by its `id_field` member, or FILE:LINE
// when it has none.
struct JsonlFields {
  std::string id = "id";
  std::string text = "text";
};
std::unique_ptr<BatchSource> make_jsonl_source(std::vector<std::string> files, JsonlFields fields);

// What became of one document.
struct DocumentOutcome {
  std::string name;
  bool record = false;        // a JSON Lines record (named by its id), not a file
  Status status;              // ok, or why the document could not be processed
  uint64_t bytes = 0;         // input bytes (0 when unreadable)
  size_t targets = 0;         // targets found (Stage::kExtract)
  size_t chars = 0;           // code points of the clean text (0: nothing left to read)
  std::vector<Table> tables;  // rows made by the `make` callback
  std::string text;           // text made by the `make` callback (clean text, outlines)
  bool emitted_early = false; // some rows went to BatchOptions::emit_early before the end
  // What BatchOptions::on_target keeps from one target of the document to the next.
  SentenceCellCache last_sentence;
};

struct BatchOptions {
  PipelineOptions pipeline;
  JsonlFields jsonl;
  unsigned jobs = 1;          // worker threads; 0 = std::thread::hardware_concurrency()
  // Items in flight ahead of the next to emit; 0 = 16 * jobs + 4. A narrow window makes
  // workers wait behind every large document: at 4 * jobs + 4, --jobs 2 on the bench corpus
  // (one 36 KB page among 2-7 KB ones) slept 1,700 times in 6,750 files, at 16 * jobs + 4 a
  // few dozen times.
  size_t window = 0;
  // Input bytes of finished outcomes still waiting for their turn past which workers take no
  // new item, whatever the window: many large documents behind a slow one would otherwise be
  // held at once, rows and all.
  uint64_t held_bytes = uint64_t{64} << 20;
  // When set, each target goes to this as extraction finds it, on the worker thread, with
  // the outcome of its document (PipelineOptions::on_target): it can become a row at once.
  std::function<void(const Document& doc, Target&& target, const ByteRange& bytes, DocumentOutcome& outcome)>
      on_target;
  // When set, rows that on_target put in outcome.tables may leave before their document is
  // finished: every `early_rows` rows, if the document is the first in input order not yet
  // emitted (all before it are out), this is called with the outcome on the worker thread,
  // never at the same time as `emit` or another call, and takes the rows it writes out of
  // outcome.tables. A document of 300,000 targets then holds a few hundred rows, not all
  // of them. Rows of a document that fails later stay written (emitted_early says so).
  std::function<void(DocumentOutcome& outcome)> emit_early;
  size_t early_rows = 512;
};

// Runs every item of `source`. `make` runs on a worker thread for each document processed
// successfully and fills outcome.tables / outcome.text (it must not keep `doc`); `emit` runs
// once per item, in input order, never two calls at once, on whichever worker finished the
// next item (the calling thread is one of the workers; with one job, the only one). `jobs`
// threads run in all. Never throws from the library
// side; an exception thrown by `make` becomes a kInternal failure of that document.
void run_batch(BatchSource& source, const BatchOptions& options,
               const std::function<void(const Document& doc, DocumentOutcome& outcome)>& make,
               const std::function<void(DocumentOutcome&& outcome)>& emit);

// The number of worker threads `jobs` (0 = all cores) stands for.
unsigned resolve_jobs(unsigned jobs);

}  // namespace zhpolicy
