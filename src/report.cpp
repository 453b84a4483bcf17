#include "zhpolicy/report.hpp"

#include <algorithm>
#include <string>

#include "internal/decimal_text.hpp"
#include "internal/utf8.hpp"
#include "zhpolicy/normalize.hpp"

namespace zhpolicy {

Table diagnostics_table(const std::vector<const Document*>& docs) {
  Table t{"diagnostics",
          {{"doc"}, {"kind"}, {"what"}, {"byte_start", ColumnType::kInteger},
           {"byte_end", ColumnType::kInteger}, {"start", ColumnType::kInteger},
           {"end", ColumnType::kInteger}, {"text"}},
          {}};
  for (const Document* d : docs) {
    for (const Diagnostic& g : d->diagnostics) {
      t.rows.push_back({d->name, diagnostic_kind_name(g.kind), g.what, std::to_string(g.bytes.begin),
                        std::to_string(g.bytes.end), std::to_string(g.start), std::to_string(g.end),
                        g.text});
    }
  }
  return t;
}

Table metadata_table(const std::vector<const Document*>& docs) {
  Table t{"metadata",
          {{"doc"}, {"key"}, {"value"}, {"byte_start", ColumnType::kInteger},
           {"byte_end", ColumnType::kInteger}},
          {}};
  for (const Document* d : docs) {
    for (const MetadataField& f : d->clean.metadata) {
      t.rows.push_back({d->name, f.key, f.value, std::to_string(f.bytes.begin), std::to_string(f.bytes.end)});
    }
  }
  return t;
}

Table clauses_table(const std::vector<const Document*>& docs) {
  Table t{"clauses",
          {{"doc"}, {"id"}, {"level", ColumnType::kInteger}, {"label"}, {"number", ColumnType::kInteger},
           {"parent_id"}, {"path"}, {"title"}, {"scheme"}, {"start", ColumnType::kInteger},
           {"end", ColumnType::kInteger}, {"byte_start", ColumnType::kInteger},
           {"byte_end", ColumnType::kInteger}, {"chars", ColumnType::kInteger}},
          {}};
  // Reserved: grown by doubling, a page of 300,000 clauses held up to twice its rows.
  size_t rows = 0;
  for (const Document* d : docs) rows += d->segmentation.clauses.size() - std::min<size_t>(1, d->segmentation.clauses.size());
  t.rows.reserve(rows);
  for (const Document* d : docs) {
    const auto& clauses = d->segmentation.clauses;
    const bool kept = d->clause_bytes.size() == clauses.size();  // see keep_clause_bytes
    for (size_t i = 1; i < clauses.size(); ++i) {
      const Clause& c = clauses[i];
      const ByteRange b = kept ? d->clause_bytes[i] : d->clean.source_bytes(c.start, c.end);
      t.rows.push_back({d->name, c.id, std::to_string(c.level), c.label, std::to_string(c.number),
                        c.parent_id, c.path, c.title, c.scheme, std::to_string(c.start),
                        std::to_string(c.end), std::to_string(b.begin), std::to_string(b.end),
                        std::to_string(c.end - c.start)});
    }
  }
  return t;
}

std::string clauses_outline(const std::vector<const Document*>& docs) {
  std::string out;
  for (const Document* d : docs) {
    if (docs.size() > 1) out += "# " + d->name + "\n";
    const auto& clauses = d->segmentation.clauses;
    for (size_t i = 1; i < clauses.size(); ++i) {
      const Clause& c = clauses[i];
      out.append(static_cast<size_t>(2 * std::max(0, c.level - 1)), ' ');
      out += c.label;
      if (!c.label.empty() && !c.title.empty()) out += ' ';
      out += c.title.empty() && c.label.empty() ? "#" + std::to_string(c.number) : c.title;
      out += '\n';
    }
  }
  return out;
}

namespace {

// The `sentence` cell of a target: the whole sentence, or, when it is longer than
// kMaxSentenceCell code points (a table flattened into one comma-separated "sentence"),
// kSentenceContext code points either side of the target with "…" where it was cut. Every
// target of a sentence repeats it, so without the bound a sentence of n numbers made
// n * n output (a 200 KB page gave gigabytes).
constexpr size_t kMaxSentenceCell = 500;
constexpr size_t kSentenceContext = 100;

// A new sentence this many code points or fewer after the last one is walked to from the
// last one's end; one further on is found through the clean text's pieces (CleanText::
// text_between), whose walk from a piece start is at most a piece, 4 KiB.
constexpr uint32_t kNearSentence = 1024;

// The clean text of sentence `s`, which lies after `last`'s sentence (if any) in the text.
// The sentences of one document's targets come in order, most a few sentences apart: the
// walk from the end of the last one's cell is shorter than the piece map's search and walk.
std::string_view whole_sentence(const Document& d, const Sentence& s, const SentenceCellCache& last) {
  const std::string_view text = d.clean.text;
  if (last.sentence < d.segmentation.sentences.size() && !last.cell.empty()) {
    const uint32_t last_end = d.segmentation.sentences[last.sentence].end;
    if (s.start >= last_end && s.start - last_end <= kNearSentence) {
      const auto last_end_byte = static_cast<size_t>(last.cell.data() + last.cell.size() - text.data());
      const size_t begin = detail::skip_code_points(text, last_end_byte, s.start - last_end);
      return text.substr(begin, detail::skip_code_points(text, begin, s.end - s.start) - begin);
    }
  }
  return d.clean.text_between(s.start, s.end);
}

// A whole sentence is a view of the clean text (the one in `last` when the previous row had
// the same sentence); a cut one is built in `cut`.
std::string_view sentence_cell(const Document& d, const Target& g, std::string& cut, SentenceCellCache& last) {
  const Sentence& s = d.segmentation.sentences[g.sentence];
  // A cache last used with another document's text knows nothing of this one.
  if (last.text.data() != d.clean.text.data() || last.text.size() != d.clean.text.size()) {
    last = SentenceCellCache{};
    last.text = d.clean.text;
  }
  if (s.end - s.start <= kMaxSentenceCell) {
    if (last.sentence != g.sentence) last = {g.sentence, whole_sentence(d, s, last), last.text};
    return last.cell;
  }
  const uint32_t from = std::max<uint32_t>(s.start, g.start > kSentenceContext ? g.start - kSentenceContext : 0);
  const uint32_t to = std::min<uint32_t>(s.end, std::max<uint32_t>(g.end, from) + kSentenceContext);
  cut = from > s.start ? "…" : "";
  cut += d.clean.text_between(from, to);
  if (to < s.end) cut += "…";
  return cut;
}

// "00" "01" … "99": two decimal digits at a time.
struct DigitPairs {
  char digits[200];
};
constexpr DigitPairs make_digit_pairs() {
  DigitPairs p{};
  for (int k = 0; k < 100; ++k) {
    p.digits[2 * k] = static_cast<char>('0' + k / 10);
    p.digits[2 * k + 1] = static_cast<char>('0' + k % 10);
  }
  return p;
}
constexpr DigitPairs kDigitPairs = make_digit_pairs();

// The decimal digits of `n` in `buffer`: the integer cells of a row without a string each.
// Written from the buffer's end two digits at a time (std::to_chars counted them first:
// four such cells per row).
std::string_view integer_cell(uint64_t n, char (&buffer)[20]) {
  char* const end = buffer + sizeof buffer;
  char* p = end;
  while (n >= 100) {
    const char* pair = kDigitPairs.digits + 2 * (n % 100);
    n /= 100;
    p -= 2;
    p[0] = pair[0];
    p[1] = pair[1];
  }
  if (n >= 10) {
    p -= 2;
    p[0] = kDigitPairs.digits[2 * n];
    p[1] = kDigitPairs.digits[2 * n + 1];
  } else {
    *--p = static_cast<char>('0' + n);
  }
  return std::string_view(p, static_cast<size_t>(end - p));
}

// The text of a decimal cell: in `buffer` (kDecimalTextRoom bytes) when it fits, as every
// value of a document does, else in `spilled`.
std::string_view decimal_cell(const Decimal& value, char* buffer, std::string& spilled) {
  const size_t n = detail::write_decimal(value, buffer);
  if (n > 0) return std::string_view(buffer, n);
  spilled = value.to_string();
  return spilled;
}

}  // namespace

Table targets_table(const std::vector<const Document*>& docs) {
  Table t{"targets",
          {{"doc"}, {"clause_id"}, {"clause_path"}, {"clause_title"}, {"sentence"}, {"text"},
           {"indicator"}, {"indicator_norm"}, {"comparator", ColumnType::kSymbol}, {"value", ColumnType::kDecimal},
           {"value_max", ColumnType::kDecimal}, {"unit"}, {"unit_norm"}, {"unit_class"},
           {"direction"}, {"kind"}, {"strength"}, {"period"}, {"flags"},
           {"start", ColumnType::kInteger}, {"end", ColumnType::kInteger},
           {"byte_start", ColumnType::kInteger}, {"byte_end", ColumnType::kInteger}},
          {}};
  for (const Document* d : docs) {
    SentenceCellCache last_sentence;
    for (size_t i = 0; i < d->targets.size(); ++i) {
      t.rows.push_back(target_row(*d, d->targets[i], d->target_bytes[i], last_sentence));
    }
  }
  return t;
}

TableRow target_row(const Document& d, const Target& g, const ByteRange& bytes, SentenceCellCache& last_sentence) {
  const Clause& c = d.segmentation.clauses[g.clause];
  std::string flags;
  for (const std::string& f : g.flags) {  // in place: a temporary "," + f per flag was a string to build and free
    if (!flags.empty()) flags += ',';
    flags += f;
  }
  std::string cut_sentence, long_value, long_value_max;
  char start[20], end[20], byte_start[20], byte_end[20];
  char value[detail::kDecimalTextRoom], value_max[detail::kDecimalTextRoom];
  return {d.name, c.id, c.path, c.title, sentence_cell(d, g, cut_sentence, last_sentence), g.text, g.indicator,
          g.indicator_norm, g.comparator, decimal_cell(g.value, value, long_value),
          g.has_max ? decimal_cell(g.value_max, value_max, long_value_max) : std::string_view(), g.unit,
          g.unit_norm, g.unit_class,
          g.direction, g.kind, g.strength, g.period, flags, integer_cell(g.start, start),
          integer_cell(g.end, end), integer_cell(bytes.begin, byte_start), integer_cell(bytes.end, byte_end)};
}

namespace {

Table summary_columns() {
  Table t{"summary", {{"doc"}, {"status", ColumnType::kSymbol}, {"error"}, {"encoding", ColumnType::kSymbol}}, {}};
  for (const char* name : {"bytes", "chars", "clauses", "targets", "targets_target", "targets_status",
                           "diagnostics", "removed_markup", "removed_chrome", "removed_related",
                           "removed_copyright", "removed_spam", "removed_metadata", "removed_duplicate",
                           "removed_pinyin", "invalid_bytes", "numbering", "damaged_spans"}) {
    t.columns.push_back({name, ColumnType::kInteger});
  }
  t.columns.push_back({"title"});
  t.columns.push_back({"date"});
  return t;
}

}  // namespace

Table summary_table(const std::vector<const Document*>& docs) {
  Table t = summary_columns();
  for (const Document* d : docs) {
    size_t by_kind[16] = {};
    for (const Diagnostic& g : d->diagnostics) {
      const auto k = static_cast<size_t>(g.kind);
      if (k < 16) ++by_kind[k];
    }
    auto count = [&](DiagnosticKind k) { return std::to_string(by_kind[static_cast<size_t>(k)]); };
    std::string date;
    for (const char* key : {"日期", "发布日期", "生成日期", "公开日期"}) {
      for (const MetadataField& f : d->clean.metadata) {
        if (date.empty() && f.key == key) date = f.value;
      }
    }
    const size_t clauses = d->segmentation.clauses.empty() ? 0 : d->segmentation.clauses.size() - 1;
    t.rows.push_back({d->name, "ok", "", d->clean.encoding, std::to_string(d->input_bytes),
                      std::to_string(d->clean.code_points), std::to_string(clauses),
                      std::to_string(d->target_count), std::to_string(d->target_count - d->status_target_count),
                      std::to_string(d->status_target_count),
                      std::to_string(d->diagnostics.size()), count(DiagnosticKind::kMarkup),
                      count(DiagnosticKind::kChrome), count(DiagnosticKind::kRelated),
                      count(DiagnosticKind::kCopyright), count(DiagnosticKind::kSpam),
                      count(DiagnosticKind::kMetadata), count(DiagnosticKind::kDuplicate),
                      count(DiagnosticKind::kPinyin), count(DiagnosticKind::kInvalidBytes),
                      count(DiagnosticKind::kNumbering), std::to_string(d->clean.damaged.size()),
                      d->clean.title, date});
  }
  return t;
}

Table summary_failure_table(const std::string& doc, const Status& status) {
  Table t = summary_columns();
  std::vector<std::string> row(t.columns.size());
  row[0] = doc;
  row[1] = error_code_name(status.code());
  row[2] = status.message();
  t.rows.emplace_back(row);
  return t;
}

}  // namespace zhpolicy
