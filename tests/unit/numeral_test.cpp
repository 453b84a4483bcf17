// Tests for src/numeral.cpp: the table of cases in tests/data/numeral_cases.tsv, a few
// named cases that document the API, an exhaustive round trip 1..9999 (and a sample up
// to 10^12) through an independent reference speller, and robustness checks.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "json_mini.hpp"
#include "internal/decimal_text.hpp"
#include "internal/numeral_class.hpp"
#include "internal/numeral_scan.hpp"
#include "zhpolicy/numeral.hpp"

namespace {

using zhpolicy::Decimal;
using zhpolicy::NumberKind;
using zhpolicy::ScannedNumber;
using zhpolicy::ScanOptions;
using zhpolicy::test::code_points_to_utf8;
using zhpolicy::test::utf8_to_code_points;

std::string test_data_path(const std::string& name) {
#ifdef ZHPOLICY_DATA_DIR
  return std::string(ZHPOLICY_DATA_DIR) + "/../tests/data/" + name;
#else
  // Direct compiles: tests/unit/<this file> -> tests/data/<name>.
  std::string here = __FILE__;
  return here.substr(0, here.rfind('/')) + "/../data/" + name;
#endif
}

ScannedNumber scan(const std::string& utf8, const ScanOptions& options = {}) {
  return zhpolicy::scan_number(utf8_to_code_points(utf8), 0, options);
}

std::optional<uint64_t> parse(const std::string& utf8) {
  return zhpolicy::parse_integer(utf8_to_code_points(utf8));
}

std::string matched(const std::string& utf8, const ScannedNumber& r) {
  const std::u32string text = utf8_to_code_points(utf8);
  return code_points_to_utf8(std::u32string_view(text).substr(r.begin, r.end - r.begin));
}

const std::pair<const char*, uint16_t> kFlagNames[] = {
    {"single", ScannedNumber::kSingleChineseDigit},
    {"digit_sequence", ScannedNumber::kDigitSequence},
    {"grouped", ScannedNumber::kGrouped},
    {"point", ScannedNumber::kHasPoint},
    {"ends_with_unit", ScannedNumber::kEndsWithUnit},
    {"leading_zero", ScannedNumber::kLeadingZero},
    {"overflow", ScannedNumber::kOverflow},
    {"signed", ScannedNumber::kSigned},
    {"sign_suffix", ScannedNumber::kSignSuffix},
    {"approximate", ScannedNumber::kApproximate},
};

std::string flag_names(uint16_t flags) {
  std::string out;
  for (const auto& [name, bit] : kFlagNames) {
    if (flags & bit) out += (out.empty() ? "" : ",") + std::string(name);
  }
  return out.empty() ? "-" : out;
}

// The value column of the table: "1.57", "1/3", "2..3", "-".
std::string value_text(const ScannedNumber& r) {
  switch (r.kind) {
    case NumberKind::kNone: return "-";
    case NumberKind::kFraction: return r.value.to_string() + "/" + r.second.to_string();
    case NumberKind::kRange: return r.value.to_string() + ".." + r.second.to_string();
    default: return r.value.to_string();
  }
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

struct CaseRow {
  int line = 0;
  std::vector<std::string> fields;
};

std::vector<CaseRow> load_cases() {
  std::ifstream in(test_data_path("numeral_cases.tsv"));
  std::vector<CaseRow> rows;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    rows.push_back(CaseRow{line_no, split(line, '\t')});
  }
  return rows;
}

ScanOptions options_from(const std::string& spec) {
  ScanOptions o;
  for (const std::string& name : split(spec, ',')) {
    if (name == "signs") o.signs = true;
    if (name == "no_percent") o.percent_forms = false;
    if (name == "no_fractions") o.fractions = false;
    if (name == "no_ranges") o.ranges = false;
    if (name == "lone_financial") o.lone_financial = true;
  }
  return o;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// The table.

TEST_CASE("numeral: numeral_cases.tsv is well formed (header, 5-6 fields, unique rows, UTF-8)",
          "[numeral]") {
  std::ifstream in(test_data_path("numeral_cases.tsv"));
  REQUIRE(in.good());
  std::string first;
  std::string line;
  bool has_format = false;
  while (std::getline(in, line)) {
    if (line.rfind("# Format:", 0) == 0) has_format = true;
  }
  CHECK(has_format);
  std::set<std::string> seen;
  const std::set<std::string> kinds = {"int", "none", "plain", "fraction", "percent", "permille", "tenths", "range"};
  for (const CaseRow& row : load_cases()) {
    INFO("numeral_cases.tsv:" << row.line);
    REQUIRE((row.fields.size() == 5 || row.fields.size() == 6));
    CHECK(kinds.count(row.fields[1]) == 1);
    CHECK(code_points_to_utf8(utf8_to_code_points(row.fields[0])) == row.fields[0]);
    const std::string key = row.fields[0] + "\t" + row.fields[1] + "\t" + (row.fields.size() == 6 ? row.fields[5] : "");
    CHECK(seen.insert(key).second);
  }
  CHECK(seen.size() > 150);
}

TEST_CASE("numeral: every row of numeral_cases.tsv", "[numeral]") {
  const std::vector<CaseRow> rows = load_cases();
  REQUIRE(!rows.empty());
  for (const CaseRow& row : rows) {
    if (row.fields.size() < 5) continue;  // reported by the well-formedness test
    const std::string& input = row.fields[0];
    const std::string& kind = row.fields[1];
    const std::string& value = row.fields[2];
    INFO("numeral_cases.tsv:" << row.line << ": " << input << " (" << kind << ")");
    if (kind == "int") {
      const auto got = parse(input);
      CHECK((got ? std::to_string(*got) : std::string("-")) == value);
      continue;
    }
    const ScanOptions options = options_from(row.fields.size() == 6 ? row.fields[5] : "");
    const ScannedNumber r = scan(input, options);
    CHECK(zhpolicy::number_kind_name(r.kind) == kind);
    CHECK(value_text(r) == value);
    const std::string match = row.fields[3] == "=" ? input : row.fields[3];
    CHECK((r ? matched(input, r) : std::string("-")) == match);
    CHECK(flag_names(r.flags) == row.fields[4]);
  }
}

// ---------------------------------------------------------------------------------------
// Named cases: the contract in readable form.

TEST_CASE("numeral: 一百零五 is 105", "[numeral]") { CHECK(parse("一百零五") == 105u); }

TEST_CASE("numeral: 十一 and 一十一 are both 11", "[numeral]") {
  CHECK(parse("十一") == 11u);
  CHECK(parse("一十一") == 11u);
}

TEST_CASE("numeral: 两 is 2 before 百 千 万 亿, 二 is too", "[numeral]") {
  CHECK(parse("两百") == 200u);
  CHECK(parse("二百") == 200u);
  CHECK(parse("两万") == 20000u);
  CHECK(parse("两亿") == 200000000u);
  CHECK(parse("兩億") == 200000000u);
}

TEST_CASE("numeral: 13万 is 130000 and prints without exponent", "[numeral]") {
  const ScannedNumber r = scan("13万人");
  REQUIRE(r);
  CHECK(r.end == 3);
  CHECK(r.value.to_string() == "130000");
  CHECK(r.script == zhpolicy::NumeralScript::kMixed);
}

TEST_CASE("numeral: 1.57 prints as 1.57, 1.5亿 as 150000000", "[numeral]") {
  CHECK(scan("1.57").value.to_string() == "1.57");
  CHECK(scan("1.5亿").value.to_string() == "150000000");
  CHECK(scan("1.50").value.to_string() == "1.5");
  CHECK(scan("0.05").value.to_string() == "0.05");
}

TEST_CASE("numeral: 三分之一 is the fraction 1/3", "[numeral]") {
  const ScannedNumber r = scan("三分之一的学校");
  CHECK(r.kind == NumberKind::kFraction);
  CHECK(r.value == zhpolicy::make_decimal(1));
  CHECK(r.second == zhpolicy::make_decimal(3));
  CHECK(r.end == 4);
}

TEST_CASE("numeral: 百分之九十五 and 95% are 95 percent, 九成 is 9 tenths", "[numeral]") {
  CHECK(scan("百分之九十五").kind == NumberKind::kPercent);
  CHECK(scan("百分之九十五").value == zhpolicy::make_decimal(95));
  CHECK(scan("95%").kind == NumberKind::kPercent);
  CHECK(scan("95%").has(ScannedNumber::kSignSuffix));
  CHECK(scan("九成").kind == NumberKind::kTenths);
  CHECK(scan("千分之五").kind == NumberKind::kPermille);
}

TEST_CASE("numeral: 两三个 is the range 2..3", "[numeral]") {
  const ScannedNumber r = scan("两三个");
  CHECK(r.kind == NumberKind::kRange);
  CHECK(r.value.to_string() == "2");
  CHECK(r.second.to_string() == "3");
  CHECK(r.end == 2);
}

TEST_CASE("numeral: 一体化 yields a single-digit match the extractor must judge", "[numeral]") {
  const ScannedNumber r = scan("一体化");
  CHECK(r.kind == NumberKind::kPlain);
  CHECK(r.has(ScannedNumber::kSingleChineseDigit));
  CHECK_FALSE(scan("一百").has(ScannedNumber::kSingleChineseDigit));
}

TEST_CASE("numeral: scan_number starts exactly at pos and never reads before it", "[numeral]") {
  const std::u32string text = utf8_to_code_points("共有13万2千人");
  ScannedNumber r = zhpolicy::scan_number(text, 2);
  CHECK(r.begin == 2);
  CHECK(r.end == 7);
  CHECK(r.value.to_string() == "132000");
  // In the middle of a number it reads what is there: "3万2千".
  r = zhpolicy::scan_number(text, 3);
  CHECK(r.value.to_string() == "32000");
  // Past the end, or on a non-numeral: nothing, end == pos.
  CHECK_FALSE(zhpolicy::scan_number(text, text.size()));
  CHECK_FALSE(zhpolicy::scan_number(text, text.size() + 5));
  r = zhpolicy::scan_number(text, 0);
  CHECK_FALSE(r);
  CHECK(r.end == 0);
}

TEST_CASE("numeral: unfolded forms read like folded ones (萬 億 兩 貳 參 ０-９ ．)", "[numeral]") {
  CHECK(parse("十三萬") == parse("十三万"));
  CHECK(parse("五億") == parse("五亿"));
  CHECK(parse("兩千") == parse("两千"));
  CHECK(parse("貳拾") == parse("贰拾"));
  CHECK(parse("參仟") == parse("叁仟"));
  CHECK(parse("１３万") == 130000u);
  CHECK(scan("１．５亿").value.to_string() == "150000000");
}

TEST_CASE("numeral: numeral_digit_value and is_chinese_numeral_char", "[numeral]") {
  CHECK(zhpolicy::numeral_digit_value(U'7') == 7);
  CHECK(zhpolicy::numeral_digit_value(U'７') == 7);
  CHECK(zhpolicy::numeral_digit_value(U'柒') == 7);
  CHECK(zhpolicy::numeral_digit_value(U'〇') == 0);
  CHECK(zhpolicy::numeral_digit_value(U'兩') == 2);
  CHECK(zhpolicy::numeral_digit_value(U'十') == -1);
  CHECK(zhpolicy::numeral_digit_value(U'a') == -1);
  CHECK(zhpolicy::is_chinese_numeral_char(U'萬'));
  CHECK(zhpolicy::is_chinese_numeral_char(U'拾'));
  CHECK_FALSE(zhpolicy::is_chinese_numeral_char(U'7'));
  CHECK_FALSE(zhpolicy::is_chinese_numeral_char(U'点'));
}

TEST_CASE("numeral: Decimal is exact and canonical", "[numeral]") {
  CHECK(zhpolicy::make_decimal(0).to_string() == "0");
  CHECK(zhpolicy::make_decimal(1500, -3).to_string() == "1.5");
  CHECK(zhpolicy::make_decimal(5, -1, true).to_string() == "-0.5");
  CHECK(zhpolicy::make_decimal(12345, -2, true).to_string() == "-123.45");
  CHECK(zhpolicy::make_decimal(13, 4).to_string() == "130000");
  CHECK(zhpolicy::make_decimal(13, 4) == zhpolicy::make_decimal(130000));
  CHECK(zhpolicy::make_decimal(130000).coefficient == 13);
  CHECK(Decimal{150, -2, false}.to_string() == "1.5");  // hand-built, not canonical
  CHECK(Decimal{5, -30, false}.to_string() == "0.000000000000000000000000000005");
  CHECK(zhpolicy::make_decimal(15, 7).to_uint64() == 150000000u);
  CHECK_FALSE(zhpolicy::make_decimal(15, -1).to_uint64());
  CHECK_FALSE(zhpolicy::make_decimal(2, 19).to_uint64());
  CHECK(zhpolicy::make_decimal(1, 19).to_uint64() == 10000000000000000000u);
}

TEST_CASE("numeral: parse_decimal_literal reads spec values exactly", "[numeral]") {
  const auto big = zhpolicy::parse_decimal_literal("2.02107211321364E+23");
  REQUIRE(big);
  CHECK(big->to_string() == "202107211321364000000000");
  CHECK(zhpolicy::parse_decimal_literal("-1.2732E+15")->to_string() == "-1273200000000000");
  CHECK(zhpolicy::parse_decimal_literal("5E-06")->to_string() == "0.000005");
  CHECK(zhpolicy::parse_decimal_literal("0.23456000")->to_string() == "0.23456");
  CHECK(zhpolicy::parse_decimal_literal("-0")->to_string() == "0");
  CHECK(zhpolicy::parse_decimal_literal(".5")->to_string() == "0.5");
  CHECK_FALSE(zhpolicy::parse_decimal_literal(""));
  CHECK_FALSE(zhpolicy::parse_decimal_literal("1.2.3"));
  CHECK_FALSE(zhpolicy::parse_decimal_literal("1e"));
  CHECK_FALSE(zhpolicy::parse_decimal_literal("12345678901234567890123"));
}

// ---------------------------------------------------------------------------------------
// Exhaustive round trip through an independent reference speller.
//
// The speller follows the standard reading rules (not the parser's code): four-digit
// groups under 亿 and 万; inside a group and between groups a run of skipped places is
// read as one 零 (一万零五, 一亿零五万, 一千零五); 十 alone at the head of the number
// (十一) but 一十 elsewhere (一百一十, 一万零一十). Variants the parser must also accept:
// 一十一 at the head, 两 for a 2 directly before 百/千/万/亿, the abbreviated last digit
// (一千三, 九十二万四), and the mixed form with Arabic groups (13万2千 style: 1亿2345万6789).

namespace {

struct Script {
  const char* digits[10];
  const char* ten;
  const char* hundred;
  const char* thousand;
  const char* wan;
  const char* yi;
  const char* liang;  // nullptr: no 两 variant
};

const Script kSimplified = {{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
                            "十", "百", "千", "万", "亿", "两"};
const Script kTraditional = {{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
                             "十", "百", "千", "萬", "億", "兩"};
const Script kFinancial = {{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"},
                           "拾", "佰", "仟", "万", "亿", nullptr};
const Script kFinancialTraditional = {{"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"},
                                      "拾", "佰", "仟", "萬", "億", nullptr};

struct SpellStyle {
  const Script* script = &kSimplified;
  bool yi_shi = false;  // 一十一 instead of 十一 at the head
  bool liang = false;   // 两 for a 2 before 百 千 万 亿
};

// One group 1..9999. `head`: this group starts the number (十一 rule).
std::string spell_group(unsigned g, bool head, const SpellStyle& style, bool before_big) {
  const Script& s = *style.script;
  const char* units[4] = {"", s.ten, s.hundred, s.thousand};
  const unsigned d[4] = {g % 10, g / 10 % 10, g / 100 % 10, g / 1000};
  int top = 3;
  while (d[top] == 0) --top;
  std::string out;
  bool zero_pending = false;
  for (int place = top; place >= 0; --place) {
    if (d[place] == 0) {
      zero_pending = true;
      continue;
    }
    if (zero_pending) {
      out += s.digits[0];
      zero_pending = false;
    }
    const bool is_head_ten = place == 1 && place == top && d[1] == 1 && head && !style.yi_shi;
    if (!is_head_ten) {
      // 两 directly before 百/千, and before 万/亿 when the whole group is the 2.
      const bool before_hundreds = place >= 2;
      const bool lone_two_before_big = place == 0 && top == 0 && before_big;
      if (d[place] == 2 && style.liang && s.liang != nullptr && (before_hundreds || lone_two_before_big)) {
        out += s.liang;
      } else {
        out += s.digits[d[place]];
      }
    }
    out += units[place];
  }
  return out;
}

// n in 1..10^16-1, standard reading. The count of 亿 may itself need 万 (一万五千亿).
std::string spell(uint64_t n, const SpellStyle& style) {
  const Script& s = *style.script;
  const uint64_t groups[3] = {n / 100000000, n / 10000 % 10000, n % 10000};
  const char* bigs[3] = {s.yi, s.wan, ""};
  std::string out;
  bool started = false;
  bool zero_pending = false;
  for (int i = 0; i < 3; ++i) {
    const uint64_t g = groups[i];
    if (g == 0) {
      if (started) zero_pending = true;
      continue;
    }
    if (started && (zero_pending || g < 1000)) out += s.digits[0];
    out += g > 9999 ? spell(g, style) : spell_group(static_cast<unsigned>(g), !started, style, i < 2);
    out += bigs[i];
    started = true;
    zero_pending = false;
  }
  return out;
}

// The mixed form: Arabic groups with 万/亿, 零 where the reading has one: 1亿零5万, 13万2000.
std::string spell_mixed(uint64_t n) {
  const uint64_t groups[3] = {n / 100000000, n / 10000 % 10000, n % 10000};
  const char* bigs[3] = {"亿", "万", ""};
  std::string out;
  bool started = false;
  bool zero_pending = false;
  for (int i = 0; i < 3; ++i) {
    if (groups[i] == 0) {
      if (started) zero_pending = true;
      continue;
    }
    if (started && (zero_pending || groups[i] < 1000)) out += "零";
    out += std::to_string(groups[i]) + bigs[i];
    started = true;
    zero_pending = false;
  }
  return out;
}

// Drops a last unit 百/千 (佰/仟) that follows a digit that follows the unit one place
// above it: 一千三百 -> 一千三, 九十二万四千 -> 九十二万四. Empty if not applicable.
std::string abbreviate(uint64_t n, const SpellStyle& style) {
  // Work on the number: the last non-zero digit is at place p (2 = 百, 3 = 千) and the
  // digit just above it is non-zero, so no 零 stands between them.
  if (n < 100) return {};
  int p = 0;
  uint64_t m = n;
  while (m % 10 == 0) {
    m /= 10;
    ++p;
  }
  if (p < 2 || p > 3 || (m / 10) % 10 == 0 || m < 10) return {};
  const std::string full = spell(n, style);
  const Script& s = *style.script;
  const char* unit = p == 2 ? s.hundred : s.thousand;
  const std::string u(unit);
  if (full.size() < u.size() || full.compare(full.size() - u.size(), u.size(), u) != 0) return {};
  return full.substr(0, full.size() - u.size());
}

struct Spelling {
  std::string text;
  const char* form;
};

std::vector<Spelling> spellings(uint64_t n) {
  std::vector<Spelling> out;
  const Script* scripts[] = {&kSimplified, &kTraditional, &kFinancial, &kFinancialTraditional};
  const char* names[] = {"simplified", "traditional", "financial", "financial traditional"};
  for (int i = 0; i < 4; ++i) {
    for (int variant = 0; variant < 4; ++variant) {
      SpellStyle style;
      style.script = scripts[i];
      style.yi_shi = (variant & 1) != 0;
      style.liang = (variant & 2) != 0;
      out.push_back({spell(n, style), names[i]});
      if (variant == 0) {
        const std::string abbreviated = abbreviate(n, style);
        if (!abbreviated.empty()) out.push_back({abbreviated, "abbreviated"});
      }
    }
  }
  out.push_back({spell_mixed(n), "mixed"});
  out.push_back({std::to_string(n), "arabic"});
  return out;
}

void check_round_trip(uint64_t n, size_t* checked) {
  for (const Spelling& s : spellings(n)) {
    const auto got = parse(s.text);
    if (got != n) {
      FAIL_CHECK("parse_integer(\"" << s.text << "\") (" << s.form << ") = "
                                    << (got ? std::to_string(*got) : "nullopt") << ", want " << n);
    }
    // The scanner reads the same text to its end, even with a measure word after it.
    ScanOptions options;
    options.lone_financial = true;
    const std::u32string text = utf8_to_code_points(s.text + "个");
    const ScannedNumber r = zhpolicy::scan_number(text, 0, options);
    if (r.end + 1 != text.size() || r.value.to_uint64() != n) {
      FAIL_CHECK("scan_number(\"" << s.text << "个\") (" << s.form << ") read "
                                  << r.end << " code points, value " << r.value.to_string() << ", want " << n);
    }
    ++*checked;
  }
}

}  // namespace

TEST_CASE("numeral: the reference speller spells what a reader expects", "[numeral]") {
  SpellStyle plain;
  CHECK(spell(105, plain) == "一百零五");
  CHECK(spell(11, plain) == "十一");
  CHECK(spell(110, plain) == "一百一十");
  CHECK(spell(10005, plain) == "一万零五");
  CHECK(spell(10010, plain) == "一万零一十");
  CHECK(spell(100050000, plain) == "一亿零五万");
  CHECK(spell(100000005, plain) == "一亿零五");
  CHECK(spell(1000005000, plain) == "十亿零五千");
  CHECK(spell(456420015, plain) == "四亿五千六百四十二万零一十五");
  CHECK(spell(1500000000000, plain) == "一万五千亿");
  CHECK(spell(1000000000000, plain) == "一万亿");
  SpellStyle liang;
  liang.liang = true;
  CHECK(spell(2222, liang) == "两千两百二十二");
  CHECK(spell(20000, liang) == "两万");
  CHECK(spell(120000, liang) == "十二万");
  CHECK(abbreviate(1300, plain) == "一千三");
  CHECK(abbreviate(924000, plain) == "九十二万四");
  CHECK(abbreviate(130000, plain).empty());
  CHECK(abbreviate(1030, plain).empty());
  CHECK(spell_mixed(132000) == "13万2000");
  CHECK(spell_mixed(100005) == "10万零5");
}

TEST_CASE("numeral: exhaustive 1..9999 in every script and variant parse back", "[numeral][exhaustive]") {
  size_t checked = 0;
  for (uint64_t n = 1; n <= 9999; ++n) check_round_trip(n, &checked);
  CHECK(checked > 9999 * 18);
}

TEST_CASE("numeral: spot checks up to 10^12 parse back", "[numeral][exhaustive]") {
  size_t checked = 0;
  std::vector<uint64_t> numbers;
  // Round numbers and their neighbours, where the 零 and 十 rules bite.
  for (uint64_t p = 10; p <= 1000000000000ull; p *= 10) {
    for (uint64_t d = 1; d <= 9; ++d) numbers.push_back(d * p);
    numbers.push_back(p + 1);
    numbers.push_back(p - 1);
    numbers.push_back(p + p / 10);
  }
  // Random numbers with many zero digits (a fixed LCG: the run is reproducible).
  uint64_t state = 0x2545F4914F6CDD1Dull;
  for (int i = 0; i < 20000; ++i) {
    uint64_t n = 0;
    for (int place = 0; place < 12; ++place) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const unsigned r = static_cast<unsigned>(state >> 33);
      n = n * 10 + ((r & 1) != 0 ? 0 : r % 10);
    }
    if (n != 0) numbers.push_back(n);
  }
  for (uint64_t n : numbers) check_round_trip(n, &checked);
  CHECK(checked > 20000 * 18);
}

// ---------------------------------------------------------------------------------------
// Robustness.

TEST_CASE("numeral: every BMP code point, alone and before a numeral, scans within bounds",
          "[numeral]") {
  ScanOptions all;
  all.signs = true;
  all.lone_financial = true;
  const char32_t followers[] = {U'一', U'十', U'万', U'分', U'之', U'5', U'.', U',', U'%', U'成', U'点'};
  for (char32_t c = 1; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    for (char32_t f : followers) {
      const std::u32string text = {c, f, f};
      const ScannedNumber r = zhpolicy::scan_number(text, 0, all);
      if (r.end > text.size() || (r && r.end == 0)) {
        FAIL("scan_number ran out of bounds at U+" << std::hex << static_cast<uint32_t>(c));
      }
    }
  }
  SUCCEED();
}

TEST_CASE("numeral: scanning every position of mixed text stays within bounds", "[numeral]") {
  const std::u32string text = utf8_to_code_points(
      "到2025年，全市新增学位13万2千个，覆盖率达到百分之九十五以上，约三分之一的学校、"
      "两三个试点县和九成以上的乡镇；投入1,050.5万元（其中１．５亿元为专项）。二〇二〇年"
      "十四五期间一体化推进，负增长-3%，千分之五，七成五，500余万，十多万，一百零几万。");
  ScanOptions all;
  all.signs = true;
  size_t found = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const ScannedNumber r = zhpolicy::scan_number(text, i, all);
    REQUIRE(r.begin == i);
    REQUIRE(r.end <= text.size());
    if (r) {
      REQUIRE(r.end > i);
      ++found;
    }
  }
  CHECK(found > 30);
}

TEST_CASE("numeral: multiplier characters and their powers of ten", "[numeral]") {
  CHECK(zhpolicy::numeral_unit_exponent(U'十') == 1);
  CHECK(zhpolicy::numeral_unit_exponent(U'佰') == 2);
  CHECK(zhpolicy::numeral_unit_exponent(U'千') == 3);
  CHECK(zhpolicy::numeral_unit_exponent(U'萬') == 4);
  CHECK(zhpolicy::numeral_unit_exponent(U'亿') == 8);
  CHECK(zhpolicy::numeral_unit_exponent(U'三') == 0);
  CHECK(zhpolicy::numeral_unit_exponent(U'兆') == 0);  // mega in policy text: not a numeral unit here
  CHECK(zhpolicy::numeral_unit_exponent('7') == 0);
}

// A row's value cells are written by detail::write_decimal into a buffer: the same text as
// to_string for every coefficient, exponent and sign (hand-built values with trailing zeros
// too), and nothing when it would not fit the buffer.
TEST_CASE("numeral: write_decimal writes to_string's text, or nothing when it would not fit", "[numeral]") {
  const uint64_t coefficients[] = {0, 1, 5, 10, 95, 150, 1234, 100000, 123456789, 18446744073709551615ULL};
  size_t written = 0, refused = 0;
  for (const uint64_t c : coefficients) {
    for (int32_t e = -70; e <= 70; ++e) {
      for (const bool negative : {false, true}) {
        const Decimal d{c, e, negative};
        char buffer[zhpolicy::detail::kDecimalTextRoom];
        const size_t n = zhpolicy::detail::write_decimal(d, buffer);
        INFO(c << "e" << e << (negative ? " negative" : ""));
        if (d.to_string().size() <= zhpolicy::detail::kDecimalTextRoom) {
          REQUIRE(std::string(buffer, n) == d.to_string());
          ++written;
        } else {
          REQUIRE(n == 0);
          ++refused;
        }
      }
    }
  }
  CHECK(written > 1000);
  CHECK(refused > 100);
}

namespace {

// A short path's reading `fast` is the grammar's `n`, field by field (the script only of a
// number read: a refusal has none).
void require_same_reading(const ScannedNumber& n, const ScannedNumber& fast) {
  REQUIRE(n.begin == fast.begin);
  REQUIRE(n.end == fast.end);
  REQUIRE(n.kind == fast.kind);
  REQUIRE(n.flags == fast.flags);
  REQUIRE(n.value == fast.value);
  REQUIRE(n.second == fast.second);
  if (n) REQUIRE(n.script == fast.script);
}

}  // namespace

// Where is_lone_chinese_digit holds, the extractor passes the digit unscanned when no unit
// follows, and scan_number reads it by scan_lone_chinese_digit: the grammar must read
// exactly that digit there (a plain Chinese number; nothing for a financial digit unless
// asked for), field by field, before every code point of the BMP and at the end of the
// text; and the forms built on a number must not be called lone.
TEST_CASE("numeral: is_lone_chinese_digit and its reading agree with the grammar before every BMP code point",
          "[numeral]") {
  ScanOptions lone_financial;
  lone_financial.lone_financial = true;
  size_t lone = 0;
  for (const zhpolicy::detail::ClassEntry& e : zhpolicy::detail::kCjkEntries) {
    if (!zhpolicy::detail::is_chinese_digit(e.packed)) continue;
    const std::u32string alone(1, e.c);
    REQUIRE(zhpolicy::detail::is_lone_chinese_digit(alone, 0));
    for (char32_t next = 0; next < 0x10000; ++next) {
      const std::u32string text = next == 0 ? alone : std::u32string{e.c, next, U'之', U'一'};
      if (!zhpolicy::detail::is_lone_chinese_digit(text, 0)) continue;
      ++lone;
      INFO(static_cast<uint32_t>(e.c) << " before " << static_cast<uint32_t>(next));
      for (const ScanOptions& o : {ScanOptions{}, lone_financial}) {
        const ScannedNumber digit = zhpolicy::detail::scan_lone_chinese_digit(text, 0, o);
        const ScannedNumber n = zhpolicy::detail::scan_number_by_grammar(text, 0, o);
        require_same_reading(n, digit);
        REQUIRE(n.end == (zhpolicy::detail::is_financial(e.packed) && !o.lone_financial ? 0u : 1u));
      }
    }
    for (const char32_t form : {U'分', U'%', U'％', U'‰', U'成', U'十', U'五', U'点', U'余', U'3'}) {
      CHECK_FALSE(zhpolicy::detail::is_lone_chinese_digit(std::u32string{e.c, form}, 0));
    }
  }
  CHECK(lone > 20 * 0xF000);
  CHECK_FALSE(zhpolicy::detail::is_lone_chinese_digit(U"十", 0));
  CHECK_FALSE(zhpolicy::detail::is_lone_chinese_digit(U"拾", 0));
  CHECK_FALSE(zhpolicy::detail::is_lone_chinese_digit(U"5", 0));
}

// scan_number reads a plain Arabic number ("16所", "2025年", "96.2%") by a short path:
// wherever that path reads one, the grammar must read the same, field by field, under
// every option, before every code point of the BMP (followed by what a separator, a point
// or 分之 would take on).
TEST_CASE("numeral: scan_plain_arabic reads what the grammar reads wherever it reads", "[numeral]") {
  const std::u32string runs[] = {U"1", U"7", U"12", U"100", U"2025", U"9000000", U"123456789012345678",
                                 U"1234567890123456789", U"1.5", U"96.20", U"10.0", U"3.14159",
                                 U"123456789.123456789", U"12345678.123456789"};
  ScanOptions signs, no_percent, no_fractions, lone_financial;
  signs.signs = true;
  no_percent.percent_forms = false;
  no_fractions.fractions = false;
  lone_financial.lone_financial = true;
  const ScanOptions options[] = {ScanOptions{}, signs, no_percent, no_fractions, lone_financial};
  size_t read = 0;
  for (const std::u32string& run : runs) {
    for (char32_t next = 1; next < 0x10000; ++next) {
      const std::u32string text = run + next + U"000之一";
      for (const ScanOptions& o : options) {
        const ScannedNumber plain = zhpolicy::detail::scan_plain_arabic(text, 0, o);
        if (!plain) continue;
        ++read;
        INFO(static_cast<uint32_t>(next) << " after " << code_points_to_utf8(run));
        const ScannedNumber n = zhpolicy::detail::scan_number_by_grammar(text, 0, o);
        require_same_reading(n, plain);
      }
    }
  }
  CHECK(read > 5 * 12 * 0xF000);
  size_t read_at_end = 0;  // a number that ends the text
  for (const std::u32string& run : runs) {
    for (const ScanOptions& o : options) {
      const ScannedNumber plain = zhpolicy::detail::scan_plain_arabic(run, 0, o);
      if (!plain) continue;
      ++read_at_end;
      INFO(code_points_to_utf8(run) << " at the end");
      require_same_reading(zhpolicy::detail::scan_number_by_grammar(run, 0, o), plain);
    }
  }
  CHECK(read_at_end == 5 * 13);  // every run but the one of nineteen digits, under every option
  CHECK(zhpolicy::detail::scan_plain_arabic(U"96.2%", 0, ScanOptions{}).kind == NumberKind::kPercent);
  CHECK(zhpolicy::detail::scan_plain_arabic(U"16所", 0, ScanOptions{}).end == 2);
  for (const std::u32string text : {U"0", U"05个", U"1,000", U"1.5.6", U"1.", U"5‰", U"3万", U"三分之一", U"-5",
                                    U"2分之1", U"1234567890123456789", U"1.234567890123456789"}) {
    CHECK_FALSE(zhpolicy::detail::scan_plain_arabic(text, 0, ScanOptions{}));
  }
}
