// number_model: every number of a text, as a general-purpose number recognizer reports it.
//
// The approach. The text is first "squeezed": a run of spaces between two numeral
// characters is dropped when a Chinese numeral character (or 余/多/几/点/分/之/又/兆/负)
// stands on one side, so that "一百 五 十 二" and "7 万5 千4 百" reach scan_number as one
// numeral; an index keeps every squeezed position's place in the original text, so spans
// are reported in the caller's offsets. Two Arabic runs separated by a space are never
// joined ("1, 234" stays three numbers, a table row "2020 2021" two). Then one pass left to
// right: at each position a few starts scan_number refuses on purpose (".5", 半百, 百三,
// 零十) are tried, then scan_number itself, and its result is composed with what follows
// (兆, 打, k/M, 又, "/", a signed numerator after 分之) and filtered (percent forms report
// nothing or their numerator, a lone digit inside a word is dropped).
//
// Exactness. Compositions are done on 128-bit coefficients with a decimal exponent; a
// quotient without a finite decimal is carried to 20 significant digits and reported
// rounded (half up) to 15, which is what the specs print ("350.333333333333").
//
// Trade-offs. This is the conformance reading, not the policy one: nothing in the pipeline
// calls it (see number_model.hpp). Its word lists are the few words the specs and policy
// texts need, not a lexicon.
#include "zhpolicy/number_model.hpp"

#include <string>

namespace zhpolicy {
namespace {

using u128 = unsigned __int128;
constexpr u128 kU128Max = ~u128(0);

// ---------------------------------------------------------------------------------------
// Characters.

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0; }
bool is_arabic_digit(char32_t c) { return numeral_digit_value(c) >= 0 && !is_chinese_numeral_char(c); }
bool is_point(char32_t c) { return c == '.' || c == 0xFF0E; }
bool is_slash(char32_t c) { return c == '/' || c == 0xFF0F; }
bool is_dash(char32_t c) { return c == '-' || c == 0x2212 || c == 0xFF0D; }
bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_numeral(char32_t c) { return numeral_digit_value(c) >= 0 || is_chinese_numeral_char(c); }

// Characters that belong to a numeral's written form besides digits and units.
bool is_numeral_word(char32_t c) {
  switch (c) {
    case U'余': case U'餘': case U'多': case U'几': case U'幾': case U'点': case U'點':
    case U'分': case U'之': case U'又': case U'兆': case U'负': case U'負': case U'成':
      return true;
    default:
      return false;
  }
}

char32_t at(std::u32string_view t, size_t i) { return i < t.size() ? t[i] : 0; }


// ---------------------------------------------------------------------------------------
// The squeezed text.

struct Squeezed {
  std::u32string text;
  std::vector<size_t> origin;  // origin[i]: the original offset of text[i]
};

Squeezed squeeze(std::u32string_view in) {
  Squeezed s;
  s.text.reserve(in.size());
  s.origin.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    char32_t c = in[i];
    if (is_space(c) && !s.text.empty()) {
      size_t j = i;
      while (j < in.size() && is_space(in[j])) ++j;
      const char32_t before = s.text.back();
      const char32_t after = at(in, j);
      const bool before_ok = is_numeral(before) || is_numeral_word(before);
      const bool after_ok = is_numeral(after) || is_numeral_word(after);
      if (before_ok && after_ok && !(is_arabic_digit(before) && is_arabic_digit(after))) {
        i = j;  // the spaces are inside one numeral
        continue;
      }
    }
    // 倆/俩 (colloquial "two") before a unit is the digit two: 倆千.
    if ((c == U'倆' || c == U'俩') && numeral_unit_exponent(at(in, i + 1)) > 0) c = U'两';
    s.text.push_back(c);
    s.origin.push_back(i);
    ++i;
  }
  return s;
}

// ---------------------------------------------------------------------------------------
// Exact values wider than Decimal, for compositions.

struct Wide {
  u128 c = 0;
  int32_t e = 0;
  bool neg = false;
};

Wide wide(const Decimal& d) { return Wide{d.coefficient, d.exponent, d.negative}; }

int digit_count(u128 c) {
  int n = 0;
  while (c != 0) {
    c /= 10;
    ++n;
  }
  return n;
}

u128 pow10(int k) {
  u128 p = 1;
  while (k-- > 0) p *= 10;
  return p;
}

// Rounds half up to at most `sig` significant digits (sig <= 19).
Decimal narrow(Wide w, int sig) {
  if (w.c == 0) return Decimal{};
  const int digits = digit_count(w.c);
  if (digits > sig) {
    const int drop = digits - sig;
    const u128 p = pow10(drop);
    const u128 r = w.c % p;
    w.c /= p;
    if (r >= p - r) ++w.c;  // r >= p/2 without overflow
    w.e += drop;
  }
  while (w.c != 0 && w.c % 10 == 0) {
    w.c /= 10;
    ++w.e;
  }
  if (digit_count(w.c) > 19) {  // 10^19 after rounding up from 19 nines
    w.c /= 10;
    ++w.e;
  }
  return make_decimal(static_cast<uint64_t>(w.c), w.e, w.neg);
}

// n / d carried to 20 significant digits; *inexact when the division does not end there.
bool divide(Wide n, Wide d, Wide* out, bool* inexact) {
  if (d.c == 0) return false;
  u128 q = n.c / d.c;
  u128 r = n.c % d.c;
  int32_t e = n.e - d.e;
  const u128 limit = pow10(19);
  while (r != 0 && q < limit) {
    if (r > kU128Max / 10) break;
    r *= 10;
    q = q * 10 + r / d.c;
    r %= d.c;
    --e;
  }
  *inexact = *inexact || r != 0;
  *out = Wide{q, e, n.neg != d.neg};
  return true;
}

// |a| + |b| with the sign of a; precision of b is dropped if the sum does not fit.
Wide add_magnitudes(Wide a, Wide b) {
  if (a.c == 0) return Wide{b.c, b.e, a.neg};
  if (b.c == 0) return a;
  while (a.e > b.e) {
    if (a.c <= kU128Max / 10) {
      a.c *= 10;
      --a.e;
    } else {
      b.c /= 10;
      ++b.e;
    }
  }
  while (b.e > a.e) {
    if (b.c <= kU128Max / 10) {
      b.c *= 10;
      --b.e;
    } else {
      a.c /= 10;
      ++a.e;
    }
  }
  return Wide{a.c + b.c, a.e, a.neg};
}

Wide times(Wide a, uint64_t k) {
  if (a.c > kU128Max / k) return Wide{a.c / 10 * k, a.e + 1, a.neg};
  a.c *= k;
  return a;
}

Wide shifted(Wide a, int32_t k) {
  if (a.c != 0) a.e += k;
  return a;
}

bool is_integer(const Decimal& d) { return d.exponent >= 0 || d.coefficient == 0; }

// ---------------------------------------------------------------------------------------
// Words a lone digit belongs to.

// Two-character words that start with a lone numeral character: 一切 (all), 四川 (the
// province), 十足 (fully). The specs test these; the rest are as common in policy texts.
constexpr std::u32string_view kDigitFirstWords[] = {
    U"一切", U"一看", U"一般", U"一直", U"一致", U"一起", U"一些", U"一定", U"一样", U"一旦",
    U"一律", U"一同", U"一体", U"一道", U"四川", U"十足", U"十分", U"四周",
};
// Two-character words that end with one: 统一 (unified), 唯一 (only). 另一 (another one)
// is a number in the specs and stays one.
constexpr std::u32string_view kDigitLastWords[] = {
    U"统一", U"唯一", U"同一", U"专一", U"单一", U"逐一", U"万一",
};

bool in_word(std::u32string_view t, size_t i) {
  for (std::u32string_view w : kDigitFirstWords) {
    if (t.substr(i, 2) == w) return true;
  }
  if (i > 0) {
    for (std::u32string_view w : kDigitLastWords) {
      if (t.substr(i - 1, 2) == w) return true;
    }
  }
  return false;
}

// 打 after a number is a dozen, unless it starts a verb: 打造, 打击, 打破 ….
bool is_dozen(std::u32string_view t, size_t i) {
  if (at(t, i) != U'打') return false;
  switch (at(t, i + 1)) {
    case U'造': case U'击': case U'破': case U'开': case U'通': case U'好': case U'下': case U'响':
    case U'赢': case U'败': case U'算': case U'印': case U'扫': case U'工': case U'卡': case U'分':
    case U'折': case U'动': case U'出': case U'入': case U'进': case U'牢': case U'电':
      return false;
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------
// The reading at one position.

struct Reading {
  size_t begin = 0, end = 0;  // squeezed offsets
  Wide value;
  bool inexact = false;
  bool report = true;  // false: consumed (a percentage, a word) but not a number
};

// A fraction read at [begin, end) as numerator / denominator; false when the division
// does not fit, and then `out` is untouched.
bool read_quotient(size_t begin, size_t end, const Decimal& numerator, const Decimal& denominator, Reading* out) {
  bool inexact = false;
  Wide q;
  if (!divide(wide(numerator), wide(denominator), &q, &inexact)) return false;
  out->begin = begin;
  out->end = end;
  out->value = q;
  out->inexact = inexact;
  return true;
}

// A minus sign may start here: not right after a numeral (5-20) or another dash (－－9).
bool sign_allowed(std::u32string_view t, size_t i) {
  return i == 0 || !(is_numeral(t[i - 1]) || is_dash(t[i - 1]));
}

ScannedNumber scan(std::u32string_view t, size_t i, bool signs, bool lone_financial = false) {
  ScanOptions options;
  options.signs = signs;
  options.lone_financial = lone_financial;
  return scan_number(t, i, options);
}

bool plain_integer(const ScannedNumber& r) {
  return r.kind == NumberKind::kPlain && !r.has(ScannedNumber::kOverflow) && !r.has(ScannedNumber::kDigitSequence) &&
         is_integer(r.value);
}

// "a/b" at i: Arabic integers, not a date (no leading zero, no second slash, no slash before).
bool read_slash_fraction(std::u32string_view t, size_t i, bool signs, Reading* out) {
  if (i > 0 && is_slash(t[i - 1])) return false;
  const ScannedNumber a = scan(t, i, signs);
  if (!plain_integer(a) || a.script != NumeralScript::kArabic || a.has(ScannedNumber::kLeadingZero) ||
      a.has(ScannedNumber::kGrouped) || !is_slash(at(t, a.end))) {
    return false;
  }
  const ScannedNumber b = scan(t, a.end + 1, false);
  if (!plain_integer(b) || b.script != NumeralScript::kArabic || b.has(ScannedNumber::kLeadingZero) ||
      is_slash(at(t, b.end))) {
    return false;
  }
  // The denominator is the digits only ("1/2的" stops at 的; "3/5万" is not a fraction).
  if (numeral_unit_exponent(at(t, b.end)) > 0) return false;
  return read_quotient(i, b.end, a.value, b.value, out);
}

// A fraction after 又: "二分之一", "3分之1", "4/3".
bool read_fraction_part(std::u32string_view t, size_t i, Reading* out) {
  if (read_slash_fraction(t, i, false, out)) return true;
  const ScannedNumber f = scan(t, i, false);
  if (f.kind != NumberKind::kFraction || f.has(ScannedNumber::kOverflow)) return false;
  return read_quotient(i, f.end, f.value, f.second, out);
}

// ".5", "-.5", ".23456000": a fraction without its leading zero.
bool read_leading_point(std::u32string_view t, size_t i, Reading* out) {
  size_t p = i;
  bool negative = false;
  if (is_dash(at(t, p)) && sign_allowed(t, p)) {
    negative = true;
    ++p;
  }
  if (!is_point(at(t, p)) || !is_arabic_digit(at(t, p + 1))) return false;
  if (p > 0 && (is_arabic_digit(t[p - 1]) || is_point(t[p - 1]))) return false;  // 1.2 or ...9
  std::string literal = "0.";
  size_t j = p + 1;
  while (j < t.size() && is_arabic_digit(t[j]) && literal.size() < 20) {
    literal += static_cast<char>('0' + numeral_digit_value(t[j]));
    ++j;
  }
  const auto d = parse_decimal_literal(literal);
  if (!d) return false;
  out->begin = i;
  out->end = j;
  out->value = wide(*d);
  out->value.neg = negative && d->coefficient != 0;
  return true;
}

// 半百 (50), 百三 (130), 千三 (1300): a form that starts with a unit.
bool read_unit_start(std::u32string_view t, size_t i, Reading* out) {
  if (i > 0 && is_numeral(t[i - 1])) return false;
  const char32_t c = t[i];
  if (c == U'半') {
    const int u = numeral_unit_exponent(at(t, i + 1));
    if (u < 2 || is_numeral(at(t, i + 2))) return false;
    out->begin = i;
    out->end = i + 2;
    out->value = Wide{5, u - 1, false};
    return true;
  }
  const int u = numeral_unit_exponent(c);
  if (u != 2 && u != 3) return false;
  const char32_t d = at(t, i + 1);
  const int v = numeral_digit_value(d);
  if (v < 1 || !is_chinese_numeral_char(d) || is_numeral(at(t, i + 2)) || is_numeral_word(at(t, i + 2))) {
    return false;
  }
  out->begin = i;
  out->end = i + 2;
  out->value = Wide{static_cast<u128>(10 + v), u - 1, false};
  return true;
}

// The numerator of a prefix form (百分之五十 -> 五十): where it starts, after 之.
size_t after_zhi(std::u32string_view t, size_t begin, size_t end) {
  for (size_t k = begin; k < end; ++k) {
    if (t[k] == U'之') return k + 1;
  }
  return end;
}

bool read_at(std::u32string_view t, size_t i, Reading* out) {
  if (read_leading_point(t, i, out) || read_unit_start(t, i, out)) return true;

  // 零十: a leading 零 before 十 (第零十刃) reads as 十.
  size_t begin = i;
  size_t from = i;
  if ((t[i] == U'零' || t[i] == U'〇') && (at(t, i + 1) == U'十' || at(t, i + 1) == U'拾') &&
      (i == 0 || !is_numeral(t[i - 1]))) {
    from = i + 1;
  }

  // Dotted strings "2222.2222.22222.222": a group right after "digit." is read whole,
  // its point is the next separator.
  const bool after_dotted = from >= 2 && is_point(t[from - 1]) && is_arabic_digit(t[from - 2]);
  const bool signs = sign_allowed(t, from);
  if (signs && read_slash_fraction(t, from, true, out)) return true;
  ScannedNumber r = scan(t, from, signs, /*lone_financial=*/true);
  if (!r) return false;
  if (after_dotted && r.has(ScannedNumber::kHasPoint) && r.script == NumeralScript::kArabic) {
    size_t dot = from;
    while (dot < r.end && !is_point(t[dot])) ++dot;
    r = scan(t.substr(0, dot), from, signs);
  }
  out->begin = begin;
  out->end = r.end;
  out->value = wide(r.value);

  const bool prefix_form = numeral_unit_exponent(t[from]) >= 2;
  switch (r.kind) {
    case NumberKind::kPercent:
    case NumberKind::kPermille:
      if (prefix_form && !r.has(ScannedNumber::kSignSuffix)) {
        // 百分之五十五点五七九: the number inside the percentage.
        const size_t num = after_zhi(t, from, r.end);
        const ScannedNumber n = scan(t, num, false);
        if (n.kind == NumberKind::kPlain && n.end == r.end) {
          out->begin = num;
          out->value = wide(n.value);
          return true;
        }
      }
      out->report = false;
      return true;
    case NumberKind::kTenths:
    case NumberKind::kRange:
      out->report = false;  // 九成 is a percentage; 两三 is not one number
      return true;
    case NumberKind::kFraction:
      // A zero denominator is consumed and not reported.
      if (!divide(wide(r.value), wide(r.second), &out->value, &out->inexact)) out->report = false;
      return true;
    case NumberKind::kPlain:
      break;
    case NumberKind::kNone:
      return false;
  }
  if (r.has(ScannedNumber::kOverflow)) {
    out->report = false;
    return true;
  }

  // A lone financial character is a word (陆续, 队伍), except in 壹打.
  const bool lone_financial = r.size() == 1 && !scan(t, from, signs);
  if (lone_financial && !is_dozen(t, r.end)) {
    out->report = false;
    return true;
  }
  const size_t e = r.end;
  const char32_t next = at(t, e);

  if (r.has(ScannedNumber::kSingleChineseDigit) && from == begin) {
    if (next == t[from]) {  // 两两, 九九: reduplicated, an adverb or a name
      out->end = e + 1;
      out->report = false;
      return true;
    }
    if (in_word(t, from)) {
      out->report = false;
      return true;
    }
  }
  if (next == U'折') {  // 一折: a discount, i.e. a percentage
    out->report = false;
    return true;
  }
  if (is_dozen(t, e) && is_integer(r.value)) {
    out->value = times(out->value, 12);
    out->end = e + 1;
    return true;
  }
  if (next == U'兆' && !r.has(ScannedNumber::kEndsWithUnit)) {
    // 兆 = 10^12, then a smaller group may follow: 五兆六十二亿四万五千二.
    out->value = shifted(out->value, 12);
    out->end = e + 1;
    const ScannedNumber rest = scan(t, e + 1, false);
    if (plain_integer(rest) && rest.value.to_uint64() && *rest.value.to_uint64() < 1000000000000ULL &&
        !rest.has(ScannedNumber::kSingleChineseDigit)) {
      out->value = add_magnitudes(out->value, wide(rest.value));
      out->end = rest.end;
    }
    return true;
  }
  if (next == U'分' && at(t, e + 1) == U'之' && (at(t, e + 2) == U'负' || at(t, e + 2) == U'負')) {
    // 负3分之负157: a signed numerator, which scan_number leaves to callers.
    const ScannedNumber n = scan(t, e + 2, true);
    if (n.kind == NumberKind::kPlain && !n.has(ScannedNumber::kOverflow) &&
        divide(wide(n.value), wide(r.value), &out->value, &out->inexact)) {
      out->end = n.end;
      return true;
    }
  }
  if (plain_integer(r) && (next == U'又' || (next == ' ' && r.script == NumeralScript::kArabic))) {
    // Mixed numbers: 一又二分之一, 三百五十又3分之1, "1 3/5".
    Reading f;
    if ((next == U'又' && read_fraction_part(t, e + 1, &f)) ||
        (next == ' ' && read_slash_fraction(t, e + 1, false, &f))) {
      out->value = add_magnitudes(out->value, f.value);
      out->inexact = f.inexact;
      out->end = f.end;
      return true;
    }
  }
  if (r.script == NumeralScript::kArabic) {
    // 40k, "-2.5 M": thousands and millions, when the letter does not start a word.
    const size_t s = next == ' ' ? e + 1 : e;
    const char32_t letter = at(t, s);
    if ((letter == 'k' || letter == 'K' || letter == 'M' || letter == 0xFF4B) && !is_ascii_letter(at(t, s + 1))) {
      out->value = shifted(out->value, letter == 'M' ? 6 : 3);
      out->end = s + 1;
      return true;
    }
  }
  return true;
}

// The percentage at i, in percent: 百分之五十, 95%, 5‰, 九成, 万分之三, 百分之15k.
bool read_percent_at(std::u32string_view t, size_t i, Reading* out) {
  if (t[i] == U'半' && at(t, i + 1) == U'成' && (i == 0 || !is_numeral(t[i - 1]))) {
    out->begin = i;
    out->end = i + 2;
    out->value = Wide{5, 0, false};  // half a tenth
    return true;
  }
  const ScannedNumber r = scan(t, i, sign_allowed(t, i));
  if (!r) return false;
  out->begin = i;
  out->end = r.end;
  out->value = wide(r.value);
  switch (r.kind) {
    case NumberKind::kPercent: break;
    case NumberKind::kPermille: out->value = shifted(out->value, -1); break;
    case NumberKind::kTenths: out->value = shifted(out->value, 1); break;
    case NumberKind::kFraction: {
      // 万分之三: a denominator that is a power of ten >= 100.
      const Decimal d = r.second;
      if (d.coefficient != 1 || d.exponent < 2) {
        out->report = false;
        return true;
      }
      out->value = shifted(out->value, 2 - d.exponent);
      return true;
    }
    default:
      out->report = false;
      return true;
  }
  if (r.kind == NumberKind::kPercent && !r.has(ScannedNumber::kSignSuffix) && r.script != NumeralScript::kChinese) {
    // 百分之15k: the Arabic numerator takes the k suffix.
    const size_t s = at(t, r.end) == ' ' ? r.end + 1 : r.end;
    const char32_t letter = at(t, s);
    if ((letter == 'k' || letter == 'K' || letter == 0xFF2B || letter == 0xFF4B) && !is_ascii_letter(at(t, s + 1))) {
      out->value = shifted(out->value, 3);
      out->end = s + 1;
    }
  }
  return true;
}

// A URL ("http://…%20…"): its percent signs are an encoding. Returns where it ends, or i.
size_t skip_url(std::u32string_view t, size_t i) {
  if (t.substr(i, 7) != U"http://" && t.substr(i, 8) != U"https://") return i;
  while (i < t.size() && !is_space(t[i]) && t[i] < 0x3000) ++i;
  return i;
}

template <typename Reader, typename Out>
void read_all(std::u32string_view text, Reader reader, std::vector<Out>* out) {
  const Squeezed s = squeeze(text);
  const std::u32string_view t = s.text;
  size_t i = 0;
  while (i < t.size()) {
    if (const size_t url_end = skip_url(t, i); url_end > i) {
      i = url_end;
      continue;
    }
    Reading r;
    if (!reader(t, i, &r) || r.end <= i) {
      ++i;
      continue;
    }
    if (r.report) {
      Out n;
      n.begin = s.origin[r.begin];
      n.end = s.origin[r.end - 1] + 1;
      n.value = narrow(r.value, r.inexact ? 15 : 19);
      n.rounded = r.inexact;
      if (n.value.coefficient == 0) n.value.negative = false;
      out->push_back(n);
    }
    i = r.end;
  }
}

}  // namespace

std::vector<ModelNumber> read_model_percentages(std::u32string_view text) {
  std::vector<ModelNumber> out;
  read_all(text, read_percent_at, &out);
  return out;
}

std::vector<ModelNumber> read_model_numbers(std::u32string_view text) {
  std::vector<ModelNumber> out;
  read_all(text, read_at, &out);
  return out;
}

}  // namespace zhpolicy
