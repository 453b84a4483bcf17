// The invariants every fuzz target checks, and two tiny validators for the table writers.
//
// Problem: a fuzzer that only waits for a crash misses the bugs this project fears most:
// an offset one past the text, a clause that leaks out of its parent, a CSV cell with an
// unescaped quote. Those never crash; they silently corrupt a spreadsheet. So every target
// re-derives what the public headers promise and aborts when a promise is broken.
//
// Approach: the checks read only the public types and use their own UTF-8 decoder and their
// own CSV/JSON parsers, so they cannot share a bug with the code under test. They stay cheap
// (linear, or O(n log n) with sampling on long texts) so that libFuzzer keeps its speed.
//
// Trade-offs: the byte-range checks for targets are containment checks, not equality: the
// clean stage maps one clean code point to a whole removed range (a whitespace run, an
// entity, a pinyin annotation inside the span), so "the input bytes contain the target's
// characters in order" is the strongest statement that holds for every input. Entities
// ("&#20013;" for 中) break even that, so the character check is skipped for spans whose
// bytes contain '&'.
#include "fuzz_checks.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

#include "zhpolicy/normalize.hpp"
#include "zhpolicy/report.hpp"
#include "zhpolicy/table.hpp"

namespace zhpolicy::fuzz {

const char* g_current_input = nullptr;

void fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "invariant violated: %s (%s:%d)\n", what.c_str(), file, line);
  if (g_current_input != nullptr) std::fprintf(stderr, "input: %s\n", g_current_input);
  std::fflush(stderr);
  std::abort();
}

namespace {

std::string num(uint64_t v) { return std::to_string(v); }

// Length of the valid sequence at s[i], 0 if invalid.
size_t sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const size_t left = s.size() - i;
  const unsigned char b0 = b(0);
  if (b0 < 0x80) return 1;
  auto cont = [&](size_t k) { return k < left && (b(k) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (b0 == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (b0 == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (b0 == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b(1) >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

bool decode_for_segmentation(std::string_view input, std::u32string& original, std::u32string& normalized) {
  Result<DecodedText> decoded = decode(input, "fuzz");
  if (!decoded.ok()) return false;
  original = to_code_points(decoded->text);
  normalized = normalize(decoded->text);
  ZHP_FUZZ_CHECK(normalized.size() == original.size(), "normalized.size() != original.size()");
  ZHP_FUZZ_CHECK(original == code_points(decoded->text), "to_code_points disagrees with the checker");
  return true;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const size_t n = sequence_length(s, i);
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t c = 0xFFFD;
    if (n == 1) c = b0;
    if (n == 2) c = b0 & 0x1F;
    if (n == 3) c = b0 & 0x0F;
    if (n == 4) c = b0 & 0x07;
    for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += n == 0 ? 1 : n;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// CSV: RFC 4180 with CRLF record ends, as table.hpp promises for Format::kCsv.

bool valid_csv(std::string_view t, size_t columns, std::string* why) {
  size_t i = 0, record = 0;
  while (i < t.size()) {
    size_t fields = 0;
    while (true) {
      ++fields;
      if (i < t.size() && t[i] == '"') {
        ++i;
        while (true) {
          if (i >= t.size()) { *why = "unterminated quoted field in record " + num(record); return false; }
          if (t[i] == '"') {
            if (i + 1 < t.size() && t[i + 1] == '"') { i += 2; continue; }
            ++i;
            break;
          }
          ++i;
        }
      } else {
        while (i < t.size() && t[i] != ',' && t[i] != '\r' && t[i] != '\n') {
          if (t[i] == '"') { *why = "quote inside an unquoted field in record " + num(record); return false; }
          ++i;
        }
      }
      if (i < t.size() && t[i] == ',') { ++i; continue; }
      break;
    }
    if (t.substr(i, 2) != "\r\n") { *why = "record " + num(record) + " does not end with CRLF"; return false; }
    i += 2;
    if (fields != columns) {
      *why = "record " + num(record) + " has " + num(fields) + " fields, expected " + num(columns);
      return false;
    }
    ++record;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// JSON: a recursive-descent recogniser (RFC 8259), depth-limited.

namespace {

class JsonChecker {
 public:
  explicit JsonChecker(std::string_view t) : t_(t) {}
  bool document(std::string* why) {
    ws();
    if (!value(0)) { *why = error_ + " at byte " + num(i_); return false; }
    ws();
    if (i_ != t_.size()) { *why = "trailing data at byte " + num(i_); return false; }
    return true;
  }

 private:
  bool err(const char* e) { error_ = e; return false; }
  void ws() { while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_; }
  bool lit(std::string_view w) {
    if (t_.substr(i_, w.size()) != w) return err("bad literal");
    i_ += w.size();
    return true;
  }
  bool value(int depth) {
    if (depth > 64) return err("too deep");
    if (i_ >= t_.size()) return err("unexpected end");
    const char c = t_[i_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return string();
    if (c == 't') return lit("true");
    if (c == 'f') return lit("false");
    if (c == 'n') return lit("null");
    return number();
  }
  bool object(int depth) {
    ++i_;
    ws();
    if (i_ < t_.size() && t_[i_] == '}') { ++i_; return true; }
    while (true) {
      ws();
      if (i_ >= t_.size() || t_[i_] != '"') return err("expected a key");
      if (!string()) return false;
      ws();
      if (i_ >= t_.size() || t_[i_] != ':') return err("expected ':'");
      ++i_;
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
      if (i_ < t_.size() && t_[i_] == '}') { ++i_; return true; }
      return err("expected ',' or '}'");
    }
  }
  bool array(int depth) {
    ++i_;
    ws();
    if (i_ < t_.size() && t_[i_] == ']') { ++i_; return true; }
    while (true) {
      ws();
      if (!value(depth + 1)) return false;
      ws();
      if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
      if (i_ < t_.size() && t_[i_] == ']') { ++i_; return true; }
      return err("expected ',' or ']'");
    }
  }
  bool string() {
    ++i_;
    while (i_ < t_.size()) {
      const auto c = static_cast<unsigned char>(t_[i_]);
      if (c == '"') { ++i_; return true; }
      if (c < 0x20) return err("control character in a string");
      if (c == '\\') {
        if (++i_ >= t_.size()) break;
        const char e = t_[i_];
        if (e == 'u') {
          for (int k = 1; k <= 4; ++k) {
            if (i_ + k >= t_.size() || !std::isxdigit(static_cast<unsigned char>(t_[i_ + k]))) return err("bad \\u escape");
          }
          i_ += 5;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) return err("bad escape");
      }
      ++i_;
    }
    return err("unterminated string");
  }
  bool number() {
    const size_t start = i_;
    auto digit = [&] { return i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9'; };
    if (i_ < t_.size() && t_[i_] == '-') ++i_;
    if (!digit()) return err("bad value");
    if (t_[i_] == '0') ++i_; else while (digit()) ++i_;
    if (i_ < t_.size() && t_[i_] == '.') { ++i_; if (!digit()) return err("bad fraction"); while (digit()) ++i_; }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      if (!digit()) return err("bad exponent");
      while (digit()) ++i_;
    }
    return i_ > start;
  }

  std::string_view t_;
  size_t i_ = 0;
  std::string error_;
};

}  // namespace

bool valid_json(std::string_view text, std::string* why) { return JsonChecker(text).document(why); }

// ---------------------------------------------------------------------------------------
// Stages.

namespace {

void check_range(const ByteRange& r, uint64_t size, const std::string& what) {
  ZHP_FUZZ_CHECK(r.begin <= r.end && r.end <= size,
                 what + " bytes [" + num(r.begin) + ", " + num(r.end) + ") outside input of " + num(size));
}

bool is_space_cp(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0; }

}  // namespace

void check_decoded(const DecodedText& d, std::string_view input) {
  ZHP_FUZZ_CHECK(valid_utf8(d.text), "decoded text is not valid UTF-8");
  ZHP_FUZZ_CHECK(!d.encoding.empty(), "decoded text has no encoding name");
  // The map: every code point boundary maps inside the input, monotonically.
  uint64_t prev = 0;
  const size_t step = d.text.size() > (1u << 16) ? d.text.size() / 4096 : 1;
  for (size_t i = 0, k = 0; i <= d.text.size(); ++k) {
    const uint64_t in = d.map.to_input(i);
    ZHP_FUZZ_CHECK(in <= input.size(), "InputMap maps decoded byte " + num(i) + " past the input");
    ZHP_FUZZ_CHECK(in >= prev, "InputMap is not monotonic at decoded byte " + num(i));
    prev = in;
    if (i == d.text.size()) break;
    // Advance one code point (or `step` of them on long texts).
    for (size_t s = 0; s < step && i < d.text.size(); ++s) {
      const size_t n = sequence_length(d.text, i);
      i += n == 0 ? 1 : n;
    }
  }
  for (const Diagnostic& g : d.diagnostics) check_range(g.bytes, input.size(), "decode diagnostic");
}

void check_clean(const CleanText& c, std::string_view input) {
  ZHP_FUZZ_CHECK(valid_utf8(c.text), "clean text is not valid UTF-8");
  const std::u32string cps = code_points(c.text);
  ZHP_FUZZ_CHECK(cps.size() == c.code_points,
                 "code_points " + num(c.code_points) + " != " + num(cps.size()) + " code points of the text");
  // One paragraph a line: no blank lines, no whitespace around a line, no trailing newline.
  if (!cps.empty()) {
    ZHP_FUZZ_CHECK(cps.front() != '\n' && cps.back() != '\n', "clean text starts or ends with a newline");
  }
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == '\n') {
      ZHP_FUZZ_CHECK(i + 1 < cps.size() && cps[i + 1] != '\n', "blank line in the clean text at " + num(i));
    }
    if (is_space_cp(cps[i])) {
      const bool line_start = i == 0 || cps[i - 1] == '\n';
      const bool line_end = i + 1 == cps.size() || cps[i + 1] == '\n';
      ZHP_FUZZ_CHECK(!line_start && !line_end, "whitespace at a line start or end at code point " + num(i));
    }
  }
  uint32_t prev_end = 0;
  for (const DamagedSpan& s : c.damaged) {
    ZHP_FUZZ_CHECK(s.start < s.end && s.end <= c.code_points, "damaged span out of range");
    ZHP_FUZZ_CHECK(s.start >= prev_end, "damaged spans overlap or are unsorted");
    prev_end = s.end;
  }
  uint64_t prev_begin = 0;
  for (const Diagnostic& g : c.diagnostics) {
    check_range(g.bytes, input.size(), "clean diagnostic '" + g.what + "'");
    ZHP_FUZZ_CHECK(g.bytes.begin >= prev_begin, "clean diagnostics not in input order");
    prev_begin = g.bytes.begin;
    ZHP_FUZZ_CHECK(g.start <= g.end && g.end <= c.code_points, "clean diagnostic code points out of range");
    ZHP_FUZZ_CHECK(valid_utf8(g.text) && valid_utf8(g.what), "clean diagnostic text is not UTF-8");
  }
  for (const MetadataField& m : c.metadata) {
    check_range(m.bytes, input.size(), "metadata '" + m.key + "'");
    ZHP_FUZZ_CHECK(valid_utf8(m.key) && valid_utf8(m.value), "metadata is not UTF-8");
  }
  ZHP_FUZZ_CHECK(valid_utf8(c.title), "title is not UTF-8");
  for (size_t i = 1; i < c.pieces.size(); ++i) {
    ZHP_FUZZ_CHECK(c.pieces[i - 1].cp <= c.pieces[i].cp && c.pieces[i - 1].byte <= c.pieces[i].byte,
                   "source pieces not sorted");
  }
  // The map back to the input: every code point's source lies inside the input, and the
  // sources advance with the text (clean only removes; it never reorders).
  const uint32_t step = c.code_points > 4096 ? c.code_points / 1024 : 1;
  uint64_t prev = 0;
  for (uint32_t i = 0; i < c.code_points; i += step) {
    const ByteRange r = c.source_bytes(i, i + 1);
    check_range(r, input.size(), "source of code point " + num(i));
    ZHP_FUZZ_CHECK(r.begin >= prev, "source_bytes not monotonic at code point " + num(i));
    prev = r.begin;
  }
  const ByteRange all = c.source_bytes(0, c.code_points);
  check_range(all, input.size(), "source of the whole text");
  const ByteRange none = c.source_bytes(c.code_points, c.code_points);
  check_range(none, input.size(), "source of the empty range at the end");
}

void check_segmentation(const Segmentation& seg, size_t n) {
  ZHP_FUZZ_CHECK(!seg.clauses.empty(), "no preamble clause");
  const Clause& pre = seg.clauses[0];
  ZHP_FUZZ_CHECK(pre.id == "0" && pre.level == 0 && pre.scheme == "preamble" && pre.start == 0 &&
                     pre.parent == Clause::npos,
                 "clauses[0] is not the preamble");
  std::set<std::string> ids;
  std::vector<uint32_t> starts;
  // Last child seen per parent index (npos -> level 1), to check that siblings are disjoint.
  std::vector<size_t> last_child(seg.clauses.size() + 1, Clause::npos);
  for (size_t i = 0; i < seg.clauses.size(); ++i) {
    const Clause& c = seg.clauses[i];
    const std::string at = "clause " + num(i) + " (" + std::string(c.id) + ")";
    ZHP_FUZZ_CHECK(c.start <= c.end && c.end <= n, at + " out of range");
    ZHP_FUZZ_CHECK(c.start <= c.title_start && c.title_start <= c.title_end && c.title_end <= c.end,
                   at + ": title range outside the clause");
    ZHP_FUZZ_CHECK(ids.emplace(c.id).second, at + ": duplicate id");
    ZHP_FUZZ_CHECK(valid_utf8(c.label) && valid_utf8(c.title) && valid_utf8(c.path) && valid_utf8(c.id),
                   at + ": text is not UTF-8");
    if (i == 0) continue;
    ZHP_FUZZ_CHECK(c.level >= 1, at + ": level < 1");
    ZHP_FUZZ_CHECK(c.start >= seg.clauses[i - 1].start, at + ": clauses not in document order");
    ZHP_FUZZ_CHECK(pre.end <= c.start, at + " starts inside the preamble");
    starts.push_back(c.start);
    size_t slot = seg.clauses.size();  // level 1
    if (c.parent == Clause::npos) {
      ZHP_FUZZ_CHECK(c.level == 1 && c.parent_id.empty(), at + ": no parent but not level 1");
    } else {
      ZHP_FUZZ_CHECK(c.parent < i, at + ": parent after the child");
      const Clause& p = seg.clauses[c.parent];
      ZHP_FUZZ_CHECK(c.parent != 0, at + ": the preamble is a parent");
      ZHP_FUZZ_CHECK(p.level < c.level, at + ": parent level not above the child's");
      ZHP_FUZZ_CHECK(c.parent_id == p.id, at + ": parent_id does not name the parent");
      ZHP_FUZZ_CHECK(p.start <= c.start && c.end <= p.end, at + " is not inside its parent " + std::string(p.id));
      slot = c.parent;
    }
    if (last_child[slot] != Clause::npos) {
      const Clause& sib = seg.clauses[last_child[slot]];
      ZHP_FUZZ_CHECK(sib.end <= c.start, at + " overlaps its previous sibling " + std::string(sib.id));
    }
    last_child[slot] = i;
  }
  uint32_t prev_end = 0;
  for (size_t i = 0; i < seg.sentences.size(); ++i) {
    const Sentence& s = seg.sentences[i];
    const std::string at = "sentence " + num(i) + " [" + num(s.start) + ", " + num(s.end) + ")";
    ZHP_FUZZ_CHECK(s.start < s.end && s.end <= n, at + " empty or out of range");
    ZHP_FUZZ_CHECK(s.start >= prev_end, at + " overlaps the previous sentence or is out of order");
    prev_end = s.end;
    ZHP_FUZZ_CHECK(s.clause < seg.clauses.size(), at + ": clause index out of range");
    const Clause& c = seg.clauses[s.clause];
    ZHP_FUZZ_CHECK(c.start <= s.start && s.end <= c.end, at + " is not inside its clause " + std::string(c.id));
    // No clause starts strictly inside a sentence.
    auto it = std::upper_bound(starts.begin(), starts.end(), s.start);
    ZHP_FUZZ_CHECK(it == starts.end() || *it >= s.end, at + " crosses the start of a clause");
  }
  for (const Diagnostic& g : seg.diagnostics) {
    ZHP_FUZZ_CHECK(g.start <= g.end && g.end <= n, "segment diagnostic out of range");
  }
}

void check_targets(const std::vector<Target>& targets, const Segmentation& seg,
                   std::u32string_view original, std::u32string_view normalized) {
  static const std::set<std::string> kComparators{"=", ">=", ">", "<=", "<", "~", "range"};
  static const std::set<std::string> kKinds{"target", "status"};
  static const std::set<std::string> kStrengths{"firm", "aspirational", "plain"};
  ZHP_FUZZ_CHECK(original.size() == normalized.size(), "original and normalized differ in length");
  uint32_t prev_start = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    const Target& t = targets[i];
    const std::string at = "target " + num(i) + " [" + num(t.start) + ", " + num(t.end) + ")";
    ZHP_FUZZ_CHECK(t.start < t.end && t.end <= original.size(), at + " empty or out of range");
    ZHP_FUZZ_CHECK(t.start >= prev_start, at + " not in text order");
    prev_start = t.start;
    ZHP_FUZZ_CHECK(t.clause < seg.clauses.size(), at + ": clause index out of range");
    ZHP_FUZZ_CHECK(t.sentence < seg.sentences.size(), at + ": sentence index out of range");
    const Sentence& s = seg.sentences[t.sentence];
    ZHP_FUZZ_CHECK(s.start <= t.start && t.end <= s.end, at + " is not inside its sentence");
    ZHP_FUZZ_CHECK(t.text == to_utf8(original.substr(t.start, t.end - t.start)),
                   at + ": text is not the original at its offsets");
    const std::string comparator(t.comparator), kind(t.kind), strength(t.strength);
    ZHP_FUZZ_CHECK(kComparators.count(comparator) == 1, at + ": unknown comparator " + comparator);
    ZHP_FUZZ_CHECK(kKinds.count(kind) == 1, at + ": unknown kind " + kind);
    ZHP_FUZZ_CHECK(kStrengths.count(strength) == 1, at + ": unknown strength " + strength);
    for (const std::string_view f : {std::string_view(t.indicator), std::string_view(t.indicator_norm),
                                     std::string_view(t.unit), t.unit_norm, std::string_view(t.period),
                                     std::string_view(t.text)}) {
      ZHP_FUZZ_CHECK(valid_utf8(f), at + ": a field is not UTF-8");
    }
  }
}

namespace {

// The table written in csv, json, jsonl and tsv, each parsed back.
void check_table(const Table& table) {
  const size_t cols = table.columns.size();
  for (const auto& row : table.rows) ZHP_FUZZ_CHECK(row.size() == cols, table.name + ": ragged row");
  for (Format f : {Format::kCsv, Format::kJson, Format::kJsonl, Format::kTsv}) {
    std::ostringstream out;
    const Status s = write_table(table, f, out);
    ZHP_FUZZ_CHECK(s.ok(), table.name + ": write_table failed: " + s.message());
    const std::string text = out.str();
    const std::string at = table.name + " as " + format_name(f);
    ZHP_FUZZ_CHECK(valid_utf8(text), at + " is not UTF-8");
    std::string why;
    if (f == Format::kCsv) {
      ZHP_FUZZ_CHECK(valid_csv(text, cols, &why), at + ": " + why);
    } else if (f == Format::kJson) {
      ZHP_FUZZ_CHECK(valid_json(text, &why), at + ": " + why);
    } else if (f == Format::kJsonl) {
      size_t lines = 0;
      for (size_t b = 0; b < text.size();) {
        size_t e = text.find('\n', b);
        ZHP_FUZZ_CHECK(e != std::string::npos, at + ": last line without newline");
        ZHP_FUZZ_CHECK(valid_json(std::string_view(text).substr(b, e - b), &why), at + ": line " + num(lines) + ": " + why);
        ++lines;
        b = e + 1;
      }
      ZHP_FUZZ_CHECK(lines == table.rows.size(), at + ": " + num(lines) + " lines for " + num(table.rows.size()) + " rows");
    } else {
      size_t lines = 0;
      for (size_t b = 0; b < text.size();) {
        size_t e = text.find('\n', b);
        ZHP_FUZZ_CHECK(e != std::string::npos, at + ": last line without newline");
        const auto line = std::string_view(text).substr(b, e - b);
        ZHP_FUZZ_CHECK(static_cast<size_t>(std::count(line.begin(), line.end(), '\t')) + 1 == cols,
                       at + ": line " + num(lines) + " has the wrong number of fields");
        ++lines;
        b = e + 1;
      }
      ZHP_FUZZ_CHECK(lines == table.rows.size() + 1, at + ": wrong number of lines");
    }
  }
}

// Every character of `want` (spaces aside) occurs in `have`, in order.
bool subsequence(std::u32string_view want, std::u32string_view have) {
  size_t j = 0;
  for (char32_t c : want) {
    if (is_space_cp(c) || c == '\n') continue;
    while (j < have.size() && have[j] != c) ++j;
    if (j == have.size()) return false;
    ++j;
  }
  return true;
}

}  // namespace

void check_document(const Document& doc, std::string_view input) {
  ZHP_FUZZ_CHECK(doc.input_bytes == input.size(), "input_bytes is not the input size");
  ZHP_FUZZ_CHECK(doc.original == code_points(doc.clean.text), "original is not the clean text's code points");
  ZHP_FUZZ_CHECK(doc.normalized.size() == doc.original.size(), "normalized.size() != original.size()");
  check_clean(doc.clean, input);
  check_segmentation(doc.segmentation, doc.original.size());
  check_targets(doc.targets, doc.segmentation, doc.original, doc.normalized);

  ZHP_FUZZ_CHECK(doc.clause_bytes.size() == doc.segmentation.clauses.size(), "clause_bytes not parallel to clauses");
  for (size_t i = 0; i < doc.clause_bytes.size(); ++i) {
    check_range(doc.clause_bytes[i], input.size(), "clause " + num(i));
    if (i >= 2) {  // clauses after the preamble are in document order
      ZHP_FUZZ_CHECK(doc.clause_bytes[i].begin >= doc.clause_bytes[i - 1].begin, "clause bytes not monotonic at " + num(i));
    }
  }
  ZHP_FUZZ_CHECK(doc.target_bytes.size() == doc.targets.size(), "target_bytes not parallel to targets");
  const bool utf8_input = doc.clean.encoding == "UTF-8";
  for (size_t i = 0; i < doc.target_bytes.size(); ++i) {
    const ByteRange& r = doc.target_bytes[i];
    check_range(r, input.size(), "target " + num(i));
    ZHP_FUZZ_CHECK(r.begin < r.end, "target " + num(i) + " has an empty byte range");
    if (i > 0) ZHP_FUZZ_CHECK(r.begin >= doc.target_bytes[i - 1].begin, "target bytes not monotonic at " + num(i));
    if (!utf8_input) continue;
    const std::string_view slice = input.substr(r.begin, r.end - r.begin);
    if (slice.find('&') != std::string_view::npos) continue;  // entities: see the top of the file
    const Target& t = doc.targets[i];
    ZHP_FUZZ_CHECK(subsequence(doc.original.substr(t.start, t.end - t.start), code_points(slice)),
                   "target " + num(i) + " '" + t.text + "': input bytes [" + num(r.begin) + ", " + num(r.end) +
                       ") do not hold its characters");
  }
  uint64_t prev = 0;
  for (const Diagnostic& g : doc.diagnostics) {
    check_range(g.bytes, input.size(), "diagnostic '" + g.what + "'");
    ZHP_FUZZ_CHECK(g.bytes.begin >= prev, "diagnostics not in input order");
    prev = g.bytes.begin;
  }

  const std::vector<const Document*> one{&doc};
  // The targets table repeats the whole sentence in every row, so a long sentence full of
  // numbers makes a table quadratic in the input (26 KB -> 52 MB; reported for report.cpp).
  // Past a budget the table is not written here, so that the fuzzer keeps its speed.
  uint64_t sentence_cells = 0;
  for (const Target& t : doc.targets) {
    const Sentence& s = doc.segmentation.sentences[t.sentence];
    sentence_cells += s.end - s.start;
  }
  if (sentence_cells <= (uint64_t{1} << 20)) check_table(targets_table(one));
  check_table(clauses_table(one));
  check_table(diagnostics_table(one));
  check_table(metadata_table(one));
}

}  // namespace zhpolicy::fuzz
