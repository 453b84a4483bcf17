// extract: quantities -> targets.
//
// The problem. A number recogniser finds "16" in "年内竣工16所学校"; an analyst needs
// "16 所, a target, period 年内, in clause 二、/(十一)". Around every number the text says
// what it counts (a unit: 所 个 名 人次 % 个百分点 万元), how it is bounded (不低于 … 以上,
// 超, 逾, 约 … 左右, 3-4), whether it is a change (降低1个百分点), whether it is a plan or a
// result (力争 / 已建成), and many numbers are not quantities at all: years, dates, plan
// names (十四五), ordinals (第五批), codes (5+2, 5G, 12345热线), slogans (一校一品, 三名一好).
//
// The approach. One walk over the normalized shadow notes where a numeral or a sentence
// cue may start (and counts the document's plan and report cues for its lean). Then,
// sentence by sentence, at every noted position that starts a numeral, numeral.hpp's
// scan_number reads the longest number; then, in order: reject the non-quantities by their
// immediate context; read a range ("3-4", "3至4"); read an infix (余/多), the unit (longest
// match in data/units.tsv) and a trailing comparator (以上/以下/左右); look back for a
// leading comparator (不低于/超/逾/约) and a change verb (提高/降低); inherit those across
// an enumeration ("分别增加135所、42所"); then classify the sentence (target/status cues
// with the document's lean as tie-breaker), its strength and its period, and cut the
// indicator from the text before the number.
//
// Trade-offs. Context rules are local (a few characters either side), which keeps the pass
// linear and explainable, and the lexicons are data. A Chinese numeral must be followed by a
// unit to count ("三名" yes, "三位一体" no); a bare Arabic number needs a unit or a
// comparator. Everything here is measured against the gold annotations by scripts/eval.sh.
#include "zhpolicy/extract.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal/flag_scan.hpp"
#include "internal/numeral_class.hpp"
#include "internal/original_text.hpp"
#include "internal/placed_target.hpp"
#include "internal/quantity_lexicon.hpp"
#include "internal/utf8.hpp"
#include "internal/utf8_encode.hpp"

namespace zhpolicy {
namespace {

using detail::CueEntry;
using detail::CueRole;
using detail::CueWeight;
// The lexicon's values and a target's unit and comparator are compared with short words at
// every number: as string_views the comparisons are inline. The words a position is compared
// with (starts_with_at(t, pos, U"热线"sv)) are string_view literals too: a U"…" made into a
// view at run time had its length counted, a loop at every number.
using namespace std::string_view_literals;

// The lexicon, through a reference local to this file: cue_at() runs at most positions of a
// sentence, and quantity_lexicon() is an out-of-line call per use.
const detail::QuantityLexicon& lexicon() {
  static const detail::QuantityLexicon& instance = detail::quantity_lexicon();
  return instance;
}

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char32_t c) { return ((c | 0x20u) - 'a') < 26u; }

// A few code points, asked about at every code point of a sentence: a mask of the members'
// bits c % 64 turns most others away with one test before the comparisons.
template <size_t N>
class CodePointSet {
 public:
  constexpr explicit CodePointSet(const char32_t (&members)[N]) : members_{} {
    for (size_t k = 0; k < N; ++k) {
      members_[k] = members[k];
      bits_ |= uint64_t{1} << (members[k] % 64);
    }
  }
  constexpr bool contains(char32_t c) const {
    if (((bits_ >> (c % 64)) & 1) == 0) return false;
    for (const char32_t m : members_) {
      if (m == c) return true;
    }
    return false;
  }
  constexpr const char32_t (&members() const)[N] { return members_; }

 private:
  char32_t members_[N];
  uint64_t bits_ = 0;
};

// For each value of c % 64, the words of a list (up to 32) whose first or last code point
// has it, a bit each in list order: the words a code point may start (end) are the set
// bits of one entry, tried lowest first as the list is, instead of a test of every word.
enum class Edge { kFirst, kLast };
template <size_t N>
constexpr std::array<uint32_t, 64> words_by_edge(const std::u32string_view (&words)[N], Edge edge) {
  static_assert(N <= 32, "a word list of at most 32 words");
  std::array<uint32_t, 64> by_edge{};
  for (size_t i = 0; i < N; ++i) {
    by_edge[(edge == Edge::kFirst ? words[i].front() : words[i].back()) % 64] |= uint32_t{1} << i;
  }
  return by_edge;
}

constexpr CodePointSet kOpenQuotes({U'“', U'"', U'「', U'‘', U'『'});

constexpr bool is_open_quote(char32_t c) { return kOpenQuotes.contains(c); }
constexpr bool is_close_quote(char32_t c) {
  return c == U'”' || c == '"' || c == U'」' || c == U'’' || c == U'』';
}

// A quotation mark of either kind: '"', “ ” ‘ ’ (U+201C/D, U+2018/9) or 「 」 『 』 (U+300C-F).
// Asked of every code point of an indicator, so by ranges rather than through both lists.
constexpr bool is_quote(char32_t c) {
  const auto u = static_cast<uint32_t>(c);
  return u == '"' || u - 0x300Cu < 4u || (u - 0x2018u < 6u && u != 0x201Au && u != 0x201Bu);
}
constexpr bool is_quote_agrees_below(uint32_t limit) {
  for (uint32_t c = 0; c < limit; ++c) {
    if (is_quote(c) != (is_open_quote(c) || is_close_quote(c))) return false;
  }
  return true;
}
static_assert(is_quote_agrees_below(0x3100), "is_quote must be is_open_quote || is_close_quote");
// The last quotation mark (』): append_without_quotes asks no code point above it.
constexpr char32_t kLastQuote = U'』';
constexpr bool no_quote_above_last(uint32_t limit) {
  for (uint32_t c = kLastQuote + 1; c < limit; ++c) {
    if (is_quote(c)) return false;
  }
  return is_quote(kLastQuote);
}
static_assert(no_quote_above_last(0x10000), "kLastQuote must be the last code point is_quote accepts");

// Length of the mark at byte i of valid UTF-8 that folds to a quotation mark (is_quote), or
// 0: '"', E2 80 98/99/9C/9D (‘’“”), E3 80 8C..8F (「」『』) or EF BC 82 (＂, which folds to
// '"': the original indicator must drop what the normalized one drops). No other character
// starts with these bytes, and no lead byte can be inside a sequence.
size_t quote_length_at(std::string_view text, size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b == '"') return 1;
  if ((b != 0xE2 && b != 0xE3 && b != 0xEF) || text.size() - i < 3) return 0;
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  const auto b2 = static_cast<unsigned char>(text[i + 2]);
  if (b == 0xEF) return b1 == 0xBC && b2 == 0x82 ? 3 : 0;
  if (b1 != 0x80) return 0;
  if (b == 0xE2) return b2 == 0x98 || b2 == 0x99 || b2 == 0x9C || b2 == 0x9D ? 3 : 0;
  return b2 >= 0x8C && b2 <= 0x8F ? 3 : 0;
}

// Byte offset of the first quotation mark at or after `i` (a code point's first byte) in
// valid UTF-8, or npos. Asked only of an indicator whose normalized form had quotation
// marks, and of periods: short strings, a code point at a time (a byte at a time asked
// every continuation byte too, three of every four of a Chinese text).
size_t next_quote(std::string_view text, size_t i) {
  for (; i < text.size(); i += detail::utf8_sequence_length(static_cast<unsigned char>(text[i]))) {
    if (quote_length_at(text, i) != 0) return i;
  }
  return std::string_view::npos;
}

// `text` (UTF-8) without its quotation marks, in place: an indicator or period cut from
// 新建“智慧校园” is 新建智慧校园.
void remove_quotes(std::string& text) {
  size_t i = next_quote(text, 0);
  if (i == std::string_view::npos) return;
  size_t kept = i;  // text[0, kept) is final
  while (i < text.size()) {
    i += quote_length_at(text, i);
    const size_t next = next_quote(text, i);
    const size_t stop = next == std::string_view::npos ? text.size() : next;
    std::memmove(text.data() + kept, text.data() + i, stop - i);
    kept += stop - i;
    i = stop;
  }
  text.resize(kept);
}

#ifdef __SSE2__
// Whether the four code points at `in` all lie above kLastQuote: none can be a quotation
// mark, so they are encoded as they are. (As signed lanes a value of 2^31 or more is
// negative: not above, so asked one by one.)
bool all_above_last_quote(const char32_t* in) {
  const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  return _mm_movemask_epi8(_mm_cmpgt_epi32(c, _mm_set1_epi32(static_cast<int>(kLastQuote)))) == 0xFFFF;
}
#endif

// The normalized code points of `first` and then `second` without quotation marks,
// appended in UTF-8. Returns whether there was one to drop. Once per target (its phrase and
// the noun after a counter): both are encoded on the stack and appended at once, a chunk
// at a time, where growing `out` by four bytes a code point and cutting it back
// zero-filled (and often reallocated) the string twice; a run of four Han characters
// (above every quotation mark) is encoded in one vector step, and only a code point up to
// kLastQuote is asked whether it is a quote.
bool append_without_quotes(std::string& out, std::u32string_view first, std::u32string_view second) {
  constexpr size_t kChunk = 64;  // code points: an indicator's phrase is mostly shorter
  // (Room for a chunk and the vector step's two bytes of slack past its twelve.)
  char encoded[4 * kChunk + 2];
  char* q = encoded;
  bool dropped = false;
  for (const std::u32string_view text : {first, second}) {
    const char32_t* in = text.data();
    const char32_t* const end = in + text.size();
    while (in != end) {
      if (q - encoded > static_cast<std::ptrdiff_t>(4 * (kChunk - 4))) {
        out.append(encoded, static_cast<size_t>(q - encoded));
        q = encoded;
      }
#ifdef __SSE2__
      if (end - in >= 4 && all_above_last_quote(in) && detail::encode_four_three_byte(q, in)) {
        in += 4;
        continue;
      }
#endif
      const char32_t c = *in++;
      if (c <= kLastQuote && is_quote(c)) {
        dropped = true;
        continue;
      }
      q = detail::encode_at(q, c);
    }
  }
  out.append(encoded, static_cast<size_t>(q - encoded));
  return dropped;
}

// Characters that end the phrase an indicator is cut from.
constexpr bool is_listed_phrase_break(char32_t c) {
  switch (c) {
    case ',': case U'，': case U'、': case ';': case U'；': case ':': case U'：': case U'。':
    case '(': case ')': case U'（': case U'）': case '!': case '?': case '\n': case ' ':
      return true;
    default:
      return false;
  }
}
// None lies between 。 (U+3002) and （ (U+FF08), where the Han characters are: asked at
// most code points before and after every number, they are passed with one test there
// rather than through the switch's comparisons.
constexpr char32_t kBreakFreeAfter = U'。';
constexpr char32_t kBreakFreeBefore = U'（';
constexpr bool no_phrase_break_between(char32_t from, char32_t to) {
  for (char32_t c = from; c < to; ++c) {
    if (is_listed_phrase_break(c)) return false;
  }
  return true;
}
// Checked in two pieces: one constant evaluation over the whole range passes clang's step
// limit (the fuzzing build is clang's).
constexpr char32_t kBreakFreeMiddle = kBreakFreeAfter + (kBreakFreeBefore - kBreakFreeAfter) / 2;
static_assert(no_phrase_break_between(kBreakFreeAfter + 1, kBreakFreeMiddle),
              "no phrase break may lie between kBreakFreeAfter and kBreakFreeBefore");
static_assert(no_phrase_break_between(kBreakFreeMiddle, kBreakFreeBefore), "see above");
constexpr bool is_phrase_break(char32_t c) {
  if (c > kBreakFreeAfter && c < kBreakFreeBefore) return false;
  return is_listed_phrase_break(c);
}

// Both are asked at most positions of a sentence and usually fail on the first code point:
// a plain loop, without compare()'s bounds check and three-way result.
bool equal_at(const char32_t* text, std::u32string_view word) {
  for (size_t k = 0; k < word.size(); ++k) {
    if (text[k] != word[k]) return false;
  }
  return true;
}

bool starts_with_at(std::u32string_view text, size_t pos, std::u32string_view word) {
  return pos <= text.size() && word.size() <= text.size() - pos && equal_at(text.data() + pos, word);
}

bool ends_with_at(std::u32string_view text, size_t end, std::u32string_view word) {
  return end <= text.size() && end >= word.size() && equal_at(text.data() + end - word.size(), word);
}

// The first word of a list, in list order, that ends `text` at `end` (> 0) and is at most
// `room` code points long, or none; `by_end` is words_by_edge(words, Edge::kLast): only
// the words ending with the code point before `end` are compared, mostly none. (Inline:
// asked at every number and every target, the call cost more than the look. The list is
// passed as its first word: every word it reaches has a bit in `by_end`.)
inline std::u32string_view word_ending_at(const std::u32string_view* words, const std::array<uint32_t, 64>& by_end,
                                          std::u32string_view text, size_t end, size_t room) {
  const char32_t last = text[end - 1];
  for (uint32_t candidates = by_end[last % 64]; candidates != 0; candidates &= candidates - 1) {
    const std::u32string_view word = words[__builtin_ctz(candidates)];
    if (word.back() == last && word.size() <= room && ends_with_at(text, end, word)) return word;
  }
  return {};
}

// The first of `cues` (a bucket of the lexicon, longest first) of `role` that starts at
// `pos` (ends at `end`); the first of `units` that starts at `pos`. The lookups below ask the
// lexicon at most positions around a number, and there the bucket is mostly empty: they are
// small enough to be inlined where they are asked, and walk a bucket only when it has words.
const CueEntry* first_cue_starting_at(const std::vector<const CueEntry*>& cues, std::u32string_view text, size_t pos,
                                      CueRole role) {
  for (const CueEntry* c : cues) {
    if (c->role == role && starts_with_at(text, pos, c->word)) return c;
  }
  return nullptr;
}
const CueEntry* first_cue_ending_at(const std::vector<const CueEntry*>& cues, std::u32string_view text, size_t end,
                                    CueRole role) {
  for (const CueEntry* c : cues) {
    if (c->role == role && ends_with_at(text, end, c->word)) return c;
  }
  return nullptr;
}
const detail::UnitEntry* first_unit_at(const std::vector<const detail::UnitEntry*>& units, std::u32string_view text,
                                       size_t pos) {
  for (const detail::UnitEntry* u : units) {
    if (starts_with_at(text, pos, u->unit)) return u;
  }
  return nullptr;
}

// The first cue of `role` (longest first) that starts at `pos`.
inline const CueEntry* cue_at(std::u32string_view text, size_t pos, CueRole role) {
  if (pos >= text.size()) return nullptr;
  const std::vector<const CueEntry*>& cues = lexicon().cues_starting_with(text[pos]);
  return cues.empty() ? nullptr : first_cue_starting_at(cues, text, pos, role);
}

// The first cue of `role` (longest first) that ends at `end`.
inline const CueEntry* cue_ending_at(std::u32string_view text, size_t end, CueRole role) {
  if (end == 0 || end > text.size()) return nullptr;
  const std::vector<const CueEntry*>& cues = lexicon().cues_ending_with(text[end - 1]);
  return cues.empty() ? nullptr : first_cue_ending_at(cues, text, end, role);
}

inline const detail::UnitEntry* unit_at(std::u32string_view text, size_t pos) {
  if (pos >= text.size()) return nullptr;
  const std::vector<const detail::UnitEntry*>& units = lexicon().units_starting_with(text[pos]);
  return units.empty() ? nullptr : first_unit_at(units, text, pos);
}

bool may_start_number(char32_t c) {
  if (is_ascii_digit(c)) return true;
  // Chinese numbers start with a digit or 十 (十三万); never with 百千万亿 (百姓, 千万).
  // (The class read once, inline: asked at every number start and after every target, where
  // is_chinese_numeral_char and numeral_digit_value were a call each.)
  return detail::is_chinese_digit(detail::classify(c)) || c == U'十' || c == U'拾';
}

bool is_year(const ScannedNumber& n) {
  if (n.script != NumeralScript::kArabic || n.has(ScannedNumber::kHasPoint) || n.size() != 4) return false;
  const auto v = n.value.to_uint64();
  return v && *v >= 1949 && *v <= 2100;
}

// What stands between the two numbers of a range written with a mark (dashes fold to '-').
bool is_range_mark(char32_t c) { return c == '-' || c == '~' || c == U'至' || c == U'到'; }

// Whether the number at `i` of `text` (cut at its sentence's end) is a lone Chinese digit
// that read_target_at refuses, so that scan_sentence passes it unread: one that no range
// mark follows (一至两所 is a range) and that is 一 (an article before a counter, 一批,
// 一届, or part of a word, 统一, 一体化) or that no unit and no 余/多 before one follows
// (a Chinese numeral needs a unit; 伍 of 队伍: scan_number reads no lone financial digit).
bool is_refused_lone_digit(std::u32string_view text, size_t i) {
  if (!detail::is_lone_chinese_digit(text, i)) return false;
  const size_t next = i + 1;
  if (next == text.size()) return true;
  if (is_range_mark(text[next])) return false;
  if (detail::value_of(detail::classify(text[i])) == 1) return true;
  return unit_at(text, next) == nullptr && cue_at(text, next, CueRole::kApproxInfix) == nullptr;
}

bool is_kind_cue(const CueEntry& c) { return c.role == CueRole::kTargetCue || c.role == CueRole::kStatusCue; }

// A set of code points as a bit per BMP code point: the walks over a sentence or a whole text
// pass every code point that no cue they look for starts (or ends) with, with one test.
// kBeyondBmp: what contains() answers for the code points beyond the BMP, which have no bit
// (a template argument, so that the walks test no flag).
template <bool kBeyondBmp>
class CodePointBits {
 public:
  void insert(char32_t c) {
    if (c < 0x10000) bits_[c >> 6] |= uint64_t{1} << (c & 63);
  }
  // The members among code points 64 w to 64 w + 63, a bit each.
  uint64_t word(size_t w) const { return bits_[w]; }
  bool contains(char32_t c) const { return c < 0x10000 ? ((bits_[c >> 6] >> (c & 63)) & 1) != 0 : kBeyondBmp; }
  // The first position in [k, end) of `text` whose code point is in the set, else end. The
  // bitmap's address is held in a local: in a caller's loop whose other branch calls out, it
  // was loaded again for every code point.
  size_t next_in(const char32_t* text, size_t k, size_t end) const {
    const uint64_t* const bits = bits_.data();
    for (; k < end; ++k) {
      const char32_t c = text[k];
      if (c < 0x10000 ? ((bits[c >> 6] >> (c & 63)) & 1) != 0 : kBeyondBmp) break;
    }
    return k;
  }

 private:
  std::vector<uint64_t> bits_ = std::vector<uint64_t>(0x10000 / 64, 0);
};

// The first code points of the target and status cues: the walk over a whole document
// (document_lean) passes the others, and the first code points of the other cues (到, 年,
// 达 …), with one test. (A cue starting beyond the BMP is refused by the lexicon; such code
// points are asked all the same.)
const CodePointBits<true>& kind_cue_starts() {
  static const CodePointBits<true> starts = [] {
    CodePointBits<true> bits;
    for (const CueEntry& c : lexicon().cues) {
      if (is_kind_cue(c)) bits.insert(c.word.front());
    }
    return bits;
  }();
  return starts;
}

// Calls on_cue(cue) for every occurrence of every target or status cue word inside
// [begin, end), so that callers needing several counts walk the text once.
template <typename OnCue>
void for_each_kind_cue(std::u32string_view text, size_t begin, size_t end, OnCue on_cue) {
  const detail::QuantityLexicon& cues = lexicon();
  const CodePointBits<true>& starts = kind_cue_starts();
  // Most code points start no kind cue: passed in next_in's loop, one bit test each.
  for (size_t k = starts.next_in(text.data(), begin, end); k < end; k = starts.next_in(text.data(), k + 1, end)) {
    for (const CueEntry* c : cues.cues_starting_with(text[k])) {
      if (is_kind_cue(*c) && k + c->word.size() <= end && starts_with_at(text, k, c->word)) on_cue(*c);
    }
  }
}

// Counts of the cues that decide whether a sentence or a document states targets or status.
struct KindCues {
  int target_strong = 0, target_weak = 0;
  int status_strong = 0, status_weak = 0, status_genre = 0;
};

// Empties every field of `t`, keeping its strings' buffers.
void clear_target(Target& t) {
  t.clause = t.sentence = 0;
  t.start = t.end = 0;
  for (std::string* s : {&t.text, &t.indicator, &t.indicator_norm, &t.unit, &t.period}) s->clear();
  for (std::string_view* v : {&t.comparator, &t.unit_norm, &t.unit_class, &t.direction, &t.kind, &t.strength}) {
    *v = {};
  }
  t.value = t.value_max = Decimal{};
  t.has_max = false;
  t.flags.clear();
}
static_assert(sizeof(Target) == 2 * sizeof(size_t) + 2 * sizeof(uint32_t) + 5 * sizeof(std::string) +
                                    6 * sizeof(std::string_view) + 2 * sizeof(Decimal) + sizeof(size_t) +
                                    sizeof(std::vector<std::string>),
              "a field added to Target must be cleared by clear_target");

// The code points at which the extractor's sentence scan does anything: those that may
// start a number (may_start_number, and 百 千 万 of 百分之 …) and the title marks 《 》
// (numbers inside a title are no targets). may_start_number holds only for ASCII digits
// and code points with a numeral class, which are the CJK table's entries, 〇 and the
// full-width digits: asking those finds them all.
const CodePointBits<false>& number_starts() {
  static const CodePointBits<false> bits = [] {
    CodePointBits<false> b;
    auto consider = [&b](char32_t c) {
      if (may_start_number(c) || c == U'百' || c == U'千' || c == U'万') b.insert(c);
    };
    for (char32_t c = '0'; c <= '9'; ++c) consider(c);
    for (const detail::ClassEntry& e : detail::kCjkEntries) consider(e.c);
    for (char32_t c = 0xFF10; c <= 0xFF19; ++c) consider(c);
    consider(U'〇');
    b.insert(U'《');
    b.insert(U'》');
    return b;
  }();
  return bits;
}

// The lean of a document from the counts of its kind cues (see document_lean).
DocumentLean lean_of(const KindCues& cues) {
  int target = cues.target_strong;
  int status = cues.status_strong + cues.status_genre;
  if (target == status) {
    target = cues.target_weak;
    status = cues.status_weak;
  }
  return status > target ? DocumentLean::kStatus : DocumentLean::kTarget;
}

void count_kind_cue(KindCues& n, const CueEntry& c) {
  if (c.role == CueRole::kTargetCue) {
    n.target_strong += c.weight == CueWeight::kStrong;
    n.target_weak += c.weight == CueWeight::kWeak;
  } else if (c.role == CueRole::kStatusCue) {
    n.status_strong += c.weight == CueWeight::kStrong;
    n.status_weak += c.weight == CueWeight::kWeak;
    n.status_genre += c.weight == CueWeight::kGenre;
  }
}

KindCues count_kind_cues(std::u32string_view text, size_t begin, size_t end) {
  KindCues n;
  for_each_kind_cue(text, begin, end, [&n](const CueEntry& c) { count_kind_cue(n, c); });
  return n;
}

// Whether a title names a plan (工作要点, 实施方案 …): its document states targets.
bool title_names_plan(std::u32string_view title) {
  static constexpr std::u32string_view kPlanTitles[] = {U"要点", U"方案", U"计划", U"规划", U"意见",
                                                        U"通知", U"办法", U"措施", U"纲要", U"安排"};
  // One pass over the title, comparing only the words its code point may start, where a
  // search for each word passed over the title ten times (once per document).
  static constexpr std::array<uint32_t, 64> kPlanTitlesByStart = words_by_edge(kPlanTitles, Edge::kFirst);
  for (size_t k = 0; k < title.size(); ++k) {
    for (uint32_t words = kPlanTitlesByStart[title[k] % 64]; words != 0; words &= words - 1) {
      if (starts_with_at(title, k, kPlanTitles[__builtin_ctz(words)])) return true;
    }
  }
  return false;
}

class Extractor {
 public:
  // `walk`: detail::walk_document of `normalized` (where numbers, title marks, sentence cues
  // and period expressions may start, and how many numerals there are).
  // Each target is handed to `found` (one late: see last_), or, with `store`, read at the
  // end of that vector and kept there, `placed` (when given) told where its text lies.
  Extractor(detail::OriginalText original, std::u32string_view normalized, const Segmentation& seg,
            const std::vector<DamagedSpan>& damaged, DocumentLean lean, const detail::DocumentWalk& walk,
            const detail::PlacedTargetSink& found)
      : Extractor(original, normalized, seg, damaged, lean, walk) {
    found_ = &found;
  }
  Extractor(detail::OriginalText original, std::u32string_view normalized, const Segmentation& seg,
            const std::vector<DamagedSpan>& damaged, DocumentLean lean, const detail::DocumentWalk& walk,
            std::vector<Target>& store, const detail::StoredTargetSink* placed)
      : Extractor(original, normalized, seg, damaged, lean, walk) {
    store_ = &store;
    placed_ = placed;
    store.emplace_back();  // where the first number is read
    next_ = &store.back();
    next_is_clear_ = true;
  }

  void run();

 private:
  // What both ways of handing targets on share.
  Extractor(detail::OriginalText original, std::u32string_view normalized, const Segmentation& seg,
            const std::vector<DamagedSpan>& damaged, DocumentLean lean, const detail::DocumentWalk& walk)
      : orig_(original), norm_(normalized), seg_(seg), damaged_(damaged), lean_(lean), walk_(walk) {}

  void scan_sentence(size_t s);
  // Tries to read a target at the number `n`; returns where scanning resumes.
  size_t read_target(size_t s, const ScannedNumber& n);
  size_t read_target_at(size_t s, const ScannedNumber& n);
  bool is_non_quantity(const ScannedNumber& n, size_t sentence_start, size_t sentence_end) const;
  // is_non_quantity's tests of a number that may be a year, a plan's name, a hotline or a
  // name in quotes; `before` and `after` are the code points around it in its sentence.
  bool is_name_or_year(const ScannedNumber& n, size_t sentence_end, char32_t before, char32_t after) const;
  // Counts the kind cues of sentence s and finds its strength cues and period expressions,
  // at its positions of walk_.cue_starts (sentences come in text order), for every number of the
  // sentence to look up.
  void read_sentence_cues(size_t s);
  // Code points [begin, end): where a target's unit was read, cut from the original text
  // with the rest of the target in finish().
  struct Span {
    size_t begin = 0, end = 0;
  };
  void finish(Target& t, size_t s, size_t number_begin, Span unit);
  // The entry of periods_ nearest before a number starting at number_begin that ends
  // before it, or SIZE_MAX; and its text cut from the original into `out`, quotes dropped.
  size_t nearest_period(size_t number_begin) const;
  void cut_period(std::string& out, std::pair<size_t, size_t> period) const;
  size_t period_expression_length(size_t k, size_t end) const;

  detail::OriginalText orig_;
  std::u32string_view norm_;
  const Segmentation& seg_;
  const std::vector<DamagedSpan>& damaged_;
  DocumentLean lean_;
  const detail::DocumentWalk& walk_;
  size_t next_number_ = 0;  // the first of walk_.number_starts not before the sentence being scanned
  size_t next_cue_ = 0;  // the first of walk_.cue_starts not before the last sentence read_sentence_cues read
  const detail::PlacedTargetSink* found_ = nullptr;
  // The last target read, handed on when the next one comes (or at the end): the reader
  // looks back at it (where the indicator walk stops; a list after 、 inherits from it).
  // It and the target being read live in two slots that trade places when a target is
  // kept: each slot's strings keep their buffers for the next target but one, where a fresh
  // Target per number allocated (and freed) a buffer for most of its strings.
  Target slots_[2];
  Target* last_ = nullptr;      // a slot (the store's last but one), or none yet
  Target* next_ = &slots_[0];  // the other slot (the store's last)
  // Whether *next_ is a fresh Target (the store's new last) that no number was read into
  // yet: it needs no clearing (some forty instructions a number read).
  bool next_is_clear_ = false;
  detail::CleanBytes last_bytes_;  // where last_'s text lies in the clean text
  // Stored targets are read into the store's last element and stay there when kept (a
  // fresh one is added for the next number), where handing them on moved each into the
  // caller's vector (a Target of eleven strings: hundreds of instructions a move).
  std::vector<Target>* store_ = nullptr;
  const detail::StoredTargetSink* placed_ = nullptr;
  size_t damaged_cursor_ = 0;
  size_t cue_sentence_ = SIZE_MAX;
  int target_cues_ = 0, status_cues_ = 0;  // strong cues of the sentence cue_sentence_
  // Strength cues and period expressions of sentence cue_sentence_, by position, found once
  // per sentence: scanning the whole sentence again for every number made a long sentence
  // of numbers quadratic (tests/fuzz/regressions/extract_quadratic_numbers_in_one_sentence.txt).
  std::vector<std::pair<size_t, const CueEntry*>> strength_cues_;
  std::vector<std::pair<size_t, size_t>> periods_;  // (start, length), length > 0
  size_t last_period_ = SIZE_MAX;  // the entry of periods_ whose text last_->period is
  std::string span_scratch_;  // a target's span of the original, when it is code points
};

// The code points before (after) a number that make it no quantity, besides ASCII letters
// (codes and model names: 5G, 3D, AFS2): ordinals (第五批, 第八届), frequencies (每两周: a
// period, not a quantity), codes (5+2, 1+X), versions, index numbers and fractions (.2, /3,
// 3/), dates and clock times (3月15日, 2020-04-16, 09:00). Asked of every number, and the
// code points next to one are mostly others: each set passes most with one test.
constexpr CodePointSet kNonQuantityBefore({U'第', U'每', '+', '.', '/', U'月', ':'});
constexpr CodePointSet kNonQuantityAfter({'+', '/', U'月', U'日', U'号', ':'});

bool is_non_quantity_context(char32_t before, char32_t after) {
  return kNonQuantityBefore.contains(before) || kNonQuantityAfter.contains(after) || is_ascii_letter(before) ||
         is_ascii_letter(after);
}

// (Inline: asked of every number, and mostly settled by its first tests.)
inline bool Extractor::is_non_quantity(const ScannedNumber& n, size_t ss, size_t se) const {
  const std::u32string_view t = norm_;
  const char32_t before = n.begin > ss ? t[n.begin - 1] : U'\n';
  const char32_t after = n.end < se ? t[n.end] : U'\n';
  if (is_non_quantity_context(before, after)) return true;
  if (n.has(ScannedNumber::kDigitSequence) || n.has(ScannedNumber::kLeadingZero)) return true;
  if (n.has(ScannedNumber::kOverflow)) return true;
  // Versions and eras: 2.0时代, 3.0版 (read past the sentence's end: `after` stops there).
  const char32_t next = n.end < t.size() ? t[n.end] : U'\n';
  if ((next == U'时' && starts_with_at(t, n.end, U"时代"sv)) || next == U'版') return true;
  // The other tests, out of line, are of years, hotlines, plan names and names in quotes: a
  // plain Arabic number of fewer than four code points (most numbers) can only be the last.
  const bool short_arabic = n.script == NumeralScript::kArabic && n.size() < 4;
  return (!short_arabic || is_open_quote(before)) && is_name_or_year(n, se, before, after);
}

bool Extractor::is_name_or_year(const ScannedNumber& n, size_t se, char32_t before, char32_t after) const {
  const std::u32string_view t = norm_;
  if (is_year(n)) {
    // A year, a year span (2020-2025, 2024—2026年) or a date; "2000名" and "2100余名" are counts.
    size_t unit_begin = n.end;
    if (const CueEntry* infix = cue_at(t, unit_begin, CueRole::kApproxInfix)) unit_begin += infix->word.size();
    const detail::UnitEntry* u = unit_at(t, unit_begin);
    if (u == nullptr || u->unit == U"年"sv) return true;
  }
  // Plan names: 十三五, 十四五, “七五”普法.
  if (n.script == NumeralScript::kChinese && (after == U'五' || t[n.end - 1] == U'五') &&
      (is_open_quote(before) || is_close_quote(after) || is_close_quote(n.end + 1 < se ? t[n.end + 1] : U'\n') ||
       starts_with_at(t, n.end, U"五规划"sv) || starts_with_at(t, n.end, U"五期间"sv) ||
       starts_with_at(t, n.end, U"五时期"sv) || starts_with_at(t, n.end, U"规划"sv) ||
       starts_with_at(t, n.end, U"普法"sv) || after == U'五')) {
    return true;
  }
  // Hotlines and phone numbers: 12345热线, 12345政府服务热线.
  if (n.script == NumeralScript::kArabic && n.size() >= 5 && unit_at(t, n.end) == nullptr) {
    for (size_t k = n.end; k < std::min(se, n.end + 8); ++k) {
      if (starts_with_at(t, k, U"热线"sv) || starts_with_at(t, k, U"电话"sv)) return true;
    }
  }
  // A name in quotes: “5621”项目, “三名一好”.
  if (is_open_quote(before)) {
    size_t k = n.end;
    while (k < se && k < n.end + 6 && !is_close_quote(t[k]) && !is_phrase_break(t[k])) ++k;
    if (k < se && is_close_quote(t[k])) return true;
  }
  return false;
}

// Whether a period expression other than a period cue can start with c: the branches of
// period_expression_length() below, by their first code point.
constexpr CodePointSet kPeriodStarts({U'到', U'至', U'1', U'2', U'十', U'近', U'连'});

bool may_start_period(char32_t c) { return kPeriodStarts.contains(c) || is_open_quote(c); }

// Whether read_sentence_cues takes cue c: a strong target or status cue, a strength or a
// period cue (the comparators and change verbs are read at the number).
bool is_sentence_cue(const CueEntry& c) {
  return ((c.role == CueRole::kTargetCue || c.role == CueRole::kStatusCue) && c.weight == CueWeight::kStrong) ||
         c.role == CueRole::kStrength || c.role == CueRole::kPeriod;
}

// The sentence cues (is_sentence_cue) by their first code point c, at c % kBuckets, longest
// first as the lexicon lists them: read_sentence_cues tries only these at a position, not
// the comparators, change verbs and weak cues that start with the same code point.
class SentenceCueIndex {
 public:
  static constexpr size_t kBuckets = 1024;
  SentenceCueIndex() {
    for (const CueEntry& c : lexicon().cues) {
      if (is_sentence_cue(c)) buckets_[c.word.front() % kBuckets].push_back(&c);
    }
  }
  const std::vector<const CueEntry*>& starting_with(char32_t c) const { return buckets_[c % kBuckets]; }

 private:
  std::vector<std::vector<const CueEntry*>> buckets_ = std::vector<std::vector<const CueEntry*>>(kBuckets);
};

const SentenceCueIndex& sentence_cues() {
  static const SentenceCueIndex index;
  return index;
}

// The code points that start a cue of the sentence or may start a period expression: the
// document's walk (detail::walk_document) notes their positions for read_sentence_cues
// and passes the others, and the first code points of the other cues (不, 达, 提 …), with
// one test. (Cues start in the BMP: the lexicon refuses the others.)
const CodePointBits<false>& cue_or_period_starts() {
  static const CodePointBits<false> starts = [] {
    CodePointBits<false> bits;
    for (const CueEntry& c : lexicon().cues) {
      if (is_sentence_cue(c)) bits.insert(c.word.front());
    }
    for (const char32_t c : kPeriodStarts.members()) bits.insert(c);
    for (const char32_t c : kOpenQuotes.members()) bits.insert(c);
    return bits;
  }();
  return starts;
}

// A bounding word that keeps its meaning when a verb or a base stands between it and the
// number ("至少设立1个"): a leading comparator of two or more code points, not = or ~.
bool is_far_comparator(const CueEntry& c) {
  return c.role == CueRole::kBeforeComparator && c.word.size() >= 2 && c.value != "="sv && c.value != "~"sv;
}

// The last code points of the far comparators: the look-back from a number asks at up to 16
// positions, and at the others no cue it takes can end (a cue may end beyond the BMP: those
// code points are always asked).
const CodePointBits<true>& far_comparator_ends() {
  static const CodePointBits<true> ends = [] {
    CodePointBits<true> bits;
    for (const CueEntry& c : lexicon().cues) {
      if (is_far_comparator(c)) bits.insert(c.word.back());
    }
    return bits;
  }();
  return ends;
}

// Length of a period expression other than a period cue starting at k (to 2025年, 2022年,
// "十四五"期间, 近三年), or 0; only a code point of may_start_period() starts one.
size_t Extractor::period_expression_length(size_t k, size_t end) const {
  const std::u32string_view t = norm_.substr(0, end);
  // 到2025年 / 至2025年 / 2022年 (a year, not 年级 or 年度计划 of a title).
  size_t y = k;
  if (t[k] == U'到' || t[k] == U'至') ++y;
  if (y + 4 < t.size() && (t[y] == '1' || t[y] == '2') && is_ascii_digit(t[y + 1]) &&
      is_ascii_digit(t[y + 2]) && is_ascii_digit(t[y + 3]) && t[y + 4] == U'年' &&
      (k == 0 || !is_ascii_digit(t[k - 1])) && (y + 5 >= t.size() || t[y + 5] != U'级')) {
    size_t e = y + 5;
    if (starts_with_at(t, e, U"底"sv) || starts_with_at(t, e, U"末"sv) || starts_with_at(t, e, U"前"sv)) ++e;
    return e - k;
  }
  // "十三五"期间 / 十四五末 / 十三五以来, with or without quotes.
  size_t p = k;
  if (is_open_quote(t[p])) ++p;
  if (p < t.size() && t[p] == U'十') {
    for (std::u32string_view plan : {U"十三五"sv, U"十四五"sv, U"十五五"sv}) {
      if (!starts_with_at(t, p, plan)) continue;
      size_t e = p + plan.size();
      if (e < t.size() && is_close_quote(t[e])) ++e;
      for (std::u32string_view tail : {U"期间"sv, U"以来"sv, U"时期"sv, U"末"sv, U"规划期"sv}) {
        if (starts_with_at(t, e, tail)) return e + tail.size() - k;
      }
    }
  }
  // 近三年 / 连续三年 / 近5年.
  if (t[k] != U'近' && t[k] != U'连') return 0;
  for (std::u32string_view lead : {U"近"sv, U"连续"sv}) {
    if (!starts_with_at(t, k, lead)) continue;
    ScannedNumber n = scan_number(t, k + lead.size());
    if (n && n.end < t.size() && t[n.end] == U'年') return n.end + 1 - k;
  }
  return 0;
}

void Extractor::read_sentence_cues(size_t s) {
  const uint32_t sentence_start = seg_.sentences[s].start, sentence_end = seg_.sentences[s].end;
  cue_sentence_ = s;
  strength_cues_.clear();
  periods_.clear();
  const SentenceCueIndex& cues = sentence_cues();
  // Only the positions the document's walk found can start a cue or a period expression.
  // (Read through locals, and counted in them: with the members, every store to the lists
  // made the compiler read the text and the positions' bounds again.)
  const std::u32string_view text = norm_;
  const uint32_t* const first = walk_.cue_starts.data();
  const uint32_t* const last = first + walk_.cue_starts.size();
  const uint32_t* at = first + next_cue_;
  while (at != last && *at < sentence_start) ++at;
  next_cue_ = static_cast<size_t>(at - first);
  int target_cues = 0, status_cues = 0;
  for (; at != last && *at < sentence_end; ++at) {
    const size_t k = *at;
    const char32_t c0 = text[k];
    const CueEntry* strength = nullptr;  // the first (longest) strength cue at k
    const CueEntry* period = nullptr;    // the first (longest) period cue inside the sentence at k
    for (const CueEntry* c : cues.starting_with(c0)) {
      if (!starts_with_at(text, k, c->word)) continue;
      if (k + c->word.size() <= sentence_end) {  // the kind cues and periods count inside the sentence only
        target_cues += c->role == CueRole::kTargetCue && c->weight == CueWeight::kStrong;
        status_cues += c->role == CueRole::kStatusCue && c->weight == CueWeight::kStrong;
        if (period == nullptr && c->role == CueRole::kPeriod) period = c;
      }
      if (strength == nullptr && c->role == CueRole::kStrength) strength = c;
    }
    if (strength != nullptr) strength_cues_.emplace_back(k, strength);
    const size_t period_length = period != nullptr      ? period->word.size()
                                 : may_start_period(c0) ? period_expression_length(k, sentence_end)
                                                        : 0;
    if (period_length > 0) periods_.emplace_back(k, period_length);
  }
  target_cues_ = target_cues;
  status_cues_ = status_cues;
}

size_t Extractor::nearest_period(size_t number_begin) const {
  auto starts_before = [](const std::pair<size_t, size_t>& period, size_t k) { return period.first < k; };
  for (auto it = std::lower_bound(periods_.begin(), periods_.end(), number_begin, starts_before);
       it != periods_.begin();) {
    --it;
    if (it->first + it->second <= number_begin) return static_cast<size_t>(it - periods_.begin());
  }
  return SIZE_MAX;
}

void Extractor::cut_period(std::string& out, std::pair<size_t, size_t> period) const {
  const auto [k, len] = period;
  orig_.append_utf8(out, k, k + len);
  // (As for the indicator: the original has a quotation mark only where the fold has one.)
  const std::u32string_view folded = norm_.substr(k, len);
  if (std::any_of(folded.begin(), folded.end(), [](char32_t c) { return c <= kLastQuote && is_quote(c); })) {
    remove_quotes(out);
  }
}

void Extractor::finish(Target& t, size_t s, size_t number_begin, Span unit) {
  const Sentence& sentence = seg_.sentences[s];
  t.sentence = s;
  t.clause = sentence.clause;

  // Kind: the sentence's cues, the document's lean when they balance (counted once per sentence).
  if (cue_sentence_ != s) read_sentence_cues(s);
  const int target_cues = target_cues_, status_cues = status_cues_;
  const bool target = target_cues != status_cues ? target_cues > status_cues : lean_ == DocumentLean::kTarget;
  t.kind = target ? "target"sv : "status"sv;

  // Strength: the nearest cue before the number in the sentence, else any in it.
  // Period: the nearest period expression before the number in the sentence (年内, 每季度,
  // 到2025年, 2022年, "十四五"期间, 十三五以来, 近三年, 连续三年), quotes dropped.
  auto by_start = [](const auto& entry, size_t k) { return entry.first < k; };
  auto cue = std::lower_bound(strength_cues_.begin(), strength_cues_.end(), number_begin, by_start);
  if (cue != strength_cues_.begin()) {
    t.strength = std::prev(cue)->second->value;  // the nearest before the number
  } else if (cue != strength_cues_.end()) {
    t.strength = cue->second->value;  // none before: the first after it
  } else {
    t.strength = "plain"sv;
  }
  // The targets of a sentence mostly share their period: one whose nearest is its
  // predecessor's copies that text, where cutting it again walked the clean text back to it.
  // (Cut before the indicator, which mostly follows it: the walks through the clean text go
  // forward, from the last target to the period to this one.)
  const size_t period = nearest_period(number_begin);
  if (period != SIZE_MAX) {
    if (last_ && last_->sentence == s && last_period_ == period) {
      t.period = last_->period;
    } else {
      cut_period(t.period, periods_[period]);
    }
  }
  last_period_ = period;

  // Indicator: the phrase before the expression, plus the noun after a counter.
  size_t ib = t.start;
  // The walk back stops at the previous target of the sentence (which the clamp below would
  // cut to anyway): walking on to the sentence start for every number was quadratic.
  const size_t stop = last_ && last_->sentence == s && last_->end <= t.start
                           ? std::max<size_t>(sentence.start, last_->end) : sentence.start;
  while (ib > stop && !is_phrase_break(norm_[ib - 1])) --ib;
  size_t ie = t.start;
  if (last_ && last_->sentence == s && last_->end > ib && last_->end <= ie) {
    ib = last_->end;
  }
  // Trim words that frame the number rather than name the measure.
  static constexpr std::u32string_view kTrailing[] = {
      U"分别为", U"分别", U"均达", U"均", U"达到", U"达", U"为", U"是", U"共", U"约", U"了", U"在",
      U"保持在", U"控制在", U"保持", U"计划", U"实现", U"提高到", U"提升到", U"增加到", U"降低到",
      U"提高", U"提升", U"增加", U"增长", U"降低", U"下降", U"减少", U"较上年", U"比上年"};
  static constexpr std::u32string_view kLeading[] = {U"全市", U"全区", U"全县", U"全省", U"计划", U"力争",
                                                     U"确保", U"争取", U"推动", U"实现", U"年内", U"全年",
                                                     U"其中", U"并", U"和", U"及", U"累计", U"共", U"努力"};
  // Only the words the phrase's last (first) code point may end (start) are tried, and a
  // word is compared only when that code point is its own: mostly none.
  static constexpr std::array<uint32_t, 64> kTrailingByEnd = words_by_edge(kTrailing, Edge::kLast);
  static constexpr std::array<uint32_t, 64> kLeadingByStart = words_by_edge(kLeading, Edge::kFirst);
  bool changed = true;
  while (changed && ib < ie) {
    const std::u32string_view trailing = word_ending_at(kTrailing, kTrailingByEnd, norm_, ie, ie - ib - 1);
    ie -= trailing.size();
    changed = !trailing.empty();
    const char32_t first = norm_[ib];
    for (uint32_t words = kLeadingByStart[first % 64]; words != 0; words &= words - 1) {
      const std::u32string_view w = kLeading[__builtin_ctz(words)];
      if (w.front() == first && ie - ib > w.size() && starts_with_at(norm_.substr(0, ie), ib, w)) {
        ib += w.size();
        changed = true;
        break;
      }
    }
  }
  size_t fe = t.end;  // the noun after a counter ends at fe
  if (t.unit_class == "count"sv) {
    while (fe < sentence.end && fe < t.end + 20 && !is_phrase_break(norm_[fe]) &&
           !may_start_number(norm_[fe])) {
      ++fe;
    }
  }
  // The indicator's phrase, the expression with its unit and the noun after it lie in
  // [ib, fe) in that order: one walk to ib in the original and on through the span, marking
  // where each part starts and ends, cuts them all.
  const bool has_unit = unit.end > unit.begin;
  const size_t cuts[] = {ie, t.start, has_unit ? unit.begin : t.start, has_unit ? unit.end : t.start, t.end};
  size_t at[5];
  const std::string_view span = orig_.view_marked(ib, fe, cuts, at, span_scratch_);
  const size_t phrase_end = at[0], text_begin = at[1], text_end = at[4];
  // (The target's strings are still empty: appending is assigning without its checks.)
  if (has_unit) t.unit.append(span.substr(at[2], at[3] - at[2]));
  t.text.append(span.substr(text_begin, text_end - text_begin));
  t.indicator.append(span.substr(0, phrase_end));
  // (Most indicators have no noun after the expression: their one append sizes them.)
  if (text_end < span.size()) {
    t.indicator.reserve(phrase_end + (span.size() - text_end));
    t.indicator.append(span.substr(text_end));
  }
  // A quotation mark of the original folds to one (tests/unit/extract_test.cpp), so an
  // indicator whose normalized form had none to drop has none in the original either.
  if (append_without_quotes(t.indicator_norm, norm_.substr(ib, ie - ib), norm_.substr(t.end, fe - t.end))) {
    remove_quotes(t.indicator);
  }

  // Damage: a row touching a damaged span (or right next to one) cannot be trusted.
  while (damaged_cursor_ < damaged_.size() && damaged_[damaged_cursor_].end + 1 < t.start) ++damaged_cursor_;
  for (size_t k = damaged_cursor_; k < damaged_.size() && damaged_[k].start <= t.end + 1; ++k) {
    if (damaged_[k].end + 1 >= t.start) {
      t.flags.push_back("damaged");
      break;
    }
  }
  // Its text was cut from the span: where, the pipeline needs for its input bytes.
  const size_t span_byte = orig_.clean_byte_of(span);
  const detail::CleanBytes bytes = span_byte == SIZE_MAX ? detail::CleanBytes{}
                                                         : detail::CleanBytes{span_byte + text_begin, span_byte + text_end};
  if (store_ != nullptr) {  // (t is the store's last: it stays, and the next number gets a fresh one)
    if (placed_ != nullptr) (*placed_)(t, bytes);
    if (store_->size() == 1) store_->reserve(detail::first_target_capacity(walk_) + 1);
    store_->emplace_back();
    last_ = &(*store_)[store_->size() - 2];
    next_ = &store_->back();
    next_is_clear_ = true;
    return;
  }
  // (t is *next_: the slots trade places, and the old last one is cleared when it is read into.)
  if (last_ != nullptr) (*found_)(std::move(*last_), last_bytes_);
  last_ = &t;
  next_ = &t == &slots_[0] ? &slots_[1] : &slots_[0];
  last_bytes_ = bytes;
}

size_t Extractor::read_target(size_t s, const ScannedNumber& n) {
  const Sentence& sentence = seg_.sentences[s];
  const size_t ss = sentence.start, se = sentence.end;
  const std::u32string_view t = norm_.substr(0, se);
  if (is_non_quantity(n, ss, se)) return n.end;

  // "450万元", "18.6亿元", "5万亩": the multiplier belongs to the unit as written, so the
  // value is the number before it (450 万元, not 4500000 元).
  ScannedNumber number = n;
  if (n.kind == NumberKind::kPlain && n.size() >= 2 && (t[n.end - 1] == U'万' || t[n.end - 1] == U'亿')) {
    const detail::UnitEntry* u = unit_at(t, n.end - 1);
    if (u != nullptr && u->unit.size() >= 2) {
      ScannedNumber head = scan_number(t.substr(0, n.end - 1), n.begin);
      if (head && head.end == n.end - 1) number = head;
    }
  }
  return read_target_at(s, number);
}

size_t Extractor::read_target_at(size_t s, const ScannedNumber& n) {
  const Sentence& sentence = seg_.sentences[s];
  const size_t ss = sentence.start, se = sentence.end;
  const std::u32string_view t = norm_.substr(0, se);
  Target& target = *next_;
  if (!next_is_clear_) clear_target(target);
  next_is_clear_ = false;
  target.value = n.value;
  size_t pos = n.end;
  std::string_view comparator = "="sv;
  bool approximate = n.has(ScannedNumber::kApproximate);
  bool unit_found = false;

  Span unit_span;  // the unit as written, cut by finish()
  auto set_unit = [&](size_t b, size_t e, std::string_view unit_class) {
    unit_span = {b, e};  // (its unit_norm is the lexicon's, set by the caller)
    target.unit_class = unit_class;
    unit_found = true;
  };

  switch (n.kind) {
    case NumberKind::kPercent:
      target.unit_class = "percent"sv;
      target.unit_norm = "%"sv;
      if (n.has(ScannedNumber::kSignSuffix)) unit_span = {n.end - 1, n.end};
      unit_found = true;
      break;
    case NumberKind::kPermille:
      target.unit_class = "percent"sv;
      target.unit_norm = "‰"sv;
      if (n.has(ScannedNumber::kSignSuffix)) unit_span = {n.end - 1, n.end};
      unit_found = true;
      break;
    case NumberKind::kTenths:
      target.value = make_decimal(n.value.coefficient, n.value.exponent + 1, n.value.negative);
      target.unit_class = "percent"sv;
      target.unit_norm = "%"sv;
      target.unit = "成";
      unit_found = true;
      break;
    case NumberKind::kFraction: {
      // As a percentage, four decimals: 三分之一 -> 33.3333.
      const auto num = n.value.to_uint64();
      const auto den = n.second.to_uint64();
      if (!num || !den || *den == 0 || *num > 1000000) return n.end;
      const uint64_t scaled = (*num * 1000000 + *den / 2) / *den;
      target.value = make_decimal(scaled, -4);
      target.unit_class = "percent"sv;
      target.unit_norm = "%"sv;
      unit_found = true;
      break;
    }
    case NumberKind::kRange:
      comparator = "range"sv;
      target.value_max = n.second;
      target.has_max = true;
      break;
    default:
      break;
  }

  // A range written with a mark: 3-4所, 3~4, 3至4, 1到2, 3—4 (dashes fold to '-').
  if (!unit_found && !target.has_max && pos + 1 < se && is_range_mark(t[pos])) {
    ScannedNumber m = scan_number(t, pos + 1);
    if (m && m.kind == NumberKind::kPlain && !is_year(n) && m.value.to_string() != n.value.to_string()) {
      const auto a = n.value.to_uint64(), b = m.value.to_uint64();
      const bool ascending = (a && b) ? *a < *b : true;
      if (ascending && !is_non_quantity(m, ss, se)) {
        comparator = "range"sv;
        target.value_max = m.value;
        target.has_max = true;
        pos = m.end;
      }
    }
  }

  if (!unit_found) {
    if (const CueEntry* infix = cue_at(t, pos, CueRole::kApproxInfix)) {
      if (unit_at(t, pos + infix->word.size()) != nullptr) {
        approximate = true;
        comparator = infix->value;
        pos += infix->word.size();
      }
    }
    if (const detail::UnitEntry* u = unit_at(t, pos)) {
      size_t unit_end = pos + u->unit.size();
      // "12个班": the measure word 个 gives way to the noun that is itself a unit.
      if (u->unit == U"个"sv) {
        if (const detail::UnitEntry* noun = unit_at(t, unit_end); noun != nullptr && noun->unit != U"个"sv &&
                                                                  noun->unit_class == "count"sv) {
          u = noun;
          unit_end += noun->unit.size();
        }
      }
      set_unit(pos, unit_end, u->unit_class);
      target.unit_norm = u->unit_norm;
      pos = unit_end;
    }
  }

  // Chinese numerals count only with a unit ("三名" yes; "十大基本制度" no); a numeral, a
  // unit and another numeral is a slogan or a name ("三位一体", "五年一贯制"); 一 before a
  // counter is an article ("一批", "一届"); and a lone Chinese digit with a generic counter
  // is structure ("两个平台", "三个走在前列"). Neither holds of a range ("一至两所",
  // "一到两个品牌": counts to reach).
  // 年 after a number is a grade (三年级), a plan's name (三年发展规划), a validity
  // (有效期5年) or a look-back (近三年, 每五年) more often than a target; it counts when
  // a comparator bounds it ("14.9年以上") or the number is a plain Arabic one.
  if (target.unit_norm == "年"sv) {
    const char32_t next = pos < se ? t[pos] : U'\n';
    if (next == U'级' || starts_with_at(t, pos, U"发展规划"sv) || starts_with_at(t, pos, U"规划"sv) ||
        starts_with_at(t, pos, U"行动"sv) || starts_with_at(t, pos, U"计划"sv) ||
        ends_with_at(t, n.begin, U"有效期"sv) || ends_with_at(t, n.begin, U"学前"sv) ||
        (n.script == NumeralScript::kChinese && ends_with_at(t, n.begin, U"近"sv))) {
      return n.end;
    }
    if (n.script == NumeralScript::kChinese && cue_at(t, pos, CueRole::kAfterComparator) == nullptr &&
        cue_ending_at(t, n.begin, CueRole::kBeforeComparator) == nullptr) {
      return n.end;
    }
  }
  // "24小时热线", "12345热线": the number names the service.
  if (starts_with_at(t, pos, U"热线"sv) || starts_with_at(t, pos, U"心理援助热线"sv)) return n.end;
  if (n.script == NumeralScript::kChinese) {
    if (!unit_found) return n.end;
    if (pos < se && detail::is_chinese_digit(detail::classify(t[pos]))) return n.end;
    if (n.has(ScannedNumber::kSingleChineseDigit) && n.value == make_decimal(1) && !target.has_max) return n.end;
  }
  if (n.has(ScannedNumber::kSingleChineseDigit) && !target.has_max &&
      (target.unit_norm == "个"sv || target.unit_norm == "项"sv || target.unit_norm == "条"sv ||
       target.unit_norm == "支"sv || target.unit_norm == "种"sv || target.unit_norm == "类"sv)) {
    return n.end;
  }

  // Trailing comparator: 以上, 以下, 以内, 左右.
  if (const CueEntry* after = cue_at(t, pos, CueRole::kAfterComparator)) {
    if (comparator != "range"sv) comparator = after->value;
    if (after->value == "~"sv) approximate = true;
    pos += after->word.size();
  }

  // Leading comparator and change verb.
  size_t start = n.begin;
  if (const CueEntry* before = cue_ending_at(t, n.begin, CueRole::kBeforeComparator)) {
    if (comparator == "="sv || (comparator == "~"sv && before->value == "~"sv)) comparator = before->value;
    if (before->value == "~"sv) approximate = true;
    // 达/达到/保持在/控制在 frame the value; 不低于, 超, 逾, 约 are part of the expression.
    if (before->value != "="sv) start = n.begin - before->word.size();
  }
  // A bounding word separated from the number by a verb or a base keeps its meaning:
  // "至少设立1个", "不低于全市在册幼儿园总数的五分之一". Only the unambiguous ones.
  if (comparator == "="sv || comparator == "~"sv) {
    const CodePointBits<true>& far_ends = far_comparator_ends();
    const size_t lowest = std::max(ss, n.begin >= 16 ? n.begin - 16 : 0);  // (16 code points back at most)
    for (size_t k = n.begin; k > lowest && !is_phrase_break(t[k - 1]); --k) {
      if (!far_ends.contains(t[k - 1])) continue;  // (the first cue ending there would not be one)
      const CueEntry* far = cue_ending_at(t, k, CueRole::kBeforeComparator);
      if (far != nullptr && is_far_comparator(*far)) {
        if (comparator == "="sv) comparator = far->value;
        break;
      }
    }
  }
  {
    size_t k = start;
    static constexpr std::u32string_view kGlue[] = {U"了", U"分别为", U"分别", U"为", U"约", U"近"};
    static constexpr std::array<uint32_t, 64> kGlueByEnd = words_by_edge(kGlue, Edge::kLast);
    for (bool moved = true; moved && k > ss;) {
      const std::u32string_view glue = word_ending_at(kGlue, kGlueByEnd, t, k, k - ss);
      k -= glue.size();
      moved = !glue.empty();
    }
    if (const CueEntry* delta = cue_ending_at(t, k, CueRole::kDelta)) target.direction = delta->value;
  }

  // An enumeration inherits what its first member said: 分别增加135所、42所; 不超过25人、30人.
  if (last_ && last_->sentence == s && n.begin > ss && t[n.begin - 1] == U'、' &&
      last_->end + 1 == n.begin) {
    const Target& prev = *last_;
    if (target.direction.empty()) target.direction = prev.direction;
    if (comparator == "="sv && prev.comparator != "range"sv) comparator = prev.comparator;
    if (!unit_found && !prev.unit_norm.empty()) {
      target.unit_norm = prev.unit_norm;
      target.unit_class = prev.unit_class;
      target.flags.push_back("inferred_unit");
      unit_found = true;
    }
  }

  // No unit: take it from the indicator ("参训人次超13万", "得分为91.5"), or drop a bare number.
  if (!unit_found) {
    size_t k = start;
    while (k > ss && (t[k - 1] == U'为' || t[k - 1] == U'达' || t[k - 1] == U'是')) --k;
    const detail::UnitEntry* inferred = nullptr;
    for (const detail::UnitEntry& u : lexicon().units) {
      if (u.unit.size() >= 1 && ends_with_at(t, k, u.unit) && u.unit != U"个"sv && u.unit != U"年"sv) {
        inferred = &u;
        break;
      }
    }
    if (inferred == nullptr || (n.script != NumeralScript::kArabic && n.script != NumeralScript::kMixed)) {
      return n.end;
    }
    target.unit_norm = inferred->unit_norm;
    target.unit_class = inferred->unit_class;
    target.flags.push_back("inferred_unit");
  }

  if (approximate) target.flags.push_back("approximate");
  target.comparator = comparator;
  target.start = static_cast<uint32_t>(start);
  target.end = static_cast<uint32_t>(pos);
  finish(target, s, n.begin, unit_span);
  return pos;
}

void Extractor::scan_sentence(size_t s) {
  const Sentence& sentence = seg_.sentences[s];
  const std::u32string_view t = norm_.substr(0, sentence.end);
  // Only the positions the document's walk found can start a number or open or close a
  // title; the code points between them (mostly Han characters) need no look.
  const std::vector<uint32_t>& starts = walk_.number_starts;
  size_t at = next_number_;
  while (at < starts.size() && starts[at] < sentence.start) ++at;
  int book_depth = 0;  // inside 《…》 numbers belong to a title
  size_t resume = sentence.start;  // positions before it were read with a number
  for (; at < starts.size() && starts[at] < sentence.end; ++at) {
    const size_t i = starts[at];
    const char32_t c = t[i];
    if (c == U'《') ++book_depth;
    if (c == U'》' && book_depth > 0) --book_depth;
    if (i < resume) continue;
    // Resume only at the start of a numeral: never inside 十九 or 14.9. 百/千/万 start a
    // number only as 百分之/千分之/万分之.
    const bool fraction_start = (c == U'百' || c == U'千' || c == U'万') && i + 1 < sentence.end && t[i + 1] == U'分';
    if ((!may_start_number(c) && !fraction_start) ||
        (i > sentence.start && (is_ascii_digit(t[i - 1]) || t[i - 1] == '.' ||
                                (c >= 0x3007 && detail::is_chinese_numeral(t[i - 1]))))) {
      continue;
    }
    if (is_refused_lone_digit(t, i)) continue;
    ScannedNumber n = scan_number(t, i);
    if (!n) continue;
    if (book_depth > 0) {
      resume = n.end;
      continue;
    }
    resume = std::max(read_target(s, n), i + 1);
  }
  next_number_ = at;
}

void Extractor::run() {
  for (size_t s = 0; s < seg_.sentences.size(); ++s) scan_sentence(s);
  if (store_ != nullptr) {
    store_->pop_back();  // the element no number was kept in
  } else if (last_ != nullptr) {
    (*found_)(std::move(*last_), last_bytes_);
  }
  last_ = nullptr;
}

// The targets of a text, collected (see detail::first_target_capacity for their room).
std::vector<Target> collect_targets(detail::OriginalText original, std::u32string_view normalized,
                                    const Segmentation& segmentation, const std::vector<DamagedSpan>& damaged,
                                    DocumentLean lean) {
  std::vector<Target> targets;
  const detail::DocumentWalk walk = detail::walk_document(normalized);
  Extractor(original, normalized, segmentation, damaged, lean, walk, targets, nullptr).run();
  return targets;
}

}  // namespace

std::vector<Target> extract_targets(std::u32string_view original, std::u32string_view normalized,
                                    const Segmentation& segmentation,
                                    const std::vector<DamagedSpan>& damaged, DocumentLean lean) {
  const size_t n = std::min(original.size(), normalized.size());
  return collect_targets(detail::OriginalText(original.substr(0, n)), normalized.substr(0, n), segmentation,
                         damaged, lean);
}

std::vector<Target> extract_targets(const CleanText& clean, std::u32string_view normalized,
                                    const Segmentation& segmentation,
                                    const std::vector<DamagedSpan>& damaged, DocumentLean lean) {
  const size_t n = std::min<size_t>(clean.code_points, normalized.size());
  return collect_targets(detail::OriginalText(clean), normalized.substr(0, n), segmentation, damaged, lean);
}

void extract_targets(const CleanText& clean, std::u32string_view normalized, const Segmentation& segmentation,
                     const std::vector<DamagedSpan>& damaged, DocumentLean lean, const TargetSink& found) {
  const detail::PlacedTargetSink hand_on = [&found](Target&& t, detail::CleanBytes) { found(std::move(t)); };
  detail::extract_placed_targets(clean, normalized, segmentation, damaged, lean, hand_on);
}

namespace detail {

size_t first_target_capacity(const DocumentWalk& walk) {
  // Reserved once, at the bound: the pages of a large reservation that are never written
  // cost address space, not memory, while growing by doubling would hold the old and the
  // new array at once (on a page of 300,000 targets, the document's peak) and move every
  // Target, eleven strings each (55 files: growing from a guess of one target every 64
  // code points moved 300,000 instructions' worth).
  return walk.numerals;
}

void extract_placed_targets(const CleanText& clean, std::u32string_view normalized,
                            const Segmentation& segmentation, const std::vector<DamagedSpan>& damaged,
                            DocumentLean lean, const PlacedTargetSink& found) {
  const size_t n = std::min<size_t>(clean.code_points, normalized.size());
  const DocumentWalk walk = walk_document(normalized.substr(0, n));
  extract_placed_targets(clean, normalized, segmentation, damaged, lean, walk, found);
}

void extract_placed_targets(const CleanText& clean, std::u32string_view normalized,
                            const Segmentation& segmentation, const std::vector<DamagedSpan>& damaged,
                            DocumentLean lean, const DocumentWalk& walk, const PlacedTargetSink& found) {
  const size_t n = std::min<size_t>(clean.code_points, normalized.size());
  Extractor(OriginalText(clean), normalized.substr(0, n), segmentation, damaged, lean, walk, found)
      .run();
}

void extract_stored_targets(const CleanText& clean, std::u32string_view normalized, const Segmentation& segmentation,
                            const std::vector<DamagedSpan>& damaged, DocumentLean lean, const DocumentWalk& walk,
                            std::vector<Target>& targets, const StoredTargetSink& placed) {
  const size_t n = std::min<size_t>(clean.code_points, normalized.size());
  Extractor(OriginalText(clean), normalized.substr(0, n), segmentation, damaged, lean, walk, targets, &placed)
      .run();
}

namespace {

// What the document walk does at a BMP code point, a byte each: the walk over a whole text
// (internal/flag_scan.hpp) passes the code points that start nothing (most of them) with a
// load of their entry. (A table of 64 KiB for each of the two walks; the Han characters'
// part, which nearly every code point asks, is 20 KiB.)
enum WalkFlag : uint8_t { kNumberStart = 1, kCueStart = 2, kKindCueStart = 4 };

// The flags of every BMP code point: with the kind cue starts (kCount), or without.
template <bool kCount>
const std::vector<uint8_t>& walk_flags() {
  static const std::vector<uint8_t> flags = [] {
    std::vector<uint8_t> f(0x10000 + kFlagTableSlack, 0);
    const CodePointBits<false>& numbers = number_starts();
    const CodePointBits<false>& sentence_cues = cue_or_period_starts();
    const CodePointBits<true>& kind_starts = kind_cue_starts();
    for (size_t w = 0; w < 0x10000 / 64; ++w) {
      const uint64_t any = numbers.word(w) | sentence_cues.word(w) | (kCount ? kind_starts.word(w) : 0);
      for (uint64_t bits = any; bits != 0; bits &= bits - 1) {
        const auto c = static_cast<char32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
        f[c] = static_cast<uint8_t>((numbers.contains(c) ? kNumberStart : 0) | (sentence_cues.contains(c) ? kCueStart : 0) |
                                    (kCount && kind_starts.contains(c) ? kKindCueStart : 0));
      }
    }
    return f;
  }();
  return flags;
}

// Walks `text` with the flags of walk_flags<kCount>().
template <bool kCount>
void walk_text(std::u32string_view text, DocumentWalk& walk, KindCues& counts) {
  const uint8_t* const flags = walk_flags<kCount>().data();
  const QuantityLexicon& cues = lexicon();
  // Room for the stops of a usual text at once, where growing from nothing took a dozen
  // reallocations: the seeds have a number start every 20 to 50 code points and a cue start
  // every 15 to 25 (a dense sample page one in six of each, which grows once).
  walk.number_starts.reserve(text.size() / 8);
  walk.cue_starts.reserve(text.size() / 8);
  size_t numerals = 0;
  uint32_t numeral_end = UINT32_MAX;  // just past the last number start (positions are below 1 GiB)
  for_each_flagged(text.data(), 0, static_cast<uint32_t>(text.size()), flags, [&](uint32_t k) {
    const char32_t c = text[k];
    const uint8_t f = flags[c];
    if (f & kNumberStart) {
      numerals += k != numeral_end;
      numeral_end = k + 1;
      walk.number_starts.push_back(k);
    }
    if (f & kCueStart) walk.cue_starts.push_back(k);
    if (!kCount || (f & kKindCueStart) == 0) return;
    for (const CueEntry* e : cues.cues_starting_with(c)) {
      if (is_kind_cue(*e) && k + e->word.size() <= text.size() && starts_with_at(text, k, e->word)) {
        count_kind_cue(counts, *e);
      }
    }
  });
  walk.numerals = numerals;
}

}  // namespace

DocumentWalk walk_document(std::u32string_view normalized) {
  DocumentWalk walk;
  KindCues unused;
  walk_text<false>(normalized, walk, unused);
  return walk;
}

DocumentWalk walk_document(std::u32string_view normalized, std::u32string_view title) {
  // The lean needs the kind cues of the text only when the title names no plan.
  if (title_names_plan(title)) return walk_document(normalized);
  DocumentWalk walk;
  KindCues counts;
  walk_text<true>(normalized, walk, counts);
  walk.lean = lean_of(counts);
  return walk;
}

}  // namespace detail

DocumentLean document_lean(std::u32string_view normalized, std::u32string_view title) {
  if (title_names_plan(title)) return DocumentLean::kTarget;
  // Without a plan's title: a news report (本报讯, 记者…) or a text whose strong cues are
  // mostly past (已, 截至, 同比) reports results. Weak cues (新增, 全年 / 形成, 上年) are as
  // common in reports as in plans: they only break a tie.
  return lean_of(count_kind_cues(normalized, 0, normalized.size()));
}

}  // namespace zhpolicy
