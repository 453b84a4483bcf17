// One writer per output format; the Table in between keeps the stages ignorant of formats.
//
// Problem: the same rows go to a terminal, to a pipe feeding Miller or a database loader,
// to Excel on a zh-CN desktop and to Spark. Each consumer has its own escaping rules and its
// own traps (a cell "=HYPERLINK(...)" runs in a spreadsheet; Excel reads a BOM-less CSV as
// GBK; a JSON consumer wants numbers as numbers).
//
// Approach: TableWriter projects each row onto the selected fields, converts the script of
// text columns, then hands it to the format: TSV, CSV, JSON Lines and JSON are written row
// by row as they arrive (a batch of 10,000 files never holds more than one document's rows
// in the writer); markdown and text need every width before the first line, and xlsx is a
// zip written at the end, so those keep the rows until finish(). Spreadsheet neutralisation
// applies to CSV/TSV text cells only: xlsx cells are typed (a string is never a formula) and
// JSON consumers are programs.
//
// Trade-off: --script hant runs ICU's Hans-Hant transliterator per cell at output time (it
// needs phrase context the per-code-point fold table cannot give); results are cached per
// distinct cell, which covers the repeated clause titles and units.
#include "zhpolicy/table.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "internal/icu_check.hpp"
#include "internal/tsv_scan.hpp"
#include "internal/utf8.hpp"
#include "internal/xlsx_writer.hpp"
#include "zhpolicy/normalize.hpp"

namespace zhpolicy {
namespace {

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_numeric(ColumnType t) { return t == ColumnType::kInteger || t == ColumnType::kDecimal; }

// = + - @ TAB CR, as bits counted from TAB (the lowest): one test of a bit per cell as a
// row is made, where six comparisons cost a sixth of making it.
constexpr uint64_t kFormulaStartsFromTab = uint64_t{1} << ('\t' - '\t') | uint64_t{1} << ('\r' - '\t') |
                                           uint64_t{1} << ('+' - '\t') | uint64_t{1} << ('-' - '\t') |
                                           uint64_t{1} << ('=' - '\t') | uint64_t{1} << ('@' - '\t');

inline bool is_formula_start(char c) {
  const unsigned from_tab = static_cast<unsigned char>(c) - unsigned{'\t'};
  return from_tab < 64 && ((kFormulaStartsFromTab >> from_tab) & 1) != 0;
}

// Whether `cell` starts with a byte a formula may start with (TableRow::formula_starts).
inline bool starts_as_formula(std::string_view cell) { return !cell.empty() && is_formula_start(cell[0]); }

inline bool looks_like_formula(std::string_view s) {
  // A lone "-" is how standard input is named in the doc column; one character is no
  // formula in any spreadsheet, so it is written as it is.
  return !s.empty() && is_formula_start(s[0]) && s != "-";
}

bool needs_formula_prefix(const Table& t, size_t col, std::string_view v, const WriteOptions& o) {
  return o.neutralize_formulas && t.columns[col].type == ColumnType::kText && looks_like_formula(v);
}

// Copies the n bytes of a cell to `to`. Most cells of a targets row are a few bytes ("=",
// "%", "target", an offset): two overlapping moves copy them where a call to memcpy cost
// more than the copy.
inline void copy_cell(char* to, const char* from, size_t n) {
  if (n > 16) {
    std::memcpy(to, from, n);
  } else if (n >= 8) {
    std::memcpy(to, from, 8);
    std::memcpy(to + n - 8, from + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(to, from, 4);
    std::memcpy(to + n - 4, from + n - 4, 4);
  } else if (n >= 2) {
    std::memcpy(to, from, 2);
    std::memcpy(to + n - 2, from + n - 2, 2);
  } else if (n == 1) {
    *to = *from;
  }
}

// The writers append cells to a line buffer and write each row with one call: a character
// at a time through std::ostream cost an eighth of a batch run.
void append_tsv_cell(std::string& line, std::string_view v) {
  // (Rows are written on the one thread that emits them; their cost bounds how far --jobs
  // scales.)
  size_t run = 0;  // start of the characters not yet appended
  for (size_t i = detail::find_tsv_escaped(v); i < v.size(); i = run + detail::find_tsv_escaped(v.substr(run))) {
    const char c = v[i];  // one of \t \n \r \\ (what find_tsv_escaped finds)
    const char* escape = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\\\";
    line.append(v.substr(run, i - run));
    line += escape;
    run = i + 1;
  }
  line.append(v.substr(run));
}

void append_csv_cell(std::string& line, std::string_view v) {
  const bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!v.empty() && (v.front() == ' ' || v.back() == ' '));
  if (!quote) {
    line += v;
    return;
  }
  line += '"';
  for (char c : v) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

void append_json_string(std::string& line, std::string_view v) {
  line += '"';
  size_t run = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    line.append(v.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': line += "\\\""; break;
      case '\\': line += "\\\\"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      case '\t': line += "\\t"; break;
      default: {
        static const char* kHex = "0123456789abcdef";
        line += "\\u00";
        line += kHex[c >> 4];
        line += kHex[c & 15];
      }
    }
  }
  line.append(v.substr(run));
  line += '"';
}

bool is_json_number(std::string_view v) {
  if (v.empty()) return false;
  size_t i = v[0] == '-' ? 1 : 0;
  if (i >= v.size() || !(v[i] >= '0' && v[i] <= '9')) return false;
  if (v[i] == '0' && i + 1 < v.size() && v[i + 1] != '.') return false;
  bool dot = false;
  for (; i < v.size(); ++i) {
    if (v[i] == '.' && !dot && i + 1 < v.size()) {
      dot = true;
      continue;
    }
    if (!(v[i] >= '0' && v[i] <= '9')) return false;
  }
  return true;
}

void append_json_object(std::string& line, const Table& t, const TableRow& row) {
  line += '{';
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (c) line += ',';
    append_json_string(line, t.columns[c].name);
    line += ':';
    const std::string_view v = row[c];
    if (t.columns[c].type == ColumnType::kInteger || t.columns[c].type == ColumnType::kDecimal) {
      if (is_json_number(v)) line += v;
      else if (v.empty()) line += "null";
      else append_json_string(line, v);
    } else {
      append_json_string(line, v);
    }
  }
  line += '}';
}

std::string markdown_cell(std::string_view v) {
  std::string r;
  for (char c : v) {
    if (c == '|') r += "\\|";
    else if (c == '\n') r += "<br>";
    else if (c == '\r' || c == '\t') r += ' ';
    else r += c;
  }
  return r;
}

std::string text_cell(std::string_view v) {
  std::string r;
  for (char c : v) r += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
  return r;
}

void write_aligned(std::ostream& out, const Table& t, const WriteOptions& o, bool markdown) {
  const size_t n = t.columns.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(t.rows.size() + 1);
  std::vector<std::string> head;
  for (const Column& c : t.columns) head.push_back(markdown ? markdown_cell(c.name) : c.name);
  if (o.header || markdown) cells.push_back(head);
  for (const auto& row : t.rows) {
    std::vector<std::string> r;
    for (size_t c = 0; c < n; ++c) r.push_back(markdown ? markdown_cell(row[c]) : text_cell(row[c]));
    cells.push_back(std::move(r));
  }
  std::vector<size_t> width(n, markdown ? 3 : 0);
  for (const auto& r : cells) {
    for (size_t c = 0; c < n; ++c) width[c] = std::max(width[c], display_width(r[c]));
  }
  auto pad = [&](const std::string& s, size_t w, bool right) {
    const size_t d = display_width(s);
    const std::string fill(w > d ? w - d : 0, ' ');
    return right ? fill + s : s + fill;
  };
  for (size_t r = 0; r < cells.size(); ++r) {
    if (markdown) out << '|';
    for (size_t c = 0; c < n; ++c) {
      const bool right = is_numeric(t.columns[c].type) && r > 0;
      if (markdown) {
        out << ' ' << pad(cells[r][c], width[c], right) << " |";
      } else {
        if (c) out << "  ";
        out << (c + 1 == n && !right ? cells[r][c] : pad(cells[r][c], width[c], right));
      }
    }
    out << '\n';
    if (markdown && r == 0) {
      out << '|';
      for (size_t c = 0; c < n; ++c) {
        const bool right = is_numeric(t.columns[c].type);
        out << ' ' << std::string(width[c] - (right ? 1 : 0), '-') << (right ? ":" : "") << " |";
      }
      out << '\n';
    }
  }
}


void write_bom(std::ostream& out) { out << "\xEF\xBB\xBF"; }

bool streams(Format f) {
  return f == Format::kTsv || f == Format::kCsv || f == Format::kJsonl || f == Format::kJson;
}

// The ICU transliterator for --script hant, created once.
const icu::Transliterator* hant_transliterator() {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> t;
  std::call_once(once, [] {
    UErrorCode code = U_ZERO_ERROR;
    t.reset(icu::Transliterator::createInstance("Hans-Hant", UTRANS_FORWARD, code));
    if (!detail::icu_status(code, "Transliterator::createInstance").ok()) t.reset();
  });
  return t.get();
}

}  // namespace

// Sized exactly: rows are made once and kept until they are written. The cells are copied
// into place rather than appended: a targets row has 23, and each append checked and
// grew the string. Each cell is taken as a view of its own, and the formula starts are
// gathered in a local: the row's bytes might overlap either for all the compiler knows, and
// it read both again after every copy.
template <typename Cells>
void TableRow::assign(const Cells& cells) {
  size_t bytes = cells.size();  // a tab after each cell
  for (const auto& c : cells) bytes += c.size();
  char* const to = bytes_.reset(bytes);
  uint32_t* ends = ends_.reset(cells.size());
  size_t end = 0;
  size_t column = 0;
  uint64_t formula_starts = 0;
  for (const std::string_view c : cells) {
    copy_cell(to + end, c.data(), c.size());
    if (starts_as_formula(c)) formula_starts |= cell_bit(column);
    ++column;
    end += c.size();
    *ends++ = static_cast<uint32_t>(end);
    to[end++] = '\t';
  }
  formula_starts_ = formula_starts;
}

void TableRow::note_start(size_t c, std::string_view cell) {
  if (starts_as_formula(cell)) formula_starts_ |= cell_bit(c);
}

TableRow::TableRow(std::initializer_list<std::string_view> cells) { assign(cells); }

TableRow::TableRow(const std::vector<std::string>& cells) { assign(cells); }

void CellEnds::resize(size_t n, uint32_t fill) {
  if (n > kInline && size_ <= kInline) spilled_.assign(inline_, inline_ + size_);  // spills once
  if (n > kInline) {
    spilled_.resize(n, fill);
  } else {
    if (size_ > kInline) {
      std::copy(spilled_.begin(), spilled_.begin() + static_cast<std::ptrdiff_t>(n), inline_);
      std::vector<uint32_t>().swap(spilled_);
    }
    for (size_t i = size_; i < n; ++i) inline_[i] = fill;
  }
  size_ = n;
}

bool CellEnds::operator==(const CellEnds& other) const {
  if (size_ != other.size_) return false;
  for (size_t i = 0; i < size_; ++i) {
    if ((*this)[i] != other[i]) return false;
  }
  return true;
}

void RowBytes::append(std::string_view bytes) {
  if (bytes.empty()) return;
  if (size_ + bytes.size() > capacity_) {
    const size_t capacity = std::max(size_ + bytes.size(), 2 * capacity_);
    std::unique_ptr<char[]> grown(new char[capacity]);
    if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
    data_ = std::move(grown);
    capacity_ = capacity;
  }
  std::memcpy(data_.get() + size_, bytes.data(), bytes.size());
  size_ += bytes.size();
}

void TableRow::push_back(std::string_view cell) {
  note_start(ends_.size(), cell);
  bytes_.append(cell);
  ends_.push_back(static_cast<uint32_t>(bytes_.size()));
  bytes_.append("\t");
}

void TableRow::resize(size_t n) {
  if (n < ends_.size()) {
    ends_.resize(n);
    bytes_.truncate(n == 0 ? 0 : ends_.back() + 1);
    if (n < 63) formula_starts_ &= cell_bit(n) - 1;  // (bit 63 stays: it may stand for cells kept)
  }
  while (ends_.size() < n) push_back({});
}

size_t display_width(std::string_view text) {
  size_t w = 0, i = 0;
  while (i < text.size()) {
    const char32_t c = detail::next_code_point(text, i);
    w += is_wide(c) ? 2 : 1;
  }
  return w;
}

bool parse_format(const std::string& name, Format& format) {
  if (name == "tsv") format = Format::kTsv;
  else if (name == "csv") format = Format::kCsv;
  else if (name == "jsonl" || name == "ndjson") format = Format::kJsonl;
  else if (name == "json") format = Format::kJson;
  else if (name == "markdown" || name == "md") format = Format::kMarkdown;
  else if (name == "text" || name == "table") format = Format::kText;
  else if (name == "xlsx") format = Format::kXlsx;
  else return false;
  return true;
}

const char* format_name(Format format) {
  switch (format) {
    case Format::kTsv: return "tsv";
    case Format::kCsv: return "csv";
    case Format::kJsonl: return "jsonl";
    case Format::kJson: return "json";
    case Format::kMarkdown: return "markdown";
    case Format::kText: return "text";
    case Format::kXlsx: return "xlsx";
  }
  return "tsv";
}

const char* format_extension(Format format) {
  switch (format) {
    case Format::kTsv: return ".tsv";
    case Format::kCsv: return ".csv";
    case Format::kJsonl: return ".jsonl";
    case Format::kJson: return ".json";
    case Format::kMarkdown: return ".md";
    case Format::kText: return ".txt";
    case Format::kXlsx: return ".xlsx";
  }
  return ".tsv";
}

bool parse_script(const std::string& name, Script& script) {
  if (name == "original") script = Script::kOriginal;
  else if (name == "hans") script = Script::kHans;
  else if (name == "hant") script = Script::kHant;
  else return false;
  return true;
}

std::string convert_script(std::string_view text, Script script) {
  if (script == Script::kOriginal) return std::string(text);
  bool ascii = true;
  for (unsigned char c : text) ascii = ascii && c < 0x80;
  if (ascii) return std::string(text);
  if (script == Script::kHans) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) detail::append_utf8(out, to_simplified_char(detail::next_code_point(text, i)));
    return out;
  }
  const icu::Transliterator* t = hant_transliterator();
  if (t == nullptr) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

Result<std::vector<size_t>> select_columns(const std::vector<Column>& columns,
                                           const std::vector<std::string>& fields) {
  std::vector<size_t> sel;
  if (fields.empty()) {
    for (size_t i = 0; i < columns.size(); ++i) sel.push_back(i);
    return sel;
  }
  for (const std::string& f : fields) {
    size_t i = 0;
    while (i < columns.size() && columns[i].name != f) ++i;
    if (i == columns.size()) {
      std::string valid;
      for (const Column& c : columns) valid += (valid.empty() ? "" : ",") + c.name;
      return Status(ErrorCode::kInvalidArgument, "unknown field '" + f + "'; valid fields: " + valid);
    }
    sel.push_back(i);
  }
  return sel;
}

namespace {
// Called right after the stream went bad, so errno still tells why ("No space left on
// device" for -o /dev/full): the bare "could not write" left the user guessing.
Status write_failed(const std::string& table_name) {
  const int err = errno;
  return Status(ErrorCode::kWriteFailed, "could not write the " + table_name + " table" +
                                             (err != 0 ? std::string(": ") + std::strerror(err) : ""));
}
}  // namespace

struct TableWriter::Impl {
  Table table;  // the selected columns; rows kept only for the formats that need them all
  Format format;
  std::ostream& out;
  WriteOptions options;
  std::vector<size_t> selection;
  size_t source_columns = 0;
  std::vector<bool> convert;  // per selected column: text whose script is converted
  // Per selected column: text cells get a formula prefix (CSV/TSV). Bytes, not vector<bool>:
  // a TSV row whose formula_starts() meet neutralized_cells asks for each of its cells.
  std::vector<char> neutralized;
  uint64_t neutralized_cells = 0;  // TableRow::cell_bit of each neutralized column
  bool projects = false;      // some column is dropped, moved or converted
  std::unordered_map<std::string, std::string> script_cache;
  std::string line;  // a row that needs escaping, or a CSV/JSON row (reused: no allocation per row)
  // Rows wait in the first `buffered` bytes of `buffer` and leave in one write per add()
  // (or per kFlushBytes): a write through std::ostream per row cost a tenth of writing it.
  // The buffer only grows: a string cannot grow without filling.
  std::string buffer;
  size_t buffered = 0;
  static constexpr size_t kFlushBytes = size_t{1} << 16;
  Status status;
  size_t rows_written = 0;
  bool finished = false;

  Impl(const Table& t, Format f, std::ostream& o, WriteOptions opts)
      : format(f), out(o), options(std::move(opts)) {
    table.name = t.name;
    source_columns = t.columns.size();
    Result<std::vector<size_t>> sel = select_columns(t.columns, options.fields);
    if (!sel.ok()) {
      status = sel.status();
      return;
    }
    selection = std::move(*sel);
    projects = selection.size() != source_columns;
    for (size_t k = 0; k < selection.size(); ++k) {
      const size_t i = selection[k];
      table.columns.push_back(t.columns[i]);
      convert.push_back(options.script != Script::kOriginal && t.columns[i].type == ColumnType::kText &&
                        t.columns[i].name != "doc");
      projects = projects || i != k || convert.back();
      neutralized.push_back(options.neutralize_formulas && t.columns[i].type == ColumnType::kText);
      if (neutralized.back()) neutralized_cells |= TableRow::cell_bit(k);
    }
    if (options.bom && format != Format::kXlsx) write_bom(out);
    begin();
  }

  void begin() {
    const size_t n = table.columns.size();
    std::string head;
    if ((format == Format::kTsv || format == Format::kCsv) && options.header) {
      const bool tsv = format == Format::kTsv;
      for (size_t c = 0; c < n; ++c) {
        if (c) head += tsv ? '\t' : ',';
        tsv ? append_tsv_cell(head, table.columns[c].name) : append_csv_cell(head, table.columns[c].name);
      }
      head += tsv ? "\n" : "\r\n";
    } else if (format == Format::kJson) {
      head += "{\"schema_version\":" + std::to_string(kTableSchemaVersion) + ",\"table\":";
      append_json_string(head, table.name);
      head += ",\"rows\":[";
    }
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
  }

  TableRow project(const TableRow& row) {
    TableRow r;
    for (size_t k = 0; k < selection.size(); ++k) {
      const std::string_view v = row[selection[k]];
      if (convert[k]) {
        auto it = script_cache.find(std::string(v));
        if (it == script_cache.end()) {
          if (script_cache.size() > 100000) script_cache.clear();
          it = script_cache.emplace(std::string(v), convert_script(v, options.script)).first;
        }
        r.push_back(it->second);
      } else {
        r.push_back(v);
      }
    }
    return r;
  }

  // Where the next `n` bytes of output go (the caller adds what it wrote to `buffered`).
  char* room_for(size_t n) {
    if (buffer.size() - buffered < n) buffer.resize(std::max(buffered + n, 2 * buffer.size()));
    return buffer.data() + buffered;
  }

  void flush_rows() {
    if (buffered > 0) out.write(buffer.data(), static_cast<std::streamsize>(buffered));
    buffered = 0;
  }

  // Whether a text cell of `row` starts as a formula does: its line is then not written as
  // it is. (Every formula start is at most '@': most cells are turned away by their first byte.)
  bool has_formula_cell(const TableRow& row) const {
    const std::string_view cells = row.line();
    const uint32_t* const ends = row.cell_ends();
    for (size_t c = 0, begin = 0; c < neutralized.size(); begin = ends[c++] + 1) {
      if (neutralized[c] && begin < ends[c] && static_cast<unsigned char>(cells[begin]) <= '@' &&
          looks_like_formula(cells.substr(begin, ends[c] - begin))) {
        return true;
      }
    }
    return false;
  }

  // Whether the TSV line of `row` (of table.columns.size() > 0 cells) is its line as it
  // is: no byte to escape (its only control bytes are the tab after each cell; almost no row
  // has another) and no formula prefix due.
  bool is_plain_tsv(const TableRow& row) const {
    return detail::count_control_or_backslash(row.line()) == row.size() &&
           ((row.formula_starts() & neutralized_cells) == 0 || !has_formula_cell(row));
  }

  void write_row(const TableRow& row) {
    const size_t n = table.columns.size();
    if (format == Format::kTsv && n > 0 && is_plain_tsv(row)) {
      const std::string_view plain = row.line();
      char* const to = room_for(plain.size());
      std::memcpy(to, plain.data(), plain.size());
      to[plain.size() - 1] = '\n';
      buffered += plain.size();
      ++rows_written;
      return;
    }
    line.clear();
    switch (format) {
      case Format::kTsv:
      case Format::kCsv: {
        const bool tsv = format == Format::kTsv;
        for (size_t c = 0; c < n; ++c) {
          if (c) line += tsv ? '\t' : ',';
          if (needs_formula_prefix(table, c, row[c], options)) {
            const std::string v = "'" + std::string(row[c]);  // rare: copying is fine
            tsv ? append_tsv_cell(line, v) : append_csv_cell(line, v);
          } else {
            tsv ? append_tsv_cell(line, row[c]) : append_csv_cell(line, row[c]);
          }
        }
        line += tsv ? "\n" : "\r\n";
        break;
      }
      case Format::kJsonl:
        append_json_object(line, table, row);
        line += '\n';
        break;
      case Format::kJson:
        line += rows_written ? ",\n" : "\n";
        append_json_object(line, table, row);
        break;
      default:
        break;
    }
    std::memcpy(room_for(line.size()), line.data(), line.size());
    buffered += line.size();
    ++rows_written;
  }

  void add(std::vector<TableRow>&& rows) {
    if (!status.ok() || finished) return;
    // Rows are written on the thread that emits them, after the workers made them: what
    // is done here per row limits how far --jobs scales, so a row that needs no column
    // selection and no script conversion is written as it came.
    const bool as_is = !projects;
    for (auto& row : rows) {
      if (row.size() != source_columns) row.resize(source_columns);  // a ragged row gets empty cells rather than a crash
      if (streams(format)) {
        if (as_is) {
          write_row(row);
        } else {
          write_row(project(row));
        }
        TableRow written = std::move(row);  // its memory goes now (assigning an empty row would keep it)
        if (buffered >= kFlushBytes) flush_rows();
      } else {
        table.rows.push_back(as_is ? std::move(row) : project(row));
      }
    }
    flush_rows();
    if (!out) status = write_failed(table.name);
  }

  Status finish() {
    if (finished) return status;
    finished = true;
    if (!status.ok()) return status;
    switch (format) {
      case Format::kJson: out << (rows_written ? "\n]}\n" : "]}\n"); break;
      case Format::kMarkdown: write_aligned(out, table, options, true); break;
      case Format::kText: write_aligned(out, table, options, false); break;
      case Format::kXlsx: {
        const std::vector<const Table*> sheets{&table};
        status = detail::write_xlsx_workbook(sheets, out);
        if (!status.ok()) return status;
        break;
      }
      default: break;
    }
    out.flush();
    if (!out) status = write_failed(table.name);
    return status;
  }
};

TableWriter::TableWriter(const Table& table, Format format, std::ostream& out, WriteOptions options)
    : impl_(std::make_unique<Impl>(table, format, out, std::move(options))) {
  if (!table.rows.empty()) {
    auto rows = table.rows;
    impl_->add(std::move(rows));
  }
}

TableWriter::~TableWriter() = default;

void TableWriter::add(const Table& part) {
  auto rows = part.rows;
  impl_->add(std::move(rows));
}

void TableWriter::add(std::vector<TableRow>&& rows) { impl_->add(std::move(rows)); }

Status TableWriter::finish() { return impl_->finish(); }

Status write_table(const Table& table, Format format, std::ostream& out, const WriteOptions& options) {
  TableWriter w(table, format, out, options);
  return w.finish();
}

Status write_xlsx(const std::vector<const Table*>& tables, std::ostream& out, const WriteOptions& options) {
  std::vector<Table> converted;
  converted.reserve(tables.size());
  for (const Table* t : tables) {
    Result<std::vector<size_t>> sel = select_columns(t->columns, options.fields);
    if (!sel.ok()) return sel.status();
    Table c{t->name, {}, {}};
    for (size_t i : *sel) c.columns.push_back(t->columns[i]);
    for (const auto& row : t->rows) {
      TableRow r;
      for (size_t i : *sel) {
        const bool conv = t->columns[i].type == ColumnType::kText && t->columns[i].name != "doc";
        if (conv) r.push_back(convert_script(row[i], options.script));
        else r.push_back(row[i]);
      }
      c.rows.push_back(std::move(r));
    }
    converted.push_back(std::move(c));
  }
  std::vector<const Table*> ptrs;
  for (const Table& t : converted) ptrs.push_back(&t);
  return detail::write_xlsx_workbook(ptrs, out);
}

}  // namespace zhpolicy
