#include "zhpolicy/pipeline.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "internal/borrowed_input.hpp"
#include "internal/placed_target.hpp"
#include "internal/source_cursor.hpp"
#include "zhpolicy/normalize.hpp"

namespace zhpolicy {

const char* library_version() { return ZHPOLICY_VERSION; }

void tune_allocator_for_batch() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
}

namespace {

// `owned`, when given, holds `bytes` and is given to decode: valid UTF-8 becomes the decoded
// text without a copy, and other bytes are freed as soon as they are decoded (holding both
// through the later stages would cost a whole input). Bytes the caller keeps are read as the
// decoded text where they are valid UTF-8, not copied.
Result<Document> run_pipeline(std::string_view bytes, std::string* owned, std::string name,
                              const PipelineOptions& options) {
  if (bytes.size() > options.max_bytes) {
    return Status(ErrorCode::kTooLarge, name + ": input is " + std::to_string(bytes.size()) +
                                            " bytes, more than --max-bytes " +
                                            std::to_string(options.max_bytes));
  }
  // The library boundary: nothing below is expected to throw, but an allocation failure
  // on a huge input must become an error for this document, not a crash of the batch.
  try {
    Document doc;
    doc.input_bytes = bytes.size();
    {
      detail::Decoding decoding = owned != nullptr
                                      ? detail::Decoding(decode_owned(std::move(*owned), name, options.decode))
                                      : detail::decode_borrowing(bytes, name, options.decode);
      const Result<DecodedText>& decoded = decoding.decoded;
      if (!decoded.ok()) return decoded.status();
      CleanOptions clean_options = options.clean;
      clean_options.diagnostics = clean_options.diagnostics && options.keep_diagnostics;
      const std::string_view text = decoding.text_is_input ? bytes : std::string_view(decoded->text);
      doc.clean = detail::clean_text(text, *decoded, clean_options);
    }  // the decoded text goes here: clean keeps its own text and the map to the input
    doc.name = name;  // `name` is still needed by the error messages below
    doc.original = std::move(doc.clean.chars);
    doc.clean.chars.clear();
    // Folded here, not in clean's pass over its text: clean's peak holds the decoded input
    // too, and two arrays of 4 bytes a character on top of it were 5.7 -> 7.0 x a 50 MB
    // document of body text (bench.sh). Without kept code points the later stages read the
    // original script from clean.text, so the code points are folded in their own buffer.
    if (options.keep_code_points) {
      doc.normalized = fold(doc.original);
    } else if (options.last_stage != Stage::kClean) {
      doc.normalized = std::move(doc.original);
      doc.original.clear();
      fold_in_place(doc.normalized);
    }
    if (options.keep_diagnostics) doc.diagnostics = std::move(doc.clean.diagnostics);
    std::vector<Diagnostic>().swap(doc.clean.diagnostics);
    if (options.last_stage != Stage::kClean) {
      // Segmentation and extraction read the original script only as slices, which
      // clean.text gives through its piece map: without kept code points there is no array
      // of them any more (it became the normalized shadow above), and with them a slice of
      // clean.text is a view where one of the code points had to be encoded.
      doc.segmentation = segment_clauses(doc.clean, doc.normalized);
      if (options.keep_clause_bytes) {
        doc.clause_bytes.reserve(doc.segmentation.clauses.size());
        for (const Clause& c : doc.segmentation.clauses) {
          doc.clause_bytes.push_back(doc.clean.source_bytes(c.start, c.end));
        }
      }
      if (!options.keep_diagnostics) doc.segmentation.diagnostics.clear();
      doc.diagnostics.reserve(doc.diagnostics.size() + doc.segmentation.diagnostics.size());  // not doubled
      for (Diagnostic& d : doc.segmentation.diagnostics) {
        d.bytes = doc.clean.source_bytes(d.start, d.end);
        doc.diagnostics.push_back(std::move(d));
      }
      // clean() returns them sorted; a re-sort is needed only when segmentation added some
      // out of order (is_sorted is a cheap pass, a stable sort moves every string).
      auto by_position = [](const Diagnostic& a, const Diagnostic& b) { return a.bytes.begin < b.bytes.begin; };
      if (!std::is_sorted(doc.diagnostics.begin(), doc.diagnostics.end(), by_position)) {
        std::stable_sort(doc.diagnostics.begin(), doc.diagnostics.end(), by_position);
      }
    }
    if (options.last_stage == Stage::kExtract) {
      // One walk over the text finds the lean and where numbers and cues may start.
      const detail::DocumentWalk walk = detail::walk_document(doc.normalized, normalize(doc.clean.title));
      doc.lean = walk.lean;
      // Targets come in text order: their input bytes are found walking on from the last,
      // or, handed on with the clean text bytes they were cut from, without a walk.
      detail::SourceCursor source(doc.clean);
      if (options.on_target) {
        const detail::PlacedTargetSink hand_on = [&](Target&& t, detail::CleanBytes at) {
          ++doc.target_count;
          doc.status_target_count += t.kind == "status";
          const ByteRange target_bytes = source.source_bytes(t.start, t.end, at.begin, at.end);
          options.on_target(doc, std::move(t), target_bytes);
        };
        detail::extract_placed_targets(doc.clean, doc.normalized, doc.segmentation, doc.clean.damaged, doc.lean,
                                       walk, hand_on);
      } else {
        // Read from clean.text like the rows above, so that each target comes with the bytes
        // its text was cut from (slicing the kept code points instead cost an encoding of each
        // slice and a walk to every target's bytes), and read into doc.targets itself.
        const detail::StoredTargetSink place = [&](const Target& t, detail::CleanBytes at) {
          if (doc.target_bytes.capacity() == 0) doc.target_bytes.reserve(detail::first_target_capacity(walk));
          doc.status_target_count += t.kind == "status";
          doc.target_bytes.push_back(source.source_bytes(t.start, t.end, at.begin, at.end));
        };
        detail::extract_stored_targets(doc.clean, doc.normalized, doc.segmentation, doc.clean.damaged, doc.lean,
                                       walk, doc.targets, place);
        doc.target_count = doc.targets.size();
      }
    }
    if (!options.keep_code_points) {
      std::u32string().swap(doc.original);  // still here when the run stopped after clean
      std::u32string().swap(doc.normalized);
    }
    return doc;
  } catch (const std::bad_alloc&) {
    return Status(ErrorCode::kTooLarge, name + ": out of memory while processing");
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, name + ": internal error: " + e.what());
  }
}

}  // namespace

Result<Document> process_document(std::string_view bytes, std::string name,
                                  const PipelineOptions& options) {
  return run_pipeline(bytes, nullptr, std::move(name), options);
}

Result<Document> process_owned_document(std::string bytes, std::string name,
                                        const PipelineOptions& options) {
  return run_pipeline(bytes, &bytes, std::move(name), options);
}

Result<std::string> read_input(const std::string& path, uint64_t max_bytes) {
  auto fail = [&](ErrorCode code, const std::string& why) { return Status(code, path + ": " + why); };
  // open/fstat/read rather than stat + stdio: a batch reads tens of thousands of small
  // files, and stdio cost each one two more system calls (a second stat, a read to see the
  // end) and a copy of every byte through its buffer.
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return fail(ErrorCode::kNotFound, "no such file");
    if (errno == ELOOP) return fail(ErrorCode::kUnreadable, "too many levels of symbolic links");
    return fail(ErrorCode::kUnreadable, std::strerror(errno));
  }
  struct FdCloser {
    int fd;
    ~FdCloser() {
      if (fd >= 0) ::close(fd);
    }
  } closer{is_stdin ? -1 : fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) return fail(ErrorCode::kUnreadable, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail(ErrorCode::kUnreadable, "is a directory");
  const auto size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
  if (!is_stdin && size > max_bytes) {  // (standard input is refused as it is read)
    return fail(ErrorCode::kTooLarge, "file is " + std::to_string(size) + " bytes, more than --max-bytes " +
                                          std::to_string(max_bytes));
  }
  // A regular file is read into a buffer of its size plus one byte, so that one read
  // returns it all and, coming back short, shows its end; growing by doubling would also
  // leave up to a whole input of unused capacity for the document's lifetime. The size is
  // capped by --max-bytes (standard input may be a file of any size); size 0 may be a /proc
  // file that has content, read until a read returns nothing.
  const uint64_t expected = std::min(size, max_bytes);
  std::string data(expected > 0 ? static_cast<size_t>(expected) + 1 : size_t{1} << 16, '\0');
  size_t filled = 0;
  while (true) {
    if (filled == data.size()) data.resize(data.size() * 2);
    const ssize_t n = ::read(fd, data.data() + filled, data.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(ErrorCode::kUnreadable, std::strerror(errno));
    }
    if (n == 0) break;
    filled += static_cast<size_t>(n);
    if (filled > max_bytes) {
      return fail(ErrorCode::kTooLarge, "more than --max-bytes " + std::to_string(max_bytes) + " bytes");
    }
    // Short, and at least the size fstat gave: the end of a regular file (reads of one are
    // short only there), without a read that returns 0.
    if (expected > 0 && filled < data.size() && filled >= expected) break;
  }
  data.resize(filled);
  return data;
}

}  // namespace zhpolicy
