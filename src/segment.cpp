// The segment stage: from a clean text to a tree of clauses and a list of sentences.
//
// The problem. Chinese policy texts number their provisions in half a dozen ways (一、,
// (一), 1., (1), ①, 第一条, inline 一是…二是…) and nest them in whatever order the
// drafter liked: one document goes 一、/(一)/1., the next starts at 1. and nests (1) under
// it. Scraped copies add noise: "(試行)", "(2010-2020)" and years at a line start look like
// labels, labels repeat or skip, and a third of the documents carry no numbering at all,
// only lead sentences ("聚力优化高效能体制。…") or short heading lines ("找准差距").
// Extraction needs every sentence attributed to a clause, with exact offsets.
//
// The approach, in linear passes over the lines of the normalized shadow:
//   0. Lines. The only pass that reads every code point: it splits the lines and records
//      where the marks are (terminators, colons, quotes: all that can end a sentence, open
//      an inline item or hold a sentence together). Titles, inline items and sentences
//      then step from mark to mark; the text between two marks is never read again. A mark
//      costs 4 bytes (a text of nothing but punctuation doubles the shadow's memory). It also
//      keeps the few leads (。；：) after which an inline label may begin, the only places
//      besides a paragraph start where pass 2 looks for one. The ideographs, commas and
//      digits, most of the text, are passed over 32 (AVX2) or 16 at a time (segment_scan.hpp).
//   1. Candidates. At every line start, match_label (internal/segment_markers) tries the
//      rows of data/clause_markers.tsv; a label must be followed by text on its line.
//   2. Numbered tree. Candidates are taken in order against a stack of open clauses. A
//      scheme gets its level the first time it is accepted (one below the current item), and
//      a scheme seen before pops the stack back to its level. A candidate is accepted only if
//      its number continues its siblings (or, for the first child, restarts at 1 or continues
//      the scheme's numbering from the previous parent, as 2020 常州要点 does with (十一)
//      under 二、). Recovery after a bad label, with one label of lookahead (the next
//      candidate of the same scheme), so that one bad label does not wreck the tree:
//        - the next label is expected+1: this one is a mislabel, read as `expected`;
//        - a gap of at most kMaxUnconfirmedGap missing labels, or any gap the next label
//          confirms (it is n+1): accepted, the missing labels reported;
//        - a repeat or a step back among siblings: accepted (it is probably real content) and
//          reported; the sequence continues from its highest number;
//        - a brand-new list must start at 1, or at 2..3 confirmed by the next label;
//        - anything else (a jump to "(100)") is not a label; no report.
//      Each finding is a kNumbering Diagnostic. Inline 一是/二是 runs (at least two items in
//      sequence in one paragraph) become leaf children of the clause they sit in, ending at
//      the end of their paragraph.
//   3. If fewer than two labels were accepted, the text is unnumbered: short standalone
//      lines followed by prose are headings (two levels: a heading line directly followed
//      by another heading line is outer; other headings take the outer level when they are
//      as short as the known outer headings and shorter than the known inner ones), and
//      without headings every body paragraph is a clause, titled by a short lead sentence.
//      Paragraphs before the first heading, or before the first heading-led paragraph, are
//      preamble; so is a first line that reads like a document title.
//   4. Ranges: a clause ends where the next clause of the same or a higher level starts,
//      trimmed of trailing whitespace; each boundary is trimmed once, so this is linear.
//   5. Sentences: one pass per line with quote depth counters (not a stack, so 10^6 opening
//      quotes cost no memory), cut at 。！？；, at line ends and at clause starts, skipping
//      labels; each sentence goes to the innermost open clause (a stack sweep).
//
// Trade-offs. Levels are per scheme for the whole document, as drafters use them; a list in
// a cover letter that uses a scheme the body uses at another level would confuse the tree,
// and we accept that rather than guess. Inline lists are only looked for inside clauses
// (never in the preamble) and only after sentence or clause punctuation (。；：！？), which
// misses "…，一是…" but never reads 统一是/十一是 as labels. The heading heuristics are
// tuned to scraped news-style reports (seeds 000, 002, 004); a text that starts directly
// with a short heading followed by prose reads that heading as its title. No regex anywhere:
// every match is a bounded look at a few code points. Titles are cut at kMaxTitleLength so
// a 200 MB line without a full stop costs one bounded copy.
#include "zhpolicy/segment.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

#include "internal/segment_detail.hpp"
#include "internal/segment_markers.hpp"
#include "internal/segment_scan.hpp"
#include "internal/utf8.hpp"
#include "zhpolicy/numeral.hpp"

namespace zhpolicy {
namespace detail {
namespace {

constexpr size_t npos = Clause::npos;

// Recovery limits (see the essay above).
constexpr uint64_t kMaxUnconfirmedGap = 2;  // (十一) then (十四) is accepted as it stands
constexpr uint64_t kMaxNewListStart = 3;    // a new list may start at (3) if (4) follows
// Unnumbered texts.
constexpr uint32_t kMaxHeadingLength = 32;  // "加快發展職業教育和社會教育" is 13
constexpr uint32_t kMaxDocTitleLength = 80;
constexpr uint32_t kMaxLeadLength = 30;     // "突出政治引领,确保党的领导全面加强。" is 18
// The lines a document has at most, mostly: the first allocation of the arrays that grow
// with the lines holds that many (a regrowth is an allocation, a copy and a release).
constexpr size_t kFewLines = 64;
// Unused capacity worth a copy to give back (release_slack).
constexpr size_t kSlackWorthReleasing = size_t{1} << 16;

// Gives back the unused capacity of an array that has stopped growing, when that is more than
// a quarter of it and worth a copy: a doubling leaves up to half of a dense document's lines
// or labels unused through the passes after it (12 MB on a 20 MB page), while a small
// document's few are not worth the copy.
template <typename T>
void release_slack(std::vector<T>& v) {
  const size_t unused = v.capacity() - v.size();
  if (unused > v.size() / 4 && unused * sizeof(T) > kSlackWorthReleasing) v.shrink_to_fit();
}

// Spaces, tested from the most common answer: an ideograph or a CJK mark (above U+3000)
// costs two comparisons.
bool is_space(char32_t c) {
  if (c > 0x3000) return c == 0xFEFF;
  if (c > U' ') return c == 0x3000 || c == 0xA0 || c == 0x200B;
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\f' || c == U'\v';
}

// The marks: the code points at which a sentence can end or an inline item start
// (terminators and colons) and the quotes that hold sentences together. split_lines
// records where they are, so that the passes after it step from mark to mark instead of
// reading every code point again; what lies between two marks can only open a sentence.
//
// What a code point is to these rules fits in one byte, its kind, looked up in a few small
// tables (MarkTable) rather than compared with each list: the line pass asks it of every
// code point that is not plain, the later passes of every mark.
enum MarkKind : uint8_t {
  kMarkQuoteIndex = 0x07,  // with kMarkOpens or kMarkCloses: QuoteDepth's kind 0..5, 6 for '"'
  kMarkOpens = 0x08,       // “ ‘ 「 『 《 〈, and '"'
  kMarkCloses = 0x10,      // ” ’ 」 』 》 〉, and '"' (which toggles)
  kMarkTerminator = 0x20,  // a sentence end
  kMarkColon = 0x40,
  kMarkLineEnd = 0x80,     // '\n': not a mark, but the line pass stops there too
};
constexpr uint8_t kMarkQuote = kMarkOpens | kMarkCloses;
constexpr uint8_t kMarkInlineLead = kMarkTerminator | kMarkColon;  // after these, 一是 may start

// Sentence ends. The shadow has ！？；as ASCII; the full-width forms are listed too so a
// caller that passes an unfolded text still gets sentences.
constexpr char32_t kTerminators[] = {U'。', U'!', U'?', U';', 0xFF61 /* ｡ */, U'！', U'？', U'；'};
constexpr char32_t kColons[] = {U':', U'：'};
// Quote pairs, QuoteDepth's kinds 0..5 in this order; '"' opens and closes (kind 6).
constexpr char32_t kQuotePairs[][2] = {{U'“', U'”'}, {U'‘', U'’'}, {U'「', U'」'},
                                       {U'『', U'』'}, {U'《', U'》'}, {U'〈', U'〉'}};
constexpr uint8_t kAsciiQuoteIndex = 6;

// The kinds by code point: every code point of the lists above lies in one of the four
// ranges (checked below), so a code point outside them has kind 0.
class MarkTable {
 public:
  constexpr MarkTable() {
    *slot(U'\n') = kMarkLineEnd;
    for (const char32_t c : kTerminators) *slot(c) |= kMarkTerminator;
    for (const char32_t c : kColons) *slot(c) |= kMarkColon;
    for (uint8_t k = 0; k < 6; ++k) {
      *slot(kQuotePairs[k][0]) |= static_cast<uint8_t>(kMarkOpens | k);
      *slot(kQuotePairs[k][1]) |= static_cast<uint8_t>(kMarkCloses | k);
    }
    *slot(U'"') |= static_cast<uint8_t>(kMarkQuote | kAsciiQuoteIndex);
  }
  constexpr uint8_t kind(char32_t c) const {
    if (c < 0x80) return ascii_[c];
    if (c - kCjkFirst < sizeof cjk_) return cjk_[c - kCjkFirst];
    if (c - kQuotesFirst < sizeof quotes_) return quotes_[c - kQuotesFirst];
    if (c - kWideFirst < sizeof wide_) return wide_[c - kWideFirst];
    return 0;
  }
  // Whether every listed code point has a slot.
  static constexpr bool covers_lists() {
    MarkTable t;
    bool ok = t.slot(U'\n') != nullptr && t.slot(U'"') != nullptr;
    for (const char32_t c : kTerminators) ok = ok && t.slot(c) != nullptr;
    for (const char32_t c : kColons) ok = ok && t.slot(c) != nullptr;
    for (const auto& pair : kQuotePairs) ok = ok && t.slot(pair[0]) != nullptr && t.slot(pair[1]) != nullptr;
    return ok;
  }

 private:
  static constexpr char32_t kCjkFirst = 0x3000;     // 。 〈 〉 《 》 「 」 『 』
  static constexpr char32_t kQuotesFirst = 0x2018;  // ‘ ’ “ ”
  static constexpr char32_t kWideFirst = 0xFF00;    // ！ ： ； ？ ｡
  constexpr uint8_t* slot(char32_t c) {
    if (c < 0x80) return &ascii_[c];
    if (c - kCjkFirst < sizeof cjk_) return &cjk_[c - kCjkFirst];
    if (c - kQuotesFirst < sizeof quotes_) return &quotes_[c - kQuotesFirst];
    if (c - kWideFirst < sizeof wide_) return &wide_[c - kWideFirst];
    return nullptr;
  }
  uint8_t ascii_[0x80] = {};
  uint8_t cjk_[0x10] = {};
  uint8_t quotes_[0x08] = {};
  uint8_t wide_[0x62] = {};
};
static_assert(MarkTable::covers_lists(), "a listed mark outside the ranges of MarkTable would read as no mark");
constexpr MarkTable kMarkTable;

constexpr uint8_t mark_kind(char32_t c) { return kMarkTable.kind(c); }
constexpr bool is_terminator(char32_t c) { return (mark_kind(c) & kMarkTerminator) != 0; }

// Closing punctuation that stays with the sentence before it: "…。”" "…。)".
bool is_closer(char32_t c) {
  switch (c) {
    case U'”': case U'’': case U'」': case U'』': case U'》': case U'〉': case U')':
    case U'）': case U'】': case U']':
      return true;
    default:
      return false;
  }
}

// Punctuation that means a line continues: not a heading.
bool is_continuation(char32_t c) {
  switch (c) {
    case U',': case U'，': case U'、': case U':': case U'：': case U'…': case U'—':
    case U'-': case U'·':
      return true;
    default:
      return false;
  }
}

// Quote nesting, one counter per kind, reset at each line end. A closer without an opener
// is ignored, so an unbalanced quote can only hold sentences together up to the line end.
class QuoteDepth {
 public:
  void reset() {
    if (open_kinds_ != 0) {  // (else every depth is 0 already)
      std::fill(std::begin(depth_), std::end(depth_), 0u);
      open_kinds_ = 0;
    }
    ascii_open_ = false;
  }
  bool inside() const { return open_kinds_ != 0 || ascii_open_; }
  // A mark of kind `kind` (mark_kind); kinds that are no quote change nothing.
  void feed(uint8_t kind) {
    if ((kind & kMarkQuote) == 0) return;
    const unsigned k = kind & kMarkQuoteIndex;
    if (k == kAsciiQuoteIndex) {
      ascii_open_ = !ascii_open_;
    } else if (kind & kMarkOpens) {
      if (depth_[k]++ == 0) ++open_kinds_;
    } else if (depth_[k] != 0) {
      if (--depth_[k] == 0) --open_kinds_;
    }
  }

 private:
  uint32_t depth_[6] = {};
  int open_kinds_ = 0;
  bool ascii_open_ = false;
};

// The line pass (for_each_non_plain) never looks at a plain code point: none may be a mark.
// Checked in four pieces: one constant evaluation over the whole range passes clang's step
// limit (the fuzzing build is clang's).
constexpr bool no_mark_between(char32_t from, char32_t to) {
  for (char32_t c = from; c < to; ++c) {
    if (mark_kind(c) != 0) return false;
  }
  return true;
}
constexpr char32_t kPlainQuarter = (kPlainEnd - kPlainFirst) / 4;
static_assert(no_mark_between(kPlainFirst, kPlainFirst + kPlainQuarter), "a mark in the plain range would be skipped");
static_assert(no_mark_between(kPlainFirst + kPlainQuarter, kPlainFirst + 2 * kPlainQuarter), "see above");
static_assert(no_mark_between(kPlainFirst + 2 * kPlainQuarter, kPlainFirst + 3 * kPlainQuarter), "see above");
static_assert(no_mark_between(kPlainFirst + 3 * kPlainQuarter, kPlainEnd), "see above");
static_assert(no_mark_between(kPlainAsciiFirst, kPlainAsciiEnd) && no_mark_between(kPlainComma, kPlainComma + 1),
              "see above");

struct Line {
  uint32_t begin;  // first non-space code point
  uint32_t end;    // one past the last non-space code point
  // Its marks are marks_[marks_begin, marks_end) (all of them lie in [begin, end)).
  uint32_t marks_begin;
  uint32_t marks_end;
  // Its inline leads, inline_leads_[leads_begin, leads_end).
  uint32_t leads_begin;
  uint32_t leads_end;
};

// The marks of one line from some position on, for a pass that reads the line left to
// right: each mark is stepped over at most once per pass, however often the pass asks. A
// mark passed is a step, counted when the cursor goes.
class MarkCursor {
 public:
  MarkCursor(const std::vector<uint32_t>& marks, const Line& line, uint64_t* steps)
      : first_(marks.data() + line.marks_begin),
        next_(first_),
        end_(marks.data() + line.marks_end),
        steps_(steps) {}
  MarkCursor(const MarkCursor&) = delete;
  MarkCursor& operator=(const MarkCursor&) = delete;
  ~MarkCursor() { *steps_ += static_cast<uint64_t>(next_ - first_); }
  // Position of the first mark at or after i, UINT32_MAX if there is none. The marks before
  // i are passed for good: i must not decrease from one call to the next.
  uint32_t at_or_after(uint32_t i) {
    while (next_ != end_ && *next_ < i) ++next_;
    return peek();
  }
  // The first mark not passed, UINT32_MAX if there is none; pass() passes it.
  uint32_t peek() const { return next_ != end_ ? *next_ : UINT32_MAX; }
  void pass() { ++next_; }

 private:
  // The line's marks; the array does not grow while a cursor is in use.
  const uint32_t* first_;
  const uint32_t* next_;  // the first not passed
  const uint32_t* end_;
  uint64_t* steps_;
};

// A label at a line start that passed match_label. Positions are code point offsets like
// the Line's (the text is cut at 2^32): a dense document holds 300,000 of these at once, and
// LabelMatch's size_t positions made each 64 bytes instead of 40.
struct Candidate {
  static constexpr uint32_t kNone = UINT32_MAX;
  const ClauseMarker* marker;
  uint64_t number;         // the value written
  uint32_t line;           // index into the lines
  uint32_t label_end;      // one past the label
  uint32_t numeral_begin;  // the number inside the label
  uint32_t numeral_end;
  uint32_t title_start;    // first non-space after the label
  uint32_t next_same;      // index of the next candidate of the same scheme, kNone if none
};

// What the numbering rules say about one candidate.
enum class Finding { kNone, kGap, kMislabel, kRepeat, kOrder };

struct Verdict {
  bool accept = false;
  uint64_t component = 0;  // the number used in the id
  Finding finding = Finding::kNone;
  uint64_t expected = 0;   // kGap: first missing; kMislabel/kRepeat/kOrder: what was expected
  bool after = false;      // kGap: the missing labels follow (expected - 1), else precede n
};

// How often each clause id has been given out. An id is its parent's id, '.', and the
// component ("2.11"; just the component at the top level), so, parent ids being unique
// themselves, the pair (parent, component) stands for the id: counting pairs needs
// neither the string nor a hash of it. Open addressing in one array, so a clause costs
// no allocation here (a node-based map cost one per clause), in slots of 16 bytes: a dense
// document has 300,000 ids. The table is kept at most three quarters full (linear probing
// stays short there), so it has 1.33 to 2.67 slots an id; at half full it was 2 to 4.
class IdUses {
 public:
  // Counts one more use of (parent, component); returns the uses so far, this one included.
  uint32_t add(size_t parent, uint64_t component) {
    if (!has_room(size_ + 1, slots_.size())) grow(std::max<size_t>(16, 2 * slots_.size()));
    Slot& slot = find(parent_key(parent), component);
    if (slot.uses == 0) {
      slot.parent = parent_key(parent);
      slot.component = component;
      ++size_;
    }
    return ++slot.uses;
  }
  void clear() {
    slots_.clear();
    size_ = 0;
  }
  // Room for `more` ids beyond those counted, without a regrowth.
  void reserve(size_t more) {
    size_t slots = std::max<size_t>(16, slots_.size());
    while (!has_room(size_ + more + 1, slots)) slots *= 2;
    if (slots > slots_.size()) grow(slots);
  }

 private:
  struct Slot {
    uint64_t component = 0;
    uint32_t parent = 0;  // parent_key
    uint32_t uses = 0;    // 0: empty
  };
  // A parent as 32 bits: its index + 1, 0 for none. Clause indexes fit: a text is cut at
  // 2^32 - 1 code points, and every clause takes a line or a label of two of them.
  static uint32_t parent_key(size_t parent) { return parent == npos ? 0 : static_cast<uint32_t>(parent + 1); }
  // The slot of (parent, component), or the empty slot where it goes.
  Slot& find(uint32_t parent, uint64_t component) {
    const size_t mask = slots_.size() - 1;
    uint64_t h = (parent * 0x9E3779B97F4A7C15ULL) ^ (component * 0xC2B2AE3D27D4EB4FULL);
    h ^= h >> 29;
    for (size_t k = h & mask;; k = (k + 1) & mask) {
      Slot& slot = slots_[k];
      if (slot.uses == 0 || (slot.parent == parent && slot.component == component)) return slot;
    }
  }
  void grow(size_t slots) {
    std::vector<Slot> old(slots);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.uses != 0) find(slot.parent, slot.component) = slot;
    }
  }
  // Whether `slots` slots hold `ids` ids at most three quarters full.
  static bool has_room(size_t ids, size_t slots) { return 4 * ids <= 3 * slots; }
  std::vector<Slot> slots_;  // a power of two in size, at most three quarters full
  size_t size_ = 0;
};

// One level of the stack of open line-level clauses; clause == npos is the root.
struct Frame {
  size_t clause = npos;
  int level = 0;
  int last_scheme = -1;       // scheme of the last accepted child
  uint64_t last_component = 0;
  uint64_t high_component = 0;
};

class Segmenter {
 public:
  // Decisions read `normalized`; `original` gives the labels and titles as written.
  Segmenter(const OriginalText& original, std::u32string_view normalized, uint64_t* steps)
      : orig_(original), norm_(normalized), steps_(steps) {
    size_t n = std::min(orig_.size(), norm_.size());
    n = std::min<size_t>(n, UINT32_MAX);
    norm_ = norm_.substr(0, n);
  }

  Segmentation run();

 private:
  // Pass 0: lines and label candidates.
  void split_lines();
  void find_candidates();
  // Pass 1-3: clauses.
  void build_numbered();
  Verdict judge(const Candidate& c, const Frame& parent, int level_known) const;
  void report(const Candidate& c, const Verdict& v);
  void build_unnumbered();
  bool build_headings(size_t first_line);
  void build_paragraphs(size_t first_line);
  void scan_inline(const Line& line, uint32_t from, size_t parent);
  // What only the clause builders read is freed before the sentences are made (on a 20 MB
  // page of 300,000 labels, the labels and the id table were 58 MB of the stage's peak).
  void release_builders() {
    std::vector<Candidate>().swap(candidates_);
    std::vector<uint32_t>().swap(inline_leads_);
    id_uses_ = IdUses();
  }
  // Pass 4-5.
  void compute_ends();
  void split_sentences();

  size_t add_clause(size_t parent, int level, uint64_t number, uint64_t component,
                    uint32_t start, uint32_t label_end, uint32_t title_start,
                    uint32_t title_end, std::string_view scheme, bool is_inline);
  uint32_t first_sentence_end(uint32_t from, uint32_t limit, MarkCursor& marks,
                              bool* ended_by_terminator);
  uint32_t title_end_of(uint32_t from, uint32_t limit, MarkCursor& marks) {
    bool ended = false;
    return first_sentence_end(from, limit, marks, &ended);
  }
  MarkCursor marks_of(const Line& line) { return MarkCursor(marks_, line, steps_); }
  // match_label, with its first look made here: most positions begin no label, and settling
  // them inline spares the call.
  LabelMatch label_at(uint32_t pos, uint32_t limit, MarkerPlace place) {
    ++*steps_;
    const LabelStarts& starts = place == MarkerPlace::kLineStart ? line_starts_ : inline_starts_;
    if (pos >= limit || !starts.may_begin(norm_[pos])) return {};
    return match_label(norm_, pos, limit, place, steps_);
  }
  // Room for `more` clauses beyond those made.
  void reserve_clauses(size_t more) {
    out_.clauses.reserve(out_.clauses.size() + more);
    is_inline_.reserve(out_.clauses.size() + more);
    id_uses_.reserve(more);
  }
  uint32_t trim_title(uint32_t from, uint32_t to) const;
  uint32_t skip_spaces(uint32_t i, uint32_t limit);
  uint32_t trim_back(uint32_t pos, uint32_t lower);
  bool heading_like(const Line& line, uint32_t max_length);
  std::string utf8(uint32_t begin, uint32_t end) const { return end > begin ? orig_.utf8(begin, end) : std::string(); }
  std::string render_label(const Candidate& c, uint64_t number) const;

  const OriginalText& orig_;
  std::u32string_view norm_;
  uint64_t* steps_;
  const LabelStarts& line_starts_ = label_starts(MarkerPlace::kLineStart);
  const LabelStarts& inline_starts_ = label_starts(MarkerPlace::kInline);

  std::vector<Line> lines_;
  std::vector<uint32_t> marks_;  // positions of the marks (mark_kind but kMarkLineEnd), ascending
  // What bounds the sentences (split_sentences): the terminators, and the lines that do not
  // end in one (their last sentence ends at the line end).
  size_t terminators_ = 0;
  size_t unterminated_lines_ = 0;
  // The inline leads (。；：！？, after which an inline item may start) whose next code point
  // other than a space may begin an inline label (LabelStarts::may_begin): the places
  // scan_inline tries besides a paragraph's start. Most leads are followed by text no label
  // begins with, and are left out here, while the line pass has them at hand.
  std::vector<uint32_t> inline_leads_;
  std::vector<Candidate> candidates_;
  std::vector<uint8_t> is_inline_;  // parallel to out_.clauses
  std::string scratch_;             // OriginalText::view's buffer (for an original of code points)
  IdUses id_uses_;
  std::vector<LabelMatch> inline_run_;       // reused per line: no per-line allocation
  std::vector<uint32_t> inline_run_pos_;
  // Per scheme id: the next candidate of the scheme while find_candidates links them, then
  // its level (0 = not seen yet) and the last number accepted. One array for the three.
  struct SchemeState {
    uint32_t next = Candidate::kNone;
    int level = 0;
    uint64_t last = 0;
  };
  std::vector<SchemeState> schemes_;
  Segmentation out_;
};

Segmentation Segmenter::run() {
  split_lines();
  find_candidates();
  out_.clauses.emplace_back();  // the preamble; its range is set in compute_ends
  out_.clauses[0].id = "0";
  out_.clauses[0].scheme = "preamble";
  is_inline_.push_back(false);

  build_numbered();
  size_t labelled = 0;
  for (size_t i = 1; i < out_.clauses.size(); ++i) labelled += !is_inline_[i];
  if (labelled >= 2) {
    out_.mode = SegmentMode::kNumbered;
  } else {
    // Not a numbered text after all: start over without its findings.
    out_.clauses.resize(1);
    is_inline_.resize(1);
    out_.diagnostics.clear();
    id_uses_.clear();
    build_unnumbered();
  }
  release_builders();
  compute_ends();
  split_sentences();
  return std::move(out_);
}

// The lines and their marks. Every code point of the text passes through here once; only
// the ones that are not plain (internal/segment_scan.hpp) are looked at one by one.
void Segmenter::split_lines() {
  const auto n = static_cast<uint32_t>(norm_.size());
  // About one code point in sixteen of a Chinese text is a mark (mostly 。“”): one
  // allocation for most texts instead of a doubling every few hundred marks.
  marks_.reserve(n / 16);
  lines_.reserve(kFewLines);
  inline_leads_.reserve(kFewLines / 4);
  uint32_t line_start = 0;
  auto marks_begin = static_cast<uint32_t>(marks_.size());
  auto leads_begin = static_cast<uint32_t>(inline_leads_.size());
  uint32_t terminator_end = 0;  // one past the last terminator (no line ends at 0)
  const auto end_line = [&](uint32_t e) {
    *steps_ += e - line_start + 1;
    uint32_t b = line_start;
    while (b < e && is_space(norm_[b])) ++b;
    uint32_t t = e;
    while (t > b && is_space(norm_[t - 1])) --t;
    if (b < t) {
      lines_.push_back({b, t, marks_begin, static_cast<uint32_t>(marks_.size()), leads_begin,
                        static_cast<uint32_t>(inline_leads_.size())});
      unterminated_lines_ += t != terminator_end;
    }
  };
  for_each_non_plain(norm_.data(), 0, n, [&](uint32_t i) {
    const uint8_t kind = mark_kind(norm_[i]);
    if (kind == 0) return;
    if (kind == kMarkLineEnd) {
      end_line(i);
      line_start = i + 1;
      marks_begin = static_cast<uint32_t>(marks_.size());
      leads_begin = static_cast<uint32_t>(inline_leads_.size());
      return;
    }
    marks_.push_back(i);
    if (kind & kMarkTerminator) {
      ++terminators_;
      terminator_end = i + 1;
    }
    if (kind & kMarkInlineLead) {
      // The spaces after a lead are read here and again by scan_inline for the few leads kept:
      // each space run follows one lead at most.
      uint32_t at = i + 1;
      while (at < n && is_space(norm_[at])) ++at;
      if (at < n && inline_starts_.may_begin(norm_[at])) inline_leads_.push_back(i);
    }
  });
  if (line_start < n) end_line(n);
  release_slack(lines_);
  release_slack(marks_);
}

void Segmenter::find_candidates() {
  candidates_.reserve(std::min(lines_.size(), kFewLines));
  for (size_t li = 0; li < lines_.size(); ++li) {
    const Line& line = lines_[li];
    LabelMatch m = label_at(line.begin, line.end, MarkerPlace::kLineStart);
    if (!m) continue;
    const uint32_t title_start = skip_spaces(static_cast<uint32_t>(m.end), line.end);
    if (title_start >= line.end) continue;  // a bare "1." is not a label
    candidates_.push_back({m.marker, m.number, static_cast<uint32_t>(li), static_cast<uint32_t>(m.end),
                           static_cast<uint32_t>(m.numeral_begin), static_cast<uint32_t>(m.numeral_end),
                           title_start, Candidate::kNone});
  }
  schemes_.assign(static_cast<size_t>(clause_scheme_count()), SchemeState());
  for (size_t k = candidates_.size(); k-- > 0;) {
    const int s = candidates_[k].marker->scheme_id;
    candidates_[k].next_same = schemes_[s].next;
    schemes_[s].next = static_cast<uint32_t>(k);
  }
  release_slack(candidates_);
}

// The numbering rules of the essay, for candidate c whose parent would be `parent`.
// level_known: the level the scheme already has, 0 for a scheme not seen yet.
Verdict Segmenter::judge(const Candidate& c, const Frame& parent, int level_known) const {
  const int s = c.marker->scheme_id;
  const uint64_t n = c.number;
  const bool has_prev = parent.last_scheme == s;
  // Expected numbers: continue the siblings (from the last one, or from the highest one
  // after a step back), or for a first child restart at 1 or continue the scheme.
  uint64_t expected[2];
  size_t count = 0;
  if (has_prev) {
    expected[count++] = parent.last_component + 1;
    if (parent.high_component != parent.last_component) expected[count++] = parent.high_component + 1;
  } else {
    expected[count++] = 1;
    if (level_known != 0 && schemes_[s].last != 0) expected[count++] = schemes_[s].last + 1;
  }
  if (count == 2 && expected[1] < expected[0]) std::swap(expected[0], expected[1]);  // ascending
  Verdict v;
  for (size_t k = 0; k < count; ++k) {
    if (n == expected[k]) {
      v.accept = true;
      v.component = n;
      return v;
    }
  }
  std::optional<uint64_t> next;
  if (c.next_same != Candidate::kNone) next = candidates_[c.next_same].number;
  // A mislabel: the label after this one is what should follow `e`.
  if (next) {
    for (size_t k = 0; k < count; ++k) {
      if (*next == expected[k] + 1) {
        v = {true, expected[k], Finding::kMislabel, expected[k], false};
        return v;
      }
    }
  }
  const bool confirmed = next && *next == n + 1;
  // The nearest expected number below n: the labels in between are missing.
  size_t k = count;
  while (k > 0 && expected[k - 1] > n) --k;
  if (k > 0) {
    const uint64_t e = expected[k - 1];
    const uint64_t missing = n - e;
    const bool new_list = level_known == 0;
    const bool ok = new_list ? (confirmed && n <= kMaxNewListStart)
                             : (missing <= kMaxUnconfirmedGap || confirmed);
    if (!ok) return v;
    v = {true, n, Finding::kGap, e, e > 1};
    return v;
  }
  // n is below everything expected: a repeat or a step back among siblings.
  if (!has_prev) return v;  // unreachable (1 is always expected for a first child)
  v = {true, n, n == parent.last_component ? Finding::kRepeat : Finding::kOrder, expected[0], false};
  return v;
}

void Segmenter::build_numbered() {
  std::vector<Frame> stack(1);  // the root
  stack.reserve(8);             // a deeper nesting than 7 levels is rare
  reserve_clauses(candidates_.size());  // inline items may add more
  size_t ci = 0;
  for (size_t li = 0; li < lines_.size(); ++li) {
    const Line& line = lines_[li];
    uint32_t inline_from = line.begin;
    if (ci < candidates_.size() && candidates_[ci].line == li) {
      const Candidate& c = candidates_[ci++];
      const int s = c.marker->scheme_id;
      const int known = schemes_[s].level;
      // The parent: the innermost open clause above the scheme's level, or the current item
      // for a new scheme. Nothing is popped unless the candidate is accepted.
      size_t p = stack.size() - 1;
      if (known != 0) {
        while (p > 0 && stack[p].level >= known) --p;
      }
      const int level = known != 0 ? known : stack[p].level + 1;
      const Verdict v = judge(c, stack[p], known);
      if (v.accept) {
        report(c, v);
        Frame& f = stack[p];
        MarkCursor marks = marks_of(line);
        const size_t idx = add_clause(f.clause, level, c.number, v.component, line.begin,
                                      c.label_end, c.title_start,
                                      title_end_of(c.title_start, line.end, marks),
                                      c.marker->scheme, false);
        f.high_component = f.last_scheme == s ? std::max(f.high_component, v.component) : v.component;
        f.last_scheme = s;
        f.last_component = v.component;
        schemes_[s].level = level;
        schemes_[s].last = v.component;
        stack.resize(p + 1);
        Frame child;
        child.clause = idx;
        child.level = level;
        stack.push_back(child);
        inline_from = c.title_start;
      }
    }
    if (stack.size() > 1) scan_inline(line, inline_from, stack.back().clause);
  }
}

void Segmenter::report(const Candidate& c, const Verdict& v) {
  if (v.finding == Finding::kNone) return;
  const uint64_t n = c.number;
  std::string text;
  const char* what = "";
  switch (v.finding) {
    case Finding::kGap: {
      what = "numbering_gap";
      text = render_label(c, v.expected);
      if (n - v.expected >= 2) text += "…" + render_label(c, n - 1);
      text += v.after ? " missing after " + render_label(c, v.expected - 1)
                      : " missing before " + render_label(c, n);
      break;
    }
    case Finding::kMislabel:
      what = "numbering_mislabel";
      text = render_label(c, n) + " where " + render_label(c, v.expected) + " expected; read as " +
             render_label(c, v.expected);
      break;
    case Finding::kRepeat:
      what = "numbering_repeat";
      text = render_label(c, n) + " repeated; expected " + render_label(c, v.expected);
      break;
    case Finding::kOrder:
      what = "numbering_order";
      text = render_label(c, n) + " out of order; expected " + render_label(c, v.expected);
      break;
    case Finding::kNone:
      break;
  }
  Diagnostic d;
  d.kind = DiagnosticKind::kNumbering;
  d.what = what;
  d.start = lines_[c.line].begin;
  d.end = c.label_end;
  d.text = std::move(text);
  out_.diagnostics.push_back(std::move(d));
}

// The label of c with its number replaced: "（十二）" from "（十一）", in c's own delimiters.
std::string Segmenter::render_label(const Candidate& c, uint64_t number) const {
  NumeralClass cls = c.marker->numeral;
  if (cls == NumeralClass::kChineseOrArabic) {
    const char32_t first = norm_[c.numeral_begin];
    cls = first >= U'0' && first <= U'9' ? NumeralClass::kArabic : NumeralClass::kChinese;
  }
  const uint32_t begin = lines_[c.line].begin;
  std::string out = utf8(begin, c.numeral_begin);
  for (char32_t ch : render_numeral(cls, number)) append_utf8(out, ch);
  out += utf8(c.numeral_end, c.label_end);
  return out;
}

// Inline 一是/二是 runs in line[from, end) under clause `parent`: positions at `from` or
// right after 。；：！？, runs that start at 一 and count up by one, at least two items long.
// The last item of a run ends where the next run on the line starts, else at the line end:
// ending it at the line end regardless made two runs in one paragraph overlap
// (tests/fuzz/regressions/segment_two_inline_runs_in_one_line.txt). A run broken by a label
// out of sequence therefore stays open (`closed`) until the next run or the line end.
// A complete run is held until the next 一是 proves to start a run of its own: a lone 一是
// after it is text of its last item, and ending the item there left that text in no clause
// while its sentence began inside one (tests/fuzz/regressions/segment_inline_lone_restart.txt).
void Segmenter::scan_inline(const Line& line, uint32_t from, size_t parent) {
  // The places an item may start: `from`, then right after each 。；：！？ (a lead) from i on,
  // skipping spaces. The leads after which no label can begin are not in inline_leads_.
  const uint32_t* const leads_first = inline_leads_.data() + line.leads_begin;
  const uint32_t* lead = leads_first;
  const uint32_t* const leads_end = inline_leads_.data() + line.leads_end;
  while (lead != leads_end && *lead < from) ++lead;
  // A run is two items or more, the second after a lead: without a lead kept, nothing to do.
  if (lead == leads_end) {
    *steps_ += static_cast<uint64_t>(lead - leads_first) + 1;
    return;
  }
  inline_run_.clear();
  inline_run_pos_.clear();
  std::vector<LabelMatch> held;    // the last complete run, its end not known yet
  std::vector<uint32_t> held_pos;
  bool closed = false;
  MarkCursor title_marks = marks_of(line);  // the items are committed left to right
  const auto commit = [&](const std::vector<LabelMatch>& run, const std::vector<uint32_t>& pos,
                          uint32_t run_limit) {
    if (run.size() < 2) return;
    const Clause& p = out_.clauses[parent];
    const int level = p.level + 1;
    for (size_t k = 0; k < run.size(); ++k) {
      const LabelMatch& m = run[k];
      const uint32_t start = pos[k];
      const uint32_t limit = k + 1 < run.size() ? pos[k + 1] : run_limit;
      const uint32_t end = trim_back(limit, start);
      const uint32_t title_start = skip_spaces(static_cast<uint32_t>(m.end), end);
      const size_t idx = add_clause(parent, level, m.number, m.number, start,
                                    static_cast<uint32_t>(m.end), title_start,
                                    title_end_of(title_start, end, title_marks), m.marker->scheme,
                                    true);
      out_.clauses[idx].end = end;
    }
  };
  // i only moves forward: the leads behind it are passed for good.
  const auto next_place = [&](uint32_t i) {  // one past the first lead kept at or after i
    while (lead != leads_end && *lead < i) ++lead;
    return lead != leads_end ? *lead + 1 : line.end;  // (every lead of the line is before its end)
  };
  for (uint32_t i = from; i < line.end; i = next_place(i)) {
    const uint32_t at = skip_spaces(i, line.end);
    LabelMatch m = label_at(at, line.end, MarkerPlace::kInline);
    if (!m) continue;
    if (m.number == 1) {
      if (inline_run_.size() >= 2) {  // complete: the held run ends where it starts
        commit(held, held_pos, inline_run_pos_.front());
        std::swap(held, inline_run_);
        std::swap(held_pos, inline_run_pos_);
      }
      inline_run_.clear();  // a lone 一是 is dropped: it stays text of the held run
      inline_run_pos_.clear();
      closed = false;
    } else if (closed || inline_run_.empty() || m.number != inline_run_.back().number + 1) {
      closed = true;
      continue;
    }
    inline_run_.push_back(m);
    inline_run_pos_.push_back(at);
    i = static_cast<uint32_t>(m.end) - 1;  // the next place is after a lead at or after m.end - 1
  }
  if (inline_run_.size() >= 2) {
    commit(held, held_pos, inline_run_pos_.front());
    commit(inline_run_, inline_run_pos_, line.end);
  } else {
    commit(held, held_pos, line.end);
  }
  inline_run_.clear();
  inline_run_pos_.clear();
  *steps_ += static_cast<uint64_t>(lead - leads_first) + 1;
}

size_t Segmenter::add_clause(size_t parent, int level, uint64_t number, uint64_t component,
                             uint32_t start, uint32_t label_end, uint32_t title_start,
                             uint32_t title_end, std::string_view scheme, bool is_inline) {
  Clause& c = out_.clauses.emplace_back();
  c.level = level;
  c.number = number;
  c.parent = parent;
  c.start = start;
  c.end = start;
  c.scheme = scheme;
  c.title_start = title_start;
  c.title_end = trim_title(title_start, title_end);
  // The label and the title are cut from one slice of the original, [start, end of the
  // title): one walk of the clean text to it and over it, and one of the label inside it.
  std::string_view label;
  std::string_view title;
  const uint32_t slice_end = c.title_end > title_start ? c.title_end : label_end;
  if (slice_end > start) {
    const std::string_view slice = orig_.view(start, slice_end, scratch_);
    // A label is a few code points, and a space or two follows it: stepped over one by one.
    const auto skip = [&slice](size_t byte, uint32_t count) {
      for (; count > 0 && byte < slice.size(); --count) {
        byte += utf8_sequence_length(static_cast<unsigned char>(slice[byte]));
      }
      return std::min(byte, slice.size());
    };
    const size_t title_byte = skip(0, label_end - start);
    label = slice.substr(0, title_byte);
    if (c.title_end > title_start) title = slice.substr(skip(title_byte, title_start - label_end));
  }
  const Clause* const p = parent != npos ? &out_.clauses[parent] : nullptr;
  // The id is the parent's id and its own part, ".<component>" ("<component>" at the top),
  // with "_n" for the n-th use of the id (n >= 2): the own part is written here whole, so
  // that the id is stored with two copies.
  char own_id[48];
  char* const own_end = own_id + sizeof own_id;
  char* q = own_id;
  if (p != nullptr) *q++ = '.';
  char* const component_begin = q;
  q = std::to_chars(q, own_end, component).ptr;
  const std::string_view component_text(component_begin, static_cast<size_t>(q - component_begin));
  const uint32_t uses = id_uses_.add(parent, component);
  if (uses > 1) {
    *q++ = '_';
    q = std::to_chars(q, own_end, uses).ptr;
  }
  ClauseTextStore& store = out_.clause_text;
  if (p != nullptr) c.parent_id = p->id;
  c.id = store.join(c.parent_id, std::string_view(own_id, static_cast<size_t>(q - own_id)));
  const std::string_view path_up = p != nullptr ? "/" : "";
  // The path adds the clause's label, else its title, else "#n"; the label or the title is
  // then the end of the path, not stored again.
  const std::string_view parent_path = p != nullptr ? p->path : std::string_view();
  if (!label.empty()) {
    // The title is stored right after the path, in the same join.
    const std::string_view path_and_title = store.join(parent_path, path_up, label, title);
    c.path = path_and_title.substr(0, path_and_title.size() - title.size());
    c.label = c.path.substr(c.path.size() - label.size());
    c.title = path_and_title.substr(c.path.size());
  } else if (!title.empty()) {
    c.path = store.join(parent_path, path_up, title);
    c.title = c.path.substr(c.path.size() - title.size());
  } else {
    c.path = store.join(parent_path, path_up, "#", component_text);
  }
  is_inline_.push_back(is_inline);
  return out_.clauses.size() - 1;
}

// End of the first sentence starting at `from`: at its terminator (exclusive), at `limit`,
// or kMaxTitleLength code points on, whichever comes first. [from, limit) lies in the line
// of `marks`; only its marks can end the sentence or open a quote.
uint32_t Segmenter::first_sentence_end(uint32_t from, uint32_t limit, MarkCursor& marks,
                                       bool* ended_by_terminator) {
  QuoteDepth q;
  const uint32_t cap = static_cast<uint32_t>(std::min<uint64_t>(limit, uint64_t{from} + kMaxTitleLength));
  *ended_by_terminator = false;
  ++*steps_;
  for (uint32_t m = marks.at_or_after(from); m < cap; m = marks.peek()) {
    const uint8_t kind = mark_kind(norm_[m]);
    q.feed(kind);
    if ((kind & kMarkTerminator) && !q.inside()) {
      *ended_by_terminator = true;
      return m;
    }
    marks.pass();
  }
  return cap;
}

// [from, to) without trailing spaces and a trailing colon ("三、保障措施：").
uint32_t Segmenter::trim_title(uint32_t from, uint32_t to) const {
  while (to > from && (is_space(norm_[to - 1]) || norm_[to - 1] == U':' || norm_[to - 1] == U'：')) --to;
  return to;
}

uint32_t Segmenter::skip_spaces(uint32_t i, uint32_t limit) {
  while (i < limit && is_space(norm_[i])) {
    ++*steps_;
    ++i;
  }
  return i;
}

// pos moved back over whitespace and line breaks, not below `lower`.
uint32_t Segmenter::trim_back(uint32_t pos, uint32_t lower) {
  while (pos > lower && (is_space(norm_[pos - 1]) || norm_[pos - 1] == U'\n')) {
    ++*steps_;
    --pos;
  }
  return pos;
}

// A character a date line ("2020年3月15日", "2020-04-16") may consist of.
bool is_date_char(char32_t c) {
  return (c >= U'0' && c <= U'9') || numeral_digit_value(c) >= 0 || c == U'年' || c == U'月' ||
         c == U'日' || c == U'号' || c == U'十' || is_space(c) || c == U'-' || c == U'/' || c == U'.';
}

// A short standalone line: Han text, no sentence end inside, not ending in continuation
// punctuation, not a date. Reads at most max_length code points.
bool Segmenter::heading_like(const Line& line, uint32_t max_length) {
  const uint32_t len = line.end - line.begin;
  if (len < 2 || len > max_length) return false;
  if (is_continuation(norm_[line.end - 1])) return false;
  // A sentence end is a mark: the line's marks are all that need a look for one.
  for (uint32_t k = line.marks_begin; k < line.marks_end; ++k) {
    ++*steps_;
    if (is_terminator(norm_[marks_[k]])) return false;
  }
  // Han text, and not a date: settled at the first Han character that is no date character
  // (the first character of most lines).
  bool han = false;
  bool date_only = true;
  for (uint32_t i = line.begin; i < line.end && !(han && !date_only); ++i) {
    ++*steps_;
    const char32_t c = norm_[i];
    han = han || is_han(c);
    date_only = date_only && is_date_char(c);  // not asked again after the first that is not
  }
  return han && !date_only;
}

void Segmenter::build_unnumbered() {
  if (lines_.empty()) return;
  // A first line that reads like a title (short, no sentence end) and is followed by prose
  // is the document's title, not a heading. The clean stage usually moved it out already.
  size_t first = 0;
  if (lines_.size() > 1 && heading_like(lines_[0], kMaxDocTitleLength) &&
      !heading_like(lines_[1], kMaxHeadingLength)) {
    first = 1;
  }
  if (build_headings(first)) {
    out_.mode = SegmentMode::kHeadings;
    return;
  }
  build_paragraphs(first);
}

bool Segmenter::build_headings(size_t first_line) {
  const size_t n = lines_.size();
  std::vector<uint8_t> h(n, 0);
  for (size_t i = first_line; i < n; ++i) h[i] = heading_like(lines_[i], kMaxHeadingLength);
  // inner: a heading-like line followed by prose; outer: followed by an inner heading.
  enum : uint8_t { kProse, kInner, kOuter };
  std::vector<uint8_t> kind(n, kProse);
  size_t headings = 0;
  for (size_t i = n; i-- > first_line;) {
    if (!h[i] || i + 1 >= n) continue;
    if (!h[i + 1]) {
      kind[i] = kInner;
    } else if (kind[i + 1] == kInner) {
      kind[i] = kOuter;
    } else {
      continue;
    }
    ++headings;
  }
  if (headings < 2) return false;
  // Levels. Outer headings are known by the next-line cue; the first inner heading after
  // each is known to be inner. The rest are outer when as short as the known outer ones and
  // shorter than every known inner one (找准差距 / 定下目標 vs 教育優質均衡方面).
  uint32_t max_outer = 0;
  uint32_t min_inner = UINT32_MAX;
  bool any_outer = false;
  for (size_t i = first_line; i < n; ++i) {
    const uint32_t len = lines_[i].end - lines_[i].begin;
    if (kind[i] == kOuter) {
      any_outer = true;
      max_outer = std::max(max_outer, len);
    } else if (kind[i] == kInner && i > 0 && kind[i - 1] == kOuter) {
      min_inner = std::min(min_inner, len);
    }
  }
  reserve_clauses(headings);  // inline items may add more
  size_t outer = npos;
  size_t current = npos;  // the heading whose body this is
  uint64_t outer_count = 0;
  uint64_t inner_count = 0;
  for (size_t i = first_line; i < n; ++i) {
    const Line& line = lines_[i];
    if (kind[i] == kProse) {
      if (current != npos) scan_inline(line, line.begin, current);
      continue;
    }
    const uint32_t len = line.end - line.begin;
    bool is_outer = !any_outer;
    if (any_outer) {
      const bool known_inner = kind[i] == kInner && i > 0 && kind[i - 1] == kOuter;
      is_outer = kind[i] == kOuter || (!known_inner && len <= max_outer && max_outer < min_inner);
    }
    if (is_outer || outer == npos) {
      ++outer_count;
      outer = add_clause(npos, 1, outer_count, outer_count, line.begin, line.begin, line.begin,
                         line.end, "heading", false);
      current = outer;
      inner_count = 0;
    } else {
      ++inner_count;
      current = add_clause(outer, 2, inner_count, inner_count, line.begin, line.begin, line.begin,
                           line.end, "heading", false);
    }
  }
  return true;
}

void Segmenter::build_paragraphs(size_t first_line) {
  const size_t n = lines_.size();
  // The lead sentence of each paragraph, when it is a short heading followed by more text.
  std::vector<uint32_t> lead_end(n, 0);
  size_t first_led = npos;
  for (size_t i = first_line; i < n; ++i) {
    const Line& line = lines_[i];
    bool ended = false;
    MarkCursor marks = marks_of(line);
    const uint32_t e = first_sentence_end(line.begin, std::min(line.end, line.begin + kMaxLeadLength + 1),
                                          marks, &ended);
    if (!ended || e + 1 >= line.end || e - line.begin < 2) continue;
    bool han = false;
    for (uint32_t k = line.begin; k < e && !han; ++k) han = is_han(norm_[k]);
    if (!han) continue;
    lead_end[i] = e;
    if (first_led == npos) first_led = i;
  }
  // Paragraphs before the first heading-led one are the introduction (preamble); without
  // any heading-led paragraph, every paragraph is a clause.
  const size_t from = first_led != npos ? first_led : first_line;
  reserve_clauses(n - from);  // inline items may add more
  uint64_t count = 0;
  for (size_t i = from; i < n; ++i) {
    const Line& line = lines_[i];
    // Untitled when the lead sentence is not a heading: the path then shows "#n".
    const uint32_t title_end = lead_end[i] != 0 ? lead_end[i] : line.begin;
    ++count;
    const size_t idx = add_clause(npos, 1, count, count, line.begin, line.begin, line.begin,
                                  title_end, "paragraph", false);
    scan_inline(line, line.begin, idx);
  }
  if (count > 0) out_.mode = SegmentMode::kParagraphs;
}

void Segmenter::compute_ends() {
  auto& cl = out_.clauses;
  const auto text_end = static_cast<uint32_t>(norm_.size());
  // The preamble runs up to the first clause.
  cl[0].start = 0;
  cl[0].end = trim_back(cl.size() > 1 ? cl[1].start : text_end, 0);
  cl[0].title_start = cl[0].title_end = 0;
  std::vector<size_t> open;
  open.reserve(8);
  uint32_t prev_start = 0;
  for (size_t k = 1; k < cl.size(); ++k) {
    if (is_inline_[k]) continue;  // inline items got their end when they were made
    const uint32_t boundary = trim_back(cl[k].start, prev_start);
    while (!open.empty() && cl[open.back()].level >= cl[k].level) {
      cl[open.back()].end = boundary;
      open.pop_back();
    }
    open.push_back(k);
    prev_start = cl[k].start;
  }
  // The last inline item may start after the last line-level clause.
  if (cl.size() > 1) prev_start = std::max(prev_start, cl.back().start);
  const uint32_t boundary = trim_back(text_end, prev_start);
  for (size_t k : open) cl[k].end = boundary;
}

void Segmenter::split_sentences() {
  const auto& cl = out_.clauses;
  std::vector<Sentence>& sentences = out_.sentences;
  // A sentence ends at a terminator, at the end of a line that ends in none, or where an
  // inline item starts (a line-level clause starts a line, after the end of a sentence): a
  // bound that spares the vector its regrowths.
  const auto inline_items = static_cast<size_t>(std::count(is_inline_.begin(), is_inline_.end(), uint8_t{1}));
  sentences.reserve(terminators_ + unterminated_lines_ + inline_items);
  // Clauses entered so far whose end has not been seen to pass; entering a clause first drops
  // those that ended before it, so the top is always the innermost clause at the position.
  // The top's index and end are kept at hand (0 and past every position when none is open).
  std::vector<size_t> open;
  open.reserve(8);
  size_t top = 0;
  uint32_t top_end = UINT32_MAX;
  const auto drop_ended = [&](uint32_t pos) {
    while (top_end <= pos) {
      open.pop_back();
      top = open.empty() ? 0 : open.back();
      top_end = open.empty() ? UINT32_MAX : cl[top].end;
    }
  };
  size_t ci = 1;
  uint32_t next_start = ci < cl.size() ? cl[ci].start : UINT32_MAX;  // of clause ci
  const auto enter = [&] {
    drop_ended(next_start);
    open.push_back(ci);
    top = ci;
    top_end = cl[ci].end;
    ++ci;
    next_start = ci < cl.size() ? cl[ci].start : UINT32_MAX;
  };
  const auto emit = [&](uint32_t s, uint32_t e) {
    while (e > s && is_space(norm_[e - 1])) --e;
    if (e <= s) return;
    drop_ended(s);
    sentences.push_back({s, e, top});
  };
  uint64_t steps = 0;
  QuoteDepth q;
  for (const Line& line : lines_) {
    q.reset();
    uint32_t cur = UINT32_MAX;  // start of the open sentence
    // The line's marks: only they can close a sentence or change q, so the text between them
    // is not read, except for the spaces before a sentence opens. A mark behind i was in a
    // label or among the closers taken with a terminator.
    const uint32_t* const marks_first = marks_.data() + line.marks_begin;
    const uint32_t* mark = marks_first;
    const uint32_t* const marks_end = marks_.data() + line.marks_end;
    uint32_t i = line.begin;
    while (i < line.end) {
      ++steps;
      while (next_start < i) enter();  // defensive: no label holds a start
      if (next_start == i) {
        // A clause starts here: close the sentence, skip the label(s).
        if (cur != UINT32_MAX) emit(cur, i);
        cur = UINT32_MAX;
        q.reset();
        uint32_t skip = i;
        while (next_start == i) {
          skip = std::max(skip, cl[ci].title_start);
          enter();
        }
        i = skip;
        continue;
      }
      // Sentences up to `stop`, before which no clause starts, continuing the open one.
      const uint32_t stop = std::min(line.end, next_start);
      while (i < stop) {
        if (cur == UINT32_MAX) {
          while (i < stop && is_space(norm_[i])) ++i;
          if (i == stop) break;
          cur = i;
        }
        // The marks from i on are fed to q up to the sentence end: a terminator outside
        // every quote.
        while (mark != marks_end && *mark < i) ++mark;
        uint32_t end = UINT32_MAX;  // one past the terminator, if there is one before stop
        for (; mark != marks_end && *mark < stop; ++mark) {
          const uint8_t kind = mark_kind(norm_[*mark]);
          q.feed(kind);
          if ((kind & kMarkTerminator) && !q.inside()) {
            end = *mark++ + 1;
            break;
          }
        }
        if (end == UINT32_MAX) {
          i = stop;
          break;
        }
        // Closers and repeated terminators stay with the sentence ("…。”", "？！").
        i = end;
        while (i < stop && (is_terminator(norm_[i]) || is_closer(norm_[i]))) ++i;
        emit(cur, i);
        cur = UINT32_MAX;
      }
    }
    if (cur != UINT32_MAX) emit(cur, line.end);
    // i moved forward over the line once (the spaces before a sentence, the closers after it),
    // and emit's trim moves back over each sentence at most once: twice the line bounds both.
    steps += static_cast<uint64_t>(mark - marks_first) + 2 * uint64_t{line.end - line.begin};
  }
  *steps_ += steps;
  release_slack(sentences);  // (a terminator inside quotes ends no sentence)
}

}  // namespace

Segmentation segment_clauses_counted(const OriginalText& original, std::u32string_view normalized,
                                     uint64_t* steps) {
  uint64_t ignored = 0;
  return Segmenter(original, normalized, steps ? steps : &ignored).run();
}

}  // namespace detail

// The first block holds a small document's clauses; then each block doubles, up to a size
// whose unwritten end is nothing beside the clauses of a document that fills many blocks.
constexpr size_t kFirstClauseTextBlock = size_t{4} << 10;
constexpr size_t kLargestClauseTextBlock = size_t{1} << 20;

void ClauseTextStore::start_block(size_t size) {
  block_size_ = block_size_ == 0 ? kFirstClauseTextBlock : std::min(2 * block_size_, kLargestClauseTextBlock);
  block_size_ = std::max(block_size_, size);
  blocks_.emplace_back(new char[block_size_]);  // (not make_unique: no need to zero it)
  free_ = blocks_.back().get();
  left_ = block_size_;
}

char* ClauseTextStore::copy(char* to, std::string_view part) {
  if (part.empty()) return to;  // (its data() may be null, which memcpy must not get)
  std::memcpy(to, part.data(), part.size());
  return to + part.size();
}

const char* segment_mode_name(SegmentMode mode) {
  switch (mode) {
    case SegmentMode::kNone: return "none";
    case SegmentMode::kNumbered: return "numbered";
    case SegmentMode::kHeadings: return "headings";
    case SegmentMode::kParagraphs: return "paragraphs";
  }
  return "none";
}

Segmentation segment_clauses(std::u32string_view original, std::u32string_view normalized) {
  return detail::segment_clauses_counted(detail::OriginalText(original), normalized, nullptr);
}

Segmentation segment_clauses(const CleanText& clean, std::u32string_view normalized) {
  return detail::segment_clauses_counted(detail::OriginalText(clean), normalized, nullptr);
}

std::string clause_outline(const Segmentation& segmentation) {
  std::string out;
  for (size_t k = 1; k < segmentation.clauses.size(); ++k) {
    const Clause& c = segmentation.clauses[k];
    if (!out.empty()) out += '|';
    out += c.id;
    out += ' ';
    out += c.label.empty() ? c.title : c.label;
  }
  return out;
}

}  // namespace zhpolicy
