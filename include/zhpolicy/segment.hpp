// Stage 4, segment: the clause structure of a policy text as a tree, and its sentences.
//
// Input is the clean text (one paragraph a line) as code points, together with its
// normalized shadow (same length; see normalize.hpp). Labels are recognised on the shadow
// ("（一）" reads as "(一)", "第一條" as "第一条"); everything handed back as text (labels,
// titles) is cut from the original, in the script it was written in.
//
// Three kinds of structure, decided per document:
//   - numbered: labels at the start of a line ("一、", "(十一)", "1.", "第三条", "①" …;
//     the schemes are listed in data/clause_markers.tsv) and inline "一是…二是…" lists.
//     Levels come from the document: the first scheme seen is level 1, a new scheme nests
//     under the current item, a scheme seen before returns to its level.
//   - headings: an unnumbered text whose short standalone lines ("找准差距",
//     "大力發展學前教育") head the paragraphs under them; a heading line directly followed by
//     another heading line is the outer level.
//   - paragraphs: an unnumbered text without headings; every body paragraph is a clause,
//     titled by its lead sentence when that is a short heading ("聚力优化高效能体制。").
//
// The preamble. Text before the first clause (a cover letter, the introduction, a title line
// the clean stage left) is represented by clauses[0], a pseudo clause that is always there:
// id "0", level 0, scheme "preamble", range [0, start of the first clause) (possibly empty).
// It is not the parent of anything: level-1 clauses have parent_id "". Every sentence
// therefore belongs to some clause.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/types.hpp"

namespace zhpolicy {

struct CleanText;  // zhpolicy/clean.hpp

// The bytes the text fields of a Segmentation's clauses view. They are written once, in
// blocks that never move, so a view stays valid as long as the store, however the store and
// the clauses around it are moved; a store is not copied (its views would still name the
// original). One store for all the clauses of a document: a dense 20 MB page has 300,000
// clauses, and six std::string members made each 232 bytes and most titles a heap block.
class ClauseTextStore {
 public:
  ClauseTextStore() = default;
  ClauseTextStore(ClauseTextStore&&) noexcept = default;
  ClauseTextStore& operator=(ClauseTextStore&&) noexcept = default;
  ClauseTextStore(const ClauseTextStore&) = delete;
  ClauseTextStore& operator=(const ClauseTextStore&) = delete;

  // Stores `parts` (one or more, each convertible to std::string_view) one after the other;
  // returns the view of the stored bytes. A template rather than a list of views: each clause
  // stores three texts of up to four parts, and looping over a list cost more than the copies.
  template <typename... Parts>
  std::string_view join(const Parts&... parts) {
    const size_t size = (size_t{0} + ... + std::string_view(parts).size());
    if (size == 0) return {};
    char* const stored = room(size);
    char* end = stored;
    ((end = copy(end, std::string_view(parts))), ...);
    return std::string_view(stored, size);
  }

 private:
  // `size` (> 0) unwritten bytes, from the last block or a new one. Inline: every clause
  // stores its texts, and a new block is needed only every few hundred of them.
  char* room(size_t size) {
    if (size > left_) start_block(size);
    char* const stored = free_;
    free_ += size;
    left_ -= size;
    return stored;
  }
  // Makes a new block, of at least `size` bytes, the last one.
  void start_block(size_t size);
  static char* copy(char* to, std::string_view part);

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;  // the unwritten rest of the last block
  size_t left_ = 0;
  size_t block_size_ = 0;
};

// All offsets are code point offsets into the text passed to segment_clauses (the clean
// text; the normalized shadow has the same length), half-open.
//
// The text fields (id, label, parent_id, path, title, scheme) are views, valid as long as
// the Segmentation the clause came in (see ClauseTextStore); copy one into a std::string to
// keep it longer. A Clause copied out of its Segmentation shares its views.
struct Clause {
  static constexpr size_t npos = static_cast<size_t>(-1);

  // Path of numbers from level 1 down: "2.11" for item (十一) of section 二、. The numbers
  // are the numbers written in the labels; unlabelled clauses (headings, paragraphs) are
  // numbered by their order among their siblings. Ids are unique within a document: a
  // label that repeats one of its siblings (a repeated "(二)", a second 一是/二是 list in
  // the same item) gets a suffix, "1.2_2" for the second "1.2". After a mislabel (see
  // kNumbering diagnostics) the id carries the number the sequence called for, not the
  // written one.
  std::string_view id;
  int level = 0;               // 1 = outermost; 0 only for the preamble
  std::string_view label;      // as written: "(十一)", "（三）", "一、", "1.", "①", "第三條", "一是"; "" if none
  uint64_t number = 0;         // the value of the label as written (11); the ordinal if unlabelled
  std::string_view parent_id;  // "" for level 1 and for the preamble
  size_t parent = npos;   // index of the parent in Segmentation::clauses, npos if none
  // Labels from level 1 down, '/'-separated, as written: "二、/(十一)". An unlabelled clause
  // contributes its title ("如何追趕/大力發展學前教育"), or "#n" when it has none.
  std::string_view path;
  // The heading: the text after the label up to the first sentence end (。！？；), the end
  // of the line or the end of the clause, without that punctuation, a trailing colon or
  // spaces; cut after kMaxTitleLength code points. Original script. Paragraph clauses whose
  // lead sentence is not a short heading have an empty title.
  std::string_view title;
  // The clause runs from its label to the next clause of the same or a higher level (for
  // inline 一是 items: at most to the end of their paragraph), without trailing whitespace.
  // Children lie inside their parent's range.
  uint32_t start = 0;
  uint32_t end = 0;
  // [start, title_start) is the label and the spaces after it (empty for unlabelled
  // clauses); title_start is also where the clause's own text begins when the title is empty.
  uint32_t title_start = 0;
  uint32_t title_end = 0;
  // The numbering scheme: "cn_dun" (一、), "cn_dot" (一.), "cn_paren" ((一) ㈠),
  // "di_zhang" (第一章), "di_jie" (第一节), "di_tiao" (第一条), "di_bufen" (第一部分),
  // "arabic_dot" (1. ⒈), "arabic_dun" (1、), "arabic_rparen" (1)), "arabic_paren" ((1) ⑴),
  // "circled" (①), "inline_shi" (一是), "heading", "paragraph"; "preamble" for clauses[0].
  // (A view of a name that lives as long as the program.)
  std::string_view scheme;
};

// A sentence: split at 。！？；(and ASCII ! ? ; after folding, and the half-width ｡) and at
// line ends, never inside “…” ‘…’ 「…」 『…』 《…》 〈…〉 or "…" (quote depth is reset at
// every line end, so an unbalanced quote cannot swallow more than its line). Sentences never
// contain a label and never cross the start of a clause. Leading and trailing spaces are not
// part of it.
struct Sentence {
  uint32_t start = 0;
  uint32_t end = 0;
  size_t clause = 0;  // index into Segmentation::clauses of the innermost clause holding it
};

// Which of the three structures (see the top of this file) the document was read as.
enum class SegmentMode {
  kNone,        // no clause at all: the whole text is preamble (or the text is empty)
  kNumbered,    // labelled clauses
  kHeadings,    // heading lines
  kParagraphs,  // one clause per body paragraph
};

// "none", "numbered", "headings", "paragraphs".
const char* segment_mode_name(SegmentMode mode);

// Moved, never copied: its clauses view its clause_text (ClauseTextStore).
struct Segmentation {
  SegmentMode mode = SegmentMode::kNone;
  // In document order (by start; a parent before a child that starts at the same place).
  // clauses[0] is the preamble and is always present.
  std::vector<Clause> clauses;
  ClauseTextStore clause_text;      // what the clauses' text fields view
  std::vector<Sentence> sentences;  // in document order, disjoint
  // kNumbering findings: a gap ("(十二) missing after (十一)"), a repeated label, a label
  // out of order, a label read as a different number. `what` is "numbering_gap",
  // "numbering_repeat", "numbering_order" or "numbering_mislabel"; start/end is the label;
  // `bytes` is left {0, 0} for the pipeline to fill from CleanText::source_bytes.
  std::vector<Diagnostic> diagnostics;
};

// Titles longer than this (in code points) are cut.
inline constexpr uint32_t kMaxTitleLength = 200;

// Segments a clean text. `original` is the clean text's code points (CleanText::text
// decoded), `normalized` its fold (normalize()); they must have the same length; if they
// do not, only the common prefix is segmented. Text beyond 2^32-1 code points is ignored.
// Lines are separated by '\n'; blank lines and spaces around lines are tolerated.
// Runs in time and memory linear in the input; never throws for any input (but may throw
// std::bad_alloc like any allocation).
Segmentation segment_clauses(std::u32string_view original, std::u32string_view normalized);
// The same with the original script read from `clean.text` (`normalized` = normalize() of
// it): the same result, without an array of the clean text's code points.
Segmentation segment_clauses(const CleanText& clean, std::u32string_view normalized);

// A compact outline for tests and debugging: "id label" for each clause but the preamble,
// '|'-separated; unlabelled clauses show their title instead of a label:
// "1 一、|1.1 (一)|1.2 (二)|2 二、".
std::string clause_outline(const Segmentation& segmentation);

}  // namespace zhpolicy
