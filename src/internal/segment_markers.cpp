// The clause numbering schemes (data/clause_markers.tsv) and the label matcher.
//
// The table is data so that a reviewer can see every accepted label shape in one place and a
// new spelling is one line. It is small (a dozen rows) and the matcher tries every row at
// every line start, which is a constant amount of work per line: no row reads more than
// open + 6 numeral characters + close + one character of context. Matching is done on the
// normalized shadow, so "（一）" and "(一)", "第一條" and "第一条" are the same row.
//
// data/clause_markers.tsv is compiled in at build time (cmake/embed_text.cmake).
// It is compiled in, like every lexicon of the library, so that the binary needs no data
// directory at run time.
#include "internal/segment_markers.hpp"

#include <optional>

#include "internal/numeral_class.hpp"
#include "zhpolicy/numeral.hpp"

namespace zhpolicy::detail {
namespace {

#include "clause_markers_data.inc"

std::u32string decode_field(std::string_view s) {
  std::u32string out;
  if (s == "-") return out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < len && i + k < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(c);
    i += len;
  }
  return out;
}

std::optional<NumeralClass> parse_numeral_class(std::string_view s) {
  if (s == "cn") return NumeralClass::kChinese;
  if (s == "arabic") return NumeralClass::kArabic;
  if (s == "cn_or_arabic") return NumeralClass::kChineseOrArabic;
  if (s == "circled") return NumeralClass::kCircled;
  if (s == "paren_digit") return NumeralClass::kParenDigit;
  if (s == "full_stop_digit") return NumeralClass::kFullStopDigit;
  if (s == "paren_ideograph") return NumeralClass::kParenIdeograph;
  return std::nullopt;
}

// What the first code point of a label says about the rows that may match there.
enum StartClass : size_t { kStartOther, kStartChinese, kStartArabic, kStartSingle, kStartClasses };

// The rows of one MarkerPlace, and what their labels can begin with: most line starts and
// most places after a full stop begin no label at all ("各地", "为了"), and match_label
// settles those with one look at the first code point instead of trying every row. Where a
// label may begin, only the rows it may begin are tried: those whose opening text starts
// with the code point, and those without one whose numeral can start with it.
struct PlaceRows {
  std::vector<size_t> rows;  // indices into MarkerTable::rows, in table order
  LabelStarts starts;
  std::u32string openings;   // the distinct first code points of the opening texts
  // candidates[start class * (openings.size() + 1) + o], o = 1 + the index in `openings` of
  // the first code point, 0 if it is none of them: the rows to try, in table order.
  std::vector<std::vector<const ClauseMarker*>> candidates;
  const std::vector<const ClauseMarker*>& rows_for(size_t start_class, size_t opening) const {
    return candidates[start_class * (openings.size() + 1) + opening];
  }
};

struct MarkerTable {
  std::vector<ClauseMarker> rows;
  int scheme_count = 0;
  PlaceRows by_place[2];  // indexed by MarkerPlace
};

// A malformed row is skipped rather than thrown on: the table is compiled in, and the unit
// test that compares it with the data file also checks that every data row was parsed.
MarkerTable parse_table() {
  MarkerTable table;
  std::vector<std::string> names;
  std::string_view data(k_clause_markers_tsv);
  while (!data.empty()) {
    const size_t nl = data.find('\n');
    const std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    if (line.empty() || line[0] == '#') continue;
    std::string_view fields[5];
    size_t n = 0;
    size_t from = 0;
    while (n < 5) {
      const size_t tab = line.find('\t', from);
      fields[n++] = line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from);
      if (tab == std::string_view::npos) break;
      from = tab + 1;
    }
    if (n != 5) continue;
    const auto numeral = parse_numeral_class(fields[2]);
    if (!numeral || (fields[4] != "line" && fields[4] != "inline")) continue;
    ClauseMarker m;
    m.scheme = std::string(fields[0]);
    m.open = decode_field(fields[1]);
    m.numeral = *numeral;
    m.close = decode_field(fields[3]);
    m.place = fields[4] == "line" ? MarkerPlace::kLineStart : MarkerPlace::kInline;
    int id = 0;
    while (id < static_cast<int>(names.size()) && names[id] != m.scheme) ++id;
    if (id == static_cast<int>(names.size())) names.push_back(m.scheme);
    m.scheme_id = id;
    table.rows.push_back(std::move(m));
  }
  table.scheme_count = static_cast<int>(names.size());
  for (size_t k = 0; k < table.rows.size(); ++k) {
    const ClauseMarker& m = table.rows[k];
    PlaceRows& place = table.by_place[static_cast<size_t>(m.place)];
    place.rows.push_back(k);
    LabelStarts& starts = place.starts;
    if (!m.open.empty()) {
      starts.opening.push_back(m.open.front());
    } else if (m.numeral == NumeralClass::kChinese || m.numeral == NumeralClass::kChineseOrArabic) {
      starts.chinese = true;
      starts.arabic = starts.arabic || m.numeral == NumeralClass::kChineseOrArabic;
    } else if (m.numeral == NumeralClass::kArabic) {
      starts.arabic = true;
    } else {
      starts.single = true;
    }
    if (!m.open.empty() && place.openings.find(m.open.front()) == std::u32string::npos) {
      place.openings.push_back(m.open.front());
    }
  }
  for (PlaceRows& place : table.by_place) {
    const size_t per_class = place.openings.size() + 1;
    place.candidates.assign(kStartClasses * per_class, {});
    for (size_t cls = 0; cls < kStartClasses; ++cls) {
      for (size_t o = 0; o < per_class; ++o) {
        for (const size_t k : place.rows) {
          const ClauseMarker& m = table.rows[k];
          bool may = false;
          if (!m.open.empty()) {
            may = o > 0 && m.open.front() == place.openings[o - 1];
          } else {
            switch (m.numeral) {
              case NumeralClass::kChinese: may = cls == kStartChinese; break;
              case NumeralClass::kArabic: may = cls == kStartArabic; break;
              case NumeralClass::kChineseOrArabic: may = cls == kStartChinese || cls == kStartArabic; break;
              default: may = cls == kStartSingle; break;
            }
          }
          if (may) place.candidates[cls * per_class + o].push_back(&m);
        }
      }
    }
  }
  return table;
}

const MarkerTable& table() {
  static const MarkerTable t = parse_table();
  return t;
}

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// The value of a one-character label of class `numeral`, 0 if `c` is not one.
uint64_t single_char_value(NumeralClass numeral, char32_t c) {
  if (c < kSingleCharLabelFirst || c > kSingleCharLabelLast) return 0;
  switch (numeral) {
    case NumeralClass::kCircled:
      if (c >= 0x2460 && c <= 0x2473) return c - 0x2460 + 1;    // ① .. ⑳
      if (c >= 0x3251 && c <= 0x325F) return c - 0x3251 + 21;   // ㉑ .. ㉟
      if (c >= 0x32B1 && c <= 0x32BF) return c - 0x32B1 + 36;   // ㊱ .. ㊿
      return 0;
    case NumeralClass::kParenDigit:
      return c >= 0x2474 && c <= 0x2487 ? c - 0x2474 + 1 : 0;   // ⑴ .. ⒇
    case NumeralClass::kFullStopDigit:
      return c >= 0x2488 && c <= 0x249B ? c - 0x2488 + 1 : 0;   // ⒈ .. ⒛
    case NumeralClass::kParenIdeograph:
      return c >= 0x3220 && c <= 0x3229 ? c - 0x3220 + 1 : 0;   // ㈠ .. ㈩
    default:
      return 0;
  }
}

// Scans the number of a label at text[i, limit): returns its end (== i if none) and value.
size_t scan_label_numeral(std::u32string_view text, size_t i, size_t limit, NumeralClass numeral,
                          uint64_t& value, bool& arabic, uint64_t* steps) {
  value = 0;
  arabic = false;
  if (i >= limit) return i;
  const auto parse = [&](size_t j) {
    const auto v = label_numeral_value(text.substr(i, j - i));
    if (!v || *v == 0) return i;
    value = *v;
    return j;
  };
  if (numeral == NumeralClass::kChinese || numeral == NumeralClass::kChineseOrArabic) {
    size_t j = i;
    while (j < limit && j - i <= kMaxLabelNumeralLength && is_chinese_numeral(text[j])) ++j;
    *steps += j - i + 1;
    if (j > i) return j - i > kMaxLabelNumeralLength ? i : parse(j);
    if (numeral == NumeralClass::kChinese) return i;
  }
  if (numeral == NumeralClass::kArabic || numeral == NumeralClass::kChineseOrArabic) {
    size_t j = i;
    while (j < limit && j - i <= 3 && is_ascii_digit(text[j])) ++j;
    *steps += j - i + 1;
    if (j == i || j - i > 3 || text[i] == U'0') return i;
    arabic = true;
    return parse(j);
  }
  *steps += 1;
  value = single_char_value(numeral, text[i]);
  return value ? i + 1 : i;
}

bool matches_at(std::u32string_view text, size_t i, size_t limit, const std::u32string& s) {
  if (s.size() > limit - i) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (text[i + k] != s[k]) return false;
  }
  return true;
}

}  // namespace

const std::vector<ClauseMarker>& clause_markers() { return table().rows; }
const LabelStarts& label_starts(MarkerPlace place) { return table().by_place[static_cast<size_t>(place)].starts; }
int clause_scheme_count() { return table().scheme_count; }
std::string_view clause_markers_tsv() { return k_clause_markers_tsv; }

// Most labels carry a numeral below a hundred written the plain way (一 … 十, 十二, 二十三) or
// plain digits (12.); those are read here directly, and anything else goes through
// parse_integer, the reading this shortcut must agree with (checked in
// tests/unit/segment_test.cpp).
std::optional<uint64_t> label_numeral_value(std::u32string_view numeral) {
  const auto digit = [&](size_t k) -> uint64_t {  // 1..9, 0 if numeral[k] is not 一 … 九
    if (k >= numeral.size()) return 0;
    switch (numeral[k]) {
      case U'一': return 1;
      case U'二': return 2;
      case U'三': return 3;
      case U'四': return 4;
      case U'五': return 5;
      case U'六': return 6;
      case U'七': return 7;
      case U'八': return 8;
      case U'九': return 9;
      default: return 0;
    }
  };
  if (!numeral.empty() && numeral.size() <= 3) {
    // [d]十[d'] and d alone.
    size_t ten = 0;
    while (ten < numeral.size() && numeral[ten] != U'十') ++ten;
    if (ten == numeral.size()) ten = std::u32string_view::npos;
    if (ten == std::u32string_view::npos && numeral.size() == 1 && digit(0) != 0) return digit(0);
    if (ten == 0 && (numeral.size() == 1 || (numeral.size() == 2 && digit(1) != 0))) {
      return 10 + digit(1);
    }
    if (ten == 1 && digit(0) != 0 && (numeral.size() == 2 || digit(2) != 0)) {
      return 10 * digit(0) + digit(2);
    }
    if (numeral[0] != U'0') {
      uint64_t value = 0;
      size_t k = 0;
      for (; k < numeral.size() && is_ascii_digit(numeral[k]); ++k) {
        value = value * 10 + (numeral[k] - U'0');
      }
      if (k == numeral.size()) return value;
    }
  }
  return parse_integer(numeral);
}

LabelMatch match_label(std::u32string_view text, size_t pos, size_t limit, MarkerPlace place,
                       uint64_t* steps) {
  limit = std::min(limit, text.size());
  if (pos >= limit) return {};
  const PlaceRows& rows = table().by_place[static_cast<size_t>(place)];
  *steps += 1;
  const char32_t first = text[pos];
  const size_t start_class = is_chinese_numeral(first)                                      ? kStartChinese
                             : is_ascii_digit(first)                                        ? kStartArabic
                             : first >= kSingleCharLabelFirst && first <= kSingleCharLabelLast ? kStartSingle
                                                                                             : kStartOther;
  const size_t opening = rows.openings.find(first) + 1;  // npos + 1 == 0: none
  for (const ClauseMarker* row : rows.rows_for(start_class, opening)) {
    const ClauseMarker& m = *row;
    *steps += 1;
    if (!matches_at(text, pos, limit, m.open)) continue;
    const size_t num_begin = pos + m.open.size();
    uint64_t value = 0;
    bool arabic = false;
    const size_t num_end = scan_label_numeral(text, num_begin, limit, m.numeral, value, arabic, steps);
    if (num_end == num_begin) continue;
    if (!matches_at(text, num_end, limit, m.close)) continue;
    const size_t end = num_end + m.close.size();
    if (end < limit) {
      const char32_t next = text[end];
      // "1.5亿", "2019.3.15", "3、4月": the start of a number, not a label.
      if (arabic && is_ascii_digit(next)) continue;
      // "一、二年级", "1、2号": an enumeration of numbers.
      if (!m.close.empty() && m.close.back() == U'、' &&
          (is_ascii_digit(next) || is_chinese_numeral(next))) {
        continue;
      }
    }
    LabelMatch match;
    match.marker = &m;
    match.end = end;
    match.numeral_begin = num_begin;
    match.numeral_end = num_end;
    match.number = value;
    return match;
  }
  return {};
}

std::u32string render_numeral(NumeralClass numeral, uint64_t number) {
  std::u32string out;
  const auto decimal = [&] {
    const std::string s = std::to_string(number);
    for (char ch : s) out.push_back(static_cast<char32_t>(ch));
    return out;
  };
  switch (numeral) {
    case NumeralClass::kArabic:
      return decimal();
    case NumeralClass::kCircled:
      if (number >= 1 && number <= 20) return {static_cast<char32_t>(0x2460 + number - 1)};
      if (number >= 21 && number <= 35) return {static_cast<char32_t>(0x3251 + number - 21)};
      if (number >= 36 && number <= 50) return {static_cast<char32_t>(0x32B1 + number - 36)};
      return decimal();
    case NumeralClass::kParenDigit:
      if (number >= 1 && number <= 20) return {static_cast<char32_t>(0x2474 + number - 1)};
      return decimal();
    case NumeralClass::kFullStopDigit:
      if (number >= 1 && number <= 20) return {static_cast<char32_t>(0x2488 + number - 1)};
      return decimal();
    case NumeralClass::kParenIdeograph:
      if (number >= 1 && number <= 10) return {static_cast<char32_t>(0x3220 + number - 1)};
      return decimal();
    case NumeralClass::kChinese:
    case NumeralClass::kChineseOrArabic:
      break;
  }
  if (number == 0) return U"零";
  if (number >= 10000) return decimal();
  static constexpr char32_t kDigits[] = U"零一二三四五六七八九";
  static constexpr char32_t kUnits[] = {U'\0', U'十', U'百', U'千'};
  const uint64_t digits[4] = {number % 10, number / 10 % 10, number / 100 % 10, number / 1000};
  bool started = false;
  bool zero_pending = false;
  for (int p = 3; p >= 0; --p) {
    const uint64_t d = digits[p];
    if (d == 0) {
      zero_pending = started;
      continue;
    }
    if (zero_pending) out.push_back(U'零');
    zero_pending = false;
    // 十一, not 一十一, when 十 leads.
    if (!(p == 1 && d == 1 && !started)) out.push_back(kDigits[d]);
    if (p > 0) out.push_back(kUnits[p]);
    started = true;
  }
  return out;
}

}  // namespace zhpolicy::detail
