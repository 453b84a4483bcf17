// Tests for src/segment.cpp and src/internal/segment_markers.cpp.
//
// Expectations are compact outlines ("1 一、|1.1 (一)|…", see clause_outline) or short TSV-ish
// strings, so a failure shows the tree as a reader would. Pattern-heavy cases (every scheme,
// every non-label) are tables. Linear behaviour is checked by counting the stage's steps on
// pathological inputs of two sizes, never by timing. The seeds are run through the whole
// pipeline (decode, clean, normalize, segment) when ${ZHPOLICY_SHARED_DIR}/seeds exists.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "internal/segment_detail.hpp"
#include "internal/segment_markers.hpp"
#include "internal/segment_scan.hpp"
#include "zhpolicy/normalize.hpp"
#include "zhpolicy/numeral.hpp"
#include "zhpolicy/pipeline.hpp"
#include "zhpolicy/segment.hpp"

namespace {

using zhpolicy::Clause;
using zhpolicy::Segmentation;
using zhpolicy::SegmentMode;

Segmentation seg(const std::string& utf8) {
  const std::u32string original = zhpolicy::to_code_points(utf8);
  const std::u32string normalized = zhpolicy::normalize(utf8);
  return zhpolicy::segment_clauses(original, normalized);
}

std::string outline(const std::string& utf8) { return zhpolicy::clause_outline(seg(utf8)); }

// The original text of a code point range.
std::string slice(const std::string& utf8, uint32_t begin, uint32_t end) {
  const std::u32string cps = zhpolicy::to_code_points(utf8);
  return zhpolicy::to_utf8(std::u32string_view(cps).substr(begin, end - begin));
}

// "id level scheme label title" for every clause but the preamble, one per line.
std::string table(const Segmentation& s) {
  std::string out;
  for (size_t k = 1; k < s.clauses.size(); ++k) {
    const Clause& c = s.clauses[k];
    out.append(c.id).append("\t").append(std::to_string(c.level)).append("\t").append(c.scheme).append("\t");
    out.append(c.label).append("\t").append(c.title).append("\n");
  }
  return out;
}

std::string diagnostics(const Segmentation& s) {
  std::string out;
  for (const auto& d : s.diagnostics) {
    if (!out.empty()) out += "|";
    out += d.what + ": " + d.text;
  }
  return out;
}

// Sentences as "clause-id:text" joined by '|'.
std::string sentences(const std::string& utf8) {
  const Segmentation s = seg(utf8);
  std::string out;
  for (const auto& sen : s.sentences) {
    if (!out.empty()) out += "|";
    out.append(s.clauses[sen.clause].id).append(":").append(slice(utf8, sen.start, sen.end));
  }
  return out;
}

size_t count_level(const Segmentation& s, int level) {
  size_t n = 0;
  for (const Clause& c : s.clauses) n += c.level == level;
  return n;
}

// Structural invariants every segmentation must satisfy.
void check_invariants(const Segmentation& s, size_t text_size) {
  REQUIRE(!s.clauses.empty());
  CHECK(s.clauses[0].id == "0");
  CHECK(s.clauses[0].level == 0);
  std::vector<std::string> ids;
  for (size_t k = 0; k < s.clauses.size(); ++k) {
    const Clause& c = s.clauses[k];
    CHECK(c.start <= c.title_start);
    CHECK(c.title_start <= c.title_end);
    CHECK(c.title_end <= std::max(c.end, c.title_start));
    CHECK(c.end <= text_size);
    if (k > 0) CHECK(s.clauses[k - 1].start <= c.start);
    if (c.parent != Clause::npos) {
      const Clause& p = s.clauses[c.parent];
      CHECK(p.id == c.parent_id);
      CHECK(p.start <= c.start);
      CHECK(c.end <= p.end);
      CHECK(p.level < c.level);
    } else if (k > 0) {
      CHECK(c.parent_id.empty());
    }
    ids.emplace_back(c.id);
  }
  std::sort(ids.begin(), ids.end());
  CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
  uint32_t prev_end = 0;
  for (const auto& sen : s.sentences) {
    CHECK(sen.start < sen.end);
    CHECK(sen.start >= prev_end);
    prev_end = sen.end;
    REQUIRE(sen.clause < s.clauses.size());
    const Clause& c = s.clauses[sen.clause];
    CHECK(c.start <= sen.start);
    CHECK(sen.end <= c.end);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Numbered documents

TEST_CASE("segment: (十一) after (十) is level 2 under 二、", "[segment]") {
  std::string text = "2020年是决胜之年。\n一、突出规范为基,完善十大基本制度\n";
  const char* items1[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  for (const char* n : items1) text += std::string("(") + n + ")完善制度。建立机制。\n";
  text += "二、突出育人为本,夯实十大基础工程\n(十一)夯实学位资源供给项目建设工程。完善规划。\n(十二)夯实教育装备建设工程。";
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  CHECK(s.mode == SegmentMode::kNumbered);
  CHECK(zhpolicy::clause_outline(s) ==
        "1 一、|1.1 (一)|1.2 (二)|1.3 (三)|1.4 (四)|1.5 (五)|1.6 (六)|1.7 (七)|1.8 (八)|1.9 (九)|"
        "1.10 (十)|2 二、|2.11 (十一)|2.12 (十二)");
  const Clause& c = s.clauses[13];
  CHECK(c.label == "(十一)");
  CHECK(c.number == 11);
  CHECK(c.level == 2);
  CHECK(c.parent_id == "2");
  CHECK(c.path == "二、/(十一)");
  CHECK(c.title == "夯实学位资源供给项目建设工程");
  CHECK(c.scheme == "cn_paren");
  CHECK(s.diagnostics.empty());
}

TEST_CASE("segment: ClauseTextStore keeps every view where it was through new blocks and moves", "[segment]") {
  zhpolicy::ClauseTextStore store;
  CHECK(store.join("").empty());
  CHECK(store.join(std::string_view(), "").empty());
  // Pieces of every length up to beyond the largest block, so that they fill blocks, leave
  // ends unwritten and get blocks of their own.
  std::vector<std::string> expected;
  std::vector<std::string_view> views;
  for (size_t length : {1, 7, 100, 1000, 4095, 4096, 5000, 100000, 1 << 20, (1 << 20) + 3, 2}) {
    for (int k = 0; k < 3; ++k) {
      const std::string head(length / 2, static_cast<char>('a' + k));
      const std::string tail(length - length / 2, static_cast<char>('A' + k));
      expected.push_back(head + "/" + tail);
      views.push_back(store.join(head, "/", tail));
    }
  }
  const zhpolicy::ClauseTextStore moved = std::move(store);
  for (size_t k = 0; k < views.size(); ++k) CHECK(views[k] == expected[k]);
}

TEST_CASE("segment: a moved Segmentation keeps its clauses' text", "[segment]") {
  Segmentation s = seg("一、总体要求\n(一)指导思想。坚持育人。\n(二)基本原则。一是公平;二是质量。\n二、保障措施\n");
  const std::string outline = zhpolicy::clause_outline(s);
  const std::string path(s.clauses.back().path);
  const Segmentation moved = std::move(s);
  CHECK(zhpolicy::clause_outline(moved) == outline);
  CHECK(moved.clauses.back().path == path);
  CHECK(moved.clauses[3].parent_id == moved.clauses[1].id);
}

TEST_CASE("segment: a document that starts at 1. nests (1) under it and ① under (1)", "[segment]") {
  const std::string text =
      "1.总体要求\n(1)坚持方向。\n①第一点。\n②第二点。\n(2)坚持质量。\n2.主要任务\n(1)加快建设。";
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  CHECK(zhpolicy::clause_outline(s) == "1 1.|1.1 (1)|1.1.1 ①|1.1.2 ②|1.2 (2)|2 2.|2.1 (1)");
  CHECK(table(s) ==
        "1\t1\tarabic_dot\t1.\t总体要求\n"
        "1.1\t2\tarabic_paren\t(1)\t坚持方向\n"
        "1.1.1\t3\tcircled\t①\t第一点\n"
        "1.1.2\t3\tcircled\t②\t第二点\n"
        "1.2\t2\tarabic_paren\t(2)\t坚持质量\n"
        "2\t1\tarabic_dot\t2.\t主要任务\n"
        "2.1\t2\tarabic_paren\t(1)\t加快建设\n");
}

TEST_CASE("segment: 第一條…第十二條 under 第一章, traditional labels as written", "[segment]") {
  std::string text = "臺北市教育局辦法\n第一章　總則\n";
  for (int k = 1; k <= 12; ++k) {
    if (k == 7) text += "第二章　附則\n";
    static const char* nums[] = {"",   "一", "二", "三", "四",  "五",  "六",
                                 "七", "八", "九", "十", "十一", "十二"};
    text += std::string("第") + nums[k] + "條　本辦法之規定。\n";
  }
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  CHECK(zhpolicy::clause_outline(s) ==
        "1 第一章|1.1 第一條|1.2 第二條|1.3 第三條|1.4 第四條|1.5 第五條|1.6 第六條|"
        "2 第二章|2.7 第七條|2.8 第八條|2.9 第九條|2.10 第十條|2.11 第十一條|2.12 第十二條");
  CHECK(s.clauses[1].scheme == "di_zhang");
  CHECK(s.clauses[1].title == "總則");
  CHECK(s.clauses[2].scheme == "di_tiao");
  CHECK(s.clauses[2].title == "本辦法之規定");
  CHECK(s.diagnostics.empty());
}

TEST_CASE("segment: full-width and half-width spellings are one scheme", "[segment]") {
  const std::string text = "一、总则\n（一）第一项。\n(二)第二项。\n１．细则。\n2.细则。";
  const Segmentation s = seg(text);
  CHECK(zhpolicy::clause_outline(s) == "1 一、|1.1 （一）|1.2 (二)|1.2.1 １．|1.2.2 2.");
  CHECK(s.diagnostics.empty());
}

namespace {
struct SchemeCase {
  const char* text;    // two lines, numbered 1 and 2
  const char* scheme;
  const char* label;   // of the first
  const char* title;   // of the first
};
}  // namespace

TEST_CASE("segment: every scheme of data/clause_markers.tsv is recognised", "[segment]") {
  const SchemeCase cases[] = {
      {"一、总体要求\n二、主要任务", "cn_dun", "一、", "总体要求"},
      {"一．总体要求\n二.主要任务", "cn_dot", "一．", "总体要求"},
      {"(一)总体要求\n(二)主要任务", "cn_paren", "(一)", "总体要求"},
      {"（一）总体要求\n（二）主要任务", "cn_paren", "（一）", "总体要求"},
      {"㈠总体要求\n㈡主要任务", "cn_paren", "㈠", "总体要求"},
      {"第一章 总则\n第二章 附则", "di_zhang", "第一章", "总则"},
      {"第一節 總則\n第二節 附則", "di_jie", "第一節", "總則"},
      {"第一条 为了规范管理。\n第二条 本办法适用于全市。", "di_tiao", "第一条", "为了规范管理"},
      {"第1条 为了规范管理。\n第2条 本办法适用于全市。", "di_tiao", "第1条", "为了规范管理"},
      {"第一部分 总体要求\n第二部分 主要任务", "di_bufen", "第一部分", "总体要求"},
      {"1.总体要求\n2.主要任务", "arabic_dot", "1.", "总体要求"},
      {"１．总体要求\n２．主要任务", "arabic_dot", "１．", "总体要求"},
      {"⒈总体要求\n⒉主要任务", "arabic_dot", "⒈", "总体要求"},
      {"1、总体要求\n2、主要任务", "arabic_dun", "1、", "总体要求"},
      {"1)总体要求\n2)主要任务", "arabic_rparen", "1)", "总体要求"},
      {"1）总体要求\n2）主要任务", "arabic_rparen", "1）", "总体要求"},
      {"(1)总体要求\n(2)主要任务", "arabic_paren", "(1)", "总体要求"},
      {"（1）总体要求\n（2）主要任务", "arabic_paren", "（1）", "总体要求"},
      {"⑴总体要求\n⑵主要任务", "arabic_paren", "⑴", "总体要求"},
      {"①总体要求\n②主要任务", "circled", "①", "总体要求"},
      {"  一、 总体要求\n二、主要任务", "cn_dun", "一、", "总体要求"},
  };
  for (const SchemeCase& c : cases) {
    INFO(c.text);
    const Segmentation s = seg(c.text);
    REQUIRE(s.clauses.size() == 3);
    CHECK(s.mode == SegmentMode::kNumbered);
    CHECK(s.clauses[1].scheme == c.scheme);
    CHECK(s.clauses[1].label == c.label);
    CHECK(s.clauses[1].title == c.title);
    CHECK(s.clauses[1].number == 1);
    CHECK(s.clauses[2].number == 2);
    CHECK(s.clauses[2].level == 1);
    CHECK(s.diagnostics.empty());
  }
}

TEST_CASE("segment: never numbering", "[segment]") {
  // Each line sits between 一、 and 二、; none may become a clause or a finding.
  const char* lines[] = {
      "(試行)本办法自发布之日起施行。",
      "(2010-2020)规划纲要收官。",
      "(此件公开发布)",
      "(含幼儿园、职业学校)教师800名以上。",
      "3-4所学科教研示范学校。",
      "2019年3月15日",
      "1+X证书制度试点。",
      "5G时代信息化装备。",
      "2020年是全面建成小康社会的决胜之年。",
      "1.",
      "(一)",
      "1.5亿元用于学校建设。",
      "2019.3.15召开会议。",
      "3、4月份开展检查。",
      "一、二年级学生不布置书面作业。",
      "首先,加强领导。其次,完善制度。最后,强化考核。",
      "2020.工作要点",
      "(100)项目",
      "十一五期间成效显著。",
      "统一是关键。一是一,二是二。",
  };
  for (const char* line : lines) {
    INFO(line);
    const std::string text = std::string("一、总体要求\n") + line + "\n二、主要任务";
    const Segmentation s = seg(text);
    CHECK(zhpolicy::clause_outline(s) == "1 一、|2 二、");
    CHECK(s.diagnostics.empty());
  }
}

TEST_CASE("segment: a label needs text after it on its line", "[segment]") {
  // Read as four plain paragraphs.
  CHECK(outline("1.\n加强领导。\n2.\n完善制度。") == "1 |2 |3 |4 ");
  CHECK(seg("1.\n加强领导。\n2.\n完善制度。").mode == SegmentMode::kParagraphs);
}

// ---------------------------------------------------------------------------------------
// Numbering findings and recovery

namespace {
// "一、甲" and items (一)…(十一) under it, then `tail`.
std::string eleven_items(const std::string& tail) {
  static const char* nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"};
  std::string text = "一、甲\n";
  for (const char* n : nums) text += std::string("(") + n + ")子。\n";
  return text + tail;
}
const char* kElevenOutline = "1 一、|1.1 (一)|1.2 (二)|1.3 (三)|1.4 (四)|1.5 (五)|1.6 (六)|1.7 (七)|1.8 (八)|1.9 (九)|1.10 (十)|1.11 (十一)";
}  // namespace

TEST_CASE("segment: a gap is reported and the list goes on", "[segment]") {
  const Segmentation s = seg(eleven_items("(十三)丙。\n(十四)丁。"));
  CHECK(zhpolicy::clause_outline(s) == std::string(kElevenOutline) + "|1.13 (十三)|1.14 (十四)");
  CHECK(diagnostics(s) == "numbering_gap: (十二) missing after (十一)");
  REQUIRE(s.diagnostics.size() == 1);
  CHECK(s.diagnostics[0].kind == zhpolicy::DiagnosticKind::kNumbering);
  CHECK(s.clauses[0].end == 0);
}

TEST_CASE("segment: the first item of 二、 may be (一) or continue from 一、", "[segment]") {
  CHECK(outline("一、甲\n(一)子。\n(二)丑。\n二、乙\n(一)寅。\n(二)卯。") ==
        "1 一、|1.1 (一)|1.2 (二)|2 二、|2.1 (一)|2.2 (二)");
  CHECK(outline("一、甲\n(一)子。\n(二)丑。\n二、乙\n(三)寅。\n(四)卯。") ==
        "1 一、|1.1 (一)|1.2 (二)|2 二、|2.3 (三)|2.4 (四)");
}

TEST_CASE("segment: a wider gap needs the next label to confirm it", "[segment]") {
  // (十五) is 4 ahead of (十一), but (十六) follows it: accepted with the gap reported.
  const Segmentation s = seg(eleven_items("(十五)寅。\n(十六)卯。"));
  CHECK(zhpolicy::clause_outline(s) == std::string(kElevenOutline) + "|1.15 (十五)|1.16 (十六)");
  CHECK(diagnostics(s) == "numbering_gap: (十二)…(十四) missing after (十一)");
  // (九十) with nothing after it: not a label at all.
  const Segmentation t = seg("一、甲\n(一)子。\n(二)丑。\n(九十)寅。");
  CHECK(zhpolicy::clause_outline(t) == "1 一、|1.1 (一)|1.2 (二)");
  CHECK(t.diagnostics.empty());
}

TEST_CASE("segment: a wrong label between two right ones is read as the expected number", "[segment]") {
  const Segmentation s = seg(eleven_items("(十二)丑。\n(十二)寅。\n(十四)卯。"));
  CHECK(zhpolicy::clause_outline(s) == std::string(kElevenOutline) + "|1.12 (十二)|1.13 (十二)|1.14 (十四)");
  CHECK(diagnostics(s) == "numbering_mislabel: (十二) where (十三) expected; read as (十三)");
  CHECK(s.clauses[14].number == 12);  // as written
  CHECK(s.clauses[14].id == "1.13");  // where the sequence puts it
}

TEST_CASE("segment: a repeated label gets a unique id and the list goes on", "[segment]") {
  const Segmentation s = seg("1.甲\n2.乙\n2.乙\n3.丙");
  CHECK(zhpolicy::clause_outline(s) == "1 1.|2 2.|2_2 2.|3 3.");
  CHECK(diagnostics(s) == "numbering_repeat: 2. repeated; expected 3.");
}

TEST_CASE("segment: a step back is reported and the list continues from its highest number", "[segment]") {
  const Segmentation s = seg("（五）甲。\n（六）乙。\n（三）丙。\n（七）丁。\n（八）戊。");
  // A list may not start at (五), even with (六) after it: this text is not numbered.
  CHECK(s.mode == SegmentMode::kParagraphs);
  CHECK(s.diagnostics.empty());
  const Segmentation t = seg("（一）甲。\n（二）乙。\n（一）丙。\n（三）丁。\n（四）戊。");
  CHECK(zhpolicy::clause_outline(t) == "1 （一）|2 （二）|1_2 （一）|3 （三）|4 （四）");
  CHECK(diagnostics(t) == "numbering_order: （一） out of order; expected （三）");
}

TEST_CASE("segment: a new nested list starts at 1, or at 2..3 when the next label confirms it", "[segment]") {
  CHECK(outline("一、甲\n(3)乙。\n二、丙") == "1 一、|2 二、");
  const Segmentation s = seg("一、甲\n(2)乙。\n(3)丙。\n二、丁");
  CHECK(zhpolicy::clause_outline(s) == "1 一、|1.2 (2)|1.3 (3)|2 二、");
  CHECK(diagnostics(s) == "numbering_gap: (1) missing before (2)");
}

TEST_CASE("segment: a scheme seen before returns to its level", "[segment]") {
  CHECK(outline("一、甲\n(一)子\n1.细\n2.细\n(二)丑\n二、乙\n1.细") ==
        "1 一、|1.1 (一)|1.1.1 1.|1.1.2 2.|1.2 (二)|2 二、|2.1 1.");
  const Segmentation s = seg("一、甲\n(一)子\n1.细\n2.细\n(二)丑\n二、乙\n1.细");
  CHECK(s.clauses[7].level == 3);  // 1. keeps its level under 二、 without a (一)
  CHECK(s.clauses[7].parent_id == "2");
}

// ---------------------------------------------------------------------------------------
// Inline 一是/二是

TEST_CASE("segment: inline 一是/二是/三是 are children of the item they sit in", "[segment]") {
  const std::string text =
      "一、指导思想\n坚持方向。\n二、目标任务\n全面推进。\n三、工作举措\n"
      "1.均衡办学条件\n2.优化集团办学\n3.深化课程改革\n4.促进特色发展\n"
      "5.强化队伍建设\n"
      "切实加强三支队伍培养。一是校(园)长队伍。组织研修。二是优秀教师队伍。搭建平台;开展评比。三是班主任队伍。带动提高。\n"
      "为确保成效,主要做好三方面工作:一是推进改革,缓解编制紧缺。二是创新培养方式。三是加强教师流动。";
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  CHECK(zhpolicy::clause_outline(s) ==
        "1 一、|2 二、|3 三、|3.1 1.|3.2 2.|3.3 3.|3.4 4.|3.5 5.|"
        "3.5.1 一是|3.5.2 二是|3.5.3 三是|3.5.1_2 一是|3.5.2_2 二是|3.5.3_2 三是");
  const std::string rows = table(s);
  CHECK(rows.substr(rows.find("3.5\t")) ==
        "3.5\t2\tarabic_dot\t5.\t强化队伍建设\n"
        "3.5.1\t3\tinline_shi\t一是\t校(园)长队伍\n"
        "3.5.2\t3\tinline_shi\t二是\t优秀教师队伍\n"
        "3.5.3\t3\tinline_shi\t三是\t班主任队伍\n"
        "3.5.1_2\t3\tinline_shi\t一是\t推进改革,缓解编制紧缺\n"
        "3.5.2_2\t3\tinline_shi\t二是\t创新培养方式\n"
        "3.5.3_2\t3\tinline_shi\t三是\t加强教师流动\n");
  // An inline item ends where the next begins, the last at the end of its paragraph; the
  // paragraph's lead-in stays with 5.
  CHECK(slice(text, s.clauses[11].start, s.clauses[11].end) == "三是班主任队伍。带动提高。");
  CHECK(slice(text, s.clauses[9].start, s.clauses[9].end) == "一是校(园)长队伍。组织研修。");
  const std::string all = sentences(text);
  CHECK(all.substr(all.find("3.5:强化")) ==
        "3.5:强化队伍建设|3.5:切实加强三支队伍培养。|3.5.1:校(园)长队伍。|3.5.1:组织研修。|"
        "3.5.2:优秀教师队伍。|3.5.2:搭建平台;|3.5.2:开展评比。|3.5.3:班主任队伍。|3.5.3:带动提高。|"
        "3.5:为确保成效,主要做好三方面工作:|3.5.1_2:推进改革,缓解编制紧缺。|3.5.2_2:创新培养方式。|"
        "3.5.3_2:加强教师流动。");
}

TEST_CASE("segment: a lone 一是, 统一是 and 首先/其次 are not inline items", "[segment]") {
  CHECK(outline("1.甲\n这一点很重要。一是加强领导。\n2.乙\n统一是关键,十一是节日。\n3.丙\n首先,加强。其次,完善。") ==
        "1 1.|2 2.|3 3.");
  // Inline items are not looked for in the preamble.
  CHECK(outline("前言。一是甲。二是乙。\n1.甲\n2.乙") == "1 1.|2 2.");
}

TEST_CASE("segment: a lone 一是 after a complete run stays text of the run's last item", "[segment]") {
  // Found by the segment fuzzer: the run ended at the lone 一是, which then belonged to no
  // inline item while its sentence began inside one.
  const std::string text = "1.甲\n一是加强。二是完善:一是关键。\n2.乙";
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  CHECK(outline(text) == "1 1.|1.1 一是|1.2 二是|2 2.");
  CHECK(slice(text, s.clauses[3].start, s.clauses[3].end) == "二是完善:一是关键。");
  // A second complete run still starts where its 一是 is.
  const std::string two = "1.甲\n一是加强。二是完善:一是关键。二是落实。\n2.乙";
  check_invariants(seg(two), zhpolicy::to_code_points(two).size());
  CHECK(outline(two) == "1 1.|1.1 一是|1.2 二是|1.1_2 一是|1.2_2 二是|2 2.");
}

// ---------------------------------------------------------------------------------------
// Ranges, titles, preamble

TEST_CASE("segment: the preamble is clause 0 and clauses run to the next of the same or higher level", "[segment]") {
  const std::string text = "局属各单位:\n现将方案印发。\n一、指导思想\n坚持方向。\n二、目标任务\n(一)甲。\n乙。\n(二)丙。\n";
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  REQUIRE(s.clauses.size() == 5);
  CHECK(s.clauses[0].scheme == "preamble");
  CHECK(slice(text, s.clauses[0].start, s.clauses[0].end) == "局属各单位:\n现将方案印发。");
  CHECK(slice(text, s.clauses[1].start, s.clauses[1].end) == "一、指导思想\n坚持方向。");
  CHECK(slice(text, s.clauses[2].start, s.clauses[2].end) == "二、目标任务\n(一)甲。\n乙。\n(二)丙。");
  CHECK(slice(text, s.clauses[3].start, s.clauses[3].end) == "(一)甲。\n乙。");
  CHECK(slice(text, s.clauses[4].start, s.clauses[4].end) == "(二)丙。");
  CHECK(slice(text, s.clauses[3].title_start, s.clauses[3].title_end) == "甲");
  CHECK(sentences(text) == "0:局属各单位:|0:现将方案印发。|1:指导思想|1:坚持方向。|2:目标任务|2.1:甲。|2.1:乙。|2.2:丙。");
}

TEST_CASE("segment: titles stop at the first sentence end and keep the original script", "[segment]") {
  const Segmentation s = seg(
      "一、突出規範為基,完善十大基本制度\n(一)完善教育黨建文化品牌制度。建立健全。\n"
      "(二)推進實施特殊教育「學業就業一體化。」行動!後文。\n(三)保障措施：\n二、其他");
  CHECK(table(s) ==
        "1\t1\tcn_dun\t一、\t突出規範為基,完善十大基本制度\n"
        "1.1\t2\tcn_paren\t(一)\t完善教育黨建文化品牌制度\n"
        "1.2\t2\tcn_paren\t(二)\t推進實施特殊教育「學業就業一體化。」行動\n"
        "1.3\t2\tcn_paren\t(三)\t保障措施\n"
        "2\t1\tcn_dun\t二、\t其他\n");
  // A very long first sentence is cut.
  std::string body;
  for (int k = 0; k < 500; ++k) body += "长";
  const Segmentation t = seg("1." + body + "\n2.乙");
  CHECK(t.clauses[1].title_end - t.clauses[1].title_start == zhpolicy::kMaxTitleLength);
}

// ---------------------------------------------------------------------------------------
// Unnumbered documents

TEST_CASE("segment: paragraphs led by a short heading sentence, the introduction is preamble", "[segment]") {
  const std::string text =
      "江苏常州:聚力“四高”改革推动基础教育高质量发展\n"
      "近年来,江苏省常州市坚持以改革破难题、促发展,以改革增动力、激活力,推出了一批站得住、立得稳的真招实招。\n"
      "聚力优化高效能体制。推进管理体制改革。推进招生体制改革。\n"
      "聚力打造高品质学校。加快集团办学跨域发展。\n"
      "突出政治引领,确保党的领导全面加强。落实意见。一是加强领导。二是完善制度。\n"
      "下一步,常州将继续深化改革,推动基础教育高质量发展走在前列,为全省提供更多可复制的经验。";
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  CHECK(s.mode == SegmentMode::kParagraphs);
  CHECK(table(s) ==
        "1\t1\tparagraph\t\t聚力优化高效能体制\n"
        "2\t1\tparagraph\t\t聚力打造高品质学校\n"
        "3\t1\tparagraph\t\t突出政治引领,确保党的领导全面加强\n"
        "3.1\t2\tinline_shi\t一是\t加强领导\n"
        "3.2\t2\tinline_shi\t二是\t完善制度\n"
        "4\t1\tparagraph\t\t\n");
  CHECK(s.clauses[6].path == "#4");
  CHECK(slice(text, s.clauses[0].start, s.clauses[0].end).rfind("江苏常州", 0) == 0);
}

TEST_CASE("segment: paragraphs without any heading sentence are all clauses", "[segment]") {
  const Segmentation s = seg("今年以来,全市教育系统认真贯彻落实各项部署,取得明显成效。\n下一步,将继续推进各项工作,确保取得更大成效。");
  CHECK(s.mode == SegmentMode::kParagraphs);
  CHECK(zhpolicy::clause_outline(s) == "1 |2 ");
}

TEST_CASE("segment: short heading lines head the paragraphs under them, two levels", "[segment]") {
  const std::string text =
      "“思想再解放、標杆再提升、壓力再傳導, 努力在高品質發展上實現新突破”。\n"
      "區教育局作為全區教育主管部門, 圍繞核心目標, 深化改革, 促進公平。\n"
      "找准差距\n"
      "教育優質均衡方面\n"
      "對照高水準教育現代化要求, 區域內學校辦學層次還有較大提升空間,\n"
      "優質教育資源規模效應有待進一步提高。\n"
      "教師隊伍建設方面\n"
      "城市化發展規模不斷增大, 教師斷層現象尚且存在。\n"
      "定下目標\n"
      "蘇州太倉江蘇省教育現代化監測得分為91.5, 棲霞區確保得分達到90分。\n"
      "如何追趕\n"
      "大力發展學前教育\n"
      "進一步調優幼稚園佈局, 適度增加辦園規模和數量。\n"
      "強化內涵建設\n"
      "在推動國家課程校本化實施的基礎上,開發校本課程。\n"
      "推進依法治教\n"
      "進一步強化依法治教,推行校務公開。";
  const Segmentation s = seg(text);
  check_invariants(s, zhpolicy::to_code_points(text).size());
  CHECK(s.mode == SegmentMode::kHeadings);
  CHECK(zhpolicy::clause_outline(s) ==
        "1 找准差距|1.1 教育優質均衡方面|1.2 教師隊伍建設方面|2 定下目標|3 如何追趕|"
        "3.1 大力發展學前教育|3.2 強化內涵建設|3.3 推進依法治教");
  CHECK(s.clauses[2].path == "找准差距/教育優質均衡方面");
  CHECK(slice(text, s.clauses[2].start, s.clauses[2].end) ==
        "教育優質均衡方面\n對照高水準教育現代化要求, 區域內學校辦學層次還有較大提升空間,\n"
        "優質教育資源規模效應有待進一步提高。");
  CHECK(slice(text, s.clauses[0].start, s.clauses[0].end).find("找准") == std::string::npos);
}

TEST_CASE("segment: a title line at the top is preamble, not a heading", "[segment]") {
  const Segmentation s = seg(
      "學龍崗、趕新吳、超太倉 | 區教育局:推進區域教育現代化,加快實現教育強區目標\n"
      "棲霞區按照市委市政府的總體部署, 全面開展對標找差專項行動。\n"
      "找准差距\n教育優質均衡方面\n對照要求, 還有較大提升空間。\n定下目標\n確保得分達到90分。\n"
      "如何追趕\n大力發展學前教育\n調優幼稚園佈局。");
  CHECK(zhpolicy::clause_outline(s) ==
        "1 找准差距|1.1 教育優質均衡方面|2 定下目標|3 如何追趕|3.1 大力發展學前教育");
}

// ---------------------------------------------------------------------------------------
// Sentences

TEST_CASE("segment: sentences split at 。！？； and line ends, not inside quotes or 《》", "[segment]") {
  CHECK(sentences("一、甲\n他说:“好。很好!”然后走了。落实《意见。试行》;再议？是!!最后\n二、乙") ==
        "1:甲|1:他说:“好。很好!”然后走了。|1:落实《意见。试行》;|1:再议？|1:是!!|1:最后|2:乙");
  CHECK(sentences("1.甲\n「一。二」三。‘四。’五。(见附件。)六\n2.乙") ==
        "1:甲|1:「一。二」三。|1:‘四。’五。|1:(见附件。)|1:六|2:乙");
}

TEST_CASE("segment: an unbalanced quote holds sentences together only up to its line end", "[segment]") {
  CHECK(sentences("1.甲\n“一。二。三\n四。五。\n2.乙") == "1:甲|1:“一。二。三|1:四。|1:五。|2:乙");
  // A closer without an opener is ignored.
  CHECK(sentences("1.甲\n一”。二。\n2.乙") == "1:甲|1:一”。|1:二。|2:乙");
}

// ---------------------------------------------------------------------------------------
// Edge cases and robustness

TEST_CASE("segment: empty, blank and mismatched inputs", "[segment]") {
  const Segmentation e = seg("");
  CHECK(e.mode == SegmentMode::kNone);
  REQUIRE(e.clauses.size() == 1);
  CHECK(e.clauses[0].end == 0);
  CHECK(e.sentences.empty());
  const Segmentation b = seg("\n\n  \n\t\n");
  REQUIRE(b.clauses.size() == 1);
  CHECK(b.sentences.empty());
  // Blank lines and spaces around lines are tolerated.
  CHECK(outline("\n\n  一、甲  \n\n\n  二、乙\n\n") == "1 一、|2 二、");
  // Different lengths: only the common prefix is read.
  const std::u32string a = U"一、甲\n二、乙\n三、丙";
  const Segmentation m = zhpolicy::segment_clauses(a, std::u32string_view(a).substr(0, 8));
  CHECK(zhpolicy::clause_outline(m) == "1 一、|2 二、");
  CHECK(m.clauses.back().end == 7);
}

TEST_CASE("segment: arbitrary bytes-like input never breaks the invariants", "[segment]") {
  // A deterministic mix of labels, quotes, terminators and line breaks.
  const char32_t alphabet[] = {U'一', U'二', U'十', U'、', U'(', U')', U'1', U'2', U'.', U'是', U'。',
                               U'“', U'”', U'《', U'》', U'\n', U' ', U'第', U'条', U'①', U':', U';', U'甲'};
  uint64_t x = 12345;
  for (int round = 0; round < 200; ++round) {
    std::u32string text;
    const int len = 1 + round * 7 % 300;
    for (int k = 0; k < len; ++k) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      text.push_back(alphabet[(x >> 33) % (sizeof alphabet / sizeof alphabet[0])]);
    }
    const Segmentation s = zhpolicy::segment_clauses(text, text);
    check_invariants(s, text.size());
  }
}

// ---------------------------------------------------------------------------------------
// Linear behaviour on pathological inputs: steps per code point stay bounded and do not
// grow with the input (a quadratic step would show as a ratio near 4 when the size grows 4x).

namespace {
uint64_t steps_for(const std::u32string& text, Segmentation* out = nullptr) {
  uint64_t steps = 0;
  Segmentation s = zhpolicy::detail::segment_clauses_counted(zhpolicy::detail::OriginalText(text), text, &steps);
  if (out) *out = std::move(s);
  return steps;
}

template <typename Make>
void check_linear(Make make, size_t n) {
  const std::u32string small = make(n);
  const std::u32string large = make(4 * n);
  const double per_small = double(steps_for(small)) / double(small.size());
  const double per_large = double(steps_for(large)) / double(large.size());
  INFO("steps per code point: " << per_small << " at " << small.size() << ", " << per_large << " at "
                                 << large.size());
  CHECK(per_large < 40.0);
  CHECK(per_large < per_small * 1.5 + 1.0);
}
}  // namespace

TEST_CASE("segment: many labels in a row stay linear", "[segment]") {
  // 1. 2. 3. … one per line.
  check_linear([](size_t n) {
    std::u32string t;
    for (size_t k = 1; k <= n; ++k) {
      for (char ch : std::to_string(k % 999 + 1)) t.push_back(static_cast<char32_t>(ch));
      t += U".甲\n";
    }
    return t;
  }, 20000);
  // The same label repeated: every one is a repeat finding with a fresh id.
  check_linear([](size_t n) {
    std::u32string t;
    for (size_t k = 0; k < n; ++k) t += U"(一)甲\n";
    return t;
  }, 20000);
  // Labels packed on one line, and inline items packed on one line.
  check_linear([](size_t n) {
    std::u32string t = U"1.甲\n2.乙";
    for (size_t k = 0; k < n; ++k) t += U"(一)一、①第一条";
    return t;
  }, 20000);
  check_linear([](size_t n) {
    std::u32string t = U"1.甲\n2.乙。";
    for (size_t k = 0; k < n; ++k) t += U"一是。二是。";
    return t;
  }, 20000);
}

TEST_CASE("segment: deep nesting of brackets and quotes stays linear", "[segment]") {
  check_linear([](size_t n) {
    std::u32string t = U"1.甲\n2.";
    for (size_t k = 0; k < n; ++k) t += U"(（“《「";
    t += U"。\n3.丙";
    for (size_t k = 0; k < n; ++k) t += U")）”》」。";
    return t;
  }, 10000);
}

TEST_CASE("segment: one long line and many short heading lines stay linear", "[segment]") {
  check_linear([](size_t n) {
    std::u32string t;
    for (size_t k = 0; k < n; ++k) t += U"长文本没有句号,";
    return t;
  }, 50000);
  check_linear([](size_t n) {
    std::u32string t;
    for (size_t k = 0; k < n; ++k) t += U"找准差距\n教育方面\n对照要求,还有较大提升空间。\n";
    return t;
  }, 5000);
  check_linear([](size_t n) {
    std::u32string t;
    for (size_t k = 0; k < n; ++k) t += U"聚力优化高效能体制。推进管理体制改革。\n";
    return t;
  }, 5000);
  check_linear([](size_t n) { return std::u32string(n, U'\n') + U"1.甲" + std::u32string(n, U' ') + U"\n2.乙"; },
               100000);
}

// ---------------------------------------------------------------------------------------
// The scheme table

TEST_CASE("segment: data/clause_markers.tsv equals the compiled-in copy and is valid", "[segment]") {
  std::ifstream in(std::string(ZHPOLICY_DATA_DIR) + "/clause_markers.tsv", std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string file = ss.str();
  CHECK(file == std::string(zhpolicy::detail::clause_markers_tsv()));
  size_t rows = 0;
  std::istringstream lines(file);
  for (std::string line; std::getline(lines, line);) rows += !line.empty() && line[0] != '#';
  const auto& markers = zhpolicy::detail::clause_markers();
  CHECK(markers.size() == rows);  // every row parsed
  for (size_t i = 0; i < markers.size(); ++i) {
    const auto& m = markers[i];
    INFO(m.scheme);
    CHECK(!m.scheme.empty());
    for (char32_t c : m.open + m.close) CHECK(zhpolicy::fold_char(c) == c);  // keys are normalized
    for (size_t j = 0; j < i; ++j) {
      const auto& o = markers[j];
      CHECK(!(o.open == m.open && o.numeral == m.numeral && o.close == m.close && o.place == m.place));
    }
  }
}

TEST_CASE("segment: numbers in messages are written like the labels", "[segment]") {
  using zhpolicy::detail::NumeralClass;
  using zhpolicy::detail::render_numeral;
  const std::pair<uint64_t, const char32_t*> cn[] = {
      {1, U"一"}, {10, U"十"}, {11, U"十一"}, {20, U"二十"}, {60, U"六十"}, {100, U"一百"},
      {105, U"一百零五"}, {110, U"一百一十"}, {1001, U"一千零一"}, {2020, U"二千零二十"}};
  for (const auto& [n, s] : cn) CHECK(render_numeral(NumeralClass::kChinese, n) == s);
  CHECK(render_numeral(NumeralClass::kArabic, 12) == U"12");
  CHECK(render_numeral(NumeralClass::kCircled, 12) == U"⑫");
  CHECK(render_numeral(NumeralClass::kCircled, 50) == U"㊿");
  CHECK(render_numeral(NumeralClass::kParenDigit, 3) == U"⑶");
  uint64_t wrong = 0;
  for (uint64_t n = 1; n < 10000; ++n) {
    wrong += zhpolicy::parse_integer(render_numeral(NumeralClass::kChinese, n)) != n;
  }
  CHECK(wrong == 0);
}

TEST_CASE("segment: label numerals read as parse_integer reads them", "[segment]") {
  using zhpolicy::detail::label_numeral_value;
  // Every string of up to three characters of the numeral alphabet (the shortcut covers
  // some of them: 一 … 九十九 written plainly, 1 … 999), plus longer Chinese numerals.
  std::vector<std::u32string> numerals;
  const std::u32string alphabet = U"0123456789〇零一二两三四五六七八九十百千万亿壹贰拾";
  for (char32_t a : alphabet) {
    numerals.push_back({a});
    for (char32_t b : alphabet) {
      numerals.push_back({a, b});
      for (char32_t c : alphabet) numerals.push_back({a, b, c});
    }
  }
  for (uint64_t n = 1; n < 1000; ++n) {
    numerals.push_back(zhpolicy::detail::render_numeral(zhpolicy::detail::NumeralClass::kChinese, n));
  }
  size_t wrong = 0;
  for (const std::u32string& s : numerals) wrong += label_numeral_value(s) != zhpolicy::parse_integer(s);
  CHECK(wrong == 0);
  CHECK(label_numeral_value(U"十") == 10u);
  CHECK(label_numeral_value(U"123") == 123u);
  CHECK(label_numeral_value(U"十一") == 11u);
  CHECK(label_numeral_value(U"二十三") == 23u);
  CHECK(label_numeral_value(U"一百") == 100u);
}

TEST_CASE("segment: no label begins where label_starts says none may", "[segment]") {
  using zhpolicy::detail::MarkerPlace;
  // Every code point of the BMP (and a few beyond) followed by what completes a label of
  // each row: a first code point that can begin some label is followed by a label here.
  const std::u32string suffixes[] = {U"", U"x", U"、x", U".x", U")x", U"是x", U"一、x", U"1.x", U"一)x",
                                     U"1)x", U"一章x", U"1条x", U"十二节x", U"一部分x", U"2、x"};
  for (const MarkerPlace place : {MarkerPlace::kLineStart, MarkerPlace::kInline}) {
    const zhpolicy::detail::LabelStarts& starts = zhpolicy::detail::label_starts(place);
    size_t missed = 0;
    size_t refused = 0;
    for (char32_t c = 0; c < 0x10100; ++c) {
      if (starts.may_begin(c)) continue;
      ++refused;
      for (const std::u32string& suffix : suffixes) {
        const std::u32string text = c + suffix;
        uint64_t steps = 0;
        if (zhpolicy::detail::match_label(text, 0, text.size(), place, &steps)) {
          INFO("place " << static_cast<int>(place) << ", code point " << static_cast<uint32_t>(c));
          ++missed;
        }
      }
    }
    CHECK(missed == 0);
    CHECK(refused > 0xF000);  // it does settle most code points
  }
  // And from the rows themselves (match_label asks may_begin too, so the loop above cannot
  // see a code point it wrongly refuses): every first code point of every row's labels.
  using zhpolicy::detail::NumeralClass;
  size_t refused_starts = 0;
  for (const zhpolicy::detail::ClauseMarker& m : zhpolicy::detail::clause_markers()) {
    std::u32string firsts;
    if (!m.open.empty()) {
      firsts.push_back(m.open.front());
    } else {
      if (m.numeral == NumeralClass::kChinese || m.numeral == NumeralClass::kChineseOrArabic) {
        for (char32_t c = 0; c < 0x10000; ++c) {
          if (zhpolicy::is_chinese_numeral_char(c)) firsts.push_back(c);
        }
      }
      if (m.numeral == NumeralClass::kArabic || m.numeral == NumeralClass::kChineseOrArabic) {
        firsts += U"123456789";
      }
      if (m.numeral != NumeralClass::kChinese && m.numeral != NumeralClass::kArabic &&
          m.numeral != NumeralClass::kChineseOrArabic) {
        for (uint64_t n = 1; n <= 50; ++n) {
          const std::u32string label = zhpolicy::detail::render_numeral(m.numeral, n);
          if (label.size() == 1) firsts.push_back(label[0]);
        }
      }
    }
    for (const char32_t c : firsts) {
      if (!zhpolicy::detail::label_starts(m.place).may_begin(c)) {
        INFO("scheme " << m.scheme << ", code point " << static_cast<uint32_t>(c));
        ++refused_starts;
      }
    }
  }
  CHECK(refused_starts == 0);
  CHECK(zhpolicy::detail::label_starts(MarkerPlace::kLineStart).may_begin(U'①'));
  CHECK(zhpolicy::detail::label_starts(MarkerPlace::kLineStart).may_begin(U'第'));
  CHECK(!zhpolicy::detail::label_starts(MarkerPlace::kInline).may_begin(U'各'));
}

TEST_CASE("segment: the line pass stops where the one-at-a-time scan stops", "[segment]") {
  using zhpolicy::detail::for_each_non_plain;
  using zhpolicy::detail::for_each_non_plain_portable;
  using zhpolicy::detail::for_each_non_plain_sse2;
  using zhpolicy::detail::is_plain;
  // The edges of the plain ranges and of the signed compares, among the usual text; values
  // that are plain code points modulo 2^16, and the ends of the sixteen-bit saturation.
  const char32_t typical[] = {U'学', U'校', U'。', U',', U'\n', U'0', U' ', U'“', 0x3011, 0x3012, 0xFEFE,
                              0xFEFF,  0xFF01,  0,     0x7FFFFFFF, 0x80000000, 0x80003012, 0xFFFFFFFF,
                              U'"', U'#', U'9', U':', U'、', 0x3000, 0x3002, 0xFFFF, 0x10000, 0x13012,
                              0x10023, 0x13001, 0x7FFF, 0x8000, 0x80007FFF, 0x80008000, 0x7FFF8023,
                              0xFFFF3012, 0xFFFF8000};
  CHECK(!is_plain(0x3011));
  CHECK(is_plain(0x3012));
  CHECK(is_plain(0xFEFE));
  CHECK(!is_plain(0xFEFF));
  CHECK(!is_plain(U'"'));
  CHECK(is_plain(U'#'));
  CHECK(is_plain(U'9'));
  CHECK(!is_plain(U':'));
  CHECK(is_plain(U'、'));
  CHECK(!is_plain(0x13012));
  uint64_t x = 2025;
  const auto next = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(x >> 32);
  };
  size_t wrong = 0;
  size_t wrong_sse2 = 0;
  for (int round = 0; round < 2000; ++round) {
    // Mostly short texts (the blocks' edges and tails), some longer than one batch of AVX2
    // blocks (64 x 32 code points).
    std::u32string text(round % 50 == 0 ? next() % 5000 : next() % 80, U'\0');
    for (char32_t& c : text) {
      c = next() % 5 == 0 ? static_cast<char32_t>(next()) : typical[next() % (sizeof typical / sizeof typical[0])];
    }
    const auto begin = static_cast<uint32_t>(text.empty() ? 0 : next() % text.size());
    const auto end = static_cast<uint32_t>(text.size());
    std::vector<uint32_t> fast, sse2, reference;
    for_each_non_plain(text.data(), begin, end, [&](uint32_t i) { fast.push_back(i); });
    for_each_non_plain_sse2(text.data(), begin, end, [&](uint32_t i) { sse2.push_back(i); });
    for_each_non_plain_portable(text.data(), begin, end, [&](uint32_t i) { reference.push_back(i); });
    wrong += fast != reference;
    wrong_sse2 += sse2 != reference;
  }
  CHECK(wrong == 0);
  CHECK(wrong_sse2 == 0);
}

// ---------------------------------------------------------------------------------------
// The seeds, through the whole pipeline.

namespace {

// The seed whose file name starts with `prefix` ("001_"), decoded, cleaned and normalized;
// false (with a visible warning) when the seeds directory is missing.
bool load_seed(const std::string& prefix, zhpolicy::Document& doc) {
  const std::string dir = std::string(ZHPOLICY_SHARED_DIR) + "/seeds";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    auto result = zhpolicy::process_document(ss.str(), name);
    REQUIRE(result.ok());
    doc = std::move(*result);
    return true;
  }
  WARN("seed " << prefix << "* not found in " << dir << ": skipped");
  return false;
}

bool has_latin_letter(std::string_view utf8) {
  for (char32_t c : zhpolicy::to_code_points(utf8)) {
    if ((c >= U'a' && c <= U'z') || (c >= 0xC0 && c <= 0x24F)) return true;
  }
  return false;
}

std::vector<const Clause*> at_level(const Segmentation& s, int level) {
  std::vector<const Clause*> out;
  for (const Clause& c : s.clauses) {
    if (c.level == level) out.push_back(&c);
  }
  return out;
}

std::string labels(const std::vector<const Clause*>& clauses, bool titles = false) {
  std::string out;
  for (const Clause* c : clauses) {
    if (!out.empty()) out += "|";
    out += titles ? c->title : c->label;
  }
  return out;
}

}  // namespace

TEST_CASE("segment: seed 001 has sections 一、…六、 and clauses (一)…(六十) under them", "[segment][seed]") {
  zhpolicy::Document doc;
  if (!load_seed("001_", doc)) return;
  const Segmentation s = zhpolicy::segment_clauses(doc.original, doc.normalized);
  check_invariants(s, doc.original.size());
  CHECK(s.mode == SegmentMode::kNumbered);
  CHECK(labels(at_level(s, 1)) == "一、|二、|三、|四、|五、|六、");
  const auto items = at_level(s, 2);
  REQUIRE(items.size() == 60);
  for (size_t k = 0; k < items.size(); ++k) {
    INFO(items[k]->label << " " << items[k]->title);
    CHECK(items[k]->number == k + 1);
    CHECK(items[k]->id == std::to_string(k / 10 + 1) + "." + std::to_string(k + 1));
    CHECK(items[k]->scheme == "cn_paren");
    CHECK(!items[k]->title.empty());
    CHECK(!has_latin_letter(items[k]->title));
  }
  CHECK(count_level(s, 3) == 0);
  CHECK(items[10]->label == "(十一)");
  CHECK(items[10]->parent_id == "2");
  CHECK(items[10]->title == "夯實學位資源供給項目建設工程");
  CHECK(items[59]->title == "提升教育服務經濟社會水平");
  // The page has "規(guī)范": the clean stage drops the pinyin, the title keeps the text.
  CHECK(at_level(s, 1)[0]->title == "突出規范為基,完善十大基本制度");
  CHECK(s.diagnostics.empty());
}

TEST_CASE("segment: seed 003 has 一、二、三、 with 1.…5. under 三、 and 一是… inside 5.", "[segment][seed]") {
  zhpolicy::Document doc;
  if (!load_seed("003_", doc)) return;
  const Segmentation s = zhpolicy::segment_clauses(doc.original, doc.normalized);
  check_invariants(s, doc.original.size());
  CHECK(s.mode == SegmentMode::kNumbered);
  CHECK(labels(at_level(s, 1)) == "一、|二、|三、");
  CHECK(labels(at_level(s, 1), true) == "指导思想|目标任务|工作举措");
  const auto items = at_level(s, 2);
  CHECK(labels(items) == "1.|2.|3.|4.|5.");
  for (const Clause* c : items) CHECK(c->parent_id == "3");
  const auto inline_items = at_level(s, 3);
  CHECK(labels(inline_items) == "一是|二是|三是|一是|二是|三是");
  for (const Clause* c : inline_items) CHECK(c->parent_id == "3.5");
  CHECK(inline_items[0]->title == "校(园)长队伍");
  CHECK(s.diagnostics.empty());
}

TEST_CASE("segment: seeds 000 and 002 are paragraphs titled by their lead sentences", "[segment][seed]") {
  zhpolicy::Document doc;
  if (load_seed("000_", doc)) {
    const Segmentation s = zhpolicy::segment_clauses(doc.original, doc.normalized);
    check_invariants(s, doc.original.size());
    CHECK(s.mode == SegmentMode::kParagraphs);
    CHECK(labels(at_level(s, 1), true) ==
          "聚力优化高效能体制|聚力打造高品质学校|聚力培育高素质学生|聚力建设高水平师资");
  }
  if (load_seed("002_", doc)) {
    const Segmentation s = zhpolicy::segment_clauses(doc.original, doc.normalized);
    check_invariants(s, doc.original.size());
    CHECK(s.mode == SegmentMode::kParagraphs);
    CHECK(labels(at_level(s, 1), true) ==
          "突出政治引领,确保党的领导全面加强|突出提质增效,促进教育质量稳步提升|"
          "突出优质均衡,力争各类教育创先攀高|突出师能提升,倾力打造教育人才高地|"
          "突出依法治教,全面提升综合治理效能");
  }
}

TEST_CASE("segment: seed 004 has heading lines in two levels", "[segment][seed]") {
  zhpolicy::Document doc;
  if (!load_seed("004_", doc)) return;
  const Segmentation s = zhpolicy::segment_clauses(doc.original, doc.normalized);
  check_invariants(s, doc.original.size());
  CHECK(s.mode == SegmentMode::kHeadings);
  CHECK(labels(at_level(s, 1), true) == "找准差距|定下目標|如何追趕");
  CHECK(labels(at_level(s, 2), true) ==
        "教育優質均衡方面|教師隊伍建設方面|區域教育發展方面|大力發展學前教育|持續優化發展基礎教育|"
        "加快發展職業教育和社會教育|切實減輕學生課業負擔|實施互聯網+教育戰略|加強師資隊伍建設|"
        "強化內涵建設|推進依法治教");
  for (const Clause* c : at_level(s, 2)) {
    CHECK((c->parent_id == "1" || c->parent_id == "3"));
  }
}
