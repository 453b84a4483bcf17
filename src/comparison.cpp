// comparison: "大于10小于20", "95%以上", "3-5所", "位于20和30之间" -> intervals.
//
// The problem. A comparison in Chinese wraps a number in words on either side (不低于15%,
// 800名以上, 比三十大), joins two numbers with a mark (3-5, 一到五, 20和30之间), or pairs a
// lower and an upper bound (大于10小于20, 1000以上，1500以下, 最多100最少20). Which ends are
// included is a convention: Recognizers-Text's specs read 以上 as exclusive and X到Y as
// half-open, while Chinese law (Civil Code art. 1259) reads 以上/以下/以内 as inclusive.
//
// The approach. One left-to-right pass. At each position we try, in order: the 之间 form
// with its lead word (位于/在/介于/处于 X 和 Y 之间), a comparator word before a number
// (大于, 至少有, ≥, "< ="), the 比X大 circumfix, and a number followed by a range mark, a
// 之间, 多/余/几, or units and a comparator word after it (以上, 或者更多). A one-sided
// bound then looks right past a connector (spaces, ，, 且, 并且, 的同时 …) for a bound of
// the other side and merges with it when the two leave a non-empty interval; a
// contradictory pair (大于50小于12) is reported as two bounds. Numbers come from
// numeral.hpp's scan_number; this file only composes what it leaves to callers (1/2, 5k,
// 三十万多亿, 三千 九百 六十五). Every attempt looks a bounded distance ahead (words are
// short, at most three spaces are skipped in a gap, at most two units), so the pass is
// linear, and nothing is allocated but the output vector.
//
// The words are data: the three tables below (before-number words, after-number words,
// connectors), each row a word and what it means, kept here rather than in
// data/quantity_cues.tsv because they carry the openness of each end, which the
// extractor's lexicon does not have. Words are matched allowing spaces between their
// characters ("小于 或 等于", "< ="), on simplified text; the few traditional characters
// that occur in these words (於 過 滿 餘 幾 與 間 內 並 為 達) and full-width ASCII are folded
// on the fly, so the clean text reads like the normalized shadow.
//
// Trade-offs. Only the numbers directly at the words count: "至少设立1个" (a verb between)
// and "不超过25人、30人" (an enumeration inheriting a comparator) are left to the extractor,
// which sees the sentence. 过 before a number is a comparator only when the character
// before it does not make a word with it (通过, 经过, 超过 is its own word).
#include "zhpolicy/comparison.hpp"

#include <algorithm>
#include <numeric>

#include "internal/quantity_lexicon.hpp"
#include "zhpolicy/normalize.hpp"

namespace zhpolicy {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

// ---------------------------------------------------------------------------------------
// Characters.

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0; }
bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The project's fold (width, dashes, traditional -> simplified: normalize.hpp), plus the
// slanted comparison signs the specs write, which Unicode does not decompose to ≥ ≤.
char32_t fold(char32_t c) {
  switch (c) {
    case U'≧': case U'⩾': return U'≥';
    case U'≦': case U'⩽': return U'≤';
    default: return fold_char(c);
  }
}

bool is_dash(char32_t c) {
  return c == '-' || c == 0x2212 || c == 0xFF0D || c == 0x2013 || c == 0x2014 || c == 0xFE63 || c == 0x2010;
}
bool is_tilde(char32_t c) { return c == '~' || c == 0xFF5E || c == 0x301C; }

// Skips at most three spaces.
size_t skip_spaces(std::u32string_view t, size_t k) {
  for (int n = 0; n < 3 && k < t.size() && is_space(t[k]); ++n) ++k;
  return k;
}

// Matches `word` at t[pos], allowing spaces between its characters; returns the end or kNone.
size_t match_word(std::u32string_view t, size_t pos, std::u32string_view word) {
  size_t k = pos;
  for (size_t w = 0; w < word.size(); ++w) {
    if (w > 0) k = skip_spaces(t, k);
    if (k >= t.size() || fold(t[k]) != word[w]) return kNone;
    ++k;
  }
  return k;
}

// ---------------------------------------------------------------------------------------
// The word tables.

enum class Side : uint8_t { kLower, kUpper, kEqual };

// Whether the stated number belongs to the interval.
enum class Ends : uint8_t {
  kOpen,            // 大于, 超过, 不足, 多/余/几: never
  kClosed,          // 不小于, 至少, 不超过, 或者以上: always
  kClosedInPolicy,  // 以上, 以下, 以内: not in the Recognizers-Text specs, yes in law
};

struct Word {
  std::u32string_view text;
  Side side;
  Ends ends;
};

// Words before the number ("大于10"). Longest match wins.
constexpr Word kBefore[] = {
    {U"大于", Side::kLower, Ends::kOpen},          {U"多于", Side::kLower, Ends::kOpen},
    {U"高于", Side::kLower, Ends::kOpen},          {U"超过了", Side::kLower, Ends::kOpen},
    {U"超过", Side::kLower, Ends::kOpen},          {U"超出", Side::kLower, Ends::kOpen},
    {U"超", Side::kLower, Ends::kOpen},            {U"逾", Side::kLower, Ends::kOpen},
    {U"过", Side::kLower, Ends::kOpen},            {U">", Side::kLower, Ends::kOpen},
    {U"大于等于", Side::kLower, Ends::kClosed},    {U"大于或等于", Side::kLower, Ends::kClosed},
    {U"大于或者等于", Side::kLower, Ends::kClosed}, {U"不小于", Side::kLower, Ends::kClosed},
    {U"不少于", Side::kLower, Ends::kClosed},      {U"不低于", Side::kLower, Ends::kClosed},
    {U"至少", Side::kLower, Ends::kClosed},        {U"至少有", Side::kLower, Ends::kClosed},
    {U"至少是", Side::kLower, Ends::kClosed},      {U"至少为", Side::kLower, Ends::kClosed},
    {U"至少要", Side::kLower, Ends::kClosed},      {U"至少达", Side::kLower, Ends::kClosed},
    {U"至少达到", Side::kLower, Ends::kClosed},    {U"最少", Side::kLower, Ends::kClosed},
    {U"最少有", Side::kLower, Ends::kClosed},      {U"最少是", Side::kLower, Ends::kClosed},
    {U"最少为", Side::kLower, Ends::kClosed},      {U"≥", Side::kLower, Ends::kClosed},
    {U">=", Side::kLower, Ends::kClosed},          {U"小于", Side::kUpper, Ends::kOpen},
    {U"少于", Side::kUpper, Ends::kOpen},          {U"低于", Side::kUpper, Ends::kOpen},
    {U"不到", Side::kUpper, Ends::kOpen},          {U"不足", Side::kUpper, Ends::kOpen},
    {U"不满", Side::kUpper, Ends::kOpen},          {U"未满", Side::kUpper, Ends::kOpen},
    {U"<", Side::kUpper, Ends::kOpen},             {U"小于等于", Side::kUpper, Ends::kClosed},
    {U"小于或等于", Side::kUpper, Ends::kClosed},  {U"小于或者等于", Side::kUpper, Ends::kClosed},
    {U"不大于", Side::kUpper, Ends::kClosed},      {U"不多于", Side::kUpper, Ends::kClosed},
    {U"不高于", Side::kUpper, Ends::kClosed},      {U"不超过", Side::kUpper, Ends::kClosed},
    {U"不超出", Side::kUpper, Ends::kClosed},      {U"至多", Side::kUpper, Ends::kClosed},
    {U"最多", Side::kUpper, Ends::kClosed},        {U"最多有", Side::kUpper, Ends::kClosed},
    {U"最多是", Side::kUpper, Ends::kClosed},      {U"最多为", Side::kUpper, Ends::kClosed},
    {U"≤", Side::kUpper, Ends::kClosed},           {U"<=", Side::kUpper, Ends::kClosed},
    {U"等于", Side::kEqual, Ends::kClosed},        {U"=", Side::kEqual, Ends::kClosed},
};

// Words after the number and its units ("800名以上"). 多/余/几 are not here: they must
// touch the number (see read_at_number).
constexpr Word kAfter[] = {
    {U"以上", Side::kLower, Ends::kClosedInPolicy},  {U"之上", Side::kLower, Ends::kClosedInPolicy},
    {U"以下", Side::kUpper, Ends::kClosedInPolicy},  {U"之下", Side::kUpper, Ends::kClosedInPolicy},
    {U"以内", Side::kUpper, Ends::kClosedInPolicy},  {U"之内", Side::kUpper, Ends::kClosedInPolicy},
    {U"及以上", Side::kLower, Ends::kClosed},        {U"以及以上", Side::kLower, Ends::kClosed},
    {U"或以上", Side::kLower, Ends::kClosed},        {U"或者以上", Side::kLower, Ends::kClosed},
    {U"和以上", Side::kLower, Ends::kClosed},        {U"或更多", Side::kLower, Ends::kClosed},
    {U"或者更多", Side::kLower, Ends::kClosed},      {U"及以下", Side::kUpper, Ends::kClosed},
    {U"以及以下", Side::kUpper, Ends::kClosed},      {U"或以下", Side::kUpper, Ends::kClosed},
    {U"或者以下", Side::kUpper, Ends::kClosed},      {U"和以下", Side::kUpper, Ends::kClosed},
    {U"或更少", Side::kUpper, Ends::kClosed},        {U"或者更少", Side::kUpper, Ends::kClosed},
};

// What may stand between two bounds that form one interval ("大于10且小于20").
constexpr std::u32string_view kConnectors[] = {U"并且", U"而且", U"的同时", U"同时", U"且", U"并", U"而"};

// Lead words of the 之间 form; part of the span only in that form ("在第十和第十五之间").
constexpr std::u32string_view kBetweenLeads[] = {U"位于", U"介于", U"处于", U"在"};

// Joins the two numbers of the 之间 form.
constexpr std::u32string_view kBetweenJoins[] = {U"和", U"与", U"跟", U"同", U"到", U"至"};

// The character before 过 with which it makes another word (通过, 经过 …).
bool guo_is_in_word(char32_t before) {
  static constexpr std::u32string_view kWith = U"通经超越度路错难不闯跨熬做见去有没过走看听想说听";
  return kWith.find(fold(before)) != std::u32string_view::npos;
}

// The longest word of `table` at t[pos], and where it ends.
template <size_t N>
const Word* longest_word(const Word (&table)[N], std::u32string_view t, size_t pos, size_t* end) {
  const Word* best = nullptr;
  if (pos >= t.size()) return nullptr;
  const char32_t c = fold(t[pos]);
  for (const Word& w : table) {
    if (w.text[0] != c) continue;
    const size_t e = match_word(t, pos, w.text);
    if (e != kNone && (best == nullptr || e > *end)) {
      best = &w;
      *end = e;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------
// Decimals.

Decimal scaled(const Decimal& d, int32_t k) { return make_decimal(d.coefficient, d.exponent + k, d.negative); }

int digits_of(uint64_t v) {
  int n = 0;
  for (; v != 0; v /= 10) ++n;
  return n;
}

// num / den, exact when den = 2^a 5^b (after cancelling), else rounded to 17 significant
// digits with *inexact set. nullopt when den is 0 or the result does not fit.
std::optional<Decimal> divide(const Decimal& num, const Decimal& den, bool* inexact) {
  if (den.coefficient == 0) return std::nullopt;
  uint64_t n = num.coefficient, d = den.coefficient;
  const bool negative = num.negative != den.negative;
  int32_t exponent = num.exponent - den.exponent;
  if (n == 0) return make_decimal(0);
  const uint64_t g = std::gcd(n, d);
  n /= g;
  d /= g;
  unsigned __int128 c = n;
  uint64_t rest = d;
  while (rest % 2 == 0) rest /= 2;
  while (rest % 5 == 0) rest /= 5;
  if (rest == 1) {
    // Exact: multiply by 10 until the denominator divides.
    unsigned __int128 q = c;
    while (q % d != 0) {
      q *= 10;
      --exponent;
      if (q > (static_cast<unsigned __int128>(UINT64_MAX) * 10)) return std::nullopt;
    }
    q /= d;
    if (q > UINT64_MAX) return std::nullopt;
    return make_decimal(static_cast<uint64_t>(q), exponent, negative);
  }
  *inexact = true;
  unsigned __int128 q = c / d, r = c % d;
  int digits = digits_of(static_cast<uint64_t>(q));
  while (digits < 17) {
    r *= 10;
    q = q * 10 + r / d;
    r %= d;
    --exponent;
    if (q != 0) ++digits;
  }
  if (r * 2 >= d) ++q;  // round half up
  return make_decimal(static_cast<uint64_t>(q), exponent, negative);
}

// Sum of two non-negative integers, if it fits.
std::optional<Decimal> add_integers(const Decimal& a, const Decimal& b) {
  const auto x = a.to_uint64(), y = b.to_uint64();
  if (!x || !y || *x > UINT64_MAX - *y) return std::nullopt;
  return make_decimal(*x + *y);
}

// ---------------------------------------------------------------------------------------
// Numbers.

struct Num {
  size_t begin = 0, end = 0;
  Decimal value;  // for a range number (两三) the lower end
  Decimal upper;  // range numbers only
  bool is_range = false;
  ValueScale scale = ValueScale::kPlain;
  bool approximate = false;  // 500多亿: the stated number is a lower bound
  bool inexact = false;
  bool leading_zero = false;
  bool single_chinese_digit = false;  // 一, 三: often inside a word (统一以上)
};


bool is_approx_char(char32_t c) {
  c = fold(c);
  return c == U'多' || c == U'余' || c == U'几';
}

// Whether a number may start at `pos`: not inside another number, a code or a word of
// Latin letters.
bool may_start_number_at(std::u32string_view t, size_t pos) {
  if (pos == 0) return true;
  const char32_t b = fold(t[pos - 1]);
  return !(is_ascii_digit(b) || b == '.' || is_ascii_letter(b) || is_chinese_numeral_char(b) ||
           numeral_digit_value(b) >= 0);
}

// Reads the number at `pos` (scan_number plus the compositions it leaves to callers).
// `sign`: a leading 负 or dash may be a minus sign here.
std::optional<Num> read_number(std::u32string_view t, size_t pos, bool sign) {
  ScanOptions options;
  options.signs = sign;
  const ScannedNumber r = scan_number(t, pos, options);
  if (!r || r.has(ScannedNumber::kOverflow)) return std::nullopt;
  Num n;
  n.begin = r.begin;
  n.end = r.end;
  n.value = r.value;
  n.leading_zero = r.has(ScannedNumber::kLeadingZero);
  n.approximate = r.has(ScannedNumber::kApproximate);
  n.single_chinese_digit = r.has(ScannedNumber::kSingleChineseDigit);
  switch (r.kind) {
    case NumberKind::kPercent: n.scale = ValueScale::kPercent; return n;
    case NumberKind::kPermille: n.scale = ValueScale::kPermille; return n;
    case NumberKind::kTenths: n.scale = ValueScale::kPercent; n.value = scaled(r.value, 1); return n;
    case NumberKind::kRange: n.is_range = true; n.upper = r.second; return n;
    case NumberKind::kFraction: {
      const auto q = divide(r.value, r.second, &n.inexact);
      if (!q) return std::nullopt;
      n.value = *q;
      return n;
    }
    default: break;
  }
  const bool arabic = r.script == NumeralScript::kArabic;
  // "1/2": an Arabic fraction (not a date "2021/03/05": no leading zero, no second slash).
  if (arabic && !r.has(ScannedNumber::kHasPoint) && !r.has(ScannedNumber::kGrouped) && r.end + 1 < t.size() &&
      t[r.end] == '/' && is_ascii_digit(t[r.end + 1])) {
    const ScannedNumber d = scan_number(t, r.end + 1, ScanOptions{});
    if (d.kind == NumberKind::kPlain && d.script == NumeralScript::kArabic && !d.has(ScannedNumber::kHasPoint) &&
        !d.has(ScannedNumber::kLeadingZero) && !(d.end < t.size() && t[d.end] == '/')) {
      const auto q = divide(r.value, d.value, &n.inexact);
      if (!q) return std::nullopt;
      n.value = *q;
      n.end = d.end;
      return n;
    }
  }
  // "5k": thousands, when the k does not start a Latin word.
  if (arabic && n.end < t.size() && (t[n.end] == 'k' || t[n.end] == 'K' || t[n.end] == 0xFF4B) &&
      !(n.end + 1 < t.size() && is_ascii_letter(fold(t[n.end + 1])))) {
    n.value = scaled(n.value, 3);
    ++n.end;
    return n;
  }
  // "三十万多亿", "500万余亿": 万, then 多/余/几, then 亿 multiplies the whole.
  if (n.end + 1 < t.size() && (t[n.end - 1] == U'万' || t[n.end - 1] == U'萬') && is_approx_char(t[n.end]) &&
      (t[n.end + 1] == U'亿' || t[n.end + 1] == U'億')) {
    n.value = scaled(n.value, 8);
    n.end += 2;
    n.approximate = true;
    return n;
  }
  // "三千 九百 六十五": Chinese groups spaced after their unit, each smaller than it.
  if (r.script == NumeralScript::kChinese && !n.approximate && !r.has(ScannedNumber::kHasPoint)) {
    for (;;) {
      const int exponent = numeral_unit_exponent(t[n.end - 1]);
      if (exponent == 0) break;
      uint64_t magnitude = 1;
      for (int e = 0; e < exponent; ++e) magnitude *= 10;
      size_t k = n.end;
      if (k >= t.size() || !is_space(t[k])) break;
      k = skip_spaces(t, k);
      const ScannedNumber next = scan_number(t, k, ScanOptions{});
      if (next.kind != NumberKind::kPlain || next.script != NumeralScript::kChinese ||
          next.has(ScannedNumber::kApproximate) || next.has(ScannedNumber::kHasPoint) ||
          next.has(ScannedNumber::kDigitSequence)) {
        break;
      }
      const auto v = next.value.to_uint64();
      if (!v || *v == 0 || *v >= magnitude) break;
      const auto sum = add_integers(n.value, next.value);
      if (!sum) break;
      n.value = *sum;
      n.end = next.end;
    }
  }
  return n;
}

// Zero to two units of data/units.tsv at `pos` ("名", "个百分点", "个" + "班"); returns
// where they end.
size_t skip_units(std::u32string_view t, size_t pos) {
  const detail::QuantityLexicon& lexicon = detail::quantity_lexicon();
  for (int n = 0; n < 2 && pos < t.size(); ++n) {
    const detail::UnitEntry* found = nullptr;
    for (const detail::UnitEntry* u : lexicon.units_starting_with(t[pos])) {
      if (pos + u->unit.size() <= t.size() && t.compare(pos, u->unit.size(), u->unit) == 0) {
        found = u;
        break;
      }
    }
    if (found == nullptr) break;
    pos += found->unit.size();
  }
  return pos;
}

// ---------------------------------------------------------------------------------------
// Bounds and their combination.

struct Bound {
  size_t begin = 0, end = 0;
  ComparisonKind kind = ComparisonKind::kLower;
  ValueScale scale = ValueScale::kPlain;
  Decimal low, high;  // kLower: low; kUpper: high; kEqual: both; ranges: both
  bool low_closed = false, high_closed = false;
  bool approximate = false;
  bool inexact = false;
};

class Reader {
 public:
  Reader(std::u32string_view text, BoundReading reading) : t_(text), reading_(reading) {}

  std::vector<Comparison> run();

 private:
  std::optional<Bound> read_bound_at(size_t i) const;
  std::optional<Bound> read_between(size_t i, size_t lead_begin) const;
  std::optional<Bound> read_before_word(size_t i) const;
  std::optional<Bound> read_bi(size_t i) const;
  std::optional<Bound> read_at_number(size_t i) const;
  bool closed(Ends e) const {
    return e == Ends::kClosed || (e == Ends::kClosedInPolicy && reading_ == BoundReading::kPolicy);
  }
  bool ranges_closed() const { return reading_ != BoundReading::kSpec; }
  Bound one_sided(size_t begin, size_t end, Side side, Ends ends, const Num& n) const;
  std::optional<Bound> two_numbers(size_t begin, size_t end, Num a, Num b, bool swap_if_descending) const;
  static Comparison to_comparison(const Bound& b);

  std::u32string_view t_;
  BoundReading reading_;
};

Bound Reader::one_sided(size_t begin, size_t end, Side side, Ends ends, const Num& n) const {
  Bound b;
  b.begin = begin;
  b.end = end;
  b.scale = n.scale;
  b.approximate = n.approximate;
  b.inexact = n.inexact;
  const bool c = closed(ends);
  switch (side) {
    case Side::kLower:
      b.kind = ComparisonKind::kLower;
      b.low = n.value;  // 超过两三: above the lower reading
      b.low_closed = c;
      break;
    case Side::kUpper:
      b.kind = ComparisonKind::kUpper;
      b.high = n.is_range ? n.upper : n.value;
      b.high_closed = c;
      break;
    case Side::kEqual:
      b.kind = ComparisonKind::kEqual;
      b.low = b.high = n.value;
      b.low_closed = b.high_closed = true;
      break;
  }
  return b;
}

// Two numbers as one range [a,b) or [a,b]. A plain end takes the other's percent sign
// ("3-5%"); different signs, range numbers and approximate numbers do not make a range.
std::optional<Bound> Reader::two_numbers(size_t begin, size_t end, Num a, Num b, bool swap_if_descending) const {
  if (a.is_range || b.is_range || a.approximate || b.approximate) return std::nullopt;
  if (a.scale != b.scale) {
    if (a.scale == ValueScale::kPlain) a.scale = b.scale;
    else if (b.scale == ValueScale::kPlain) b.scale = a.scale;
    else return std::nullopt;
  }
  if (compare_decimals(a.value, b.value) > 0) {
    if (!swap_if_descending) return std::nullopt;
    std::swap(a, b);
  }
  Bound r;
  r.begin = begin;
  r.end = end;
  r.kind = ComparisonKind::kBetween;
  r.scale = a.scale;
  r.low = a.value;
  r.high = b.value;
  r.low_closed = true;
  r.high_closed = ranges_closed();
  r.inexact = a.inexact || b.inexact;
  return r;
}

// [lead] [第]X [units] 和/与/跟/到/至 [第]Y [units] 之间|间 (间 alone only after 和/与/跟/同).
std::optional<Bound> Reader::read_between(size_t i, size_t lead_begin) const {
  size_t k = skip_spaces(t_, i);
  if (k < t_.size() && t_[k] == U'第') ++k;
  if (!may_start_number_at(t_, k) && !(k > 0 && t_[k - 1] == U'第')) return std::nullopt;
  const auto a = read_number(t_, k, /*sign=*/true);
  if (!a) return std::nullopt;
  k = skip_spaces(t_, skip_units(t_, a->end));
  std::u32string_view join;
  for (std::u32string_view j : kBetweenJoins) {
    if (k < t_.size() && fold(t_[k]) == j[0]) {
      join = j;
      break;
    }
  }
  if (join.empty() && k < t_.size() && (is_dash(t_[k]) || is_tilde(t_[k]))) join = U"-";
  if (join.empty()) return std::nullopt;
  k = skip_spaces(t_, k + 1);
  if (k < t_.size() && t_[k] == U'第') ++k;
  const auto b = read_number(t_, k, /*sign=*/false);
  if (!b) return std::nullopt;
  // 之间 right after Y, or after its units ("20岁和30岁之间"); 间 is itself a unit (rooms).
  const bool loose_join = join == U"和" || join == U"与" || join == U"跟" || join == U"同";
  size_t e = kNone;
  for (size_t at : {skip_spaces(t_, b->end), skip_spaces(t_, skip_units(t_, b->end))}) {
    if (e == kNone) e = match_word(t_, at, U"之间");
    if (e == kNone) e = match_word(t_, at, U"中间");
    if (e == kNone && loose_join) e = match_word(t_, at, U"间");
  }
  if (e == kNone) return std::nullopt;
  return two_numbers(lead_begin, e, *a, *b, /*swap_if_descending=*/loose_join);
}

std::optional<Bound> Reader::read_before_word(size_t i) const {
  size_t word_end = 0;
  const Word* w = longest_word(kBefore, t_, i, &word_end);
  if (w == nullptr) return std::nullopt;
  if (w->text == U"过" && i > 0 && guo_is_in_word(t_[i - 1])) return std::nullopt;
  const size_t k = skip_spaces(t_, word_end);
  const auto n = read_number(t_, k, /*sign=*/true);
  if (!n || (n->is_range && w->side == Side::kEqual)) return std::nullopt;
  Bound b = one_sided(i, n->end, w->side, w->ends, *n);
  // "不低于95%以上": an after-word of the same side belongs to the phrase.
  if (w->side != Side::kEqual) {
    size_t after_end = 0;
    const Word* a = longest_word(kAfter, t_, skip_spaces(t_, skip_units(t_, n->end)), &after_end);
    if (a != nullptr && a->side == w->side) b.end = after_end;
  }
  return b;
}

// 比 X (更/还) 大/多/高/长 -> (X,); 比 X (更/还) 小/少/低/短 -> (,X).
std::optional<Bound> Reader::read_bi(size_t i) const {
  size_t k = skip_spaces(t_, i + 1);
  const auto n = read_number(t_, k, /*sign=*/true);
  if (!n || n->is_range) return std::nullopt;
  k = skip_spaces(t_, n->end);
  if (k < t_.size() && (t_[k] == U'更' || t_[k] == U'还' || t_[k] == U'還')) ++k;
  if (k >= t_.size()) return std::nullopt;
  static constexpr std::u32string_view kMore = U"大多高长長";
  static constexpr std::u32string_view kLess = U"小少低短";
  Side side;
  if (kMore.find(t_[k]) != std::u32string_view::npos) side = Side::kLower;
  else if (kLess.find(t_[k]) != std::u32string_view::npos) side = Side::kUpper;
  else return std::nullopt;
  if (k + 1 < t_.size() && fold(t_[k + 1]) == U'于') return std::nullopt;  // 比…大于: not this form
  return one_sided(i, k + 1, side, Ends::kOpen, *n);
}

std::optional<Bound> Reader::read_at_number(size_t i) const {
  if (!may_start_number_at(t_, i)) return std::nullopt;
  const auto a = read_number(t_, i, /*sign=*/true);
  if (!a) return std::nullopt;
  // X 和/与 Y 之间, X 到 Y 之间.
  if (auto b = read_between(i, i)) return b;
  // X 到/至/-/~ Y.
  size_t k = skip_spaces(t_, a->end);
  if (k < t_.size() && (is_dash(t_[k]) || is_tilde(t_[k]) || t_[k] == U'到' || t_[k] == U'至')) {
    const size_t m = skip_spaces(t_, k + 1);
    if (m < t_.size() && !(t_[m] == U'第')) {
      const auto b = read_number(t_, m, /*sign=*/false);
      // Not a date (2020-04-16, 2020-4-16) or a code (0571-…).
      if (b && !b->leading_zero && !a->leading_zero &&
          !(b->end + 1 < t_.size() && is_dash(t_[b->end]) && is_ascii_digit(t_[b->end + 1]))) {
        if (auto r = two_numbers(i, b->end, *a, *b, /*swap_if_descending=*/false)) return r;
      }
    }
  }
  if (a->is_range) {
    Bound r;
    r.begin = i;
    r.end = a->end;
    r.kind = ComparisonKind::kApproximateRange;
    r.scale = a->scale;
    r.low = a->value;
    r.high = a->upper;
    r.low_closed = r.high_closed = true;
    r.approximate = true;
    return r;
  }
  // 500多亿 (read by scan_number), 五百多, 二百三十余.
  if (a->approximate) return one_sided(i, a->end, Side::kLower, Ends::kOpen, *a);
  if (a->end < t_.size() && is_approx_char(t_[a->end]) && a->scale == ValueScale::kPlain &&
      !(a->end + 1 < t_.size() && fold(t_[a->end + 1]) == U'于')) {
    Num n = *a;
    n.approximate = true;
    return one_sided(i, a->end + 1, Side::kLower, Ends::kOpen, n);
  }
  // X [units] 以上/以下/或者更多 …. A lone Chinese digit closing a word is not X:
  // 统一以上, 唯一以下, 逐一以上 (but 给我一以上个 is).
  if (a->single_chinese_digit && i > 0) {
    static constexpr std::u32string_view kWordHeads = U"统唯同单专逐划均整万之合归";
    if (kWordHeads.find(fold(t_[i - 1])) != std::u32string_view::npos) return std::nullopt;
  }
  size_t word_end = 0;
  const Word* w = longest_word(kAfter, t_, skip_spaces(t_, skip_units(t_, a->end)), &word_end);
  if (w != nullptr) return one_sided(i, word_end, w->side, w->ends, *a);
  return std::nullopt;
}

std::optional<Bound> Reader::read_bound_at(size_t i) const {
  const char32_t c = fold(t_[i]);
  for (std::u32string_view lead : kBetweenLeads) {
    if (c != lead[0]) continue;
    const size_t e = match_word(t_, i, lead);
    if (e == kNone) continue;
    if (auto b = read_between(e, i)) return b;
  }
  if (auto b = read_before_word(i)) return b;
  if (c == U'比') {
    if (auto b = read_bi(i)) return b;
  }
  if (i > 0 && t_[i - 1] == U'第') return std::nullopt;  // an ordinal, not a quantity
  return read_at_number(i);
}

// Spaces, one comma and one connector word, in that order, each optional.
size_t skip_connector(std::u32string_view t, size_t k) {
  k = skip_spaces(t, k);
  if (k < t.size() && (fold(t[k]) == ',' || t[k] == U'、')) k = skip_spaces(t, k + 1);
  for (std::u32string_view w : kConnectors) {
    const size_t e = match_word(t, k, w);
    if (e != kNone) return skip_spaces(t, e);
  }
  return k;
}

Comparison Reader::to_comparison(const Bound& b) {
  Comparison c;
  c.begin = b.begin;
  c.end = b.end;
  c.kind = b.kind;
  c.scale = b.scale;
  c.approximate = b.approximate;
  c.inexact = b.inexact;
  if (b.kind != ComparisonKind::kUpper) {
    c.interval.low = b.low;
    c.interval.low_closed = b.low_closed;
  }
  if (b.kind != ComparisonKind::kLower) {
    c.interval.high = b.high;
    c.interval.high_closed = b.high_closed;
  }
  return c;
}

std::vector<Comparison> Reader::run() {
  std::vector<Comparison> out;
  size_t i = 0;
  while (i < t_.size()) {
    const auto first = read_bound_at(i);
    if (!first) {
      ++i;
      continue;
    }
    const bool one_sided = first->kind == ComparisonKind::kLower || first->kind == ComparisonKind::kUpper;
    if (one_sided) {
      const size_t k = skip_connector(t_, first->end);
      const auto second = k < t_.size() ? read_bound_at(k) : std::nullopt;
      const bool opposite = second &&
                            ((first->kind == ComparisonKind::kLower && second->kind == ComparisonKind::kUpper) ||
                             (first->kind == ComparisonKind::kUpper && second->kind == ComparisonKind::kLower)) &&
                            second->scale == first->scale;
      if (opposite) {
        const Bound& lo = first->kind == ComparisonKind::kLower ? *first : *second;
        const Bound& hi = first->kind == ComparisonKind::kLower ? *second : *first;
        const int order = compare_decimals(lo.low, hi.high);
        if (order < 0 || (order == 0 && lo.low_closed && hi.high_closed)) {
          Bound both = lo;
          both.begin = first->begin;
          both.end = second->end;
          both.kind = ComparisonKind::kTwoSided;
          both.high = hi.high;
          both.high_closed = hi.high_closed;
          both.approximate = lo.approximate || hi.approximate;
          both.inexact = lo.inexact || hi.inexact;
          out.push_back(to_comparison(both));
          i = second->end;
          continue;
        }
        // A contradictory pair: two comparisons; the second is read again from its start
        // so that it may pair with what follows it.
        out.push_back(to_comparison(*first));
        i = second->begin;
        continue;
      }
    }
    out.push_back(to_comparison(*first));
    i = first->end;
  }
  return out;
}

std::string bound_text(const std::optional<Decimal>& d) { return d ? d->to_string() : std::string(); }

}  // namespace

const char* comparison_kind_name(ComparisonKind kind) {
  switch (kind) {
    case ComparisonKind::kLower: return "lower";
    case ComparisonKind::kUpper: return "upper";
    case ComparisonKind::kEqual: return "equal";
    case ComparisonKind::kBetween: return "between";
    case ComparisonKind::kTwoSided: return "two_sided";
    case ComparisonKind::kApproximateRange: return "approximate_range";
  }
  return "?";
}

std::string Interval::to_string() const {
  std::string s;
  s += low && low_closed ? '[' : '(';
  s += bound_text(low);
  s += ',';
  s += bound_text(high);
  s += high && high_closed ? ']' : ')';
  return s;
}

int compare_decimals(const Decimal& a, const Decimal& b) {
  const bool a_neg = a.negative && a.coefficient != 0, b_neg = b.negative && b.coefficient != 0;
  if (a_neg != b_neg) return a_neg ? -1 : 1;
  int magnitude;  // |a| vs |b|
  if (a.coefficient == 0 || b.coefficient == 0) {
    magnitude = (a.coefficient != 0) - (b.coefficient != 0);
  } else {
    const int la = digits_of(a.coefficient), lb = digits_of(b.coefficient);
    const int64_t ma = int64_t{la} + a.exponent, mb = int64_t{lb} + b.exponent;
    if (ma != mb) {
      magnitude = ma < mb ? -1 : 1;
    } else {
      // Same order of magnitude: pad the shorter coefficient to the same digit count.
      unsigned __int128 ca = a.coefficient, cb = b.coefficient;
      for (int k = la; k < lb; ++k) ca *= 10;
      for (int k = lb; k < la; ++k) cb *= 10;
      magnitude = ca < cb ? -1 : (ca > cb ? 1 : 0);
    }
  }
  return a_neg ? -magnitude : magnitude;
}

std::vector<Comparison> read_comparisons(std::u32string_view text, BoundReading reading) {
  return Reader(text, reading).run();
}

std::vector<Ordinal> read_ordinals(std::u32string_view text) {
  std::vector<Ordinal> out;
  ScanOptions options;
  options.percent_forms = false;
  options.fractions = false;
  options.ranges = false;
  size_t i = 0;
  while (i + 1 < text.size()) {
    if (text[i] != U'第') {
      ++i;
      continue;
    }
    const ScannedNumber n = scan_number(text, i + 1, options);
    if (n.kind == NumberKind::kPlain && !n.has(ScannedNumber::kHasPoint) && !n.has(ScannedNumber::kOverflow) &&
        !n.has(ScannedNumber::kApproximate)) {
      out.push_back(Ordinal{i, n.end, n.value});
      i = n.end;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace zhpolicy
