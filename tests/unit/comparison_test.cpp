// Unit tests of comparison.hpp, and a cross-check of the comparison reader against the
// extractor: two implementations of "what does 以上 bound" tested against each other.
#include "zhpolicy/comparison.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "json_mini.hpp"
#include "test_util.hpp"
#include "zhpolicy/pipeline.hpp"

namespace {

using zhpolicy::BoundReading;
using zhpolicy::Comparison;
using zhpolicy::test::code_points_to_utf8;
using zhpolicy::test::utf8_to_code_points;

const char* scale_mark(zhpolicy::ValueScale s) {
  switch (s) {
    case zhpolicy::ValueScale::kPercent: return "%";
    case zhpolicy::ValueScale::kPermille: return "‰";
    default: return "";
  }
}

// Each comparison as "span interval" with % / ‰ after a percentage interval:
// "95%以上 [95,)%", "大于10小于20 (10,20)".
std::vector<std::string> read(const std::string& text, BoundReading reading) {
  const std::u32string t = utf8_to_code_points(text);
  std::vector<std::string> out;
  for (const Comparison& c : zhpolicy::read_comparisons(t, reading)) {
    out.push_back(code_points_to_utf8(std::u32string_view(t).substr(c.begin, c.end - c.begin)) + " " +
                  c.interval.to_string() + scale_mark(c.scale));
  }
  return out;
}

using Strings = std::vector<std::string>;

struct Row {
  const char* input;
  BoundReading reading;
  Strings expected;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO("input: " << r.input);
    CHECK(read(r.input, r.reading) == r.expected);
  }
}

constexpr BoundReading kSpec = BoundReading::kSpec;
constexpr BoundReading kExp = BoundReading::kSpecExperimental;
constexpr BoundReading kPolicy = BoundReading::kPolicy;

zhpolicy::Decimal dec(const char* s) { return *zhpolicy::parse_decimal_literal(s); }

}  // namespace

TEST_CASE("comparison: 大于10小于20 is (10,20)", "[comparison]") {
  CHECK(read("大于10小于20", kSpec) == Strings{"大于10小于20 (10,20)"});
  CHECK(read("大于10小于20", kPolicy) == Strings{"大于10小于20 (10,20)"});
}

TEST_CASE("comparison: policy reading reads 95%以上 as 95 inclusive, unbounded above", "[comparison]") {
  CHECK(read("确保及时签收率达95%以上。", kPolicy) == Strings{"95%以上 [95,)%"});
  CHECK(read("确保及时签收率达95%以上。", kSpec) == Strings{"95%以上 (95,)%"});
}

TEST_CASE("comparison: 以上/以下/以内 are inclusive only in the policy reading", "[comparison]") {
  check_rows({
      {"招引教师800名以上", kPolicy, {"800名以上 [800,)"}},
      {"招引教师800名以上", kSpec, {"800名以上 (800,)"}},
      {"班额控制在45人以内", kPolicy, {"45人以内 (,45]"}},
      {"班额控制在45人以内", kSpec, {"45人以内 (,45)"}},
      {"3个百分点以下", kPolicy, {"3个百分点以下 (,3]"}},
      {"身高在 170 之下", kPolicy, {"170 之下 (,170]"}},
      {"十二个班以上", kPolicy, {"十二个班以上 [12,)"}},
      // 及以上 / 或者以上 / 或者更多 include the number in every reading.
      {"本科及以上学历", kSpec, {}},
      {"大专3年及以上", kSpec, {"3年及以上 [3,)"}},
      {"三十或者以上", kSpec, {"三十或者以上 [30,)"}},
      {"五百或者更多", kSpec, {"五百或者更多 [500,)"}},
      {"5人及以下", kSpec, {"5人及以下 (,5]"}},
  });
}

TEST_CASE("comparison: words before the number, every reading alike", "[comparison]") {
  for (BoundReading reading : {kSpec, kPolicy}) {
    check_rows({
        {"交流比例不低于15%", reading, {"不低于15% [15,)%"}},
        {"不低於20%", reading, {"不低於20% [20,)%"}},  // traditional 於 reads alike
        {"参助逾5500人次", reading, {"逾5500 (5500,)"}},
        {"参训人次超13万", reading, {"超13万 (130000,)"}},
        {"超过了80", reading, {"超过了80 (80,)"}},
        {"不足三成", reading, {"不足三成 (,30)%"}},
        {"不满18周岁", reading, {"不满18 (,18)"}},
        {"不超过25人", reading, {"不超过25 (,25]"}},
        {"至少有10个", reading, {"至少有10 [10,)"}},
        {"最多为5", reading, {"最多为5 (,5]"}},
        {"等于一百七", reading, {"等于一百七 [170,170]"}},
        {"≥50", reading, {"≥50 [50,)"}},
        {"＞５", reading, {"＞５ (5,)"}},
        {"< = 100", reading, {"< = 100 (,100]"}},
        {"小于 或 等于100", reading, {"小于 或 等于100 (,100]"}},
        {"比三十大一些", reading, {"比三十大 (30,)"}},
        {"比 170 低", reading, {"比 170 低 (,170)"}},
        {"票房占比过20", reading, {"过20 (20,)"}},
    });
  }
}

TEST_CASE("comparison: X到Y is half-open in the spec, closed in the other readings", "[comparison]") {
  check_rows({
      {"命名3-4所学科教研示范学校", kSpec, {"3-4 [3,4)"}},
      {"命名3-4所学科教研示范学校", kExp, {"3-4 [3,4]"}},
      {"命名3-4所学科教研示范学校", kPolicy, {"3-4 [3,4]"}},
      {"建设3至5个基地", kPolicy, {"3至5 [3,5]"}},
      {"培育3～4个品牌", kPolicy, {"3～4 [3,4]"}},
      {"一到五个苹果", kSpec, {"一到五 [1,5)"}},
      {"20 - 100个", kSpec, {"20 - 100 [20,100)"}},
      {"5k-20k", kSpec, {"5k-20k [5000,20000)"}},
      {"-5到5", kSpec, {"-5到5 [-5,5)"}},
      {"位于20和30之间", kSpec, {"位于20和30之间 [20,30)"}},
      {"位于20和30之间", kExp, {"位于20和30之间 [20,30]"}},
      {"在第十和第十五之间", kSpec, {"在第十和第十五之间 [10,15)"}},
      {"10000与20000间", kSpec, {"10000与20000间 [10000,20000)"}},
      {"在3到5之间", kPolicy, {"在3到5之间 [3,5]"}},
      // The percent sign of one end applies to both (the percent model sees only 20%).
      {"找出酒精量在5-20%之间的产品", kSpec, {"在5-20%之间 [5,20)%"}},
      {"提高3-5%", kPolicy, {"3-5% [3,5]%"}},
      // An approximate Chinese range read by scan_number.
      {"每校配备两三名心理教师", kSpec, {"两三 [2,3]"}},
  });
}

TEST_CASE("comparison: two bounds in either order make one interval", "[comparison]") {
  check_rows({
      {"大于二十的同时小于等于三十五", kSpec, {"大于二十的同时小于等于三十五 (20,35]"}},
      {"大于100 并且小于300 的数", kSpec, {"大于100 并且小于300 (100,300)"}},
      {"最多100最少20个", kSpec, {"最多100最少20 [20,100]"}},
      {"数字在1000以上， 1500以下", kSpec, {"1000以上， 1500以下 (1000,1500)"}},
      {"数字在1000以上， 1500以下", kPolicy, {"1000以上， 1500以下 [1000,1500]"}},
      {"比四分之一大， 比二分之一小", kSpec, {"比四分之一大， 比二分之一小 (0.25,0.5)"}},
      {"大于等于0并小于230.3964", kSpec, {"大于等于0并小于230.3964 [0,230.3964)"}},
      // Different subjects: two comparisons.
      {"x大于10且y小于20", kSpec, {"大于10 (10,)", "小于20 (,20)"}},
      // A contradictory pair is two comparisons; the second may still pair with a third.
      {"大于50小于12的目标", kSpec, {"大于50 (50,)", "小于12 (,12)"}},
      {"大于50小于12大于5", kSpec, {"大于50 (50,)", "小于12大于5 (5,12)"}},
      // Equal ends meet only when both are closed.
      {"不小于5不大于5", kSpec, {"不小于5不大于5 [5,5]"}},
      {"大于5小于5", kSpec, {"大于5 (5,)", "小于5 (,5)"}},
  });
}

TEST_CASE("comparison: 多/余/几 bound the round number from below", "[comparison]") {
  check_rows({
      {"五百多个", kSpec, {"五百多 (500,)"}},
      {"500余所", kPolicy, {"500余 (500,)"}},
      {"500多亿", kSpec, {"500多亿 (50000000000,)"}},
      {"十几万", kSpec, {"十几万 (100000,)"}},
      {"三十万多亿", kSpec, {"三十万多亿 (30000000000000,)"}},
      {"500万余亿", kSpec, {"500万余亿 (500000000000000,)"}},
  });
  const auto all = zhpolicy::read_comparisons(U"二百三十余万", kSpec);
  REQUIRE(all.size() == 1);
  CHECK(all[0].approximate);
  CHECK(all[0].kind == zhpolicy::ComparisonKind::kLower);
}

TEST_CASE("comparison: numbers composed beyond scan_number", "[comparison]") {
  check_rows({
      {"超过1/2的人", kSpec, {"超过1/2 (0.5,)"}},
      {"大于或者等于三千 九百 六十五 ", kSpec, {"大于或者等于三千 九百 六十五 [3965,)"}},
      {"大于或者等于４，５６５", kSpec, {"大于或者等于４，５６５ [4565,)"}},
      {"超过了百分之零点九", kSpec, {"超过了百分之零点九 (0.9,)%"}},
      {"低于5‰", kSpec, {"低于5‰ (,5)‰"}},
  });
  // A fraction without a finite decimal is rounded and flagged.
  const auto third = zhpolicy::read_comparisons(U"超过1/3", kSpec);
  REQUIRE(third.size() == 1);
  CHECK(third[0].inexact);
  CHECK(third[0].interval.to_string() == "(0.33333333333333333,)");
}

TEST_CASE("comparison: what is not a comparison", "[comparison]") {
  check_rows({
      {"通过5项评估", kSpec, {}},           // 通过 is not 过
      {"经过3年努力", kSpec, {}},
      {"2020-04-16发布", kSpec, {}},        // a date, not a range
      {"2021/03/05", kSpec, {}},
      {"电话0571-88888888", kSpec, {}},
      {"至少设立1个", kSpec, {}},           // a verb between: the extractor's call
      {"比上年提高5%", kSpec, {}},
      {"“十四五”规划", kSpec, {}},
      {"第五批以上", kSpec, {}},            // an ordinal
      {"新增学位14310个", kSpec, {}},
      {"统一以上报送", kSpec, {}},          // 一 closes the word 统一
      {"请给我一以上个苹果", kSpec, {"一以上 (1,)"}},
      {"大于", kSpec, {}},
      {"", kSpec, {}},
  });
}

TEST_CASE("comparison: Interval::to_string and compare_decimals", "[comparison]") {
  zhpolicy::Interval i;
  CHECK(i.to_string() == "(,)");
  i.low = dec("10");
  i.low_closed = true;
  CHECK(i.to_string() == "[10,)");
  i.high = dec("20.5");
  CHECK(i.to_string() == "[10,20.5)");
  i.high_closed = true;
  CHECK(i.to_string() == "[10,20.5]");
  CHECK(zhpolicy::compare_decimals(dec("10"), dec("9.99")) == 1);
  CHECK(zhpolicy::compare_decimals(dec("-10"), dec("9")) == -1);
  CHECK(zhpolicy::compare_decimals(dec("-10"), dec("-9")) == -1);
  CHECK(zhpolicy::compare_decimals(dec("1.5e8"), dec("150000000")) == 0);
  CHECK(zhpolicy::compare_decimals(dec("0"), dec("-0")) == 0);
  CHECK(zhpolicy::compare_decimals(dec("0.001"), dec("0")) == 1);
  CHECK(zhpolicy::compare_decimals(dec("12345678901234567"), dec("12345678901234568")) == -1);
}

TEST_CASE("comparison: read_ordinals reads 第N", "[comparison]") {
  const std::u32string t = U"第一名第二名，第十二条，第２５０，第3万回，第1.5";
  std::vector<std::string> got;
  for (const zhpolicy::Ordinal& o : zhpolicy::read_ordinals(t)) {
    got.push_back(code_points_to_utf8(std::u32string_view(t).substr(o.begin, o.end - o.begin)) + "=" +
                  o.value.to_string());
  }
  CHECK(got == Strings{"第一=1", "第二=2", "第十二=12", "第２５０=250", "第3万=30000"});
}

TEST_CASE("comparison: spans are ordered, disjoint and inside the text on long input", "[comparison]") {
  // Linear: 60,000 code points of comparisons and near-misses in one call.
  std::u32string t;
  for (int k = 0; k < 2000; ++k) t += U"大于10小于20，至少设立1个，通过5项 5k-20k ";
  const auto all = zhpolicy::read_comparisons(t, kPolicy);
  CHECK(all.size() == 4000);
  size_t last = 0;
  for (const Comparison& c : all) {
    REQUIRE(c.begin >= last);
    REQUIRE(c.begin < c.end);
    REQUIRE(c.end <= t.size());
    last = c.end;
  }
}

TEST_CASE("comparison: random strings of comparison material keep the invariants", "[comparison]") {
  // Deterministic pseudo-random texts over the characters the reader reacts to; run under
  // ASan/UBSan by scripts/test.sh. Invariants: spans ordered, disjoint, non-empty, inside
  // the text; a one-sided interval has one side; low <= high when both are set.
  const std::u32string alphabet = U"大于小等不至少多以上下到-~和与之间第十百千万亿一二三两0123456789.%/k 　，且并比几余或者超过逾满足≥<=>位在";
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::u32string t;
    const size_t n = next() % 40;
    for (size_t k = 0; k < n; ++k) t += alphabet[next() % alphabet.size()];
    for (BoundReading reading : {kSpec, kExp, kPolicy}) {
      size_t last = 0;
      for (const Comparison& c : zhpolicy::read_comparisons(t, reading)) {
        INFO("text: " << code_points_to_utf8(t));
        REQUIRE(c.begin >= last);
        REQUIRE(c.begin < c.end);
        REQUIRE(c.end <= t.size());
        last = c.end;
        REQUIRE((c.interval.low || c.interval.high));
        if (c.interval.low && c.interval.high) {
          REQUIRE(zhpolicy::compare_decimals(*c.interval.low, *c.interval.high) <= 0);
        }
      }
    }
    for (const zhpolicy::Ordinal& o : zhpolicy::read_ordinals(t)) REQUIRE(o.end <= t.size());
  }
}

// ---------------------------------------------------------------------------------------
// Cross-check: the extractor's comparator against the comparison reader (kPolicy).
//
// For every target whose comparator is >=, >, <=, < or range, the reader runs on the
// target's own span of the normalized text and must find a comparison with the interval
// the comparator stands for: >= [v,), > (v,), <= (,v], < (,v), range [v,value_max]. Values
// are compared in the target's units: the extractor keeps the multiplier of 万元/亿元 in
// the unit (450万元 -> 450), the reader does not (4500000). A span in which the reader
// finds no comparison at all is a target whose comparator came from outside its span (an
// enumeration "不超过25人、30人", a distant word "至少设立1个"): listed, not compared.

namespace {

zhpolicy::Decimal times_ten_to(const zhpolicy::Decimal& d, int32_t k) {
  return zhpolicy::make_decimal(d.coefficient, d.exponent + k, d.negative);
}

// The interval a target's comparator stands for, in the reader's units.
zhpolicy::Interval target_interval(const zhpolicy::Target& t) {
  int32_t shift = 0;
  if (t.unit_norm.rfind("万亿", 0) == 0) shift = 12;
  else if (t.unit_norm.rfind("万", 0) == 0) shift = 4;
  else if (t.unit_norm.rfind("亿", 0) == 0) shift = 8;
  const zhpolicy::Decimal v = times_ten_to(t.value, shift);
  zhpolicy::Interval i;
  if (t.comparator == ">=" || t.comparator == ">" || t.comparator == "range") {
    i.low = v;
    i.low_closed = t.comparator != ">";
  }
  if (t.comparator == "<=" || t.comparator == "<") {
    i.high = v;
    i.high_closed = t.comparator == "<=";
  }
  if (t.comparator == "range") {
    i.high = times_ten_to(t.value_max, shift);
    i.high_closed = true;
  }
  return i;
}

// Rounds to `places` decimals, half away from zero (the extractor keeps fractions as
// percentages with four decimals: 三分之一 -> 33.3333).
zhpolicy::Decimal rounded(const zhpolicy::Decimal& d, int32_t places) {
  if (d.exponent >= -places) return d;
  uint64_t c = d.coefficient;
  for (int32_t k = d.exponent; k < -places - 1; ++k) c /= 10;
  c = (c + 5) / 10;
  return zhpolicy::make_decimal(c, -places, d.negative);
}

// The reader's interval in the extractor's units: a plain fraction against a percent target
// becomes a percentage with four decimals.
zhpolicy::Interval in_target_units(const Comparison& c, const zhpolicy::Target& t) {
  zhpolicy::Interval i = c.interval;
  if (c.scale == zhpolicy::ValueScale::kPlain && t.unit_norm == "%") {
    if (i.low) i.low = rounded(times_ten_to(*i.low, 2), 4);
    if (i.high) i.high = rounded(times_ten_to(*i.high, 2), 4);
  }
  return i;
}

struct CrossCheck {
  size_t compared = 0, agreed = 0;
  std::vector<std::string> not_comparable;
  std::vector<std::string> disagreements;
  // Informational: bounds the reader sees that the extractor reports as = / ~ or not at all.
  std::vector<std::string> reader_only;
};

void cross_check_document(const std::string& path, CrossCheck& out) {
  std::string bytes;
  REQUIRE(zhpolicy::test::read_file(path, bytes));
  zhpolicy::Result<zhpolicy::Document> doc = zhpolicy::process_document(bytes, path);
  REQUIRE(doc.ok());
  const std::string file = path.substr(path.rfind('/') + 1);
  const std::u32string_view norm = doc->normalized;
  // The reverse direction, for information: comparisons in the whole text that no
  // bounded target covers.
  for (const Comparison& r : zhpolicy::read_comparisons(norm, BoundReading::kPolicy)) {
    const zhpolicy::Target* covering = nullptr;
    for (const zhpolicy::Target& t : doc->targets) {
      if (t.start < r.end && r.begin < t.end) covering = &t;
    }
    if (covering != nullptr && covering->comparator != "=" && covering->comparator != "~") continue;
    const size_t from = r.begin >= 8 ? r.begin - 8 : 0;
    std::ostringstream line;
    line << file << " @" << r.begin << ": \"" << code_points_to_utf8(norm.substr(r.begin, r.end - r.begin)) << "\" "
         << r.interval.to_string() << scale_mark(r.scale) << " (" << zhpolicy::comparison_kind_name(r.kind) << "); "
         << (covering ? "extractor " + std::string(covering->comparator) + " \"" + covering->text + "\""
                      : std::string("no target"))
         << "; context \"" << code_points_to_utf8(norm.substr(from, std::min(norm.size(), r.end + 4) - from)) << "\"";
    out.reader_only.push_back(line.str());
  }
  for (const zhpolicy::Target& t : doc->targets) {
    const std::string_view c = t.comparator;
    if (c != ">=" && c != ">" && c != "<=" && c != "<" && c != "range") continue;
    const std::u32string_view span = std::u32string_view(doc->normalized).substr(t.start, t.end - t.start);
    const auto found = zhpolicy::read_comparisons(span, BoundReading::kPolicy);
    const zhpolicy::Interval want = target_interval(t);
    std::ostringstream line;
    line << file << " @" << t.start << ": \"" << code_points_to_utf8(span)
         << "\" extractor " << c << " " << t.value.to_string() << (t.has_max ? ".." + t.value_max.to_string() : "")
         << " " << t.unit_norm << " -> " << want.to_string();
    if (found.empty()) {
      const size_t from = t.start >= 12 ? t.start - 12 : 0;
      line << "; context \"" << code_points_to_utf8(std::u32string_view(doc->normalized).substr(from, t.end - from))
           << "\"";
      out.not_comparable.push_back(line.str());
      continue;
    }
    ++out.compared;
    // The comparison covering most of the span.
    const Comparison* best = &found[0];
    for (const Comparison& f : found) {
      if (f.end - f.begin > best->end - best->begin) best = &f;
    }
    const bool agree = in_target_units(*best, t) == want && found.size() == 1;
    if (agree) {
      ++out.agreed;
    } else {
      line << "; reader " << found.size() << " comparison(s), widest \""
           << code_points_to_utf8(span.substr(best->begin, best->end - best->begin)) << "\" "
           << best->interval.to_string() << scale_mark(best->scale);
      out.disagreements.push_back(line.str());
    }
  }
}

}  // namespace

TEST_CASE("comparison: cross-check with the extractor's comparators on seeds and samples",
          "[comparison][crosscheck]") {
  std::vector<std::string> files = zhpolicy::test::seed_files();
  if (files.empty()) WARN("SKIPPED the seeds in the cross-check: none in " << zhpolicy::test::seeds_dir());
  for (const char* name : {"2022_news_report.txt", "2023_county_plan_gb18030.txt",
                           "2024_traditional_scheme_big5.txt", "2024_traditional_with_inline_items.txt",
                           "2025_district_notice.html", "2025_simplified_work_plan.txt"}) {
    files.push_back(zhpolicy::test::samples_dir() + "/" + name);
  }
  CrossCheck result;
  for (const std::string& f : files) cross_check_document(f, result);
  std::ostringstream report;
  report << "=== comparison cross-check: " << result.agreed << "/" << result.compared
         << " targets agree; " << result.not_comparable.size() << " with the comparator outside the span\n";
  for (const std::string& s : result.disagreements) report << "  DISAGREE " << s << "\n";
  for (const std::string& s : result.not_comparable) report << "  outside  " << s << "\n";
  report << "--- for information, " << result.reader_only.size()
         << " comparisons the reader finds that no bounded target covers (years, ages, = and ~ rows):\n";
  for (const std::string& s : result.reader_only) report << "  reader   " << s << "\n";
  std::cout << report.str() << std::flush;
  CHECK(result.compared > 0);
  for (const std::string& s : result.disagreements) {
    INFO(s);
    CHECK(false);
  }
}

// The same cross-check on policy sentences written for it, in both directions: every
// bounded target must agree with the reader on its span (as above), and every comparison
// the reader finds must be matched by a target with the same interval (a two-sided one by
// a target per side). `extractor_gap` names what the extractor misses when this was
// written; those sentences are reported (WARN) and not failed, and a WARN also says when a
// gap has closed so that the table can be updated. Reported to the extractor's owner.
namespace {

struct Probe {
  const char* sentence;
  const char* extractor_gap;  // "" when extractor and reader agree
};

zhpolicy::Interval side_of(const zhpolicy::Interval& i, bool lower) {
  zhpolicy::Interval s;
  if (lower) {
    s.low = i.low;
    s.low_closed = i.low_closed;
  } else {
    s.high = i.high;
    s.high_closed = i.high_closed;
  }
  return s;
}

// Disagreements between the extractor and the reader on one text, one line each.
std::vector<std::string> probe_disagreements(const std::string& sentence) {
  std::vector<std::string> out;
  zhpolicy::Result<zhpolicy::Document> doc = zhpolicy::process_document(sentence, "probe.txt");
  REQUIRE(doc.ok());
  const std::u32string_view norm = doc->normalized;
  auto bounded = [](const zhpolicy::Target& t) {
    return t.comparator == ">=" || t.comparator == ">" || t.comparator == "<=" || t.comparator == "<" ||
           t.comparator == "range";
  };
  for (const zhpolicy::Target& t : doc->targets) {
    if (!bounded(t)) continue;
    const auto found = zhpolicy::read_comparisons(norm.substr(t.start, t.end - t.start), BoundReading::kPolicy);
    if (found.size() == 1 && in_target_units(found[0], t) != target_interval(t)) {
      out.push_back("target \"" + t.text + "\" " + std::string(t.comparator) + " is " + target_interval(t).to_string() +
                    ", the reader says " + found[0].interval.to_string());
    }
  }
  for (const Comparison& r : zhpolicy::read_comparisons(norm, BoundReading::kPolicy)) {
    if (r.kind == zhpolicy::ComparisonKind::kEqual) continue;
    std::vector<zhpolicy::Interval> wanted;
    if (r.kind == zhpolicy::ComparisonKind::kTwoSided) {
      wanted = {side_of(r.interval, true), side_of(r.interval, false)};
    } else {
      wanted = {r.interval};
    }
    for (const zhpolicy::Interval& w : wanted) {
      bool matched = false;
      std::string seen;
      for (const zhpolicy::Target& t : doc->targets) {
        if (!(t.start < r.end && r.begin < t.end)) continue;
        seen += " \"" + t.text + "\" " + std::string(t.comparator);
        Comparison as_side = r;
        as_side.interval = w;
        matched |= bounded(t) && target_interval(t) == in_target_units(as_side, t);
      }
      if (!matched) {
        out.push_back("reader \"" + code_points_to_utf8(norm.substr(r.begin, r.end - r.begin)) + "\" " +
                      w.to_string() + " has no target with that interval (targets there:" +
                      (seen.empty() ? std::string(" none") : seen) + ")");
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("comparison: cross-check with the extractor on policy sentences", "[comparison][crosscheck]") {
  const Probe probes[] = {
      {"确保覆盖率达到90%及以上。", ""},
      {"新建学校不少于5所。", ""},
      {"计划投入超过1000万元。", ""},
      {"生均面积3至5平方米。", ""},
      {"覆盖率提高3-5个百分点。", ""},
      {"招聘教师100名以上。", ""},
      {"每班不超过50人。", ""},
      {"培训人数逾5000人次。", ""},
      {"校长任职满5年以上的交流。", ""},
      {"确保学校数量不低于10所，不超过20所。", ""},
      {"在校生1万人以上的学校。", ""},
      {"完成率高于95%。", ""},
      {"事故率低于0.5‰。", ""},
      {"建设5到8所学校。", ""},
      {"新增学位2万个以上。", ""},
      {"投资3亿元以上。", ""},
      {"支出不高于5000万元。", ""},
      {"考核优秀率不超过三分之一。", ""},
      {"每校配备两三名心理教师。", ""},
      {"班额控制在45人以内。", ""},
      {"确保义务教育巩固率大于等于99%。", "大于等于 is not a cue; the distant-cue rule reads 大于: > instead of >="},
      {"力争小学班额小于等于45人。", "小于等于 / 小于 are not cues: = instead of <="},
      {"确保初中生体质测试合格率不小于90%。", "不小于 is not a cue: = instead of >="},
      {"每班学生数至多45人。", "至多 is not a cue: = instead of <="},
      {"确保培训时长不到72学时的学校清零。", "不到 is not a cue: = instead of <"},
      {"不满3周岁幼儿入园率达到30%。", "不满 is not a cue: = instead of <"},
      {"班额45人及以下。", "及以下 is not a cue (及以上 is): = instead of <="},
      {"教师数量大于200名小于300名。", "小于 is not a cue; the distant-cue rule gives 300名 the > of 大于200名"},
      {"确保达标率在90%至95%之间。", "a range of two percentages (90%至95%) is two = rows"},
      {"至少有3所学校。", ""},
  };
  size_t gaps = 0, closed = 0;
  for (const Probe& p : probes) {
    const std::vector<std::string> found = probe_disagreements(p.sentence);
    std::string lines;
    for (const std::string& s : found) lines += "\n    " + s;
    if (std::string(p.extractor_gap).empty()) {
      INFO(p.sentence << lines);
      CHECK(found.empty());
    } else if (found.empty()) {
      ++closed;
      WARN("extractor gap closed, update the table: " << p.sentence << " (" << p.extractor_gap << ")");
    } else {
      ++gaps;
      std::cout << "  KNOWN EXTRACTOR GAP " << p.sentence << " — " << p.extractor_gap << lines << "\n";
    }
  }
  std::cout << "=== comparison cross-check on policy sentences: " << gaps << " known extractor gaps, " << closed
            << " closed\n"
            << std::flush;
}
