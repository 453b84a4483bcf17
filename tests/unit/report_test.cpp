// The tables made from documents: bounds that keep the output linear in the input.
#include "zhpolicy/report.hpp"

#include <catch2/catch.hpp>

#include "zhpolicy/pipeline.hpp"

using namespace zhpolicy;

TEST_CASE("report: a target's sentence cell is cut around it when the sentence is very long", "[report]") {
  // One "sentence" of 2000 numbers (no 。 in it): each row repeating it whole made the
  // output grow with the square of the input.
  std::string text = "到2025年，";
  for (int k = 0; k < 2000; ++k) text += "比例不低于15%，";
  text += "全面完成。";
  Result<Document> doc = process_document(text, "long.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() >= 2000);
  const Table t = targets_table({&*doc});
  size_t sentence = 0;
  while (t.columns[sentence].name != "sentence") ++sentence;
  size_t longest = 0;
  for (const auto& row : t.rows) longest = std::max(longest, row[sentence].size());
  CHECK(longest <= 3 * 250);  // about 200 code points of context, 3 bytes each, and "…"
  const std::string middle(t.rows[1000][sentence]);
  CHECK(middle.rfind("…", 0) == 0);
  CHECK(middle.size() >= 3 + 3);
  CHECK(middle.compare(middle.size() - 3, 3, "…") == 0);
  CHECK(t.rows[1000][5] == "不低于15%");  // the text column is still the expression
}

TEST_CASE("report: a sentence of ordinary length stays whole", "[report]") {
  const std::string text = "到2025年，学前三年毛入园率达到95%以上，新增学位3600个。";
  Result<Document> doc = process_document(text, "short.txt");
  REQUIRE(doc.ok());
  const Table t = targets_table({&*doc});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][4] == text);
  CHECK(t.rows[1][4] == text);
}

TEST_CASE("report: the clause table is the same whether or not the pipeline kept clause bytes", "[report]") {
  // targets runs without them (keep_clause_bytes = false); the table finds them itself.
  const std::string text =
      "一、总体目标\n到2025年，新增学位3600个。\n（一）加强师资\n培训教师1200人次。\n"
      "二、保障措施\n1. 落实经费\n（1）市级财政投入5000万元。\n";
  PipelineOptions without;
  without.keep_clause_bytes = false;
  Result<Document> kept = process_document(text, "plan.txt");
  Result<Document> not_kept = process_document(text, "plan.txt", without);
  REQUIRE(kept.ok());
  REQUIRE(not_kept.ok());
  CHECK(not_kept->clause_bytes.empty());
  REQUIRE(kept->segmentation.clauses.size() >= 5);
  const Table a = clauses_table({&*kept});
  const Table b = clauses_table({&*not_kept});
  REQUIRE(a.rows.size() == b.rows.size());
  for (size_t i = 0; i < a.rows.size(); ++i) CHECK(a.rows[i] == b.rows[i]);
  size_t byte_start = 0;
  while (a.columns[byte_start].name != "byte_start") ++byte_start;
  CHECK(a.rows.back()[byte_start] != "0");  // real offsets, not defaults
}

namespace {

// Each target row of `doc` made in turn with one sentence cache is the row made with a
// fresh cache.
void check_rows_made_in_turn(const Document& doc) {
  SentenceCellCache shared;
  for (size_t i = 0; i < doc.targets.size(); ++i) {
    SentenceCellCache fresh;
    INFO(i);
    CHECK(target_row(doc, doc.targets[i], doc.target_bytes[i], shared) ==
          target_row(doc, doc.targets[i], doc.target_bytes[i], fresh));
  }
}

}  // namespace

// Rows made one after another share their sentence's cell through the cache: each must be
// the row made afresh, over sentences of several targets, of one, and one too long to be
// whole (its cell is cut around each target and never cached).
TEST_CASE("report: rows made in turn with a sentence cache are the rows made alone", "[report]") {
  std::string long_sentence = "各校";
  for (int i = 0; i < 120; ++i) long_sentence += "新增学位" + std::to_string(i + 1) + "个，";
  const std::string text = "新增学位12个，建成5所学校。覆盖率达到95%。" + long_sentence + "完成。新建3所。";
  Result<Document> doc = process_document(text, "t.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() > 100);
  check_rows_made_in_turn(*doc);
  CHECK(targets_table({&*doc}).rows.size() == doc->targets.size());
}

// A new sentence is walked to from the end of the cached one when it is near: across
// sentences without targets, lines, ASCII, four-byte characters, and a gap too long for it.
TEST_CASE("report: a sentence walked to from the last one is the sentence found afresh", "[report]") {
  std::string filler;
  for (int i = 0; i < 400; ++i) filler += "内容说明𠀀abc。";  // 400 sentences, about 3,200 code points
  const std::string text = "新增学位12个。说明ABC文字。建成5所学校𠀀。\n"
                           "另起一段，没有数字。覆盖率达到95%。\n" +
                           filler + "\n完成投资300万元。再建3所。";
  Result<Document> doc = process_document(text, "walk.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() >= 5);
  check_rows_made_in_turn(*doc);
}

// A cache is for one document; met with another, it starts afresh rather than walking from
// a cell of the first document's text (or reusing its cell for a sentence of the same index).
TEST_CASE("report: a sentence cache met with another document gives that document's rows", "[report]") {
  Result<Document> first = process_document("新增学位12个。", "a.txt");
  Result<Document> second = process_document("另起一段说明文字。新增学位34个。", "b.txt");
  Result<Document> same_index = process_document("建成5所学校。", "c.txt");
  REQUIRE((first.ok() && second.ok() && same_index.ok()));
  SentenceCellCache shared;
  for (const Document* d : {&*first, &*second, &*same_index}) {
    REQUIRE(d->targets.size() == 1);
    SentenceCellCache fresh;
    CHECK(target_row(*d, d->targets[0], d->target_bytes[0], shared) ==
          target_row(*d, d->targets[0], d->target_bytes[0], fresh));
  }
}

// The integer cells of a target row are written two digits at a time: every width, each
// power of ten and its neighbours, and the largest values must read as std::to_string.
TEST_CASE("report: a target row's integer cells are the decimal digits of the values", "[report]") {
  Result<Document> doc = process_document("新增学位12个。", "t.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() == 1);
  std::vector<uint64_t> values = {0, UINT32_MAX, UINT64_MAX, UINT64_MAX - 1};
  for (uint64_t v = 0; v < 1000; ++v) values.push_back(v);
  for (uint64_t p = 10; p <= UINT64_MAX / 10; p *= 10) {
    for (uint64_t v : {p - 1, p, p + 1, p * 5 + 7, p * 10 - 1}) values.push_back(v);
  }
  for (const uint64_t v : values) {
    Target t = doc->targets[0];
    t.start = static_cast<uint32_t>(v);
    t.end = static_cast<uint32_t>(v >> 7);
    const ByteRange bytes{v, v / 3};
    SentenceCellCache last_sentence;
    const TableRow row = target_row(*doc, t, bytes, last_sentence);
    INFO(v);
    CHECK(row[19] == std::to_string(t.start));
    CHECK(row[20] == std::to_string(t.end));
    CHECK(row[21] == std::to_string(bytes.begin));
    CHECK(row[22] == std::to_string(bytes.end));
  }
}
