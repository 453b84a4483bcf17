// CleanText::source_bytes finds a range's last code point from its first when both lie in
// one piece, and skip_code_points walks 64 bytes at a time: both must agree with the
// plain lookups.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>

#include "internal/source_cursor.hpp"
#include "internal/utf8.hpp"
#include "test_util.hpp"
#include "zhpolicy/pipeline.hpp"

using namespace zhpolicy;

// A range's bytes run from its first code point's first byte to its last code point's last
// byte; a one-code-point range is looked up from its piece's start.
TEST_CASE("source bytes: a range agrees with its first and last code points", "[clean][seeds]") {
  std::mt19937 rng(20261203);
  size_t documents = 0;
  for (const test::CorpusDocument& c : test::corpus_documents()) {
    Result<Document> doc = process_document(c.bytes, c.path);
    REQUIRE(doc.ok());
    const CleanText& clean = doc->clean;
    INFO(c.path);
    for (int trial = 0; trial < 400 && clean.code_points > 0; ++trial) {
      const uint32_t a = static_cast<uint32_t>(rng() % clean.code_points);
      // Mostly short ranges (targets, in one piece), some across pieces (clauses).
      const uint32_t length = 1 + static_cast<uint32_t>(trial % 4 == 0 ? rng() % 6000 : rng() % 40);
      const uint32_t b = std::min<uint32_t>(clean.code_points, a + length);
      const ByteRange whole = clean.source_bytes(a, b);
      const ByteRange first = clean.source_bytes(a, a + 1);
      const ByteRange last = clean.source_bytes(b - 1, b);
      REQUIRE(whole.begin == first.begin);
      REQUIRE(whole.end == std::max(last.end, first.begin));
    }
    documents += clean.code_points > 0;
  }
  CHECK(documents >= 6);
}

namespace {

// A random text of 1- to 4-byte sequences (every third mostly CJK, the others mixed), up to
// `max_length` code points, and the byte offset of every code point and of the end.
struct WalkText {
  std::string text;
  std::vector<size_t> starts;
};
WalkText random_walk_text(std::mt19937& rng, int trial, size_t max_length) {
  static const char* const pieces[] = {"a", "é", "中", "𠀀", "，", " ", "1"};
  WalkText w;
  const size_t n = 1 + rng() % max_length;
  for (size_t k = 0; k < n; ++k) w.text += pieces[trial % 3 == 0 ? rng() % 7 : 2 + rng() % 2];
  for (size_t i = 0; i < w.text.size(); i += detail::utf8_sequence_length(static_cast<unsigned char>(w.text[i]))) {
    w.starts.push_back(i);
  }
  w.starts.push_back(w.text.size());
  return w;
}

}  // namespace

// skip_code_points against a walk one sequence at a time, from every kind of start (a lead
// byte, mid-text) and for counts on both sides of the 64- and 8-byte blocks.
TEST_CASE("source bytes: skip_code_points agrees with a walk one code point at a time", "[utf8]") {
  std::mt19937 rng(20261205);
  for (int text_trial = 0; text_trial < 40; ++text_trial) {
    const WalkText w = random_walk_text(rng, text_trial, 600);
    for (int trial = 0; trial < 200; ++trial) {
      const size_t from = rng() % (w.starts.size() - 1);
      const size_t count = rng() % (w.starts.size() - from);
      INFO("from " << from << " count " << count);
      REQUIRE(detail::skip_code_points(w.text, w.starts[from], count) == w.starts[from + count]);
    }
  }
}

// back_code_points against a walk one sequence at a time, back from every kind of position
// (a lead byte, the end) and for counts on both sides of the eight-byte blocks.
TEST_CASE("source bytes: back_code_points agrees with a walk one code point at a time", "[utf8]") {
  std::mt19937 rng(20261206);
  for (int text_trial = 0; text_trial < 40; ++text_trial) {
    const WalkText w = random_walk_text(rng, text_trial, 300);
    for (int trial = 0; trial < 200; ++trial) {
      const size_t from = rng() % w.starts.size();
      const size_t count = rng() % (from + 1);
      INFO("from " << from << " count " << count);
      REQUIRE(detail::back_code_points(w.text, w.starts[from], count) == w.starts[from - count]);
    }
  }
}

// SourceCursor walks on from the last range it was asked for: in text order, with ranges
// that overlap or go back, and empty ones, it must give what source_bytes gives.
TEST_CASE("source bytes: the cursor agrees with source_bytes in and out of text order", "[clean][seeds]") {
  std::mt19937 rng(20261204);
  size_t documents = 0;
  for (const test::CorpusDocument& c : test::corpus_documents()) {
    Result<Document> doc = process_document(c.bytes, c.path);
    REQUIRE(doc.ok());
    const CleanText& clean = doc->clean;
    INFO(c.path);
    detail::SourceCursor cursor(clean);
    detail::SourceCursor placed_cursor(clean);
    uint32_t a = 0;
    for (int trial = 0; trial < 600 && clean.code_points > 0; ++trial) {
      // Mostly forward by a few code points (targets), sometimes far ahead, back, or past the end.
      const int move = trial % 16;
      if (move == 0) a = static_cast<uint32_t>(rng() % clean.code_points);
      else if (move == 1) a = a > 50 ? a - static_cast<uint32_t>(rng() % 50) : 0;
      else if (move == 2) a += static_cast<uint32_t>(rng() % 9000);
      else if (move == 3) a = clean.code_points + static_cast<uint32_t>(rng() % 3);
      else a += static_cast<uint32_t>(rng() % 60);
      const uint32_t length = move == 4 ? 0 : 1 + static_cast<uint32_t>(rng() % (move == 5 ? 6000 : 30));
      const ByteRange expected = clean.source_bytes(a, a + length);
      const ByteRange got = cursor.source_bytes(a, a + length);
      INFO(a << " " << length);
      REQUIRE(got.begin == expected.begin);
      REQUIRE(got.end == expected.end);
      // Told the clean text bytes of the range, as the reader hands them on.
      const std::string_view text = clean.text_between(a, a + length);
      const size_t at = text.empty() ? SIZE_MAX : static_cast<size_t>(text.data() - clean.text.data());
      const ByteRange placed = placed_cursor.source_bytes(a, a + length, at, at + text.size());
      REQUIRE(placed.begin == expected.begin);
      REQUIRE(placed.end == expected.end);
      if (a >= clean.code_points) a = 0;
    }
    documents += clean.code_points > 0;
  }
  CHECK(documents >= 6);
}
