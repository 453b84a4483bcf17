// Numerals: a hand-written scanner for the numbers of Chinese policy texts.
//
// The problem. A work plan writes the same quantity many ways: "14,310", "1.43万",
// "一万四千三百一十", "13万2千", "1.5亿", "百分之九十五", "95%", "九成", "三分之一",
// "两三个", "二〇二〇年". The extractor calls scan_number at every code point of every
// clause, so the scanner must (a) read all of these exactly, (b) never guess about
// context, and (c) cost next to nothing at the positions where no number starts, which
// are almost all of them.
//
// The approach. One 8-bit class per code point, from a table built at compile time (ASCII
// and the CJK block; the few others are compared directly), so rejecting a non-numeral
// position is a load and a compare. A number is then read by a small state machine over
// tokens: a digit (a Chinese digit, or a whole run of Arabic digits with separators and a
// point), a small unit 十百千, a big unit 万亿, the 零 marker, 点, and 余/多/几 before a
// multiplier. Chinese readings follow the usual rules: big units multiply everything
// below them when they are larger than anything seen so far ("一万五千亿" = 1.5e12) and
// add a group otherwise ("五亿一万"); a last digit right after a unit is abbreviated
// ("一千三" = 1300, "九十二万四" = 924000); units descend; 零 stands for skipped places.
// Arabic runs are tokens of the same grammar, which is how "13万2千", "3万4000" and
// "2千零30万" come out right without a second parser. After every complete token the
// machine records a snapshot, and an invalid token ends the number at the last snapshot:
// the longest valid prefix wins, which is what a scanner wants ("十四五规划" -> 十四).
// Around that core, scan_number reads the forms built on a number: 百分之/千分之/万分之
// prefixes, "X分之Y", a '%'/'‰' sign, "X成", a sign (负, '-'), and the two readings that
// are only possible at the start of a Chinese run: a range of consecutive digits ("两三",
// "三四十") and a digit-by-digit reading ("二〇二〇").
//
// Two short paths go before the grammar, each held to it by a test: a plain Arabic number
// of at most eighteen digits ("16所", "96.2%") and a lone Chinese digit ("三年"), which are
// most of the numbers a policy text holds.
//
// Exactness. Arithmetic is done on unsigned __int128 coefficients with a decimal exponent
// (38 digits), and trailing zeros of digit runs are kept as a count until a non-zero
// digit arrives, so "100000000000000000000000" costs nothing. The public Decimal keeps 19
// significant digits, which no real quantity exceeds; a number that does not fit is
// flagged kOverflow rather than rounded.
//
// Trade-offs. No regex, no allocation, no lookbehind: the scanner never reads before pos,
// so "十分重要" yields the single character 十 and it is the extractor, with its context,
// that throws it away (kSingleChineseDigit tells it to look). Forms that policy texts do
// not use, or use for other things, are left out on purpose: scientific notation ("2e5"),
// "40k", "2^5", slash fractions ("3/5" is as often a date or a ratio), 兆 (mega or 10^12,
// depending on who writes), 打 (a dozen, but 打造 is everywhere), spaces inside a numeral.
// The one-character financial digits alone (陆续, 队伍, 收拾) are off unless asked for.
#include "zhpolicy/numeral.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <utility>

#include "internal/decimal_text.hpp"
#include "internal/numeral_class.hpp"
#include "internal/numeral_scan.hpp"

namespace zhpolicy {
namespace detail {

using u128 = unsigned __int128;

// ---------------------------------------------------------------------------------------
// Character classes.

inline bool is_zero_char(char32_t c) { return c == U'零' || c == U'〇'; }
inline bool is_liang(char32_t c) { return c == U'两' || c == U'兩'; }
inline bool is_decimal_point(char32_t c) { return c == U'.' || c == 0xFF0E; }
inline bool is_group_separator(char32_t c) { return c == U',' || c == 0xFF0C; }

inline char32_t at(std::u32string_view text, size_t i) { return i < text.size() ? text[i] : 0; }

// 千 followed by one of these is the kilo of a measure word (千米 km, 千克 kg, 千瓦 kW),
// not a multiplier: "3千米" is 3 km.
inline bool is_kilo_measure(char32_t c) { return c == U'米' || c == U'克' || c == U'瓦'; }

// ---------------------------------------------------------------------------------------
// Exact arithmetic: coefficient * 10^exponent on 128 bits, overflow is sticky.

constexpr int kMaxPow10 = 38;  // 10^38 < 2^128 < 10^39
constexpr int32_t kMaxExponent = 100000;

constexpr std::array<u128, kMaxPow10 + 1> make_pow10() {
  std::array<u128, kMaxPow10 + 1> p{};
  p[0] = 1;
  for (int i = 1; i <= kMaxPow10; ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr auto kPow10 = make_pow10();
constexpr u128 kU128Max = ~u128(0);

struct Exact {
  u128 c = 0;
  int32_t e = 0;
  bool overflow = false;
};

inline Exact exact_int(uint64_t v) { return Exact{v, 0, false}; }

// c * 10^k, or false if it does not fit.
inline bool mul_pow10(u128& c, int64_t k) {
  if (c == 0 || k == 0) return true;
  if (k > kMaxPow10 || c > kU128Max / kPow10[k]) return false;
  c *= kPow10[k];
  return true;
}

inline Exact shifted(Exact a, int64_t k) {
  if (a.c != 0) {
    const int64_t e = int64_t{a.e} + k;
    if (e > kMaxExponent || e < -kMaxExponent) {
      a.overflow = true;
    } else {
      a.e = static_cast<int32_t>(e);
    }
  }
  return a;
}

inline Exact add(Exact a, Exact b) {
  Exact r;
  r.overflow = a.overflow || b.overflow;
  if (a.c == 0) {
    r.c = b.c;
    r.e = b.e;
    return r;
  }
  if (b.c == 0) {
    r.c = a.c;
    r.e = a.e;
    return r;
  }
  if (a.e < b.e) std::swap(a, b);  // now a.e >= b.e: scale a down to b's exponent
  if (!mul_pow10(a.c, int64_t{a.e} - b.e) || a.c > kU128Max - b.c) {
    r.overflow = true;
    return r;
  }
  r.c = a.c + b.c;
  r.e = b.e;
  return r;
}

// x < 10^k. Used to check that a token fits the places a unit leaves ("3万4000", not
// "3万40000") and that only a single place value is multiplied (三千, not 13千).
inline bool below_pow10(const Exact& x, int k) {
  if (x.c == 0) return true;
  if (x.overflow) return false;
  // x = c * 10^e < 10^k  <=>  c < 10^(k - e)
  const int64_t room = int64_t{k} - x.e;
  if (room > kMaxPow10) return true;
  if (room < 0) return false;
  return x.c < kPow10[room];
}

// Accumulates a run of decimal digits "ddd.ddd" exactly. Zeros after the last non-zero
// digit are only counted, so long round numbers do not overflow the coefficient.
class DigitRun {
 public:
  void push_int(int d) { push(d); }
  void push_frac(int d) {
    push(d);
    ++frac_digits_;
  }
  Exact value() const {
    Exact r;
    r.c = c_;
    r.overflow = overflow_;
    if (c_ != 0) r = shifted(r, zeros_ - frac_digits_);
    return r;
  }

 private:
  void push(int d) {
    if (d == 0) {
      if (c_ != 0) ++zeros_;
      return;
    }
    if (!mul_pow10(c_, zeros_ + 1) || c_ > kU128Max - static_cast<unsigned>(d)) {
      overflow_ = true;
      c_ = 1;  // keep non-zero so the result is not mistaken for 0
      zeros_ = 0;
      return;
    }
    c_ += static_cast<unsigned>(d);
    zeros_ = 0;
  }

  u128 c_ = 0;
  int64_t zeros_ = 0;
  int64_t frac_digits_ = 0;
  bool overflow_ = false;
};

// x <= 10, for the X成 form.
inline bool at_most_ten(Exact x) {
  if (x.overflow) return false;
  if (below_pow10(x, 1)) return true;
  while (x.c != 0 && x.c % 10 == 0) {
    x.c /= 10;
    ++x.e;
  }
  return x.c == 1 && x.e == 1;
}

inline Decimal to_decimal(Exact x, bool negative, bool* overflow) {
  if (x.overflow) {
    *overflow = true;
    return Decimal{};
  }
  if (x.c == 0) return Decimal{};
  constexpr uint64_t kU64Max = std::numeric_limits<uint64_t>::max();
  while (x.c > kU64Max && x.c % 10 == 0) {
    x.c /= 10;
    ++x.e;
  }
  if (x.c > kU64Max) {
    *overflow = true;
    return Decimal{};
  }
  // The rest of the trailing zeros on 64 bits: a division of 128 bits costs several times
  // one of 64, and every number scanned comes here.
  uint64_t c = static_cast<uint64_t>(x.c);
  while (c % 10 == 0) {
    c /= 10;
    ++x.e;
  }
  return Decimal{c, x.e, negative};
}

// ---------------------------------------------------------------------------------------
// The core: one plain number (or a range / digit sequence) starting at a position.

struct Core {
  size_t end = 0;  // == start when nothing was read
  Exact value;
  Exact upper;           // ranges only
  bool range = false;
  bool has_point = false;  // a fractional part was written
  bool arabic = false;     // Arabic digits were read
  bool chinese = false;    // Chinese numeral characters were read
  uint16_t flags = 0;      // ScannedNumber flags gathered on the way
};

struct ArabicToken {
  size_t end = 0;
  Exact value;
  bool has_point = false;
  uint16_t flags = 0;
};

// Reads Arabic digits at i (text[i] must be one): "14,310", "96.17", "０.５", "007".
inline ArabicToken read_arabic(std::u32string_view text, size_t i) {
  ArabicToken t;
  DigitRun run;
  const size_t n = text.size();
  size_t j = i;
  int int_digits = 0;
  const bool first_zero = value_of(classify(text[i])) == 0;
  while (j < n) {
    const uint8_t k = classify(text[j]);
    if (class_of(k) != kClsArabic) break;
    run.push_int(value_of(k));
    ++int_digits;
    ++j;
  }
  // Thousands separators: groups of exactly three digits after a first group of one to
  // three ("1,050,000,000"), and not after a leading zero. "1, 234" is three numbers.
  if (int_digits <= 3 && !first_zero) {
    while (j + 3 < n && is_group_separator(text[j])) {
      bool three = true;
      for (size_t d = 1; d <= 3; ++d) {
        if (class_of(classify(at(text, j + d))) != kClsArabic) three = false;
      }
      if (!three || class_of(classify(at(text, j + 4))) == kClsArabic) break;
      for (size_t d = 1; d <= 3; ++d) run.push_int(value_of(classify(text[j + d])));
      j += 4;
      t.flags |= ScannedNumber::kGrouped;
    }
  }
  if (int_digits >= 2 && first_zero) t.flags |= ScannedNumber::kLeadingZero;
  if (j + 1 < n && is_decimal_point(text[j]) && class_of(classify(text[j + 1])) == kClsArabic) {
    DigitRun with_fraction = run;
    size_t f = j + 1;
    while (f < n) {
      const uint8_t k = classify(text[f]);
      if (class_of(k) != kClsArabic) break;
      with_fraction.push_frac(value_of(k));
      ++f;
    }
    // A second point makes it a dotted string, not a decimal: "2021.03.05", "1.2.3".
    const bool dotted = f + 1 < n && is_decimal_point(text[f]) && class_of(classify(text[f + 1])) == kClsArabic;
    if (!dotted) {
      run = with_fraction;
      j = f;
      t.has_point = true;
      t.flags |= ScannedNumber::kHasPoint;
    }
  }
  t.end = j;
  t.value = run.value();
  return t;
}

// Reads a multiplier made only of units after a range or a fraction's tail: "十", "十万",
// "百万", "万亿". At most one small unit, then big units that do not decrease. Returns the
// exponent and sets *end; 0 if there is none. `big_only` rejects a leading small unit.
inline int read_unit_tail(std::u32string_view text, size_t i, bool big_only, size_t* end) {
  int exponent = 0;
  int last_big = 0;
  size_t j = i;
  const uint8_t first = classify(at(text, j));
  if (!big_only && is_unit(first) && value_of(first) < 4 &&
      !(value_of(first) == 3 && is_kilo_measure(at(text, j + 1)))) {
    exponent += value_of(first);
    ++j;
  }
  for (;;) {
    const uint8_t k = classify(at(text, j));
    if (class_of(k) != kClsUnit || value_of(k) < 4 || value_of(k) < last_big) break;
    exponent += value_of(k);
    last_big = value_of(k);
    ++j;
  }
  *end = j;
  return exponent;
}

// Reads the Chinese fractional digits after 点 at i: "五五四四", "零五零". 两 is not a
// digit here ("两百点两" is 两百 and 两). Returns the end (== i if none).
inline size_t read_chinese_fraction(std::u32string_view text, size_t i, DigitRun* run) {
  size_t j = i;
  while (j < text.size()) {
    const uint8_t k = classify(text[j]);
    if (!is_chinese_digit(k) || is_liang(text[j])) break;
    run->push_frac(value_of(k));
    ++j;
  }
  return j;
}

// The unit grammar. See the essay at the top of the file.
class UnitMachine {
 public:
  UnitMachine(std::u32string_view text, size_t start) : text_(text), best_end_(start) {}

  // Feeds tokens from `i` until one is invalid; returns the longest valid prefix.
  Core run(size_t i);

  // Starts with an Arabic token already read (the caller saw a unit after it).
  void seed_arabic(const ArabicToken& t) {
    digit_token(t.value, t.has_point, /*single=*/false, t.flags, /*arabic=*/true, t.end);
  }

 private:
  enum Prev { kStart, kDigit, kSmall, kBig, kZero, kApprox };

  Exact current_value() const {
    Exact v = add(total_, section_);
    if (has_pending_) v = add(v, shifted(pending_, pending_shift_));
    return v;
  }
  void snapshot(size_t end) {
    best_end_ = end;
    best_value_ = current_value();
    best_flags_ = flags_;
    best_arabic_ = arabic_;
    best_chinese_ = chinese_;
    best_has_point_ = pending_point_ || sealed_point_;
  }

  bool digit_token(Exact v, bool point, bool single, uint16_t flags, bool arabic, size_t end);
  bool small_unit(int u, size_t end);
  bool big_unit(int u, size_t end);

  std::u32string_view text_;
  Exact total_;    // groups closed by a big unit, already multiplied
  Exact section_;  // the current group below the last big unit
  Exact pending_;  // the last digit token, not yet multiplied
  int pending_shift_ = 0;  // abbreviation: 一千三 -> 3 counts as 300
  bool has_pending_ = false;
  bool pending_point_ = false;   // pending_ has a fractional part (Arabic "1.5")
  bool sealed_point_ = false;    // a fractional value was multiplied: only 万亿-style compounds may follow
  bool group_empty_ = true;      // no token since the last big unit
  int last_small_ = 4;           // the next small unit must be below this
  int max_big_ = 0;              // the largest exponent total_ was multiplied to
  int last_big_ = 1000;          // the last big unit applied (a later one must be smaller)
  int prev_unit_exp_ = 0;        // exponent of the unit just before, for abbreviation
  Prev prev_ = kStart;
  uint16_t flags_ = 0;
  bool arabic_ = false;
  bool chinese_ = false;

  size_t best_end_;
  Exact best_value_;
  uint16_t best_flags_ = 0;
  bool best_arabic_ = false;
  bool best_chinese_ = false;
  bool best_has_point_ = false;
};

bool UnitMachine::digit_token(Exact v, bool point, bool single, uint16_t flags, bool arabic,
                              size_t end) {
  if (has_pending_ || sealed_point_) return false;
  if (prev_ != kStart) {
    // A token after a unit must fit the places that unit leaves: "3万4000", not "3万40000";
    // a fractional token can only start a number ("1.5亿").
    if (point || !below_pow10(v, prev_unit_exp_)) return false;
    if (!arabic && v.c == 0) return false;  // 零 here is the marker, handled by the caller
  }
  pending_ = v;
  pending_point_ = point;
  flags_ &= static_cast<uint16_t>(~ScannedNumber::kEndsWithUnit);
  pending_shift_ = 0;
  if (single && (prev_ == kSmall || prev_ == kBig) && prev_unit_exp_ >= 2) {
    pending_shift_ = prev_unit_exp_ - 1;  // 一千三 = 1300, 九十二万四 = 924000
  }
  has_pending_ = true;
  group_empty_ = false;
  flags_ |= flags;
  (arabic ? arabic_ : chinese_) = true;
  prev_ = kDigit;
  snapshot(end);
  return true;
}

bool UnitMachine::small_unit(int u, size_t end) {
  if (sealed_point_ || u >= last_small_) return false;
  Exact m;
  if (has_pending_) {
    // Only a single place value can be multiplied: 三千, 3千, 1.5千; not 13千 or 0千.
    if (pending_.c == 0 || !below_pow10(pending_, 1)) return false;
    m = pending_;
  } else if (u == 1 && (prev_ == kStart || prev_ == kZero || prev_ == kBig)) {
    m = exact_int(1);  // 十五, 一百零十万, 一万零十二
  } else {
    return false;
  }
  if (u == 3 && is_kilo_measure(at(text_, end))) return false;
  section_ = add(section_, shifted(m, u));
  if (pending_point_) sealed_point_ = true;
  has_pending_ = false;
  pending_point_ = false;
  pending_shift_ = 0;
  group_empty_ = false;
  last_small_ = u;
  prev_unit_exp_ = u;
  prev_ = kSmall;
  chinese_ = true;
  flags_ |= ScannedNumber::kEndsWithUnit;
  snapshot(end);
  return true;
}

bool UnitMachine::big_unit(int u, size_t end) {
  if (group_empty_) {
    // 万万, 万亿, 亿亿: a compound multiplier right after a big unit that multiplied
    // everything before it, never decreasing ("亿万" is the idiom "hundreds of millions
    // of", not a number; in "五亿三万万" the second 万 is not read).
    if (prev_ != kBig || last_big_ != max_big_ || u < prev_unit_exp_) return false;
    total_ = shifted(total_, u);
    max_big_ += u;
    last_big_ = max_big_;
    prev_unit_exp_ = max_big_;
  } else {
    // A sealed "1.5千" may still take a big unit ("1.5千万"): nothing else can have
    // followed it, since digits and small units refuse a sealed value.
    Exact group = section_;
    if (has_pending_) group = add(group, pending_);
    if (group.c == 0 && !group.overflow) return false;  // 零万
    if (u > max_big_) {
      total_ = shifted(add(total_, group), u);  // 一万五千亿 = (10000 + 5000) * 10^8
      max_big_ = u;
    } else if (u < last_big_ && below_pow10(group, last_big_ - u)) {
      total_ = add(total_, shifted(group, u));  // 五亿一万
    } else {
      return false;
    }
    if (pending_point_) sealed_point_ = true;
    last_big_ = u;
    prev_unit_exp_ = u;
  }
  section_ = Exact{};
  has_pending_ = false;
  pending_point_ = false;
  pending_shift_ = 0;
  group_empty_ = true;
  last_small_ = 4;
  prev_ = kBig;
  chinese_ = true;
  flags_ |= ScannedNumber::kEndsWithUnit;
  snapshot(end);
  return true;
}

Core UnitMachine::run(size_t i) {
  const size_t n = text_.size();
  while (i < n) {
    const char32_t c = text_[i];
    const uint8_t k = classify(c);
    const CharClass cls = class_of(k);
    bool ok = false;
    if (cls == kClsArabic) {
      const ArabicToken t = read_arabic(text_, i);
      ok = digit_token(t.value, t.has_point, t.end - i == 1, t.flags, true, t.end);
      if (ok) {
        i = t.end;
        continue;
      }
    } else if (cls == kClsDigit || cls == kClsFinDigit) {
      if (value_of(k) == 0) {
        if (prev_ == kStart) {
          // A leading 零 is the digit 0: "零点五". Nothing can multiply it.
          ok = digit_token(Exact{}, false, true, 0, false, i + 1);
        } else if ((prev_ == kBig || (prev_ == kSmall && last_small_ > 1)) && !has_pending_) {
          prev_ = kZero;  // 一千零五: an incomplete state, no snapshot
          ok = true;
        }
      } else {
        ok = digit_token(exact_int(static_cast<uint64_t>(value_of(k))), false, true, 0, false, i + 1);
      }
    } else if (cls == kClsUnit || cls == kClsFinUnit) {
      const int u = value_of(k);
      ok = u >= 4 ? big_unit(u, i + 1) : small_unit(u, i + 1);
    } else if (cls == kClsApprox) {
      // 十多万, 500余万, 一百零几万: only directly before a big unit.
      const uint8_t next = classify(at(text_, i + 1));
      if (class_of(next) == kClsUnit && value_of(next) >= 4 && !sealed_point_ &&
          (prev_ == kDigit || prev_ == kSmall || prev_ == kZero)) {
        if (!has_pending_) {
          pending_ = Exact{};
          has_pending_ = true;
          group_empty_ = false;
        }
        flags_ |= ScannedNumber::kApproximate;
        prev_ = kApprox;
        ok = true;
      }
    } else if (cls == kClsPoint) {
      // 点 ends the integer part: "十五点七", "两千三点一", "四百亿点零五零", and may be
      // followed by a multiplier when the integer part had none: "一点五亿".
      if (best_end_ == i && !sealed_point_ && !pending_point_ && prev_ != kStart) {
        DigitRun frac;
        const size_t j = read_chinese_fraction(text_, i + 1, &frac);
        if (j > i + 1) {
          Exact v = add(best_value_, frac.value());
          size_t end = j;
          if (max_big_ == 0) {
            size_t tail_end = j;
            const int tail = read_unit_tail(text_, j, /*big_only=*/true, &tail_end);
            if (tail > 0) {
              v = shifted(v, tail);
              end = tail_end;
              best_flags_ |= ScannedNumber::kEndsWithUnit;
            } else {
              best_flags_ &= static_cast<uint16_t>(~ScannedNumber::kEndsWithUnit);
            }
          } else {
            best_flags_ &= static_cast<uint16_t>(~ScannedNumber::kEndsWithUnit);
          }
          best_end_ = end;
          best_value_ = v;
          best_flags_ |= ScannedNumber::kHasPoint;
          best_has_point_ = true;
          best_chinese_ = true;
        }
      }
      break;  // nothing follows a fractional part
    }
    if (!ok) break;
    ++i;
  }
  Core core;
  core.end = best_end_;
  core.value = best_value_;
  core.flags = best_flags_;
  core.arabic = best_arabic_;
  core.chinese = best_chinese_;
  core.has_point = best_has_point_;
  return core;
}

// A range "两三", "三四十万" or a digit-by-digit reading "二〇二〇" at the start of a run
// of two or more Chinese digits. Returns false if the run is neither (the caller then
// reads it with the unit grammar, which stops after the first digit).
inline bool read_digit_run(std::u32string_view text, size_t i, bool ranges, Core* out) {
  const size_t n = text.size();
  size_t j = i;
  bool has_zero = false;
  bool has_liang = false;
  while (j < n) {
    const uint8_t k = classify(text[j]);
    if (!is_chinese_digit(k)) break;
    has_zero |= is_zero_char(text[j]);
    has_liang |= is_liang(text[j]);
    ++j;
  }
  const size_t len = j - i;
  if (len < 2) return false;
  const int d1 = value_of(classify(text[i]));
  const int d2 = value_of(classify(text[i + 1]));
  if (len == 2 && ranges && d1 >= 1 && d2 == d1 + 1) {
    size_t end = j;
    const int tail = read_unit_tail(text, j, /*big_only=*/false, &end);
    out->end = end;
    out->range = true;
    out->chinese = true;
    out->value = shifted(exact_int(static_cast<uint64_t>(d1)), tail);
    out->upper = shifted(exact_int(static_cast<uint64_t>(d2)), tail);
    if (tail > 0) out->flags |= ScannedNumber::kEndsWithUnit;
    return true;
  }
  if (has_liang || (len == 2 && !has_zero)) return false;
  // Digit by digit; a unit right after ("一九九八万") means it was not a digit reading.
  if (is_unit(classify(at(text, j))) || class_of(classify(at(text, j))) == kClsPoint) return false;
  DigitRun run;
  for (size_t p = i; p < j; ++p) run.push_int(value_of(classify(text[p])));
  out->end = j;
  out->chinese = true;
  out->value = run.value();
  out->flags |= ScannedNumber::kDigitSequence;
  return true;
}

// One number at i: Arabic, Chinese or mixed; a range or digit sequence when allowed.
inline Core scan_core(std::u32string_view text, size_t i, bool allow_runs, bool ranges) {
  Core none;
  none.end = i;
  if (i >= text.size()) return none;
  const uint8_t k = classify(text[i]);
  const CharClass cls = class_of(k);
  if (cls == kClsArabic) {
    const ArabicToken t = read_arabic(text, i);
    Core core;
    core.end = t.end;
    core.value = t.value;
    core.has_point = t.has_point;
    core.arabic = true;
    core.flags = t.flags;
    // A unit (or 余/多/几 before a big unit) continues the number in the unit grammar.
    const uint8_t next = classify(at(text, t.end));
    const bool approx_then_big = class_of(next) == kClsApprox &&
                                 class_of(classify(at(text, t.end + 1))) == kClsUnit &&
                                 value_of(classify(at(text, t.end + 1))) >= 4;
    if (is_unit(next) || approx_then_big) {
      UnitMachine machine(text, i);
      machine.seed_arabic(t);
      Core mixed = machine.run(t.end);
      if (mixed.end > core.end) return mixed;
    }
    return core;
  }
  if (cls == kClsDigit || cls == kClsFinDigit) {
    if (allow_runs && is_chinese_digit(classify(at(text, i + 1)))) {
      Core run;
      if (read_digit_run(text, i, ranges, &run)) return run;
    }
    UnitMachine machine(text, i);
    return machine.run(i);
  }
  if (is_unit(k) && value_of(k) == 1) {  // 十, 拾: "十三", "拾万零五十六"
    UnitMachine machine(text, i);
    return machine.run(i);
  }
  return none;
}

inline NumeralScript script_of(bool arabic, bool chinese) {
  if (arabic && chinese) return NumeralScript::kMixed;
  return arabic ? NumeralScript::kArabic : NumeralScript::kChinese;
}

}  // namespace detail

// -----------------------------------------------------------------------------------------
// Public API.

int numeral_digit_value(char32_t c) {
  const uint8_t k = detail::classify(c);
  const auto cls = detail::class_of(k);
  if (cls == detail::kClsArabic || cls == detail::kClsDigit || cls == detail::kClsFinDigit) {
    return detail::value_of(k);
  }
  return -1;
}

bool is_chinese_numeral_char(char32_t c) { return detail::is_chinese_numeral(c); }

int numeral_unit_exponent(char32_t c) {
  const uint8_t k = detail::classify(c);
  return detail::is_unit(k) ? detail::value_of(k) : 0;
}

Decimal make_decimal(uint64_t coefficient, int32_t exponent, bool negative) {
  if (coefficient == 0) return Decimal{};
  while (coefficient % 10 == 0) {
    coefficient /= 10;
    ++exponent;
  }
  return Decimal{coefficient, exponent, negative};
}

namespace {

// A Decimal laid out for printing: canonical (a hand-built {150, -2} prints "1.5", so the
// output never has trailing zeros after the point), its coefficient's digits, and the
// length of its text.
struct DecimalLayout {
  Decimal d;
  char digits[20];
  size_t n = 0;  // digits used
  size_t sign = 0;
  size_t frac = 0;  // digits after the point
  size_t length = 0;
};

DecimalLayout layout_of(const Decimal& value) {
  DecimalLayout t;
  t.d = make_decimal(value.coefficient, value.exponent, value.negative);
  t.n = static_cast<size_t>(std::to_chars(t.digits, t.digits + sizeof t.digits, t.d.coefficient).ptr - t.digits);
  t.sign = t.d.negative ? 1 : 0;
  t.frac = t.d.exponent < 0 ? static_cast<size_t>(-static_cast<int64_t>(t.d.exponent)) : 0;
  t.length = t.sign + (t.d.exponent >= 0 ? t.n + static_cast<size_t>(t.d.exponent) : t.n > t.frac ? t.n + 1 : 2 + t.frac);
  return t;
}

// Writes the text at out, t.length bytes: zeros, and the digits (and a sign and point)
// written over them (made at its final length: every target row prints one or two values,
// and building them by appending cost more than the rest of their cells).
void write_layout(const DecimalLayout& t, char* out) {
  std::memset(out, '0', t.length);
  char* const at = out + t.sign;
  if (t.d.negative) out[0] = '-';
  if (t.d.exponent >= 0) {
    std::memcpy(at, t.digits, t.n);  // then the exponent's zeros
  } else if (t.n > t.frac) {
    std::memcpy(at, t.digits, t.n - t.frac);
    at[t.n - t.frac] = '.';
    std::memcpy(at + t.n - t.frac + 1, t.digits + t.n - t.frac, t.frac);
  } else {
    at[1] = '.';  // "0." and the zeros before the digits
    std::memcpy(out + t.length - t.n, t.digits, t.n);
  }
}

}  // namespace

std::string Decimal::to_string() const {
  if (coefficient == 0) return "0";
  const DecimalLayout t = layout_of(*this);
  std::string out(t.length, '0');
  write_layout(t, out.data());
  return out;
}

namespace detail {

size_t write_decimal(const Decimal& value, char* out) {
  if (value.coefficient == 0) {
    out[0] = '0';
    return 1;
  }
  const DecimalLayout t = layout_of(value);
  if (t.length > kDecimalTextRoom) return 0;
  write_layout(t, out);
  return t.length;
}

}  // namespace detail

std::optional<uint64_t> Decimal::to_uint64() const {
  if (coefficient == 0) return uint64_t{0};
  if (negative || exponent < 0) return std::nullopt;
  if (exponent > 19) return std::nullopt;
  detail::u128 v = coefficient;
  for (int32_t i = 0; i < exponent; ++i) {
    v *= 10;
    if (v > std::numeric_limits<uint64_t>::max()) return std::nullopt;
  }
  return static_cast<uint64_t>(v);
}

std::optional<Decimal> parse_decimal_literal(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  detail::DigitRun run;
  int digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    run.push_int(text[i++] - '0');
    ++digits;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      run.push_frac(text[i++] - '0');
      ++digits;
    }
  }
  if (digits == 0) return std::nullopt;
  int64_t exp10 = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) exp_negative = text[i++] == '-';
    int exp_digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && exp_digits < 9) {
      exp10 = exp10 * 10 + (text[i++] - '0');
      ++exp_digits;
    }
    if (exp_digits == 0) return std::nullopt;
    if (exp_negative) exp10 = -exp10;
  }
  if (i != text.size()) return std::nullopt;
  bool overflow = false;
  Decimal d = detail::to_decimal(detail::shifted(run.value(), exp10), negative, &overflow);
  if (overflow) return std::nullopt;
  if (d.coefficient == 0) d.negative = false;
  return d;
}

const char* number_kind_name(NumberKind kind) {
  switch (kind) {
    case NumberKind::kNone: return "none";
    case NumberKind::kPlain: return "plain";
    case NumberKind::kFraction: return "fraction";
    case NumberKind::kPercent: return "percent";
    case NumberKind::kPermille: return "permille";
    case NumberKind::kTenths: return "tenths";
    case NumberKind::kRange: return "range";
  }
  return "none";
}

const char* numeral_script_name(NumeralScript script) {
  switch (script) {
    case NumeralScript::kArabic: return "arabic";
    case NumeralScript::kChinese: return "chinese";
    case NumeralScript::kMixed: return "mixed";
  }
  return "arabic";
}

namespace {

using detail::classify;
using detail::class_of;
using detail::value_of;

// The prefix forms 百分之 / 千分之 / 万分之 / 百万分之 …: a denominator written with units
// only, then 分之, then the numerator. Returns false if `pos` does not start one.
bool scan_prefix_fraction(std::u32string_view text, size_t pos, const ScanOptions& options,
                          ScannedNumber* out) {
  size_t j = pos;
  const int exponent = detail::read_unit_tail(text, pos, /*big_only=*/false, &j);
  if (exponent < 2 || detail::at(text, j) != U'分' || detail::at(text, j + 1) != U'之') {
    return false;
  }
  const bool percent = exponent == 2;
  const bool permille = exponent == 3;
  if ((percent || permille) ? !options.percent_forms : !options.fractions) return false;
  const size_t num_start = j + 2;
  // Runs are read only to be refused: 百分之二三十 is a range of percentages, which this
  // API cannot express, so it is not read as 百分之二 either.
  detail::Core num = detail::scan_core(text, num_start, /*allow_runs=*/true, /*ranges=*/true);
  if (num.range || (num.flags & ScannedNumber::kDigitSequence)) return false;
  if (num.end == num_start) {
    // 百分之百: the one place a bare 百 is a number.
    if (!percent || class_of(classify(detail::at(text, num_start))) != detail::kClsUnit ||
        value_of(classify(detail::at(text, num_start))) != 2) {
      return false;
    }
    num.end = num_start + 1;
    num.value = detail::exact_int(100);
    num.chinese = true;
    num.flags = ScannedNumber::kEndsWithUnit;
  }
  bool overflow = false;
  out->end = num.end;
  out->value = detail::to_decimal(num.value, false, &overflow);
  out->flags = num.flags;
  if (percent) {
    out->kind = NumberKind::kPercent;
  } else if (permille) {
    out->kind = NumberKind::kPermille;
  } else {
    out->kind = NumberKind::kFraction;
    out->second = make_decimal(1, exponent);
  }
  out->script = detail::script_of(num.arabic, true);
  if (overflow) out->flags |= ScannedNumber::kOverflow;
  return true;
}

// X成 at `*end` (which holds 成) is X tenths, for 0 < X <= 10: "九成", "9.5成", "十成";
// a single digit may take a second decimal: 七成五 = 7.5, 三成半 = 3.5. On success moves
// *end past the form and updates *value and *flags.
bool read_tenths(std::u32string_view text, bool had_point, detail::Exact* value, size_t* end,
                 uint16_t* flags) {
  if (value->c == 0 || !detail::at_most_ten(*value)) return false;
  size_t j = *end + 1;
  *flags &= static_cast<uint16_t>(~ScannedNumber::kEndsWithUnit);
  const bool single_digit = detail::below_pow10(*value, 1) && !had_point;
  const char32_t after = detail::at(text, j);
  const uint8_t ak = classify(after);
  if (single_digit && after == U'半') {
    *value = detail::add(*value, detail::Exact{5, -1, false});
    ++j;
    *flags |= ScannedNumber::kHasPoint;
  } else if (single_digit && class_of(ak) == detail::kClsDigit && value_of(ak) > 0 && !detail::is_liang(after)) {
    // Only a lone digit: in "七成五十" the 五 starts another number.
    const uint8_t beyond = classify(detail::at(text, j + 1));
    if (!detail::is_chinese_digit(beyond) && !detail::is_unit(beyond) && class_of(beyond) != detail::kClsPoint &&
        class_of(beyond) != detail::kClsArabic) {
      *value = detail::add(*value, detail::Exact{static_cast<detail::u128>(value_of(ak)), -1, false});
      ++j;
      *flags |= ScannedNumber::kHasPoint;
    }
  }
  *end = j;
  return true;
}

}  // namespace

namespace detail {

// Reads ASCII digits from text[j] on into *value, at most up to `stop`; returns where they end.
inline size_t read_ascii_digits(std::u32string_view text, size_t j, size_t stop, uint64_t* value) {
  for (; j < stop && text[j] >= U'0' && text[j] <= U'9'; ++j) *value = *value * 10 + (text[j] - U'0');
  return j;
}

ScannedNumber scan_plain_arabic(std::u32string_view text, size_t pos, const ScanOptions& options) {
  constexpr size_t kMaxDigits = 18;  // 10^18 < 2^64: no overflow to look for
  ScannedNumber r;
  r.begin = r.end = pos;
  if (pos >= text.size() || text[pos] < U'1' || text[pos] > U'9') return r;
  uint64_t value = 0;
  size_t j = read_ascii_digits(text, pos, std::min(text.size(), pos + kMaxDigits + 1), &value);
  size_t digits = j - pos;
  int32_t exponent = 0;
  uint16_t flags = 0;
  if (j + 1 < text.size() && text[j] == U'.' && text[j + 1] >= U'0' && text[j + 1] <= U'9') {
    const size_t point = j;
    j = read_ascii_digits(text, point + 1, std::min(text.size(), point + 1 + kMaxDigits + 1 - digits), &value);
    exponent = -static_cast<int32_t>(j - point - 1);
    digits += j - point - 1;
    flags = ScannedNumber::kHasPoint;
  }
  if (digits > kMaxDigits) return r;
  NumberKind kind = NumberKind::kPlain;
  if (j < text.size()) {
    const char32_t next = text[j];
    if ((next == U'%' || next == 0xFF05) && options.percent_forms) {
      kind = NumberKind::kPercent;
      flags |= ScannedNumber::kSignSuffix;
      ++j;
    } else if (classify(next) != 0 || is_group_separator(next) || is_decimal_point(next) || next == U'%' ||
               next == 0xFF05 || next == U'‰' || next == U'分' || next == U'成') {
      return r;  // the grammar reads on, or reads less
    }
  }
  while (value % 10 == 0) {  // (not 0: the first digit is not)
    value /= 10;
    ++exponent;
  }
  r.end = j;
  r.kind = kind;
  r.script = NumeralScript::kArabic;
  r.flags = flags;
  r.value = Decimal{value, exponent, false};
  return r;
}

ScannedNumber scan_lone_chinese_digit(std::u32string_view text, size_t pos, const ScanOptions& options) {
  ScannedNumber r;
  r.begin = r.end = pos;
  const uint8_t k = classify(text[pos]);
  // One financial character alone is a word (陆续, 队伍), unless asked for.
  if (is_financial(k) && !options.lone_financial) return r;
  r.end = pos + 1;
  r.kind = NumberKind::kPlain;
  r.script = NumeralScript::kChinese;
  r.flags = ScannedNumber::kSingleChineseDigit;
  if (value_of(k) != 0) r.value = Decimal{static_cast<uint64_t>(value_of(k)), 0, false};
  return r;
}

}  // namespace detail

ScannedNumber scan_number(std::u32string_view text, size_t pos, const ScanOptions& options) {
  // One result returned from every path, so that the plain Arabic number (most numbers) is
  // read where the caller wants it rather than copied there.
  ScannedNumber number = detail::scan_plain_arabic(text, pos, options);
  if (!number) {
    number = detail::is_lone_chinese_digit(text, pos) ? detail::scan_lone_chinese_digit(text, pos, options)
                                                       : detail::scan_number_by_grammar(text, pos, options);
  }
  return number;
}

ScannedNumber detail::scan_number_by_grammar(std::u32string_view text, size_t pos, const ScanOptions& options) {
  ScannedNumber r;
  r.begin = r.end = pos;
  if (pos >= text.size()) return r;
  const char32_t first = text[pos];
  const uint8_t k = classify(first);
  const auto cls = class_of(k);

  // The fast exit: nothing at all starts here, which is almost everywhere.
  bool negative = false;
  size_t start = pos;
  if (cls == detail::kClsOther) {
    if (!options.signs || !(first == U'-' || first == 0x2212 || first == 0xFF0D)) return r;
    if (class_of(classify(detail::at(text, pos + 1))) != detail::kClsArabic) return r;
    negative = true;
    start = pos + 1;
  } else if (cls == detail::kClsMinus) {
    if (!options.signs) return r;
    negative = true;
    start = pos + 1;
  } else if (cls == detail::kClsUnit && value_of(k) >= 2) {
    // 百/千/万 start a number only as 百分之, 千分之, 万分之, 百万分之 ….
    if (detail::at(text, pos + 1) == U'分' || detail::is_unit(classify(detail::at(text, pos + 1)))) {
      scan_prefix_fraction(text, pos, options, &r);
    }
    return r;
  } else if (cls == detail::kClsFinUnit && value_of(k) >= 2) {
    if (detail::at(text, pos + 1) == U'分') scan_prefix_fraction(text, pos, options, &r);
    return r;
  } else if (cls != detail::kClsArabic && cls != detail::kClsDigit && cls != detail::kClsFinDigit &&
             !(detail::is_unit(k) && value_of(k) == 1)) {
    return r;
  }

  detail::Core core = detail::scan_core(text, start, /*allow_runs=*/true, options.ranges);
  if (core.end == start) {
    return r;  // a sign with no number after it
  }
  if (negative) core.flags |= ScannedNumber::kSigned;

  NumberKind kind = core.range ? NumberKind::kRange : NumberKind::kPlain;
  detail::Exact value = core.value;
  detail::Exact second = core.upper;
  size_t end = core.end;
  uint16_t flags = core.flags;
  bool chinese = core.chinese;
  bool arabic = core.arabic;
  const bool plain = kind == NumberKind::kPlain && !(flags & ScannedNumber::kDigitSequence);

  if (plain) {
    const char32_t next = detail::at(text, end);
    if (options.fractions && next == U'分' && detail::at(text, end + 1) == U'之') {
      // X分之Y: three in 三分之一 is the denominator.
      detail::Core num = detail::scan_core(text, end + 2, /*allow_runs=*/true, /*ranges=*/true);
      if (num.end > end + 2 && !num.range && !(num.flags & ScannedNumber::kDigitSequence)) {
        kind = NumberKind::kFraction;
        second = value;
        value = num.value;
        end = num.end;
        flags = static_cast<uint16_t>((flags & ~ScannedNumber::kEndsWithUnit) | num.flags);
        chinese = true;
        arabic |= num.arabic;
      }
    } else if (options.percent_forms && (next == U'%' || next == 0xFF05)) {
      kind = NumberKind::kPercent;
      ++end;
      flags |= ScannedNumber::kSignSuffix;
    } else if (options.percent_forms && next == U'‰') {
      kind = NumberKind::kPermille;
      ++end;
      flags |= ScannedNumber::kSignSuffix;
    } else if (options.percent_forms && next == U'成' && read_tenths(text, core.has_point, &value, &end, &flags)) {
      kind = NumberKind::kTenths;
      chinese = true;
    }
  }

  // One financial character alone is a word (陆续, 队伍), unless asked for.
  if (end - pos == 1 && detail::is_financial(k) && !options.lone_financial) return r;

  bool overflow = false;
  r.end = end;
  r.kind = kind;
  r.value = detail::to_decimal(value, negative, &overflow);
  if (kind == NumberKind::kRange || kind == NumberKind::kFraction) {
    r.second = detail::to_decimal(second, false, &overflow);
  }
  if (core.has_point) flags |= ScannedNumber::kHasPoint;
  if (overflow) flags |= ScannedNumber::kOverflow;
  if (end - pos == 1 && is_chinese_numeral_char(first)) flags |= ScannedNumber::kSingleChineseDigit;
  r.flags = flags;
  r.script = detail::script_of(arabic, chinese);
  return r;
}

std::optional<uint64_t> parse_integer(std::u32string_view text) {
  if (text.empty()) return std::nullopt;
  ScanOptions options;
  options.signs = false;
  options.percent_forms = false;
  options.fractions = false;
  options.ranges = false;
  options.lone_financial = true;
  const ScannedNumber r = scan_number(text, 0, options);
  if (r.end != text.size() || r.kind != NumberKind::kPlain) return std::nullopt;
  if (r.flags & (ScannedNumber::kOverflow | ScannedNumber::kApproximate)) return std::nullopt;
  // A point is fine when a multiplier makes the value whole ("1.5亿"), not in "1.0".
  if (r.has(ScannedNumber::kHasPoint) && !r.has(ScannedNumber::kEndsWithUnit)) return std::nullopt;
  return r.value.to_uint64();
}

}  // namespace zhpolicy
