#include "zhpolicy/extract.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "internal/flag_scan.hpp"
#include "internal/original_text.hpp"
#include "internal/placed_target.hpp"
#include "internal/quantity_lexicon.hpp"
#include "test_util.hpp"
#include "zhpolicy/normalize.hpp"
#include "zhpolicy/pipeline.hpp"

using namespace zhpolicy;

namespace {

// Each target as "text|comparator|value|value_max|unit_norm|unit_class|direction|kind|period|flags".
std::vector<std::string> rows_of(const std::string& text) {
  Result<Document> doc = process_document(text, "t.txt");
  REQUIRE(doc.ok());
  std::vector<std::string> rows;
  for (const Target& t : doc->targets) {
    std::string flags;
    for (const std::string& f : t.flags) flags += (flags.empty() ? "" : ",") + f;
    rows.push_back(t.text + "|" + std::string(t.comparator) + "|" + t.value.to_string() + "|" +
                   (t.has_max ? t.value_max.to_string() : "") + "|" + std::string(t.unit_norm) + "|" +
                   std::string(t.unit_class) + "|" + std::string(t.direction) + "|" + std::string(t.kind) + "|" +
                   t.period + "|" + flags);
  }
  return rows;
}

using Rows = std::vector<std::string>;

}  // namespace

TEST_CASE("extract: counts with counters, and the period before them", "[extract]") {
  CHECK(rows_of("(十一)全市計劃實施新建、改擴建教育重點項目44個;年內竣工16所學校,新增學位14310個。") ==
        Rows{"44個|=|44||个|count||target||", "16所|=|16||所|count||target|年內|",
             "14310個|=|14310||个|count||target|年內|"});
}

TEST_CASE("extract: comparators before and after the unit", "[extract]") {
  CHECK(rows_of("推動專任教師交流比例不低於15%,其中骨幹教師交流比例不低於20%。") ==
        Rows{"不低於15%|>=|15||%|percent||target||", "不低於20%|>=|20||%|percent||target||"});
  CHECK(rows_of("力爭吸引社會力量參助逾5500人次。招引教師800名以上,計劃參訓人次超13萬。") ==
        Rows{"逾5500人次|>|5500||人次|count||target||", "800名以上|>=|800||名|count||target||",
             "超13萬|>|130000||人次|count||target||inferred_unit"});
  CHECK(rows_of("確保及時簽收率達95%以上。") == Rows{"95%以上|>=|95||%|percent||target||"});
  CHECK(rows_of("确保普惠性幼儿园覆盖率保持在92%以上,班额控制在45人以内。") ==
        Rows{"92%以上|>=|92||%|percent||target||", "45人以内|<=|45||人|count||target||"});
}

TEST_CASE("extract: a unit taken from the indicator is grouped as a unit read after the number", "[extract]") {
  // data/units.tsv groups 周岁 with 岁: so does a unit the indicator ends with.
  CHECK(rows_of("新生平均入学周岁为6.5。") == Rows{"6.5|=|6.5||岁|age||target||inferred_unit"});
  CHECK(rows_of("新生平均入学年龄为6.5周岁。") == Rows{"6.5周岁|=|6.5||岁|age||target||"});
}

TEST_CASE("extract: a percentage-point delta is not a percentage", "[extract]") {
  CHECK(rows_of("力爭全市中小學生近視率較上年降低1個百分點。") ==
        Rows{"1個百分點|=|1||个百分点|percentage_point|decrease|target||"});
  CHECK(rows_of("力争儿童青少年近视率下降1个百分点。") ==
        Rows{"1个百分点|=|1||个百分点|percentage_point|decrease|target||"});
}

TEST_CASE("extract: ranges are one row", "[extract]") {
  CHECK(rows_of("命名3-4所学科教研示范学校,新立项1-2个省级项目,培育3～4个品牌,建设3至5个基地。") ==
        Rows{"3-4所|range|3|4|所|count||target||", "1-2个|range|1|2|个|count||target||",
             "3～4个|range|3|4|个|count||target||", "3至5个|range|3|5|个|count||target||"});
  CHECK(rows_of("每校配备两三名心理教师。") == Rows{"两三名|range|2|3|名|count||target||"});
  // A range of Chinese digits is a count even where one digit alone would be an article
  // (一所) or structure (三个平台).
  CHECK(rows_of("每校配备一至两名心理教师，建设三到五个基地，新增一-二所。") ==
        Rows{"一至两名|range|1|2|名|count||target||", "三到五个|range|3|5|个|count||target||",
             "一-二所|range|1|2|所|count||target||"});
  CHECK(rows_of("建成一所学校，打造三个平台。").empty());
}

TEST_CASE("extract: Chinese numerals, money with multipliers, percent words", "[extract]") {
  CHECK(rows_of("新增学位两千个,投入资金450万元,总投资约18.6亿元,覆盖率达到百分之九十五,约三成学校。") ==
        Rows{"两千个|=|2000||个|count||target||", "450万元|=|450||万元|money||target||",
             "约18.6亿元|~|18.6||亿元|money||target||approximate",
             "百分之九十五|=|95||%|percent||target||", "约三成|~|30||%|percent||target||approximate"});
}

TEST_CASE("extract: each member of an enumeration is a row and inherits the verb", "[extract]") {
  CHECK(rows_of("“十三五”期间,全市优质幼儿园、优质义务教育学校分别增加135所、42所,增幅分别为74.18%、15.22%。") ==
        Rows{"135所|=|135||所|count|increase|status|十三五期间|",
             "42所|=|42||所|count|increase|status|十三五期间|",
             "74.18%|=|74.18||%|percent|increase|status|十三五期间|",
             "15.22%|=|15.22||%|percent|increase|status|十三五期间|"});
}

TEST_CASE("extract: never a target", "[extract]") {
  for (const char* s : {"推進“三名一好”工程。", "瞄準“5+2”的創建目標。", "規範12345政府服務熱線工單辦理流程。",
                        "開展第五輪學校主動發展規劃中期評估。", "制定實施2020-2025教育人才發展規劃。",
                        "總結評估常州教育“十三五”規劃。", "對“5G”時代信息化裝備進行研究。",
                        "推進“青果”進入2.0時代。", "完善“1+X”教育人事制度。", "深入推进体教融合“5621”项目。",
                        "促进城乡教育一体化发展,深入推进“一校一品”,实现三位一体。", "堅持“五育并舉”。",
                        "推動實施“四個進家庭”行動。", "2019年3月15日", "教育装备采购网 2021-03-09 09:00",
                        "组织第八届评审,建立第五批市名教师工作室。", "推进“七五”普法教育。",
                        "完善十大基本制度。", "建設一批高水平產教融合載體。"}) {
    INFO(s);
    CHECK(rows_of(s).empty());
  }
}

TEST_CASE("extract: a number touching mojibake is flagged damaged", "[extract]") {
  Rows rows = rows_of("新增市義務教育“新優質學?!?4所。");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0] == "4所|=|4||所|count||target||damaged");
}

TEST_CASE("extract: frequency period and strength", "[extract]") {
  Result<Document> doc = process_document("(四十一)每季度召開對接會(會商會)1次。確保及時簽收率達95%以上,力爭群眾滿意率達95%以上。", "t.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() == 3);
  CHECK(doc->targets[0].period == "每季度");
  CHECK(doc->targets[1].strength == "firm");
  CHECK(doc->targets[2].strength == "aspirational");
}

TEST_CASE("extract: a report's results are status, a plan's numbers targets", "[extract]") {
  const std::string report =
      "近年来，全市已建成中小学校63所。\n聚力提升质量。全市已有名师工作室17个，累计交流教师4300多人次。";
  Result<Document> r = process_document(report, "r.txt");
  REQUIRE(r.ok());
  REQUIRE(r->targets.size() == 3);
  for (const Target& t : r->targets) CHECK(t.kind == "status");
  const std::string plan = "2025年教育工作要点\n一、目标\n(一)新增学位5000个。(二)建成10所智慧校园示范校。";
  Result<Document> p = process_document(plan, "p.txt");
  REQUIRE(p.ok());
  REQUIRE(p->targets.size() == 2);
  for (const Target& t : p->targets) CHECK(t.kind == "target");
}

TEST_CASE("extract: only strong cues decide a sentence, weak ones follow the document", "[extract]") {
  // 全年 and 新增 are as common in reports as in plans: in a news report they are results.
  const std::string news =
      "南潭市晒出教育成绩单\n本报讯 记者从发布会上获悉，全年新建中小学31所，新增学位2.46万个。"
      "目前全市共有学校1126所。明年将新增学位1万个。";
  CHECK(rows_of(news) == Rows{"31所|=|31||所|count||status|全年|", "2.46万个|=|24600||个|count||status|全年|",
                              "1126所|=|1126||所|count||status||", "1万个|=|10000||个|count||target||"});
  // In a plan the same weak cues are plans, and a strong past cue still makes a result.
  const std::string plan = "2026年教育工作要点\n一、目标\n全年新增学位5000个。目前全市已有学校46所。";
  CHECK(rows_of(plan) == Rows{"5000个|=|5000||个|count||target|全年|", "46所|=|46||所|count||status||"});
}

TEST_CASE("extract: a year-like number before 余 or 多 and a counter is a count", "[extract]") {
  CHECK(rows_of("交流轮岗教师2100余名，培训2000多人次。") ==
        Rows{"2100余名|~|2100||名|count||target||approximate", "2000多人次|~|2000||人次|count||target||approximate"});
  CHECK(rows_of("2025年完成。2020-2025年规划。").empty());
}

TEST_CASE("extract: the indicator is cut from the text before the number", "[extract]") {
  Result<Document> doc = process_document("年內實現局屬學校使用直飲水60%。新增學位14310個。", "t.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() == 2);
  CHECK(doc->targets[0].indicator == "局屬學校使用直飲水");
  CHECK(doc->targets[0].indicator_norm == "局属学校使用直饮水");
  CHECK(doc->targets[1].indicator == "新增學位");
}

TEST_CASE("extract: quotation marks are dropped from both forms of the indicator", "[extract]") {
  Result<Document> doc = process_document("新建“智慧校園”示范校10所，建成「書香校園」5所。", "t.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() == 2);
  CHECK(doc->targets[0].indicator == "新建智慧校園示范校");
  CHECK(doc->targets[0].indicator_norm == "新建智慧校园示范校");
  CHECK(doc->targets[1].indicator == "建成書香校園");
  CHECK(doc->targets[1].indicator_norm == "建成书香校园");
}

// The extractor looks for quotation marks in the original indicator only when the normalized
// one had some: every mark it drops must fold to a mark it drops, and every character that
// folds to one must be dropped from the original (＂ folds to '"').
TEST_CASE("extract: every quotation mark the indicator drops folds to one", "[extract]") {
  const std::u32string marks = U"\"“”‘’「」『』";
  const std::u32string dropped = marks + U"＂";
  for (const char32_t q : dropped) {
    INFO(static_cast<uint32_t>(q));
    CHECK(marks.find(fold_char(q)) != std::u32string::npos);
  }
  for (char32_t c = 0; c < 0x30000; ++c) {
    if (marks.find(fold_char(c)) == std::u32string::npos) continue;
    INFO(static_cast<uint32_t>(c));
    CHECK(dropped.find(c) != std::u32string::npos);
  }
  Result<Document> doc = process_document("打造＂名校＂8所。", "t.txt");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() == 1);
  CHECK(doc->targets[0].indicator == "打造名校");
  CHECK(doc->targets[0].indicator_norm == "打造名校");
}

TEST_CASE("extract: target byte ranges point at the expression in the input", "[extract]") {
  const std::string input = "<p>推動專任教師交流比例不低於15%</p>\n<p>年內竣工16所學校</p>";
  Result<Document> doc = process_document(input, "t.html");
  REQUIRE(doc.ok());
  REQUIRE(doc->targets.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    const ByteRange& b = doc->target_bytes[i];
    CHECK(input.substr(b.begin, b.end - b.begin) == doc->targets[i].text);
  }
}

// The clean text is sliced from a mark left by the last slice (walking forward or back)
// or through the piece map when the slice is far away: every route must give the slice
// of the code points, on seeds and on text of 1-, 2-, 3- and 4-byte sequences.
TEST_CASE("extract: slices of the original text read one after another equal the code points", "[extract]") {
  std::vector<std::string> texts;
  for (const std::string& path : test::seed_files()) {
    std::string bytes;
    if (test::read_file(path, bytes)) texts.push_back(bytes);
  }
  std::string mixed;
  for (int k = 0; k < 400; ++k) mixed += k % 7 == 0 ? "\n第" : k % 3 == 0 ? "é𠀀" : k % 5 == 0 ? "a b" : "新增学位";
  texts.push_back(mixed);
  std::mt19937 random(20250613);
  for (const std::string& text : texts) {
    Result<Document> doc = process_document(text, "t.txt");
    REQUIRE(doc.ok());
    const std::u32string& t = doc->original;
    REQUIRE(t.size() == doc->clean.code_points);
    if (t.empty()) continue;
    const detail::OriginalText original(doc->clean);
    size_t last = 0;
    for (int trial = 0; trial < 3000; ++trial) {
      size_t a;
      if (random() % 4 == 0) {
        a = random() % (t.size() + 2);  // anywhere: mostly through the piece map
      } else {
        const size_t step = random() % 400;  // near the last slice, either way
        a = random() % 2 == 0 ? last + step : (last >= step ? last - step : 0);
      }
      a = std::min(a, t.size());
      const size_t b = a + random() % 40;
      const size_t end = std::min(b, t.size());
      INFO("slice " << a << ".." << b << " of " << t.size());
      REQUIRE(original.utf8(a, b) == to_utf8(t.substr(a, end - a)));
      last = a;
    }
  }
}

// The reader hands each target on with the clean text bytes it cut the text from (the
// pipeline finds the input bytes from them): they must be the bytes of the target's code
// points, on seeds, traditional script and text of 1-, 2-, 3- and 4-byte sequences.
TEST_CASE("extract: a target handed on is placed at its code points in the clean text", "[extract]") {
  std::vector<std::string> texts;
  for (const std::string& path : test::seed_files()) {
    std::string bytes;
    if (test::read_file(path, bytes)) texts.push_back(bytes);
  }
  std::string mixed;
  for (int k = 0; k < 300; ++k) mixed += k % 7 == 0 ? "\n第" : k % 3 == 0 ? "é𠀀约3个" : k % 5 == 0 ? "a 12% b" : "新增學位16所";
  texts.push_back(mixed);
  size_t placed = 0;
  for (const std::string& text : texts) {
    PipelineOptions options;
    options.last_stage = Stage::kSegment;
    Result<Document> doc = process_document(text, "t.txt", options);
    REQUIRE(doc.ok());
    const CleanText& clean = doc->clean;
    const DocumentLean lean = document_lean(doc->normalized, normalize(clean.title));
    const detail::PlacedTargetSink check = [&](Target&& t, detail::CleanBytes at) {
      const std::string_view expected = clean.text_between(t.start, t.end);
      INFO(t.text << " at " << t.start << ".." << t.end);
      REQUIRE(at.begin == static_cast<size_t>(expected.data() - clean.text.data()));
      REQUIRE(at.end == at.begin + expected.size());
      ++placed;
    };
    detail::extract_placed_targets(clean, doc->normalized, doc->segmentation, clean.damaged, lean, check);
  }
  CHECK(placed > 100);
}

// The look-back for a bounding word separated from the number asks the lexicon only where
// the code point before may end one (a bitmap of their last code points): every such word
// of the lexicon, one to six code points before the number, must still bound it.
TEST_CASE("extract: every far bounding word of the lexicon bounds a number a few words on", "[extract]") {
  const std::u32string filler = U"设立新建学校";
  size_t words = 0;
  for (const detail::CueEntry& c : detail::quantity_lexicon().cues) {
    if (c.role != detail::CueRole::kBeforeComparator || c.word.size() < 2 || c.value == "=" || c.value == "~") {
      continue;
    }
    ++words;
    for (size_t gap = 1; gap <= filler.size(); ++gap) {
      const std::string text = to_utf8(c.word + filler.substr(0, gap)) + "12所学校。";
      INFO(text);
      Result<Document> doc = process_document(text, "t.txt");
      REQUIRE(doc.ok());
      REQUIRE(doc->targets.size() == 1);
      CHECK(doc->targets[0].comparator == c.value);
    }
  }
  CHECK(words >= 10);
}

// document_lean and the pipeline's walk pass the code points that start no target or status
// cue with one test (a bitmap or a table of their first code points): they must decide as
// a plain count of every kind cue at every position does, on seeds and on texts strung
// from the lexicon's words.
TEST_CASE("extract: the document lean agrees with a plain count of the kind cues", "[extract]") {
  const detail::QuantityLexicon& lexicon = detail::quantity_lexicon();
  auto plain_lean = [&](std::u32string_view text) {
    int target_strong = 0, target_weak = 0, status_strong = 0, status_weak = 0, status_genre = 0;
    for (size_t k = 0; k < text.size(); ++k) {
      for (const detail::CueEntry& c : lexicon.cues) {
        if (text.substr(k, c.word.size()) != c.word) continue;
        if (c.role == detail::CueRole::kTargetCue) {
          target_strong += c.weight == detail::CueWeight::kStrong;
          target_weak += c.weight == detail::CueWeight::kWeak;
        } else if (c.role == detail::CueRole::kStatusCue) {
          status_strong += c.weight == detail::CueWeight::kStrong;
          status_weak += c.weight == detail::CueWeight::kWeak;
          status_genre += c.weight == detail::CueWeight::kGenre;
        }
      }
    }
    int target = target_strong, status = status_strong + status_genre;
    if (target == status) {
      target = target_weak;
      status = status_weak;
    }
    return status > target ? DocumentLean::kStatus : DocumentLean::kTarget;
  };
  std::vector<std::u32string> texts;
  for (const std::string& path : test::seed_files()) {
    std::string bytes;
    if (test::read_file(path, bytes)) texts.push_back(normalize(bytes));
  }
  std::mt19937 random(20261202);
  const std::u32string fillers[] = {U"学校", U"，", U"12所", U"𠀀", U"年", U"达到"};
  for (int trial = 0; trial < 400; ++trial) {
    std::u32string text;
    for (int w = 0; w < 1 + trial % 12; ++w) {
      const bool cue = random() % 2 == 0;
      text += cue ? lexicon.cues[random() % lexicon.cues.size()].word : fillers[random() % 6];
    }
    texts.push_back(text);
  }
  size_t status = 0;
  for (const std::u32string& text : texts) {
    INFO(to_utf8(text));
    const DocumentLean expected = plain_lean(text);
    REQUIRE(document_lean(text, U"") == expected);
    // The pipeline's walk (which also notes where numbers and cues may start) decides alike,
    // and a title that names a plan decides without the text.
    REQUIRE(detail::walk_document(text, U"").lean == expected);
    REQUIRE(detail::walk_document(text, U"2024年工作要点").lean == DocumentLean::kTarget);
    status += expected == DocumentLean::kStatus;
  }
  CHECK(status >= 20);
  CHECK(status + 20 <= texts.size());
}

// The document's walk notes the positions where a number or a sentence cue may start, for
// the extractor to look only there: on seeds and random texts, every position whose code
// point may start a number (an ASCII or Chinese digit, 十 拾, 百 千 万) or is a title mark
// is among the first, and every position where a strong kind, strength or period cue of
// the lexicon, a year or a quotation mark starts is among the second.
TEST_CASE("extract: the document walk notes every position a number or a sentence cue may start at", "[extract]") {
  const detail::QuantityLexicon& lexicon = detail::quantity_lexicon();
  std::vector<std::u32string> texts;
  for (const std::string& path : test::seed_files()) {
    std::string bytes;
    if (test::read_file(path, bytes)) texts.push_back(normalize(bytes));
  }
  std::mt19937 random(20261203);
  const std::u32string pieces[] = {U"学校", U"，", U"12所", U"𠀀", U"年", U"达到", U"三百", U"《十四五》", U"“",
                                   U"百分之五", U"拾", U"〇", U"点"};
  for (int trial = 0; trial < 300; ++trial) {
    std::u32string text;
    for (int w = 0; w < 1 + trial % 15; ++w) {
      text += random() % 3 == 0 ? lexicon.cues[random() % lexicon.cues.size()].word : pieces[random() % 13];
    }
    texts.push_back(text);
  }
  auto is_sentence_cue = [](const detail::CueEntry& c) {
    return ((c.role == detail::CueRole::kTargetCue || c.role == detail::CueRole::kStatusCue) &&
            c.weight == detail::CueWeight::kStrong) ||
           c.role == detail::CueRole::kStrength || c.role == detail::CueRole::kPeriod;
  };
  size_t numbers = 0, cues = 0;
  for (const std::u32string& text : texts) {
    INFO(to_utf8(text));
    const detail::DocumentWalk walk = detail::walk_document(text);
    REQUIRE(std::is_sorted(walk.number_starts.begin(), walk.number_starts.end()));
    REQUIRE(std::is_sorted(walk.cue_starts.begin(), walk.cue_starts.end()));
    auto noted = [](const std::vector<uint32_t>& at, size_t k) { return std::binary_search(at.begin(), at.end(), k); };
    for (size_t k = 0; k < text.size(); ++k) {
      const char32_t c = text[k];
      const bool number = (c >= '0' && c <= '9') ||
                          (c >= 0x3007 && is_chinese_numeral_char(c) && (numeral_digit_value(c) >= 0 || c == U'十' ||
                                                                          c == U'拾')) ||
                          c == U'百' || c == U'千' || c == U'万' || c == U'《' || c == U'》';
      if (number) {
        REQUIRE(noted(walk.number_starts, k));
        ++numbers;
      }
      bool cue = c == U'“' || c == '"' || c == U'「' || c == U'‘' || c == U'『' || c == U'到' || c == U'至' ||
                 c == U'1' || c == U'2' || c == U'十' || c == U'近' || c == U'连';
      for (const detail::CueEntry& e : lexicon.cues) cue = cue || (is_sentence_cue(e) && e.word[0] == c);
      if (cue) {
        REQUIRE(noted(walk.cue_starts, k));
        ++cues;
      }
    }
  }
  CHECK(numbers > 1000);
  CHECK(cues > 1000);
}

TEST_CASE("extract: the document walk stops where the one-at-a-time scan stops", "[extract]") {
  using detail::for_each_flagged;
  using detail::for_each_flagged_portable;
  uint64_t x = 2026;
  const auto next = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(x >> 32);
  };
  // A table flagging one BMP code point in four; its first and last entries flagged, as
  // the gather's edges, and its slack never.
  std::vector<uint8_t> flags(0x10000 + detail::kFlagTableSlack, 0);
  for (size_t c = 0; c < 0x10000; ++c) flags[c] = next() % 4 == 0 ? static_cast<uint8_t>(1 + next() % 7) : 0;
  flags[0] = flags[0xFFFF] = 1;
  // The edges of the BMP test and values whose low sixteen bits are flagged code points.
  const char32_t typical[] = {U'学', U'1', U'到', U'《', 0, 0xFFFF, 0x10000, 0x1FFFF, 0x7FFFFFFF,
                              0x80000000, 0xFFFFFFFF, 0x10000 + U'1', 0xFFFF0000};
  size_t wrong = 0;
  for (int round = 0; round < 2000; ++round) {
    // Mostly short texts (the blocks' edges and tails), some longer than one call's blocks
    // (64 x 32 code points).
    std::u32string text(round % 50 == 0 ? next() % 5000 : next() % 80, U'\0');
    for (char32_t& c : text) {
      c = next() % 3 == 0 ? typical[next() % (sizeof typical / sizeof typical[0])] : next() % 0x10000;
    }
    const auto begin = static_cast<uint32_t>(text.empty() ? 0 : next() % text.size());
    const auto end = static_cast<uint32_t>(text.size());
    std::vector<uint32_t> fast, reference;
    for_each_flagged(text.data(), begin, end, flags.data(), [&](uint32_t i) { fast.push_back(i); });
    for_each_flagged_portable(text.data(), begin, end, flags.data(), [&](uint32_t i) { reference.push_back(i); });
    wrong += fast != reference;
  }
  CHECK(wrong == 0);
}

// The document's walk notes only the positions whose code point starts a strong kind,
// strength or period cue (a table of their first code points): every such word of the
// lexicon, before a number, must still decide its kind, strength or period; also right
// after a code point the walk stops at (每 starts 每年).
TEST_CASE("extract: every sentence cue of the lexicon is read before a number", "[extract]") {
  size_t checked = 0;
  for (const detail::CueEntry& c : detail::quantity_lexicon().cues) {
    const std::string word = to_utf8(c.word);
    const bool kind = (c.role == detail::CueRole::kTargetCue || c.role == detail::CueRole::kStatusCue) &&
                      c.weight == detail::CueWeight::kStrong;
    if (!kind && c.role != detail::CueRole::kStrength && c.role != detail::CueRole::kPeriod) continue;
    for (const std::string prefix : {"", "每"}) {
      INFO(prefix << word);
      Result<Document> doc = process_document(prefix + word + "新建学校12所。", "t.txt");
      REQUIRE(doc.ok());
      REQUIRE(!doc->targets.empty());
      const Target& t = doc->targets.back();  // (到2 reads a number of its own)
      if (kind) {
        CHECK(t.kind == (c.role == detail::CueRole::kTargetCue ? "target" : "status"));
      } else if (c.role == detail::CueRole::kStrength) {
        CHECK(t.strength == c.value);
      } else {
        CHECK(t.period == word);
      }
      ++checked;
    }
  }
  CHECK(checked >= 80);
}

// The reader builds each target in one of two slots whose strings keep their buffers: a
// sink that only reads the targets leaves the old contents there, and every field must be
// cleared before the next target is read into the slot. Handed to a sink that copies, the
// targets must equal those collected (where every target is moved out of its slot).
TEST_CASE("extract: targets handed to a sink that keeps their buffers equal the collected ones", "[extract]") {
  std::vector<std::string> texts;
  for (const std::string& path : test::seed_files()) {
    std::string bytes;
    if (test::read_file(path, bytes)) texts.push_back(bytes);
  }
  texts.push_back("力争年内新建学校12所、幼儿园3所，约5000余名学生，不低于95%。去年已建成“智慧校园”8个，"
                  "较上年增加1.5个百分点；每季度开展2次，3-4所。\n全年完成培训30万人次左右。");
  size_t compared = 0;
  for (const std::string& text : texts) {
    Result<Document> doc = process_document(text, "t.txt");
    REQUIRE(doc.ok());
    const CleanText& clean = doc->clean;
    std::vector<Target> copied;
    const TargetSink copy = [&copied](Target&& t) { copied.push_back(t); };
    extract_targets(clean, doc->normalized, doc->segmentation, clean.damaged, doc->lean, copy);
    REQUIRE(copied.size() == doc->targets.size());
    for (size_t i = 0; i < copied.size(); ++i) {
      const Target& a = copied[i];
      const Target& b = doc->targets[i];
      INFO(b.text << " at " << b.start);
      CHECK(a.clause == b.clause);
      CHECK(a.sentence == b.sentence);
      CHECK(a.start == b.start);
      CHECK(a.end == b.end);
      CHECK(a.text == b.text);
      CHECK(a.indicator == b.indicator);
      CHECK(a.indicator_norm == b.indicator_norm);
      CHECK(a.comparator == b.comparator);
      CHECK(a.value == b.value);
      CHECK(a.value_max == b.value_max);
      CHECK(a.has_max == b.has_max);
      CHECK(a.unit == b.unit);
      CHECK(a.unit_norm == b.unit_norm);
      CHECK(a.unit_class == b.unit_class);
      CHECK(a.direction == b.direction);
      CHECK(a.kind == b.kind);
      CHECK(a.strength == b.strength);
      CHECK(a.period == b.period);
      CHECK(a.flags == b.flags);
      ++compared;
    }
  }
  CHECK(compared > 100);
}

// A title names a plan when one of the plan words stands anywhere in it (title_names_plan
// compares only the words a code point of the title may start): the lean of a text of
// status cues is then kTarget, and with a title that only comes near a plan word, kStatus.
TEST_CASE("extract: a title names a plan wherever the plan word stands in it", "[extract]") {
  std::u32string status_text;
  for (const detail::CueEntry& c : detail::quantity_lexicon().cues) {
    if (c.role == detail::CueRole::kStatusCue && c.weight == detail::CueWeight::kStrong) status_text += c.word + U"，";
  }
  REQUIRE(document_lean(status_text, U"") == DocumentLean::kStatus);
  const std::u32string_view plans[] = {U"方案", U"2024年工作要点", U"关于印发实施方案的通知", U"规划纲要（2021-2025）",
                                       U"安排", U"𠀀办法"};
  for (const std::u32string_view title : plans) {
    INFO(to_utf8(title));
    CHECK(document_lean(status_text, title) == DocumentLean::kTarget);
  }
  const std::u32string_view others[] = {U"", U"方", U"要是点", U"计 划", U"成果展示", U"案方", U"划计"};
  for (const std::u32string_view title : others) {
    INFO(to_utf8(title));
    CHECK(document_lean(status_text, title) == DocumentLean::kStatus);
  }
}
