// Numerals: reading the numbers written in Chinese policy texts, exactly.
//
// Shared by clause segmentation ("（十一）", "第十二条" -> parse_integer) and by quantity
// extraction (scan_number at every position of a clause). Everything here works on UTF-32
// code points, so a position is a code point offset into the text you pass (the
// normalized shadow or the clean text: they are aligned, see types.hpp).
//
// Both folded and unfolded spellings are accepted everywhere: 萬/万, 億/亿, 兩/两, 貳/贰,
// 參/叁, full-width ０-９ and ． as well as ASCII, so callers may pass either text.
//
// Values are exact decimals (Decimal), never binary floating point: "1.57" stays 1.57,
// "1.5亿" is 150000000, "2.02107211321364E+23" is representable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zhpolicy {

// Parses the whole of `text` as a non-negative integer written in Chinese numerals
// (〇/零 一 二 两/兩 三 … 九 十 百 千 万/萬 亿/億, financial 壹贰叁肆伍陆柒捌玖拾佰仟 and
// traditional 貳參陸 …), in ASCII or full-width digits, or a mix ("13万").
// Accepts "十一" and "一十一", "两千", "一千零五", "一万零五", "13万2千", digit-by-digit
// readings ("二〇二〇" -> 2020, "一九九八"), thousands separators "14,310", and a decimal
// made whole by its multiplier ("1.5亿" -> 150000000).
// nullopt if `text` is not exactly one integer (empty, a decimal such as "1.5" or "1.0",
// a fraction, a range "两三", trailing characters "十三个", a bare multiplier "百" "万",
// an approximate "十多万", a sign) or if it does not fit in uint64_t.
std::optional<uint64_t> parse_integer(std::u32string_view text);

// The value 0..9 of a digit code point in any accepted script (ASCII, full-width,
// 〇零一二两三…九, financial 壹贰…玖, traditional 兩貳參陸), or -1.
int numeral_digit_value(char32_t c);

// True if `c` can appear inside a Chinese numeral: a digit (numeral_digit_value >= 0
// for the Chinese and financial ones) or a multiplier 十拾百佰千仟万萬亿億.
bool is_chinese_numeral_char(char32_t c);

// The power of ten of a multiplier character: 十拾 1, 百佰 2, 千仟 3, 万萬 4, 亿億 8; 0 for
// anything else.
int numeral_unit_exponent(char32_t c);

// An exact decimal number: (negative ? -1 : 1) * coefficient * 10^exponent.
// Canonical form (what every function here returns): no trailing zero digits in the
// coefficient unless it is 0, and zero is {0, 0, false}. Compare canonical values with ==.
// 19 significant digits are enough for any quantity in a policy text, and the exponent
// keeps large round values exact (2.02107211321364E+23 is {202107211321364, 9}); a number
// with more significant digits is reported as overflowing (ScannedNumber::kOverflow),
// never rounded.
struct Decimal {
  uint64_t coefficient = 0;
  int32_t exponent = 0;
  bool negative = false;

  // Canonical decimal notation without exponent: "1.57", "130000", "150000000",
  // "-0.5", "202107211321364000000000". No trailing zeros after the point, no point for
  // integers, "0" for zero.
  std::string to_string() const;

  // The value as uint64_t if it is a non-negative integer that fits; else nullopt.
  std::optional<uint64_t> to_uint64() const;

  friend bool operator==(const Decimal& a, const Decimal& b) {
    return a.coefficient == b.coefficient && a.exponent == b.exponent && a.negative == b.negative;
  }
  friend bool operator!=(const Decimal& a, const Decimal& b) { return !(a == b); }
};

// Builds a canonical Decimal from coefficient * 10^exponent.
Decimal make_decimal(uint64_t coefficient, int32_t exponent = 0, bool negative = false);

// Parses a plain decimal literal "123", "-1.5", "2.02107211321364E+23", "1e-3" (ASCII only;
// for tests and data files, not for document text). nullopt if malformed or if it needs
// more than 19 significant digits.
std::optional<Decimal> parse_decimal_literal(std::string_view text);

// What a scanned number means. The span always covers the whole written form.
enum class NumberKind : uint8_t {
  kNone,      // nothing was scanned
  kPlain,     // a cardinal number: "14,310" "96.17" "十三万" "13万2千" "1.5亿" "二〇二〇"
  kFraction,  // "三分之一": value is the numerator (1), second the denominator (3)
  kPercent,   // "百分之九十五" "95%" "95％": value is in percent (95)
  kPermille,  // "千分之五" "5‰": value is in per mille (5)
  kTenths,    // "九成" "七成五": value is in tenths (9, 7.5), i.e. 90%, 75%
  kRange,     // "两三" "三四十" "七八百": an approximate range, value..upper (2..3, 30..40)
};

// Short lower-case name used in tables and test data: "plain", "fraction", "percent",
// "permille", "tenths", "range", "none".
const char* number_kind_name(NumberKind kind);

// Which scripts the digits of a scanned number are written in.
enum class NumeralScript : uint8_t {
  kArabic,   // only ASCII / full-width digits (and separators, point, % sign)
  kChinese,  // only Chinese numeral characters (including 点 分之 成)
  kMixed,    // both: "13万" "1.5亿" "13万2千"
};

// Short lower-case name: "arabic", "chinese", "mixed".
const char* numeral_script_name(NumeralScript script);

// The result of scan_number: a small value, returned by value, no allocation.
struct ScannedNumber {
  // Bits of `flags`. They give the extractor what it needs to decide whether a match is
  // a quantity at all; the scanner itself never judges the context.
  enum Flag : uint16_t {
    // The match is one Chinese numeral character and nothing else ("一", "三", "两", "十"):
    // the common false positive (一体化, 三位一体, 两学一做, 十分重要), to be checked
    // against the context.
    kSingleChineseDigit = 1u << 0,
    // A Chinese reading digit by digit ("二〇二〇", "一九九八"): usually a year or a code.
    kDigitSequence = 1u << 1,
    // Arabic digits grouped with ',' or '，' ("14,310").
    kGrouped = 1u << 2,
    // The number has a fractional part ("96.17", "一点五").
    kHasPoint = 1u << 3,
    // The written number ends with a unit character 十 百 千 万 亿 ("13万", "1.5亿",
    // "十三万", "一百"): a table may want to keep the writer's rounding.
    kEndsWithUnit = 1u << 4,
    // Arabic digits with a leading zero ("007", "05"): a code or a clock time, not a count.
    kLeadingZero = 1u << 5,
    // The value needs more than 19 significant digits: `value` (or `second`) is 0 and
    // not meaningful; the span is still right.
    kOverflow = 1u << 6,
    // The number was written with a sign: 负/負, or '-' '−' '－' directly before a digit
    // (only with ScanOptions::signs).
    kSigned = 1u << 7,
    // The form was written with a percent or per-mille sign ('%', '％', '‰').
    kSignSuffix = 1u << 8,
    // 余/多/几 stood between the number and its multiplier ("500余万", "十多万",
    // "二十几亿"): `value` is the stated round number, a lower bound.
    kApproximate = 1u << 9,
  };

  size_t begin = 0;        // == the pos passed to scan_number
  size_t end = 0;          // one past the last code point of the match; == begin if none
  NumberKind kind = NumberKind::kNone;
  NumeralScript script = NumeralScript::kArabic;
  uint16_t flags = 0;
  Decimal value;           // see NumberKind; for kRange the lower bound
  Decimal second;          // kFraction: the denominator; kRange: the upper bound; else 0

  explicit operator bool() const { return kind != NumberKind::kNone; }
  size_t size() const { return end - begin; }
  bool has(Flag f) const { return (flags & f) != 0; }
};

// Options for scan_number. Every default is what the quantity extractor wants.
struct ScanOptions {
  // Accept a leading sign: 负 always counts as part of a number when this is on; '-' and
  // '−' (U+2212) only when followed by a digit. Off by default because in "3-5" the dash
  // is a range mark the extractor reads, not a sign.
  bool signs = false;
  // Read "95%", "5‰", "百分之九十五", "千分之五", "九成" as kPercent / kPermille / kTenths.
  // When off, "95%" scans as the plain 95 (ending before '%') and "百分之…" is not a number.
  bool percent_forms = true;
  // Read "三分之一" as kFraction. When off, it scans as the plain 三 (ending before 分).
  bool fractions = true;
  // Read "两三", "三四十" as kRange. When off, "两三" scans as the plain 两 (2), leaving
  // 三 for the next call.
  bool ranges = true;
  // Accept one financial numeral character standing alone (陆 伍 拾 肆 叁 …). Off by
  // default: alone they are almost always part of a word (陆续, 大陆, 队伍, 收拾, 放肆);
  // amounts in financial numerals are written in full (壹佰万元). parse_integer turns it on.
  bool lone_financial = false;
};

// Scans the longest number that starts exactly at code point `pos` of `text`.
// Returns a ScannedNumber with kind kNone (and end == pos) if none starts there or if
// pos >= text.size(). Never reads before `pos`, never allocates; `text` is only borrowed
// for the call. The caller decides whether the match makes sense in its context (inside
// 一体化 it does not); a caller walking the text should resume at result.end after a match.
//
// What is read:
//   - Arabic digits, ASCII or full-width, with ',' / '，' thousands separators (groups of
//     exactly three: "14,310"; "1, 234" is three numbers) and a '.' / '．' decimal point
//     ("96.17"). A second point makes a dotted string, read up to the first point only
//     ("2021.03.05" -> 2021; "1.2.3" -> 1).
//   - Chinese numerals with the usual reading rules (一百零五, 十一 / 一十一, 两千,
//     一万五千亿, 四万万, 一千三 = 1300) and 点 decimals (十五点七, 一点五亿), mixed with
//     Arabic groups (13万2千, 3万4000, 1.5亿, 4.78万亿). The longest valid prefix wins:
//     "十四五规划" gives 十四, "一百一百" gives 一百一.
//   - 余/多/几 between a number and 万/亿 (500余万, 十多万) with kApproximate; "十余个"
//     stops before 余, which is the extractor's to read.
//   - At the start of a run of Chinese digits only: two consecutive digits are a range
//     (两三, 一两, 三四十万); three or more digits, or two with 〇/零, are a digit-by-digit
//     reading (二〇二〇, 一九九八) with kDigitSequence.
//   - With options: fractions (三分之一, 16分之5, 万分之三 as 3/10000), percentages
//     (百分之九十五, 95%, 5‰, 千分之五, 百分之百), tenths (九成, 七成五, 三成半), signs.
//     A percentage or fraction whose numerator is a range or a digit sequence
//     (百分之二三十) is not read at all.
// What is not read, on purpose: a Chinese number starting with 百/千/万/亿 (百姓,
// 千万不要, 万物; 百三 is lost with them) other than 百分之/千分之/万分之/百万分之 …; 千
// before 米/克/瓦 ("3千米" is 3 km, so it reads 3); spaces inside a numeral; 兆; 打 (a
// dozen); 半; scientific notation; "40k"; "3/5"; a leading point ".5"; one financial
// character alone unless options.lone_financial. number_model.hpp reads most of these for the
// conformance reading (a general number model), without changing what the extractor sees.
ScannedNumber scan_number(std::u32string_view text, size_t pos, const ScanOptions& options = {});

}  // namespace zhpolicy
