#include "zhpolicy/pipeline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "test_util.hpp"

using namespace zhpolicy;

namespace {
std::string clean_text_of(const std::string& bytes, const std::string& name) {
  Result<Document> doc = process_document(bytes, name);
  REQUIRE(doc.ok());
  return doc->clean.text;
}
}  // namespace

// The same document saved in every encoding a site serves gives the same clean text.
TEST_CASE("pipeline: UTF-8, UTF-8+BOM, GB18030, UTF-16LE and Big5 copies clean identically",
          "[pipeline][seeds]") {
  const std::vector<std::string> seeds = test::seed_files();
  if (seeds.empty()) {
    WARN("SKIPPED: " << test::seeds_dir() << " is missing");
    return;
  }
  for (const std::string& path : seeds) {
    std::string utf8;
    REQUIRE(test::read_file(path, utf8));
    INFO(path);
    const std::string expected = clean_text_of(utf8, path);
    REQUIRE_FALSE(expected.empty());
    CHECK(clean_text_of("\xEF\xBB\xBF" + utf8, path) == expected);
    CHECK(clean_text_of(test::encode_as(utf8, "GB18030"), path) == expected);
    CHECK(clean_text_of("\xFF\xFE" + test::encode_as(utf8, "UTF-16LE"), path) == expected);
    CHECK(clean_text_of(test::encode_as(utf8, "UTF-16LE"), path) == expected);
    // Big5 cannot encode simplified-only characters; compare with the UTF-8 text that has
    // been through the same Big5 round trip, so the content is the same on both sides.
    const std::string big5 = test::encode_as(utf8, "Big5");
    CHECK(clean_text_of(big5, path) == clean_text_of(test::decode_from(big5, "Big5"), path));
  }
}

TEST_CASE("pipeline: the shadow is aligned with the clean text", "[pipeline]") {
  Result<Document> doc = process_document("（一）新增學位１４３１０個，達９５％以上。", "t.txt");
  REQUIRE(doc.ok());
  CHECK(doc->original.size() == doc->normalized.size());
  CHECK(doc->normalized == U"(一)新增学位14310个,达95%以上。");
}

TEST_CASE("pipeline: --max-bytes refuses larger inputs", "[pipeline]") {
  PipelineOptions o;
  o.max_bytes = 10;
  Result<Document> doc = process_document("一二三四五六七八九十", "big.txt", o);
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().code() == ErrorCode::kTooLarge);
  CHECK(doc.status().message() == "big.txt: input is 30 bytes, more than --max-bytes 10");
}

TEST_CASE("pipeline: reading a missing file or a directory names the path", "[pipeline]") {
  Result<std::string> missing = read_input("/nonexistent/plan.txt", 100);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message() == "/nonexistent/plan.txt: no such file");
  Result<std::string> dir = read_input("/", 100);
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.status().message() == "/: is a directory");
}

TEST_CASE("pipeline: read_input returns every byte of a file of any size and of a /proc file", "[pipeline]") {
  // Sizes around the one-read buffer (size + 1) and the 64 KiB a stream is read in.
  for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{65536}, size_t{65537}, size_t{300001}}) {
    std::string content(size, 'a');
    for (size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + i * 7 % 26);
    const std::string path = "read_input_test.txt";
    {
      std::ofstream f(path, std::ios::binary);
      f << content;
    }
    Result<std::string> read = read_input(path, size + 1);
    REQUIRE(read.ok());
    CHECK(*read == content);
    if (size > 0) {
      Result<std::string> too_large = read_input(path, size - 1);
      REQUIRE_FALSE(too_large.ok());
      CHECK(too_large.status().code() == ErrorCode::kTooLarge);
      CHECK(too_large.status().message() ==
            path + ": file is " + std::to_string(size) + " bytes, more than --max-bytes " + std::to_string(size - 1));
    }
    std::remove(path.c_str());
  }
  // A /proc file reports size 0 and has content, handed out a page per read: it must not
  // read as empty or be cut at the first short read. smaps is many pages, [stack] near its end.
  Result<std::string> smaps = read_input("/proc/self/smaps", uint64_t{1} << 30);
  REQUIRE(smaps.ok());
  CHECK(smaps->size() > 3 * 4096);
  CHECK(smaps->find("[stack]") != std::string::npos);
  Result<std::string> limited = read_input("/proc/self/smaps", 10);
  REQUIRE_FALSE(limited.ok());
  CHECK(limited.status().message() == "/proc/self/smaps: more than --max-bytes 10 bytes");
}

namespace {
using test::corpus_documents;
using test::CorpusDocument;

std::string rows_of(const std::vector<Target>& targets, const Segmentation& segmentation) {
  std::string out;
  for (const Target& t : targets) {
    out += t.text + "|" + t.indicator + "|" + t.unit + "|" + t.period + "|" + std::to_string(t.start) + "\n";
  }
  for (const Clause& c : segmentation.clauses) {
    out.append(c.id).append("|").append(c.label).append("|").append(c.title).append("\n");
  }
  return out;
}
// Every field of every clause and the sentences, one line each.
std::string clause_fields(const Segmentation& segmentation) {
  std::string out;
  for (const Clause& c : segmentation.clauses) {
    out.append(c.id).append("|").append(std::to_string(c.level)).append("|").append(c.label).append("|");
    out.append(std::to_string(c.number)).append("|").append(c.parent_id).append("|").append(c.path).append("|");
    out.append(c.title).append("|").append(std::to_string(c.start)).append("|").append(std::to_string(c.end));
    out.append("|").append(std::to_string(c.title_start)).append("|").append(std::to_string(c.title_end));
    out.append("|").append(c.scheme).append("\n");
  }
  for (const Sentence& s : segmentation.sentences) {
    out += std::to_string(s.start) + "-" + std::to_string(s.end) + "@" + std::to_string(s.clause) + "\n";
  }
  return out;
}
}  // namespace

// What a table-writing caller turns off must change nothing it writes, and the targets the
// pipeline reads from clean.text through the piece map must equal those read from the code
// point array.
TEST_CASE("pipeline: without code points and diagnostics the results are the same", "[pipeline][seeds]") {
  const std::vector<CorpusDocument> corpus = corpus_documents();
  for (const CorpusDocument& c : corpus) {
    INFO(c.path);
    Result<Document> full = process_document(c.bytes, c.path);
    PipelineOptions lean;
    lean.keep_code_points = false;
    lean.keep_diagnostics = false;
    Result<Document> slim = process_owned_document(c.bytes, c.path, lean);
    REQUIRE(full.ok());
    REQUIRE(slim.ok());
    CHECK(slim->clean.text == full->clean.text);
    CHECK(slim->original.empty());
    CHECK(slim->normalized.empty());
    CHECK(slim->diagnostics.empty());
    CHECK_FALSE(full->diagnostics.empty());
    CHECK(slim->clean.damaged.size() == full->clean.damaged.size());
    const std::vector<Target> from_code_points = extract_targets(
        full->original, full->normalized, full->segmentation, full->clean.damaged, full->lean);
    CHECK(rows_of(full->targets, full->segmentation) == rows_of(from_code_points, full->segmentation));
    CHECK(rows_of(slim->targets, slim->segmentation) == rows_of(from_code_points, full->segmentation));
    // The lean run segments with the original script read from clean.text.
    CHECK(clause_fields(slim->segmentation) == clause_fields(full->segmentation));
    CHECK(clause_fields(segment_clauses(slim->clean, full->normalized)) ==
          clause_fields(segment_clauses(full->original, full->normalized)));
  }
  CHECK(corpus.size() >= 3);
}

// Targets handed on as they are found (what the CLI does) are the stored ones, in order,
// with the same input bytes, and the document keeps none of them.
TEST_CASE("pipeline: on_target hands on every target the stored run keeps", "[pipeline][seeds]") {
  size_t total = 0;
  for (const CorpusDocument& c : corpus_documents()) {
    INFO(c.path);
    Result<Document> stored = process_document(c.bytes, c.path);
    REQUIRE(stored.ok());
    std::vector<Target> handed;
    std::vector<ByteRange> handed_bytes;
    PipelineOptions streaming;
    streaming.keep_code_points = false;
    streaming.on_target = [&](const Document& d, Target&& t, const ByteRange& b) {
      CHECK(d.targets.empty());
      CHECK(t.clause < d.segmentation.clauses.size());
      handed.push_back(std::move(t));
      handed_bytes.push_back(b);
    };
    Result<Document> streamed = process_document(c.bytes, c.path, streaming);
    REQUIRE(streamed.ok());
    CHECK(streamed->targets.empty());
    CHECK(streamed->target_bytes.empty());
    CHECK(streamed->target_count == stored->targets.size());
    CHECK(stored->target_count == stored->targets.size());
    const auto status = static_cast<size_t>(
        std::count_if(stored->targets.begin(), stored->targets.end(), [](const Target& t) { return t.kind == "status"; }));
    CHECK(stored->status_target_count == status);
    CHECK(streamed->status_target_count == status);
    REQUIRE(handed.size() == stored->targets.size());
    for (size_t i = 0; i < handed.size(); ++i) {
      CHECK(handed[i].start == stored->targets[i].start);
      CHECK(handed[i].text == stored->targets[i].text);
      CHECK(handed[i].indicator == stored->targets[i].indicator);
      CHECK(handed[i].kind == stored->targets[i].kind);
      CHECK(handed_bytes[i].begin == stored->target_bytes[i].begin);
      CHECK(handed_bytes[i].end == stored->target_bytes[i].end);
    }
    total += handed.size();
  }
  CHECK(total > 100);
}
