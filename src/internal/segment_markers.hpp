// Clause labels: the numbering schemes of data/clause_markers.tsv and the matcher that
// recognises one label at a given position of the normalized shadow. Private to the segment
// stage (src/segment.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "internal/numeral_class.hpp"

namespace zhpolicy::detail {

// How the number inside a label is written (the `numeral` column).
enum class NumeralClass : uint8_t {
  kChinese,         // 一 … 九十 百 零: a run of 1..kMaxLabelNumeralLength characters
  kArabic,          // 1..3 ASCII digits, no leading zero
  kChineseOrArabic, // either
  kCircled,         // ① … ⑳ ㉑ … ㉟ ㊱ … ㊿: one character that is the whole label
  kParenDigit,      // ⑴ … ⒇
  kFullStopDigit,   // ⒈ … ⒛
  kParenIdeograph,  // ㈠ … ㈩
};

// Where a label may stand (the `place` column).
enum class MarkerPlace : uint8_t {
  kLineStart,  // first thing on a line, followed by text on the same line
  kInline,     // at a paragraph start or after 。;:!? — 一是 / 二是
};

// One row of data/clause_markers.tsv.
struct ClauseMarker {
  std::string scheme;      // "cn_paren"
  int scheme_id = 0;       // dense index of `scheme` among the distinct scheme names
  std::u32string open;     // "(" ("" for none)
  NumeralClass numeral = NumeralClass::kChinese;
  std::u32string close;    // ")" ("" for none)
  MarkerPlace place = MarkerPlace::kLineStart;
};

inline constexpr size_t kMaxLabelNumeralLength = 6;  // 一百二十三 is 5; more is not a label

// The rows, parsed once from the compiled-in copy of the TSV.
const std::vector<ClauseMarker>& clause_markers();
// Number of distinct scheme names (scheme_id < this).
int clause_scheme_count();
// The compiled-in copy of data/clause_markers.tsv, byte for byte.
std::string_view clause_markers_tsv();

// A label found by match_label.
struct LabelMatch {
  const ClauseMarker* marker = nullptr;  // nullptr: no label here
  size_t end = 0;                        // one past the label
  size_t numeral_begin = 0;              // the number inside the label
  size_t numeral_end = 0;
  uint64_t number = 0;
  explicit operator bool() const { return marker != nullptr; }
};

// Every one-character label (① ㉑ ㊱ ⑴ ⒈ ㈠) lies in [kSingleCharLabelFirst, kSingleCharLabelLast].
inline constexpr char32_t kSingleCharLabelFirst = 0x2460;
inline constexpr char32_t kSingleCharLabelLast = 0x32BF;

// What the labels of one place can begin with. Most positions a caller asks about begin
// with an ideograph that is no numeral ("各地", "为了"); may_begin settles them inline, without
// the call of match_label.
struct LabelStarts {
  bool chinese = false;  // a row without opening text takes a Chinese numeral
  bool arabic = false;   // a row without opening text takes an Arabic numeral
  bool single = false;   // a row is a one-character label
  std::u32string opening;  // the first code point of every non-empty opening text
  // False where no label of the place begins; true does not promise one.
  bool may_begin(char32_t c) const {
    if (chinese && is_chinese_numeral(c)) return true;
    if (arabic && c >= U'0' && c <= U'9') return true;
    if (single && c >= kSingleCharLabelFirst && c <= kSingleCharLabelLast) return true;
    for (const char32_t open : opening) {
      if (open == c) return true;
    }
    return false;
  }
};

// The starts of the labels of `place`: match_label returns no label where may_begin is false.
const LabelStarts& label_starts(MarkerPlace place);

// Matches the first marker of `place` whose label starts exactly at `pos` of the normalized
// `text` and ends at or before `limit`. Reads at most a constant number of code points
// (open + numeral + close + one character of context), adding each to *steps.
// Besides the marker's own shape it refuses labels that are the start of a number or an
// enumeration of numbers rather than a label: an Arabic label directly followed by a digit
// ("1.5亿", "2019.3.15", "3、4月"), and a label ending in 、 directly followed by a numeral
// ("一、二年级").
LabelMatch match_label(std::u32string_view text, size_t pos, size_t limit, MarkerPlace place,
                       uint64_t* steps);

// The value of the numeral inside a label ("十一" -> 11, "12" -> 12): parse_integer's
// reading, with a shortcut for the numerals most labels have (一 … 九十九, 1 … 999).
std::optional<uint64_t> label_numeral_value(std::u32string_view numeral);

// `number` written in `numeral`'s notation, for messages: "十二", "12", "⑫". Falls back to
// Arabic digits where the notation has no form for it (㉑ beyond ㊿, 10000 and more in
// Chinese).
std::u32string render_numeral(NumeralClass numeral, uint64_t number);

}  // namespace zhpolicy::detail
