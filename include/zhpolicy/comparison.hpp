// Comparisons: reading "大于10", "95%以上", "3-5所", "位于20和30之间" as intervals of numbers.
//
// The extractor (extract.hpp) reports one comparator per quantity (">=", "range" …); this
// module reads the same phrases into exact intervals with explicit openness, so that the
// two can be tested against each other and so that a caller can ask what "以上" means under
// a stated convention. Two conventions exist and disagree (see BoundReading):
//   - Microsoft Recognizers-Text's Chinese NumberRange specs (the conformance data in
//     ../shared/conformance/recognizers-zh): 以上/以下 exclusive, "X到Y" half-open;
//   - Chinese legal and administrative usage (Civil Code art. 1259: 「以上、以下、以内、届满，
//     包括本数；不满、超过、以外，不包括本数」): 以上/以下/以内 inclusive, "X到Y" closed.
//
// Numbers are read by numeral.hpp's scan_number; values are exact Decimals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/numeral.hpp"

namespace zhpolicy {

// A set of numbers {x : low <(=) x <(=) high}. A missing side is unbounded; its `*_closed`
// flag is then false and means nothing. An equality is [v,v].
struct Interval {
  std::optional<Decimal> low;   // nullopt: unbounded below
  std::optional<Decimal> high;  // nullopt: unbounded above
  bool low_closed = false;      // true: low itself belongs to the interval
  bool high_closed = false;     // true: high itself belongs to the interval

  // The Recognizers-Text notation: "(10,20]", "[30,)", "(,100]", "[170,170]".
  std::string to_string() const;

  friend bool operator==(const Interval& a, const Interval& b) {
    return a.low == b.low && a.high == b.high && (a.low && a.low_closed) == (b.low && b.low_closed) &&
           (a.high && a.high_closed) == (b.high && b.high_closed);
  }
  friend bool operator!=(const Interval& a, const Interval& b) { return !(a == b); }
};

// How the phrase bounds the number.
enum class ComparisonKind : uint8_t {
  kLower,     // one lower bound: 大于10, 五百以上, 至少有10, 500多亿, ≥50
  kUpper,     // one upper bound: 小于10, 170之下, 最多为5, 不超过25
  kEqual,     // 等于1535, = 5: [v,v]
  kBetween,   // two numbers joined by a range mark or 之间: 20-100, 一到五, 位于20和30之间
  kTwoSided,  // a lower and an upper bound in either order: 大于10小于20, 不大于50不小于20
  kApproximateRange,  // a Chinese approximate range read by scan_number: 两三, 三四十 ([2,3])
};

// Short lower-case name: "lower", "upper", "equal", "between", "two_sided", "approximate_range".
const char* comparison_kind_name(ComparisonKind kind);

// The scale of the interval's endpoints.
enum class ValueScale : uint8_t {
  kPlain,     // plain numbers; fractions resolved (四分之一 -> 0.25, 1/2 -> 0.5)
  kPercent,   // endpoints in percent: 95%以上 -> low 95; 九成 -> 90
  kPermille,  // endpoints in per mille: 5‰以下 -> high 5
};

// Which convention decides the openness of the ambiguous words.
enum class BoundReading {
  // Recognizers-Text default mode: X以上/之上/多/余/几 -> (X,), X以下/之下/以内 -> (,X),
  // "X到/至/-/~Y" and "X和/与Y之间" -> [X,Y).
  kSpec,
  // Recognizers-Text with the ExperimentalMode number option: as kSpec, but two-number
  // ranges are closed: [X,Y].
  kSpecExperimental,
  // Chinese legal and administrative usage (Civil Code art. 1259): X以上/之上 -> [X,),
  // X以下/之下/以内/之内 -> (,X], two-number ranges [X,Y]. 超过/不满/多/余 stay exclusive.
  kPolicy,
};

// One comparison found in a text.
struct Comparison {
  size_t begin = 0;  // code point offsets into the text passed, half-open [begin, end)
  size_t end = 0;
  ComparisonKind kind = ComparisonKind::kLower;
  ValueScale scale = ValueScale::kPlain;
  Interval interval;
  // The bound is a round number standing for more (500多亿, 二百三十余万, 十几万): the
  // interval is (stated number,).
  bool approximate = false;
  // An endpoint is a fraction with no finite decimal (1/3): rounded to 17 significant digits.
  bool inexact = false;
};

// Reads every comparison in `text`, left to right, non-overlapping. `text` is the normalized
// shadow (simplified, half-width) or the clean text: numbers are read in every script by
// scan_number, comparator words in simplified script (大于, 不低于 …), the marks in half- and
// full-width forms (≥ ≤ < > = "< =", - ~ – — ～ －). Linear in text.size(): each position is
// looked at a bounded number of times, and nothing is allocated per character.
//
// What is read (each line: the forms, then the interval under kSpec):
//   大于/多于/高于/超过(了)/超出/超/逾/过/> X, 比X(更)大/多/高 ............ (X,)
//   大于等于/大于或(者)等于/不小于/不少于/不低于/至少(有/是/为)/最少(为)/≥ X  [X,)
//   小于/少于/低于/不到/不足/不满/< X, 比X(更)小/少/低 ..................... (,X)
//   小于等于/小于或(者)等于/不大于/不多于/不高于/不超过/至多/最多(为)/≤ X .. (,X]
//   等于/= X ............................................................. [X,X]
//   X以上/之上, X多/余/几 (500多, 500多亿, 十几万, 三十万多亿) ............. (X,)
//   X以下/之下/以内/之内 ................................................... (,X)
//   X及/或(者)以上, X或(者)更多 [X,); X及/或(者)以下, X或(者)更少 ........ (,X]
//   X到/至/-/~/–/—Y, (位于/在/介于)X和/与/跟Y(之)间, X到Y之间 ......... [X,Y)
//   a lower and an upper bound in either order, joined by nothing, spaces, ，/, 且 并且 并
//   而且 的同时 同时: each side keeps its openness (大于10小于20 -> (10,20)); a pair that
//   leaves nothing (大于50小于12) is reported as its two separate bounds.
// Numbers: anything scan_number reads (十三万, 1.5亿, 4,565, 百分之零点九, 95%, 九成,
// 四分之一, 两三), plus four compositions it leaves to callers: Arabic fractions "1/2",
// a 'k' suffix "5k", 万多亿 "三十万多亿", and Chinese numerals spaced by unit
// "三千 九百 六十五". A sign is read where a dash cannot be a range mark ("-10000与20000间").
// Between 以上/以下/以内 and the number stand zero to two units of data/units.tsv
// ("800名以上", "3个百分点以上"); 第 may precede the numbers of the 之间 form
// ("在第十和第十五之间"). The span covers the comparator words, the numbers and any units
// between them, never a unit after the last number ("五百多个" -> "五百多").
std::vector<Comparison> read_comparisons(std::u32string_view text, BoundReading reading);

// An ordinal "第N": 第十四, 第２５０, 第3万.
struct Ordinal {
  size_t begin = 0;  // at 第; code points, half-open
  size_t end = 0;
  Decimal value;     // a non-negative integer
};

// Reads every "第" followed by an integer that scan_number reads (no fraction, percent,
// range or decimal point): "第一名第二名" -> 第一, 第二. Linear, left to right.
std::vector<Ordinal> read_ordinals(std::u32string_view text);

// Compares two Decimals by value: -1, 0 or 1.
int compare_decimals(const Decimal& a, const Decimal& b);

}  // namespace zhpolicy
