// clean: decoded page text -> the document body, one paragraph a line.
//
// The problem. A scraped policy page is a few kilobytes of body wrapped in site chrome
// (menus, breadcrumbs, bylines with view counters, share buttons, "related reading"
// lists, copyright blocks, injected spam), sometimes still in HTML, sometimes run through
// a converter that appends pinyin to characters, sometimes with bytes lost to a bad
// round trip. The later stages need the body alone, and every number they report must
// still point at the exact input bytes.
//
// The approach, in passes:
//   1. markup: if the text contains HTML tags, strip them (html_strip.cpp) into an
//      intermediate text whose every byte maps back to the decoded text;
//   2. lines: split into lines; within a line fold whitespace runs to one space, drop
//      zero-width characters and pinyin annotations, remembering what was dropped;
//   3. classify: decide per line whether it is body, chrome, metadata, spam, or part of a
//      tail block (相关阅读 / 版权声明 and everything after); find the byline and title;
//   4. de-duplicate repeated paragraphs (whole blocks pasted twice);
//   5. emit the kept lines joined by '\n' into a SourceBuilder, which records for every
//      output byte where it came from, and find damaged spans in the result.
// Classification only looks at short lines (chrome is short); a 10 MB paragraph costs a
// scan and a copy, never a marker search.
//
// Trade-offs. The rules are lexicon-driven (data/boilerplate.tsv) rather than learned:
// they are explainable, and every removal is recorded as a diagnostic so a user can see
// what went. A body line that happens to start with "来源:" is treated as metadata; we
// accept that.
#include "zhpolicy/clean.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string_view>

#include "internal/boilerplate.hpp"
#include "internal/borrowed_input.hpp"
#include "internal/chrome_screen.hpp"
#include "internal/code_points_counted.hpp"
#include "internal/compact_form.hpp"
#include "internal/cpu_features.hpp"
#include "internal/damage.hpp"
#include "internal/date_pattern.hpp"
#include "internal/html_strip.hpp"
#include "internal/pinyin_annotation.hpp"
#include "internal/plain_run.hpp"
#include "internal/source_builder.hpp"
#include "internal/source_cursor.hpp"
#include "internal/utf8.hpp"
#include "zhpolicy/normalize.hpp"

namespace zhpolicy {

namespace {

// Index of the piece that holds code point `cp` (pieces are sorted by cp, the first one at
// 0): the last whose cp is <= `cp`. A binary search without branches, because it runs for
// every clause, target and diagnostic and std::upper_bound's branch mispredicted every
// other step.
size_t piece_index_containing(const std::vector<SourcePiece>& pieces, uint32_t cp) {
  const SourcePiece* base = pieces.data();
  size_t count = pieces.size();
  while (count > 1) {
    const size_t half = count / 2;
    base = base[half].cp <= cp ? base + half : base;
    count -= half;
  }
  return static_cast<size_t>(base - pieces.data());
}

// A code point of the clean text, the piece it is in, and (verbatim pieces only) its byte.
struct PiecePosition {
  size_t piece = 0;
  uint32_t cp = 0;
  size_t byte = 0;
};

// The decoded byte range [begin, end) that code point `at.cp` stands for, `at` being its
// position in the clean text (the byte is set for verbatim pieces only, the only ones that read it).
void decoded_range_at(const CleanText& clean, const PiecePosition& at, uint32_t& begin, uint32_t& end) {
  detail::decoded_range_of(clean, at.piece, at.byte, begin, end);
}

}  // namespace

ByteRange CleanText::source_bytes(uint32_t start, uint32_t end) const {
  if (pieces.empty() || start >= code_points) return {input_map.to_input(UINT32_MAX), input_map.to_input(UINT32_MAX)};
  end = std::min(end, code_points);
  // The position of `cp` in its piece, walked to from `from` when that lies before it in
  // the same piece (the last code point of a short range from its first), else from the
  // piece's start.
  auto position = [&](uint32_t cp, const PiecePosition* from) {
    PiecePosition at;
    at.piece = from != nullptr && (from->piece + 1 == pieces.size() || pieces[from->piece + 1].cp > cp)
                   ? from->piece
                   : piece_index_containing(pieces, cp);
    at.cp = cp;
    const SourcePiece& p = pieces[at.piece];
    if (p.verbatim) {
      at.byte = from != nullptr && from->piece == at.piece
                    ? detail::skip_code_points(text, from->byte, cp - from->cp)
                    : detail::skip_code_points(text, p.byte, cp - p.cp);
    }
    return at;
  };
  uint32_t b0, e0, b1, e1;
  const PiecePosition first = position(start, nullptr);
  decoded_range_at(*this, first, b0, e0);
  if (end <= start) return {input_map.to_input(b0), input_map.to_input(b0)};
  decoded_range_at(*this, position(end - 1, &first), b1, e1);
  return {input_map.to_input(b0), input_map.to_input(std::max(e1, b0))};
}

std::string_view CleanText::text_between(uint32_t start, uint32_t end) const {
  if (start >= code_points || pieces.empty()) return {};
  end = std::min(end, code_points);
  const SourcePiece& p = pieces[piece_index_containing(pieces, start)];
  const size_t begin = detail::skip_code_points(text, p.byte, start - p.cp);
  // The end is found from the start, not looked up again: the text is plain UTF-8 across
  // pieces, and slices are short (extraction takes several per target).
  const size_t stop = end > start ? detail::skip_code_points(text, begin, end - start) : begin;
  return std::string_view(text).substr(begin, stop - begin);
}

namespace {

using detail::MarkerKind;

// Lines longer than this are body text; chrome, metadata and spam lines are short (the
// longest seen in the seeds is an 80-character spam line).
constexpr uint32_t kMaxClassifiedLine = 160;
// A paragraph this long that repeats an earlier one is a pasted duplicate on its own.
constexpr uint32_t kMinDuplicateLength = 20;

enum class Fate { kBody, kRemoved, kMetadata, kTitle };

struct Op {
  uint32_t begin, end;  // intermediate-text bytes
  bool space;           // emit one ' ' standing for [begin, end)
};

// A pinyin annotation dropped from a line. (Where it was in the decoded text is looked up
// only if it is recorded as a diagnostic.)
struct Removal {
  uint32_t cp;          // offset within the line's clean text
  uint32_t begin, end;  // intermediate-text bytes: the annotation as written
};

// What classification reads of a short line. Built for one line at a time: a page of
// many short lines would otherwise hold three code point copies of each until the end.
// Only `original` is made for a line the screen passes as body (Line::needs_classification false).
struct ShortLineForms {
  std::u32string original;  // code points of the line's clean text
  std::u32string folded;    // fold() of `original`
  std::u32string compact;   // folded, lower-cased, no spaces
  detail::MarkerHits hits;  // the boilerplate markers in `compact`
};

// One line of the page. Its clean text is not stored: it is ops_[ops_begin, ops_end)
// over the intermediate text, materialised where a pass needs it (line_text()), so the
// line table costs a few dozen bytes a line whatever the line's length.
struct Line {
  uint32_t ops_begin = 0, ops_end = 0;
  uint32_t removals_begin = 0, removals_end = 0;  // its pinyin annotations in removals_
  uint32_t cps = 0;
  uint32_t src_begin = 0, src_end = 0;  // decoded bytes of the raw line
  uint32_t clean_cp = 0;                // where it is (kept) or was (removed) in the clean text: emit_text()
  // Short lines only, from their ShortLineForms, for the passes that run after them:
  bool needs_classification = false;  // not screened out as body (may_be_chrome()): classify_line() reads it
  uint16_t markers = 0;        // bit k: a marker of MarkerKind k matches
  bool title_shape = false;    // could be a title by its shape (see is_title_like); only
                               // looked for where find_title() reads it
  bool names_kind = false;     // ends with a kind of document ("…方案", "…通知"); only
                               // looked for where find_title() reads it
  Fate fate = Fate::kBody;
  DiagnosticKind kind = DiagnosticKind::kChrome;
  std::string_view what;  // a static label
  bool has(MarkerKind k) const { return (markers >> static_cast<unsigned>(k)) & 1u; }
};

bool is_space_like(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0x00A0 ||
         c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x0085 || (c < 0x20 && c != '\n');
}

bool is_invisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x00AD || c == 0x2060;
}

class Cleaner {
 public:
  Cleaner(std::string_view decoded_text, const DecodedText& decoded, const CleanOptions& options)
      : decoded_(decoded), options_(options), t_(decoded_text) {}

  CleanText run();

 private:
  void split_lines(std::string_view t, const std::vector<SourcePiece>& pieces);
  // Reads the line that starts at `begin` and returns where it ends: at the first line
  // break, or at the end of `t`.
  size_t scan_line(std::string_view t, size_t begin, detail::PieceCursor& cursor);
  // `may_be_title`: the line is among the first kTitleScanLines, where find_title() looks.
  void read_short_line(Line& line, ShortLineForms& forms, bool may_be_title);
  void classify_line(size_t i, const ShortLineForms& forms, const ShortLineForms* next);
  void classify_tail();
  void find_title();
  void remove_article_footer();
  void remove_duplicates();
  // The kept lines joined into out_.text (and its pieces and code points).
  void emit_text(const std::vector<SourcePiece>& pieces);
  // A diagnostic for each removed line (consecutive ones of a kind merged) and each pinyin
  // annotation, after emit_text() and the damage scan: the table is reserved once, for
  // run()'s findings too.
  void record_removals(const std::vector<SourcePiece>& pieces);
  void parse_metadata(const Line& line, const ShortLineForms& forms);
  void add_metadata(std::string key, std::string value, const Line& line);
  void set_fate(Line& line, Fate fate, DiagnosticKind kind, std::string_view what) {
    line.fate = fate;
    line.kind = kind;
    line.what = what;
  }
  bool short_line(const Line& l) const { return l.cps <= kMaxClassifiedLine; }
  // Whether classify_line() is still to decide line l: a short body line the screen kept.
  bool to_classify(const Line& l) const { return l.fate == Fate::kBody && l.needs_classification; }
  // The clean text of a line: read in place when it is one stretch of the intermediate
  // text (one run, or runs joined by single ASCII spaces: most lines), else copied together
  // into `buffer` (overwritten; the view is valid until it changes). Defined here to be
  // inlined: most calls take the first way, and the copy's call costs more than it.
  std::string_view line_view(const Line& l, std::string& buffer) const {
    const Op* const first = ops_.data() + l.ops_begin;
    const Op* const end = ops_.data() + l.ops_end;
    const Op* op = first + 1;
    while (op != end && op->begin == op[-1].end && (!op->space || (op->end - op->begin == 1 && t_[op->begin] == ' '))) {
      ++op;
    }
    if (op == end) return t_.substr(first->begin, end[-1].end - first->begin);  // (a line starts and ends with a run)
    return joined_line(l, buffer);
  }
  // line_view()'s copy: the line's runs and spaces into `buffer`.
  std::string_view joined_line(const Line& l, std::string& buffer) const;
  std::string line_text(const Line& l) const {
    std::string buffer;
    return std::string(line_view(l, buffer));
  }

  const DecodedText& decoded_;
  const CleanOptions& options_;
  // The intermediate text: decoded (decoded_.text, or the input it is), or stripped of markup.
  std::string_view t_;
  std::vector<Op> ops_;
  std::vector<Removal> removals_;
  std::vector<Line> lines_;
  // Forms of the line being scanned and of the one before it, which is classified then:
  // classification may look one line ahead.
  ShortLineForms forms_[2];
  std::string text_buffer_;  // a short line's text while its forms are made
  CleanText out_;
  std::vector<Diagnostic> markup_diagnostics_;
};

// How far into the page find_title() looks.
constexpr size_t kTitleScanLines = 20;

std::string_view Cleaner::joined_line(const Line& l, std::string& buffer) const {
  const Op* const first = ops_.data() + l.ops_begin;
  const Op* const end = ops_.data() + l.ops_end;
  // A line cut by pinyin annotations into runs of a few characters: each run copied sixteen
  // bytes at once, not appended run by run.
  size_t size = 0;
  for (const Op* op = first; op != end; ++op) size += op->space ? 1 : op->end - op->begin;
  buffer.resize(size + 16);  // room for the last sixteen-byte copy
  char* out = buffer.data();
  for (const Op* op = first; op != end; ++op) {
    if (op->space) {
      *out++ = ' ';
      continue;
    }
    const size_t n = op->end - op->begin;
    const char* in = t_.data() + op->begin;
    if (n <= 16 && t_.size() - op->begin >= 16) {
      std::memcpy(out, in, 16);  // (one load and one store; what lies past the run is overwritten or cut)
    } else {
      std::memcpy(out, in, n);
    }
    out += n;
  }
  return std::string_view(buffer.data(), size);
}

bool is_line_break(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

// Bytes of the line break at t[i]: "\r\n" is one.
size_t line_break_length(std::string_view t, size_t i) {
  if (t[i] == '\n') return 1;
  if (t[i] == '\r') return i + 1 < t.size() && t[i + 1] == '\n' ? 2 : 1;
  return 3;  // U+2028 / U+2029
}

// The line is scanned to its end in one pass: a line break is not plain (plain_run.hpp), so
// runs stop at it and the character loop sees it.
size_t Cleaner::scan_line(std::string_view t, size_t begin, detail::PieceCursor& cursor) {
  Line line;
  line.ops_begin = static_cast<uint32_t>(ops_.size());
  line.removals_begin = static_cast<uint32_t>(removals_.size());
  bool pending_space = false;
  uint32_t space_begin = 0, space_end = 0;
  auto run_begin = static_cast<uint32_t>(begin);
  bool in_run = false;
  bool prev_han = false;
  uint32_t cps = 0;  // kept so far: the runs' code points and the spaces between them
  auto close_run = [&](uint32_t at) {
    if (in_run && at > run_begin) ops_.push_back({run_begin, at, false});
    in_run = false;
  };
  // A character kept as it is, at byte `at`: the spaces before it become one (none at the
  // line's start), and a run starts with it unless one is open.
  auto keep_character = [&](uint32_t at) {
    if (pending_space) {
      if (ops_.size() > line.ops_begin) {
        ops_.push_back({space_begin, space_end, true});
        ++cps;
      }
      pending_space = false;
    }
    if (!in_run) {
      run_begin = at;
      in_run = true;
    }
  };
  size_t i = begin;
  size_t end = t.size();
  while (i < end) {
    // Plain characters need no decoding (see plain_run.hpp): most of a Chinese page is these.
    // Outside a run (at the line's start, after spaces) the run is read at once too: a plain
    // character other than a space is none of those the loop below looks at, and it keeps
    // it. (A space there goes below: it is one of a run of spaces.)
    if ((!pending_space && in_run) || t[i] != ' ') {
      if (const detail::PlainRun run = detail::plain_run(t, i, end); run.end != i) {
        keep_character(static_cast<uint32_t>(i));
        prev_han = detail::plain_run_ends_in_han(t, run.end);
        cps += static_cast<uint32_t>(run.code_points);
        i = run.end;
        continue;
      }
    }
    const size_t at = i;
    const char32_t c = detail::next_code_point(t, i);
    if (is_line_break(c)) {
      end = at;
      break;
    }
    if (is_space_like(c)) {
      close_run(static_cast<uint32_t>(at));
      if (!pending_space) space_begin = static_cast<uint32_t>(at);
      pending_space = true;
      space_end = static_cast<uint32_t>(i);
      continue;
    }
    if (is_invisible(c)) {
      close_run(static_cast<uint32_t>(at));
      continue;
    }
    if (prev_han && (c == '(' || c == '_' || c == 0xFF08)) {
      // (An annotation never spans a line break: it stops at the first character that is
      // not a letter of pinyin, and a break is not one.)
      const size_t len = detail::pinyin_annotation_length(t, at);
      if (len > 0) {
        close_run(static_cast<uint32_t>(at));
        Removal r;
        r.cp = cps;
        r.begin = static_cast<uint32_t>(at);
        r.end = static_cast<uint32_t>(at + len);
        removals_.push_back(r);
        i = at + len;
        // The run that was cut goes on after the annotation (most annotations sit inside a
        // word): the characters after it are read as a plain run again, not one by one.
        if (!pending_space) {
          run_begin = static_cast<uint32_t>(i);
          in_run = true;
        }
        continue;
      }
    }
    keep_character(static_cast<uint32_t>(at));
    ++cps;
    prev_han = detail::is_han(c);
  }
  close_run(static_cast<uint32_t>(end));
  line.ops_end = static_cast<uint32_t>(ops_.size());
  line.removals_end = static_cast<uint32_t>(removals_.size());
  line.cps = cps;
  if (line.cps == 0) {  // blank lines carry nothing
    ops_.resize(line.ops_begin);
    removals_.resize(line.removals_begin);
    return end;
  }
  cursor.source_range(static_cast<uint32_t>(begin), static_cast<uint32_t>(end), line.src_begin, line.src_end);
  const size_t index = lines_.size();
  ShortLineForms& forms = forms_[index % 2];
  if (short_line(line)) read_short_line(line, forms, index < kTitleScanLines);
  lines_.push_back(line);
  // The line before can be classified now that the one it may look at is read.
  // (A line screened out has no '>', all classify_line() looks for in the next line.)
  if (index > 0 && to_classify(lines_[index - 1])) {
    classify_line(index - 1, forms_[(index - 1) % 2], line.needs_classification ? &forms : nullptr);
  }
  return end;
}

// The code points of a short line's UTF-8 `text` into `out`'s buffer (reserved for a short
// line: it never grows), through one on the stack (std::u32string has no uninitialized
// resize to decode into).
void decode_line(std::string_view text, std::u32string& out) {
  out.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  char32_t chunk[kMaxClassifiedLine];
  while (p < end) {
    const char32_t* const chunk_end = detail::decode_into(p, end, chunk, chunk + kMaxClassifiedLine);
    out.append(chunk, static_cast<size_t>(chunk_end - chunk));
  }
}

// The length of the longest of `words`.
template <size_t N>
constexpr size_t longest_of(const std::u32string_view (&words)[N]) {
  size_t longest = 0;
  for (std::u32string_view w : words) longest = w.size() > longest ? w.size() : longest;
  return longest;
}

// Whether a line's UTF-8 `text` holds 。: a byte search (memchr) beats a loop over its code
// points. Looked for only where a pass asks (a title's shape, a footer's end), as its
// Chinese punctuation makes the search restart at every 、 or 《 of the line.
bool has_full_stop(std::string_view text) { return text.find("。") != std::string_view::npos; }

// Whether a short line could be the title by its shape, and whether it names a kind of
// document, from its code points and its UTF-8 `text` (whether it is chrome is not known
// yet, and most lines never get their folded and compact forms): the fold of its last code
// point, and the end of its compact form.
void read_title_shape(Line& line, std::u32string_view code_points, std::string_view text) {
  const char32_t last = fold_char(code_points.back());
  line.title_shape = line.cps >= 6 && line.cps <= 80 && last != ':' && last != ',' && last != U'，' &&
                     !has_full_stop(text);
  if (!line.title_shape) return;
  static constexpr std::u32string_view kDocumentKinds[] = {
      U"要点", U"方案", U"计划", U"规划", U"意见", U"通知", U"办法", U"措施", U"纲要",
      U"安排", U"报告", U"细则", U"规定", U"决定", U"总结", U"通报", U"公告", U"函"};
  constexpr size_t kLongestKind = longest_of(kDocumentKinds);
  char32_t tail[kLongestKind];  // the compact form's last code points, filled from its end
  size_t found = 0;
  for (size_t k = code_points.size(); k-- > 0 && found < kLongestKind;) {
    char32_t compact;
    if (detail::compact_one(fold_char(code_points[k]), &compact) != &compact) tail[kLongestKind - ++found] = compact;
  }
  const std::u32string_view compact_end(tail + kLongestKind - found, found);
  for (std::u32string_view kind : kDocumentKinds) {
    if (compact_end.size() >= kind.size() && compact_end.substr(compact_end.size() - kind.size()) == kind) {
      line.names_kind = true;
      break;
    }
  }
}

// Classification reads a short line through its forms; what later passes need of them
// is kept in the line as flags. Most lines are passed as body by the screen on their code
// points (chrome_screen.hpp) and need no other form.
void Cleaner::read_short_line(Line& line, ShortLineForms& forms, bool may_be_title) {
  const std::string_view text = line_view(line, text_buffer_);
  decode_line(text, forms.original);
  if (may_be_title) read_title_shape(line, forms.original, text);
  if (!detail::may_be_chrome(forms.original)) return;
  line.needs_classification = true;
  forms.folded.assign(forms.original);
  fold_in_place(forms.folded);
  detail::compact_folded(forms.folded, forms.compact);
  forms.hits = detail::scan_markers(forms.compact);
  for (size_t k = 0; k < detail::kMarkerKinds; ++k) {
    if (forms.hits.first[k] != nullptr) line.markers |= static_cast<uint16_t>(1u << k);
  }
}

void Cleaner::split_lines(std::string_view t, const std::vector<SourcePiece>& pieces) {
  detail::PieceCursor cursor(t, pieces);
  for (size_t line_start = 0;;) {
    // An empty line (half of a page's lines: the breaks between paragraphs) carries nothing
    // and is stepped over unscanned.
    const bool empty = line_start < t.size() && (t[line_start] == '\n' || t[line_start] == '\r');
    const size_t line_end = empty ? line_start : scan_line(t, line_start, cursor);
    if (line_end == t.size()) break;
    line_start = line_end + line_break_length(t, line_end);
  }
  if (lines_.empty()) return;
  const size_t last = lines_.size() - 1;  // classified here: no line after it to wait for
  if (to_classify(lines_[last])) classify_line(last, forms_[last % 2], nullptr);
}

// Splits "key:value key:value" metadata lines into fields. Keys may contain spaces
// ("索 引 號"); a key only starts a field at the line start or after a space.
void Cleaner::parse_metadata(const Line& line, const ShortLineForms& forms) {
  const std::u32string& s = forms.original;
  const std::u32string& folded = forms.folded;  // fold_char() of each code point of s
  // The keys in file order (the first that matches wins): a key is tried at every space of
  // the line.
  const std::vector<const detail::Marker*>& keys = detail::markers_of(MarkerKind::kMetadataKey);
  auto key_at = [&](size_t pos, size_t& after, const detail::Marker*& key) {
    for (const detail::Marker* marker : keys) {
      const detail::Marker& m = *marker;
      size_t k = pos, matched = 0;
      while (k < s.size() && matched < m.pattern.size()) {
        const char32_t c = folded[k];
        if (c == ' ') {
          ++k;
          continue;
        }
        if (c != m.pattern[matched]) break;
        ++k;
        ++matched;
      }
      if (matched < m.pattern.size()) continue;
      while (k < s.size() && s[k] == ' ') ++k;
      if (k < s.size() && folded[k] == ':') {
        after = k + 1;
        key = &m;
        return true;
      }
    }
    return false;
  };
  const detail::Marker* current = nullptr;
  size_t value_start = 0;
  auto finish = [&](size_t value_end) {
    if (current == nullptr) return;
    std::u32string value = s.substr(value_start, value_end - value_start);
    // Trailing footer words ("我要投稿") are chrome glued to the last value.
    while (true) {
      while (!value.empty() && value.back() == ' ') value.pop_back();
      const size_t sp = value.rfind(U' ');
      const size_t last_begin = sp == std::u32string::npos ? 0 : sp + 1;
      const std::u32string last = detail::compact_fold(std::u32string_view(value).substr(last_begin));
      if (detail::find_marker(MarkerKind::kFooter, last) == nullptr) break;
      value.resize(sp == std::u32string::npos ? 0 : sp);
    }
    while (!value.empty() && value.front() == ' ') value.erase(value.begin());
    add_metadata(to_utf8(current->pattern), to_utf8(value), line);
  };
  size_t pos = 0;
  while (pos < s.size()) {
    size_t after = 0;
    const detail::Marker* key = nullptr;
    if ((pos == 0 || s[pos - 1] == ' ') && key_at(pos, after, key)) {
      finish(pos);
      current = key;
      value_start = after;
      pos = after;
      continue;
    }
    ++pos;
  }
  finish(s.size());
}

void Cleaner::add_metadata(std::string key, std::string value, const Line& line) {
  out_.metadata.push_back({std::move(key), std::move(value),
                           {decoded_.map.to_input(line.src_begin), decoded_.map.to_input(line.src_end)}});
}

bool is_debris(const ShortLineForms& line) {
  // A line of punctuation only, or a bare list label left from <li> markup ("1.").
  bool has_word = false;
  for (char32_t c : line.original) {
    if (detail::is_han(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      has_word = true;
      break;
    }
  }
  if (!has_word) return true;
  const std::u32string& s = line.compact;
  size_t d = 0;
  while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
  return d > 0 && d <= 3 && d + 1 == s.size() && (s[d] == '.' || s[d] == U'、');
}

// `forms` are line i's; `next` line i + 1's when that is a short line.
void Cleaner::classify_line(size_t i, const ShortLineForms& forms, const ShortLineForms* next) {
  Line& line = lines_[i];
  const std::u32string& c = forms.compact;
  const detail::MarkerHits& hits = forms.hits;
  if (hits.spam >= 3) return set_fate(line, Fate::kRemoved, DiagnosticKind::kSpam, "seo_spam");
  if (hits.find(MarkerKind::kBreadcrumb)) {
    set_fate(line, Fate::kRemoved, DiagnosticKind::kChrome, "breadcrumb");
    // "您當前的位置:" alone: the path is on the next line.
    if (next != nullptr && c.back() == ':' && next->compact.find(U'>') != std::u32string::npos) {
      set_fate(lines_[i + 1], Fate::kRemoved, DiagnosticKind::kChrome, "breadcrumb");
    }
    return;
  }
  if ((c.rfind(U"首页", 0) == 0 || c.rfind(U"网站首页", 0) == 0) && c.find(U'>') != std::u32string::npos) {
    return set_fate(line, Fate::kRemoved, DiagnosticKind::kChrome, "breadcrumb");
  }
  if (hits.find(MarkerKind::kShare)) return set_fate(line, Fate::kRemoved, DiagnosticKind::kChrome, "share");
  if (hits.find(MarkerKind::kFooter)) return set_fate(line, Fate::kRemoved, DiagnosticKind::kChrome, "footer");
  if (hits.find(MarkerKind::kCounter)) {
    // A byline: "教育装备采购网 2021-03-09 09:00 围观2084次" -> site and date.
    // Without a date it is a bare counter ("瀏覽次數:", its number filled in by a script).
    set_fate(line, Fate::kMetadata, DiagnosticKind::kChrome, "view_counter");
    const std::u32string& folded = forms.folded;
    for (size_t k = 0; k < folded.size(); ++k) {
      const size_t len = detail::date_length_at(folded, k);
      if (len == 0) continue;
      line.what = "byline";
      std::u32string site = forms.original.substr(0, k);
      while (!site.empty() && site.back() == ' ') site.pop_back();
      if (!site.empty()) add_metadata("站点", to_utf8(site), line);
      add_metadata("日期", to_utf8(forms.original.substr(k, len)), line);
      break;
    }
    return;
  }
  // Metadata "key:value" lines.
  if (const detail::Marker* key = hits.find(MarkerKind::kMetadataKey);
      key != nullptr && c.size() > key->pattern.size() && c[key->pattern.size()] == ':') {
    set_fate(line, Fate::kMetadata, DiagnosticKind::kMetadata, "metadata");
    parse_metadata(line, forms);
    return;
  }
  if (detail::is_date_line(forms.folded)) {
    set_fate(line, Fate::kMetadata, DiagnosticKind::kMetadata, "date");
    add_metadata("日期", to_utf8(forms.original), line);
    return;
  }
  if (is_debris(forms)) return set_fate(line, Fate::kRemoved, DiagnosticKind::kChrome, "debris");
}

// "相关阅读" and copyright blocks end the body: everything from the first of them on goes.
void Cleaner::classify_tail() {
  size_t body_seen = 0;
  for (size_t i = 0; i < lines_.size(); ++i) {
    Line& line = lines_[i];
    if (line.fate == Fate::kBody) ++body_seen;
    if (!short_line(line) || line.cps > 40 || body_seen < 2) continue;
    const bool related = line.has(MarkerKind::kRelated);
    const bool copyright = line.has(MarkerKind::kCopyright);
    if (!related && !copyright) continue;
    DiagnosticKind kind = related ? DiagnosticKind::kRelated : DiagnosticKind::kCopyright;
    for (size_t k = i; k < lines_.size(); ++k) {
      Line& l = lines_[k];
      if (short_line(l)) {
        if (l.has(MarkerKind::kCopyright)) kind = DiagnosticKind::kCopyright;
        else if (l.has(MarkerKind::kRelated)) kind = DiagnosticKind::kRelated;
      }
      if (l.fate == Fate::kRemoved && l.kind == DiagnosticKind::kSpam) continue;
      if (l.fate == Fate::kMetadata) continue;
      set_fate(l, Fate::kRemoved, kind, kind == DiagnosticKind::kRelated ? "related_list" : "copyright_block");
    }
    return;
  }
}

bool is_title_like(const Line& l) { return l.fate == Fate::kBody && l.title_shape; }

// The byline (a line with a view counter) sits under the title; what is above the title
// is the site's header. Without a byline, the metadata block's 信息名称 or the line after a
// breadcrumb is the title.
void Cleaner::find_title() {
  const size_t scan = std::min<size_t>(lines_.size(), kTitleScanLines);
  size_t title = SIZE_MAX;
  for (size_t i = 0; i < scan && title == SIZE_MAX; ++i) {
    if (lines_[i].what != "byline") continue;
    for (size_t k = i; k-- > 0;) {
      if (lines_[k].fate != Fate::kBody) continue;
      if (is_title_like(lines_[k])) title = k;
      break;
    }
  }
  if (title == SIZE_MAX) {
    // 信息名称 = the title; the title line repeats it right after the metadata block.
    std::u32string name;
    for (const MetadataField& f : out_.metadata) {
      if (f.key == "信息名称") name = detail::compact_fold(to_code_points(f.value));
    }
    // The lines' compact forms are made again here rather than kept for every page: few
    // pages have the field.
    for (size_t i = 0; i < scan && !name.empty(); ++i) {
      if (lines_[i].fate == Fate::kBody && short_line(lines_[i]) &&
          detail::compact_fold(to_code_points(line_text(lines_[i]))) == name) {
        title = i;
        break;
      }
    }
  }
  if (title == SIZE_MAX) {
    for (size_t i = 0; i < scan; ++i) {
      if (lines_[i].what != "breadcrumb") continue;
      size_t k = i + 1;
      while (k < lines_.size() && lines_[k].fate != Fate::kBody) ++k;
      if (k < lines_.size() && k < scan && is_title_like(lines_[k])) title = k;
      break;
    }
  }
  if (title == SIZE_MAX) {
    // A plain text file has no page around it: its first line is the title when it names a
    // kind of document ("…2025年教育工作要点", "…实施方案", "…的通知").
    for (size_t i = 0; i < scan; ++i) {
      if (lines_[i].fate != Fate::kBody) continue;
      if (is_title_like(lines_[i]) && lines_[i].names_kind) title = i;
      break;
    }
  }
  if (title == SIZE_MAX) return;
  for (size_t k = 0; k < title; ++k) {
    if (lines_[k].fate == Fate::kBody) set_fate(lines_[k], Fate::kRemoved, DiagnosticKind::kChrome, "site_header");
  }
  set_fate(lines_[title], Fate::kTitle, DiagnosticKind::kMetadata, "title");
  out_.title = line_text(lines_[title]);
  add_metadata("标题", out_.title, lines_[title]);
}

// Short lines after the article's closing 来源/责任编辑 line are footer chrome
// ("校体购终极页"); long ones are kept in case the page continues.
void Cleaner::remove_article_footer() {
  std::string buffer;
  size_t body_seen = 0;
  for (size_t i = 0; i < lines_.size(); ++i) {
    const Line& l = lines_[i];
    body_seen += l.fate == Fate::kBody;
    if (body_seen < 1 || l.fate != Fate::kMetadata || !short_line(l) || !l.has(MarkerKind::kArticleEnd)) {
      continue;
    }
    for (size_t k = i + 1; k < lines_.size(); ++k) {
      Line& f = lines_[k];
      if (f.fate != Fate::kBody) continue;
      if (f.cps > 20 || has_full_stop(line_view(f, buffer))) break;
      set_fate(f, Fate::kRemoved, DiagnosticKind::kChrome, "footer");
    }
    break;
  }
}

// A hash of a line's text for remove_duplicates(), eight bytes a step: std::hash's
// murmur costs about twice as much a byte, and nothing here needs its quality (equal
// hashes are confirmed by comparing the texts).
uint64_t text_hash_portable(std::string_view text) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  uint64_t h = text.size() * kMultiplier;
  uint64_t odd = ~h;  // a second lane for the odd words: two multiplies in flight, one loop step
  size_t i = 0;
  for (; text.size() - i >= 16; i += 16) {
    uint64_t words[2];
    std::memcpy(words, text.data() + i, sizeof words);
    h = (h ^ words[0]) * kMultiplier;
    h ^= h >> 29;
    odd = (odd ^ words[1]) * kMultiplier;
    odd ^= odd >> 29;
  }
  h ^= odd * kMultiplier;
  for (; text.size() - i >= 8; i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, text.data() + i, text.size() - i);
  h = (h ^ tail) * kMultiplier;
  return h ^ (h >> 32);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The same with the CRC32C instruction (SSE4.2), two lanes of 32 bits seeded differently by
// the size, about half the instructions a byte. The last word overlaps the one before it (the
// size in the seeds tells the texts apart) instead of being copied out byte by byte.
__attribute__((target("sse4.2"))) uint64_t text_hash_crc(std::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  auto word = [p](size_t i) {
    uint64_t w;
    std::memcpy(&w, p + i, sizeof w);
    return w;
  };
  unsigned long long even = n, odd = ~n;
  size_t i = 0;
  for (; n - i >= 16; i += 16) {
    even = __builtin_ia32_crc32di(even, word(i));
    odd = __builtin_ia32_crc32di(odd, word(i + 8));
  }
  if (n - i >= 8) {
    even = __builtin_ia32_crc32di(even, word(i));
    i += 8;
  }
  if (i < n) {
    uint64_t tail = 0;
    if (n >= 8) {
      tail = word(n - 8);
    } else {
      for (size_t k = 0; k < n; ++k) tail |= uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    }
    odd = __builtin_ia32_crc32di(odd, tail);
  }
  return (static_cast<uint64_t>(even) << 32) ^ odd;
}

uint64_t text_hash(std::string_view text) {
  return detail::cpu_features().sse42 ? text_hash_crc(text) : text_hash_portable(text);
}
#else
uint64_t text_hash(std::string_view text) { return text_hash_portable(text); }
#endif

// First occurrences of line texts by hash: open addressing in one flat array (a node per
// line, as std::unordered_multimap allocates, cost more than the lookups).
class DuplicateTable {
 public:
  explicit DuplicateTable(size_t lines) {
    size_t size = 16;
    while (size < 2 * lines) size *= 2;
    slots_.assign(size, Slot{0, SIZE_MAX});
  }
  // The earlier line with the same text (`same_text(earlier)` says whether it has), or
  // SIZE_MAX after recording `line` as the first occurrence of its text.
  template <typename SameText>
  size_t find_or_insert(uint64_t hash, size_t line, SameText same_text) {
    const size_t mask = slots_.size() - 1;
    for (size_t k = static_cast<size_t>(hash) & mask;; k = (k + 1) & mask) {
      Slot& slot = slots_[k];
      if (slot.line == SIZE_MAX) {
        slot = {hash, line};
        return SIZE_MAX;
      }
      if (slot.hash == hash && same_text(slot.line)) return slot.line;
    }
  }

 private:
  struct Slot {
    uint64_t hash;
    size_t line;  // SIZE_MAX: empty
  };
  std::vector<Slot> slots_;
};

// Pasted blocks: a paragraph of kMinDuplicateLength or more that repeats an earlier one
// is dropped; a shorter one only inside such a block (its neighbour is a dropped repeat
// of its first occurrence's neighbour), so that a legitimately repeated short heading
// survives. The block's first line is often the tail of an earlier paragraph (the paste
// started mid-paragraph); that fragment goes too.
void Cleaner::remove_duplicates() {
  if (options_.keep_duplicates) return;
  std::vector<size_t> body;
  body.reserve(lines_.size());
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (lines_[i].fate == Fate::kBody) body.push_back(i);
  }
  // Lines are found by the hash of their text and confirmed by comparing the texts, which
  // are materialised one or two at a time rather than held for the whole page. The table
  // holds first occurrences only, so a text is in it at most once.
  DuplicateTable first_occurrences(body.size());
  std::vector<size_t> first_of(body.size(), SIZE_MAX);
  std::string text_buffer, other_buffer;
  for (size_t b = 0; b < body.size(); ++b) {
    const std::string_view text = line_view(lines_[body[b]], text_buffer);
    first_of[b] = first_occurrences.find_or_insert(text_hash(text), b, [&](size_t earlier) {
      return line_view(lines_[body[earlier]], other_buffer) == text;
    });
  }
  // Bytes, not std::vector<bool>: the rounds below read them often, and a bit costs a shift
  // and a mask each time.
  std::vector<uint8_t> drop(body.size(), 0);
  std::vector<size_t> repeats;  // the lines whose text came before: the only ones to drop
  for (size_t b = 0; b < body.size(); ++b) {
    if (first_of[b] == SIZE_MAX) continue;
    repeats.push_back(b);
    drop[b] = lines_[body[b]].cps >= kMinDuplicateLength;
  }
  auto in_block = [&](size_t neighbour, size_t first_neighbour) {
    return neighbour < body.size() && drop[neighbour] && first_neighbour < body.size() &&
           first_of[neighbour] == first_neighbour;
  };
  bool changed = true;
  while (changed) {  // converges in a few rounds: each round only adds drops
    changed = false;
    for (const size_t b : repeats) {
      if (drop[b]) continue;
      const size_t f = first_of[b];
      if ((b > 0 && f > 0 && in_block(b - 1, f - 1)) || in_block(b + 1, f + 1)) {
        drop[b] = true;
        changed = true;
      }
    }
  }
  for (const size_t b : repeats) {
    if (drop[b]) {
      set_fate(lines_[body[b]], Fate::kRemoved, DiagnosticKind::kDuplicate, "duplicate_paragraph");
    }
  }
  // The block's leading fragment: the line before a dropped repeat whose first occurrence's
  // predecessor ends with this line.
  for (const size_t repeat : repeats) {
    const size_t b = repeat - 1;  // (a repeat is never the first line: its text came before)
    if (drop[b] || !drop[repeat] || first_of[repeat] == 0) continue;
    const Line& line = lines_[body[b]];
    if (line.cps < kMinDuplicateLength) continue;
    const std::string_view text = line_view(line, text_buffer);
    const std::string_view earlier = line_view(lines_[body[first_of[repeat] - 1]], other_buffer);
    if (earlier.size() > text.size() && earlier.compare(earlier.size() - text.size(), text.size(), text) == 0) {
      set_fate(lines_[body[b]], Fate::kRemoved, DiagnosticKind::kDuplicate, "duplicate_fragment");
    }
  }
}

bool ends_mid_sentence(const std::string& text) {
  const std::string_view t(text);
  return t.back() == ',' || (t.size() >= 3 && (t.substr(t.size() - 3) == "\xEF\xBC\x8C" ||  // ，
                                               t.substr(t.size() - 3) == "\xE3\x80\x81"));  // 、
}

// A removal's diagnostic shows at most kShownCodePoints code points of what went, then "…".
constexpr uint32_t kShownCodePoints = 80;

// Appends to a diagnostic's text, which shows `shown` code points so far, as much of `piece`
// (`piece_cps` code points) as it still shows, and "…" if that is not all of it. Returns
// whether all of it went in (false: the text is full, and ends with "…").
bool append_shown(std::string& text, uint32_t& shown, std::string_view piece, uint32_t piece_cps) {
  if (piece_cps <= kShownCodePoints - shown) {
    text.append(piece);
    shown += piece_cps;
    return true;
  }
  text.append(piece.substr(0, detail::skip_code_points(piece, 0, kShownCodePoints - shown)));
  text.append("…");
  shown = kShownCodePoints;
  return false;
}

// append_shown() of a line's clean text (ops over the intermediate text `t`), read from the
// ops in place: a long removed line (a pasted duplicate paragraph) is neither materialised
// nor counted past what is shown.
bool append_line_shown(std::string& text, uint32_t& shown, const Line& line, const std::vector<Op>& ops,
                       std::string_view t) {
  const bool whole = line.cps <= kShownCodePoints - shown;
  // The bytes it takes, reserved at once (a merged removal grows line by line).
  size_t bytes = 0;
  for (uint32_t k = line.ops_begin; k < line.ops_end; ++k) bytes += ops[k].space ? 1 : ops[k].end - ops[k].begin;
  text.reserve(text.size() + (whole ? bytes : std::min<size_t>(bytes, 4 * size_t{kShownCodePoints - shown}) + 3));
  for (uint32_t k = line.ops_begin; k < line.ops_end; ++k) {
    const Op& op = ops[k];
    const std::string_view piece = op.space ? std::string_view(" ") : t.substr(op.begin, op.end - op.begin);
    if (whole) {
      text.append(piece);
      continue;
    }
    // Code points of the piece as far as they can be shown: 4 bytes a code point at most, so
    // a longer piece holds more than fit, and its count need not be finished.
    const uint32_t room = kShownCodePoints - shown;
    const size_t counted = std::min<size_t>(piece.size(), 4 * size_t{room} + 4);
    const auto piece_cps = static_cast<uint32_t>(detail::count_code_points(piece.substr(0, counted)));
    if (!append_shown(text, shown, piece, counted < piece.size() ? room + 1 : piece_cps)) return false;
  }
  if (whole) shown += line.cps;
  return true;
}

// std::stable_sort by bytes.begin. A page with thousands of pinyin annotations has
// thousands of diagnostics, the line removals and annotations in order and the markup,
// decoding and damage findings appended: only the appended tail is sorted and then merged
// with the ordered head, as (position, index) pairs, and the permutation is applied in
// place, cycle by cycle, moving each element once and never holding a second copy of the
// table.
template <typename T>
void stable_sort_by_input_position(std::vector<T>& items) {
  auto by_position = [](const T& a, const T& b) { return a.bytes.begin < b.bytes.begin; };
  const auto head_end = std::is_sorted_until(items.begin(), items.end(), by_position);
  if (head_end == items.end()) return;
  std::vector<std::pair<uint64_t, size_t>> order;  // the index breaks ties: stable
  order.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) order.emplace_back(items[i].bytes.begin, i);
  const auto tail = order.begin() + (head_end - items.begin());
  std::sort(tail, order.end());
  std::inplace_merge(order.begin(), tail, order.end());
  std::vector<bool> placed(items.size(), false);
  for (size_t start = 0; start < items.size(); ++start) {
    if (placed[start]) continue;
    // Position k receives the item at order[k].second.
    T held = std::move(items[start]);
    size_t k = start;
    while (true) {
      placed[k] = true;
      const size_t from = order[k].second;
      if (from == start) {
        items[k] = std::move(held);
        break;
      }
      items[k] = std::move(items[from]);
      k = from;
    }
  }
}

void Cleaner::emit_text(const std::vector<SourcePiece>& pieces) {
  detail::SourceBuilder builder;
  detail::PieceCursor cursor(t_, pieces);
  bool first_kept = true;
  uint32_t prev_end = 0;
  size_t kept_bytes = 0;  // each kept line, a line break before it (or a joining space at most)
  size_t kept_ops = 0;
  for (const Line& line : lines_) {
    if (line.fate != Fate::kBody) continue;
    kept_bytes += 1;
    kept_ops += line.ops_end - line.ops_begin + 1;
    for (uint32_t k = line.ops_begin; k < line.ops_end; ++k) kept_bytes += ops_[k].space ? 1 : ops_[k].end - ops_[k].begin;
  }
  // A piece for each op and line break, more only where an op spans pieces of the
  // intermediate text or 4 KiB.
  builder.reserve(kept_bytes, kept_ops + kept_bytes / 4096);
  for (Line& line : lines_) {
    line.clean_cp = builder.code_points();
    if (line.fate != Fate::kBody) continue;
    // A line that stops at a comma was cut by the page's markup, not by the author: the
    // next line continues the paragraph ("…提升空間," / "優質教育資源…").
    const bool continues = !first_kept && !builder.text().empty() && ends_mid_sentence(builder.text());
    if (!first_kept && !continues) builder.append_replacement("\n", prev_end, line.src_begin, 1);
    first_kept = false;
    const uint32_t line_cp = builder.code_points();
    line.clean_cp = line_cp;
    // scan_line counted the line, and where it dropped pinyin the code points kept before
    // each annotation: the op before the line's end or an annotation holds what the ops
    // before it did not (most lines are one op; pinyin cuts a line into runs between its
    // annotations). The others, runs before a space, are counted as they are copied.
    uint32_t removal = line.removals_begin;
    for (uint32_t k = line.ops_begin; k < line.ops_end; ++k) {
      const Op& op = ops_[k];
      if (op.space) {
        uint32_t b, e;
        cursor.source_range(op.begin, op.end, b, e);
        builder.append_replacement(" ", b, e, 1);
        continue;
      }
      while (removal < line.removals_end && removals_[removal].begin < op.begin) ++removal;
      const uint32_t copied = builder.code_points() - line_cp;
      uint32_t count = detail::kUncounted;
      if (k + 1 == line.ops_end) {
        count = line.cps - copied;
      } else if (removal < line.removals_end && removals_[removal].begin < ops_[k + 1].begin) {
        count = removals_[removal].cp - copied;
      }
      cursor.copy(op.begin, op.end, builder, count);
    }
    prev_end = line.src_end;
  }
  out_.text = std::move(builder.text());
  out_.code_points = builder.code_points();
  // The builder counted the code points: decoded without counting them again, and sized
  // exactly.
  out_.chars = detail::to_code_points_counted(out_.text, out_.code_points);
  out_.pieces = std::move(builder.pieces());
}

void Cleaner::record_removals(const std::vector<SourcePiece>& pieces) {
  const InputMap& map = decoded_.map;
  detail::PieceCursor cursor(t_, pieces);  // the annotations, in text order
  // At most one diagnostic per removed line and per annotation, with the markup, decoding
  // and damage findings run() appends: reserved once, a table of 100,000 annotations is not
  // left with up to as much again of unused capacity, nor moved to grow.
  size_t removed_lines = 0;
  for (const Line& line : lines_) removed_lines += line.fate != Fate::kBody;
  out_.diagnostics.reserve(removed_lines + removals_.size() + markup_diagnostics_.size() +
                           decoded_.diagnostics.size() + out_.damaged.size());
  // Consecutive removed lines of the same kind and label make one diagnostic.
  size_t open_removal = SIZE_MAX;
  uint32_t open_shown = 0;  // code points its text shows
  bool open_full = false;   // and whether they are all it can show
  for (const Line& line : lines_) {
    const bool kept = line.fate == Fate::kBody;
    if (kept) {
      open_removal = SIZE_MAX;
    } else {
      const ByteRange bytes{map.to_input(line.src_begin), map.to_input(line.src_end)};
      if (open_removal != SIZE_MAX && out_.diagnostics[open_removal].kind == line.kind &&
          out_.diagnostics[open_removal].what == line.what) {
        Diagnostic& d = out_.diagnostics[open_removal];
        d.bytes.end = bytes.end;
        // Once the text is full, the lines joined to it change nothing but its end.
        open_full = open_full || !append_shown(d.text, open_shown, " | ", 3) ||
                    !append_line_shown(d.text, open_shown, line, ops_, t_);
      } else {
        open_removal = out_.diagnostics.size();
        out_.diagnostics.push_back({line.kind, std::string(line.what), bytes, line.clean_cp, line.clean_cp, std::string()});
        open_shown = 0;
        open_full = !append_line_shown(out_.diagnostics.back().text, open_shown, line, ops_, t_);
      }
    }
    // Annotations are recorded for removed lines too: they were in the input. They follow
    // their line's removal in the table, which keeps it in input order.
    for (uint32_t k = line.removals_begin; k < line.removals_end; ++k) {
      const Removal& r = removals_[k];
      const uint32_t at = kept ? line.clean_cp + r.cp : line.clean_cp;
      uint32_t src_begin, src_end;
      cursor.source_range(r.begin, r.end, src_begin, src_end);
      out_.diagnostics.push_back({DiagnosticKind::kPinyin, "pinyin_annotation",
                                  {map.to_input(src_begin), map.to_input(src_end)}, at, at,
                                  std::string(t_.substr(r.begin, r.end - r.begin))});
    }
  }
}

CleanText Cleaner::run() {
  out_.encoding = decoded_.encoding;
  out_.input_map = decoded_.map;
  std::vector<SourcePiece> pieces{{0, 0, 0, 0, true}};
  detail::SourceBuilder markup;
  if (detail::looks_like_html(t_)) {
    detail::StrippedMarkup stripped = detail::strip_markup(t_, markup);
    markup_diagnostics_ = std::move(stripped.diagnostics);
    if (!stripped.html_title.empty()) {
      out_.metadata.push_back({"网页标题", stripped.html_title, {}});
    }
    t_ = markup.text();
    pieces = markup.pieces();
    if (pieces.empty()) pieces.push_back({0, 0, 0, 0, true});
  }
  // A short line fits these whatever it holds: they never grow line by line.
  for (ShortLineForms& forms : forms_) {
    forms.original.reserve(kMaxClassifiedLine);
    forms.folded.reserve(kMaxClassifiedLine);
    forms.compact.reserve(kMaxClassifiedLine);
  }
  text_buffer_.reserve(4 * kMaxClassifiedLine);
  split_lines(t_, pieces);  // reads and classifies each line
  classify_tail();
  find_title();
  remove_article_footer();
  remove_duplicates();
  emit_text(pieces);
  const std::u32string& cps = out_.chars;
  out_.damaged = detail::find_damaged_spans(cps);
  if (options_.diagnostics) record_removals(pieces);
  // What the line passes kept is no longer needed; a long page's tables go before the
  // diagnostics are sorted. (Swapped with empty ones: `v = {}` keeps the capacity.)
  std::vector<Line>().swap(lines_);
  std::vector<Op>().swap(ops_);
  std::vector<Removal>().swap(removals_);
  if (options_.diagnostics) {
    for (Diagnostic& d : markup_diagnostics_) {
      d.bytes = {decoded_.map.to_input(d.bytes.begin), decoded_.map.to_input(d.bytes.end)};
      d.start = d.end = 0;
      out_.diagnostics.push_back(std::move(d));
    }
    for (const Diagnostic& d : decoded_.diagnostics) out_.diagnostics.push_back(d);
    for (const DamagedSpan& s : out_.damaged) {
      std::u32string_view piece(cps.data() + s.start, s.end - s.start);
      out_.diagnostics.push_back({DiagnosticKind::kDamaged, "mojibake", out_.source_bytes(s.start, s.end),
                                  s.start, s.end, to_utf8(piece)});
    }
    stable_sort_by_input_position(out_.diagnostics);
  }
  stable_sort_by_input_position(out_.metadata);
  return std::move(out_);
}

}  // namespace

CleanText clean(const DecodedText& decoded, const CleanOptions& options) {
  return detail::clean_text(decoded.text, decoded, options);
}

namespace detail {

CleanText clean_text(std::string_view text, const DecodedText& decoded, const CleanOptions& options) {
  return Cleaner(text, decoded, options).run();
}

}  // namespace detail

}  // namespace zhpolicy
