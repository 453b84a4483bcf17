// The batch engine: workers pulling from a shared source, outcomes emitted in input order.
//
// Problem: a crawl is tens of thousands of small pages; one core decodes and cleans at
// tens of MB/s, so a batch wants every core, but the output must not depend on which
// thread finished first (golden tests, reproducible CI), and memory must not grow with the
// number of files.
//
// Approach: the source hands out items with consecutive indexes under one mutex. A worker
// reads and processes its item alone (no shared state but the output slot), converts the
// Document to rows and frees it. Finished outcomes wait in a map keyed by index; the worker
// that stores the next outcome in input order emits it and every one ready after it (one
// worker at a time), so outcomes leave as 0, 1, 2 ... without a thread that waits for them.
// The calling thread is one of the workers. Workers stop taking new items while `window`
// items are ahead of the emission point, or while the outcomes waiting for their turn come
// from more than held_bytes of input, so at most window outcomes (rows, not Documents), and
// about held_bytes of input's worth of them plus one per worker, are ever held. With one job
// everything runs on the calling thread.
// The worker of the first document not yet emitted may also write its rows while it is still
// extracting (BatchOptions::emit_early), so a document with very many targets does not hold
// all its rows; the others keep theirs until their turn, which --jobs bounds.
//
// Trade-off: a very slow document stalls emission (and, through the window, the workers)
// until it is done; the alternative, unordered output, would make --jobs change the output.
#include "zhpolicy/batch.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "zhpolicy/inputs.hpp"

namespace zhpolicy {
namespace {

class PathSource : public BatchSource {
 public:
  explicit PathSource(std::vector<std::string> paths) : paths_(std::move(paths)) {}
  bool next(BatchItem& item) override {
    if (i_ >= paths_.size()) return false;
    item = BatchItem{};
    item.name = item.path = std::move(paths_[i_++]);
    return true;
  }
  size_t size_hint() const override { return paths_.size(); }

 private:
  std::vector<std::string> paths_;
  size_t i_ = 0;
};

class JsonlSource : public BatchSource {
 public:
  JsonlSource(std::vector<std::string> files, JsonlFields fields)
      : files_(std::move(files)), fields_(std::move(fields)) {}

  bool next(BatchItem& item) override {
    while (true) {
      if (in_ == nullptr) {
        if (f_ >= files_.size()) return false;
        name_ = files_[f_++];
        line_ = 0;
        if (name_ == "-") {
          in_ = &std::cin;
        } else {
          file_ = std::make_unique<std::ifstream>(name_, std::ios::binary);
          if (!*file_) {
            item = BatchItem{};
            item.name = name_;
            item.error = Status(ErrorCode::kNotFound, name_ + ": cannot open");
            file_.reset();
            return true;
          }
          in_ = file_.get();
        }
      }
      std::string line;
      if (!std::getline(*in_, line)) {
        in_ = nullptr;
        file_.reset();
        continue;
      }
      ++line_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      item = BatchItem{};
      item.name = name_ + ":" + std::to_string(line_);
      item.record = std::move(line);
      item.is_record = true;
      return true;
    }
  }

 private:
  std::vector<std::string> files_;
  JsonlFields fields_;
  size_t f_ = 0;
  std::string name_;
  size_t line_ = 0;
  std::istream* in_ = nullptr;
  std::unique_ptr<std::ifstream> file_;
};

size_t held_rows(const DocumentOutcome& out) {
  size_t n = 0;
  for (const Table& t : out.tables) n += t.rows.size();
  return n;
}

// `emit_early` is BatchOptions::emit_early behind the batch's ordering rule (or empty).
DocumentOutcome process_item(BatchItem& item, const BatchOptions& options,
                             const std::function<void(const Document&, DocumentOutcome&)>& make,
                             const std::function<void(DocumentOutcome&)>& emit_early) {
  DocumentOutcome out;
  out.name = item.name;
  out.record = item.is_record;
  if (!item.error.ok()) {
    out.status = item.error;
    return out;
  }
  try {
    std::string bytes;
    if (item.is_record) {
      Result<JsonlRecord> rec = parse_jsonl_record(item.record, options.jsonl.id, options.jsonl.text);
      item.record.clear();
      item.record.shrink_to_fit();
      if (!rec.ok()) {
        out.status = Status(ErrorCode::kInvalidArgument, item.name + ": " + rec.status().message());
        return out;
      }
      if (!rec->id.empty()) out.name = rec->id;
      bytes = std::move(rec->text);
    } else {
      Result<std::string> read = read_input(item.path, options.pipeline.max_bytes);
      if (!read.ok()) {
        out.status = read.status();
        return out;
      }
      bytes = std::move(*read);
    }
    out.bytes = bytes.size();
    PipelineOptions pipeline = options.pipeline;
    size_t next_try = options.early_rows;  // rows held when emit_early is tried next
    if (options.on_target) {
      pipeline.on_target = [&](const Document& d, Target&& t, const ByteRange& b) {
        options.on_target(d, std::move(t), b, out);
        if (emit_early && held_rows(out) >= next_try) {
          emit_early(out);
          next_try = held_rows(out) + std::max<size_t>(options.early_rows, 1);
        }
      };
    }
    Result<Document> doc = process_owned_document(std::move(bytes), out.name, pipeline);
    if (!doc.ok()) {
      out.status = doc.status();
      return out;
    }
    out.targets = doc->target_count;
    out.chars = doc->clean.code_points;
    make(*doc, out);
  } catch (const std::bad_alloc&) {
    const bool emitted_early = out.emitted_early;
    out = DocumentOutcome{};
    out.name = item.name;
    out.emitted_early = emitted_early;
    out.status = Status(ErrorCode::kTooLarge, item.name + ": out of memory while processing");
  } catch (const std::exception& e) {
    out.tables.clear();
    out.status = Status(ErrorCode::kInternal, out.name + ": internal error: " + e.what());
  }
  return out;
}

}  // namespace

std::unique_ptr<BatchSource> make_path_source(std::vector<std::string> paths) {
  return std::make_unique<PathSource>(std::move(paths));
}

std::unique_ptr<BatchSource> make_jsonl_source(std::vector<std::string> files, JsonlFields fields) {
  return std::make_unique<JsonlSource>(std::move(files), std::move(fields));
}

unsigned resolve_jobs(unsigned jobs) {
  if (jobs > 0) return jobs;
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

void run_batch(BatchSource& source, const BatchOptions& options,
               const std::function<void(const Document&, DocumentOutcome&)>& make,
               const std::function<void(DocumentOutcome&&)>& emit) {
  const unsigned jobs = resolve_jobs(options.jobs);
  if (jobs == 1) {
    // Everything before the current item is emitted already: it may always go early.
    std::function<void(DocumentOutcome&)> early;
    if (options.emit_early) {
      early = [&](DocumentOutcome& out) {
        options.emit_early(out);
        out.emitted_early = true;
      };
    }
    BatchItem item;
    while (source.next(item)) emit(process_item(item, options, make, early));
    return;
  }
  const size_t window = options.window ? options.window : 16 * size_t{jobs} + 4;

  std::mutex mu;
  std::condition_variable room;  // emission moved on: workers may take more items
  std::map<size_t, DocumentOutcome> done;
  size_t next_index = 0;  // index of the next item the source hands out
  size_t next_emit = 0;   // index of the next outcome to emit
  uint64_t held = 0;      // input bytes of the outcomes in `done`
  bool exhausted = false;
  bool emitting = false;  // a worker is draining `done` (the others leave their outcomes to it)
  // `emit` and `emit_early` run under emit_mu; `emitted` counts the finished emit calls, so
  // a worker whose index equals it holds the first document not yet out.
  std::mutex emit_mu;
  size_t emitted = 0;

  // Called with `lock` held after storing an outcome: emits every outcome that is next in
  // input order, unless another worker is doing so (it looks again under the lock before it
  // stops, so nothing stored meanwhile is left behind). No thread waits for outcomes: a
  // thread that only emitted was woken once per document, and on two cores those wake-ups
  // (12,000 context switches for 6,750 files) cost a fifth of the --jobs 2 run.
  auto drain = [&](std::unique_lock<std::mutex>& lock) {
    if (emitting) return;
    emitting = true;
    for (auto it = done.find(next_emit); it != done.end(); it = done.find(next_emit)) {
      DocumentOutcome out = std::move(it->second);
      done.erase(it);
      held -= out.bytes;
      ++next_emit;
      lock.unlock();
      room.notify_all();
      {
        std::lock_guard<std::mutex> emit_lock(emit_mu);
        emit(std::move(out));
        ++emitted;
      }
      lock.lock();
    }
    emitting = false;
  };

  auto worker = [&] {
    while (true) {
      BatchItem item;
      size_t index = 0;
      {
        std::unique_lock<std::mutex> lock(mu);
        room.wait(lock, [&] { return exhausted || (next_index < next_emit + window && held < options.held_bytes); });
        if (exhausted || !source.next(item)) {
          exhausted = true;
          break;
        }
        index = next_index++;
      }
      std::function<void(DocumentOutcome&)> early;
      if (options.emit_early) {
        early = [&, index](DocumentOutcome& out) {
          std::lock_guard<std::mutex> lock(emit_mu);
          if (emitted != index) return;
          options.emit_early(out);
          out.emitted_early = true;
        };
      }
      DocumentOutcome out = process_item(item, options, make, early);
      std::unique_lock<std::mutex> lock(mu);
      held += out.bytes;
      done.emplace(index, std::move(out));
      drain(lock);
    }
    room.notify_all();  // the others may be waiting for room that will not come
  };

  // The calling thread is one of the workers: `jobs` threads in all.
  std::vector<std::thread> threads;
  threads.reserve(jobs - 1);
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
}

}  // namespace zhpolicy
