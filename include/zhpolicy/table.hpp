// Stage 6, output: every result of zhpolicy is a Table, written by one writer per format.
//
// A Table is column metadata plus rows of UTF-8 cells. Writers never see Documents, so a
// batch can drop each Document as soon as its rows are built. TableWriter streams: rows can
// be added a document at a time and are written at once for the formats that allow it
// (TSV, CSV, JSON Lines, JSON); the aligned formats (markdown, text) and xlsx need every row
// before the first line, so the writer keeps the rows (never the documents) until finish().
#pragma once

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/status.hpp"

namespace zhpolicy {

// Version of the table layouts (names, order and types of the columns of every table).
// Raised when a column is renamed, removed or changes meaning; adding a column at the end
// does not raise it. JSON output carries it; `zhpolicy --version` prints it.
constexpr int kTableSchemaVersion = 1;

enum class ColumnType {
  kText,     // written as a string; neutralised in CSV/TSV if it could be a formula
  kInteger,  // written as a bare number in JSON and xlsx; never neutralised
  kDecimal,  // exact decimal string ("14.9"); a number in JSON and xlsx
  kSymbol,   // a closed vocabulary ("=", ">=", "range"); text in JSON, never neutralised:
             // none of its values is a formula
};

struct Column {
  std::string name;
  ColumnType type = ColumnType::kText;
};

// Where each cell of a row ends: inline for up to kInline cells (every table of zhpolicy),
// in a vector beyond. A row is then one allocation, its bytes: rows are made on one worker
// thread and freed on another, and each block freed across threads costs a malloc arena
// lock the making thread contends for.
class CellEnds {
 public:
  static constexpr size_t kInline = 24;

  size_t size() const { return size_; }
  uint32_t operator[](size_t i) const { return size_ <= kInline ? inline_[i] : spilled_[i]; }
  uint32_t back() const { return (*this)[size_ - 1]; }
  // The ends themselves, size() of them: a row's cells walked with one test for where
  // they live, not one per cell.
  const uint32_t* data() const { return size_ <= kInline ? inline_ : spilled_.data(); }
  uint32_t* data() { return size_ <= kInline ? inline_ : spilled_.data(); }
  void push_back(uint32_t end) { resize(size_ + 1, end); }
  // Drops ends past `n`, or appends copies of `fill` up to it.
  void resize(size_t n, uint32_t fill = 0);
  // Makes the size `n` with ends the caller writes (all of them) through the pointer
  // returned: a row made whole sets every end at once.
  uint32_t* reset(size_t n) {
    if (n <= kInline && size_ <= kInline) {
      size_ = n;
      return inline_;
    }
    resize(n);
    return data();
  }
  bool operator==(const CellEnds& other) const;

 private:
  uint32_t inline_[kInline] = {};
  std::vector<uint32_t> spilled_;  // all the ends, when there are more than kInline
  size_t size_ = 0;
};

// The bytes of a row's cells: a heap block sized when the row is made and written once by
// the caller, where a std::string's resize first filled every byte (a targets row has some
// 400) only for them to be written over.
class RowBytes {
 public:
  RowBytes() = default;
  RowBytes(const RowBytes& other) { assign(other.view()); }
  RowBytes(RowBytes&& other) noexcept
      : data_(std::move(other.data_)), size_(other.size_), capacity_(other.capacity_) {
    other.size_ = other.capacity_ = 0;
  }
  RowBytes& operator=(const RowBytes& other) {
    if (this != &other) assign(other.view());
    return *this;
  }
  RowBytes& operator=(RowBytes&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = other.size_;
    capacity_ = other.capacity_;
    other.size_ = other.capacity_ = 0;
    return *this;
  }

  std::string_view view() const { return std::string_view(data_.get(), size_); }
  size_t size() const { return size_; }
  // Makes the size `n`, its bytes unwritten: the caller writes all of them at the pointer.
  char* reset(size_t n) {
    if (n > capacity_) {
      data_.reset(new char[n]);
      capacity_ = n;
    }
    size_ = n;
    return data_.get();
  }
  void append(std::string_view bytes);
  // Drops the bytes past `n` (n <= size()).
  void truncate(size_t n) { size_ = n; }

 private:
  void assign(std::string_view bytes) {
    if (!bytes.empty()) std::memcpy(reset(bytes.size()), bytes.data(), bytes.size());
    else size_ = 0;
  }

  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// One row of UTF-8 cells, kept in one buffer: each cell's bytes followed by a tab, and where
// each cell ends. A row of the targets table is then one allocation instead of a string
// object per cell (32 bytes each, and a heap block for every cell longer than 15 bytes), and
// a TSV writer copies a row whose cells need no escaping with one move.
class TableRow {
 public:
  TableRow() = default;
  TableRow(std::initializer_list<std::string_view> cells);
  explicit TableRow(const std::vector<std::string>& cells);

  size_t size() const { return ends_.size(); }
  bool empty() const { return ends_.size() == 0; }
  std::string_view operator[](size_t i) const {
    const uint32_t begin = i == 0 ? 0 : ends_[i - 1] + 1;
    return bytes_.view().substr(begin, ends_[i] - begin);
  }
  // Every cell followed by a tab, back to back: the row's TSV line, its last tab standing for
  // the line's end, when no cell has a byte to escape. (A writer scans a whole row at once.)
  std::string_view line() const { return bytes_.view(); }
  // Where each cell ends in line() (the offset of its tab).
  const uint32_t* cell_ends() const { return ends_.data(); }
  // Bit c set: cell c starts with a byte a spreadsheet formula may start with (= + - @ TAB
  // CR); cells past the 63rd share bit 63. Noted as the row is made (on a worker thread) so
  // that a TSV writer tests a row's cells for a formula prefix with one mask.
  uint64_t formula_starts() const { return formula_starts_; }
  static uint64_t cell_bit(size_t c) { return uint64_t{1} << (c < 63 ? c : 63); }
  void push_back(std::string_view cell);
  // Drops cells past `n`, or adds empty ones up to it.
  void resize(size_t n);
  bool operator==(const TableRow& other) const { return ends_ == other.ends_ && line() == other.line(); }
  bool operator!=(const TableRow& other) const { return !(*this == other); }

 private:
  template <typename Cells>
  void assign(const Cells& cells);

  void note_start(size_t c, std::string_view cell);

  RowBytes bytes_;
  CellEnds ends_;
  uint64_t formula_starts_ = 0;
};

struct Table {
  std::string name;  // "targets", "clauses", "diagnostics", ...
  std::vector<Column> columns;
  std::vector<TableRow> rows;  // each row has columns.size() cells
};

enum class Format {
  kTsv,       // tab-separated; \t \n \r \\ escaped as in Miller's TSV
  kCsv,       // RFC 4180, CRLF line ends
  kJsonl,     // one JSON object per row
  kJson,      // {"schema_version":1,"table":NAME,"rows":[objects]}
  kMarkdown,  // a GitHub table, columns aligned by display width, '|' escaped
  kText,      // an aligned plain table for terminals (CJK counted as two columns)
  kXlsx,      // an Excel workbook (libxlsxwriter): one sheet per table, header row frozen,
              // numbers as numbers; binary, so only for files
};

// Parses "tsv", "csv", "jsonl"/"ndjson", "json", "markdown"/"md", "text"/"table", "xlsx".
bool parse_format(const std::string& name, Format& format);
const char* format_name(Format format);
// The file name extension for `format`, with the dot: ".tsv", ".md", ".txt", ".xlsx" ...
const char* format_extension(Format format);

// Whether kXlsx can be written here: libxlsxwriter is opened when a workbook is written
// rather than linked, so a machine without it still writes every other format. The error
// (kWriteFailed) says why it cannot be opened; a front end asks before reading any input.
Status xlsx_available();

// Which script text columns are written in (the doc column is a file name and is never
// converted; neither are kSymbol/number columns).
enum class Script {
  kOriginal,  // as the document wrote it
  kHans,      // simplified, per code point with the fold table (to_simplified_char)
  kHant,      // traditional, with ICU's "Hans-Hant" transliterator (at output time only)
};
bool parse_script(const std::string& name, Script& script);

struct WriteOptions {
  bool header = true;
  // Prefix text cells starting with = + - @ TAB CR with a ' in CSV/TSV (OWASP CSV
  // injection guidance), so a spreadsheet shows them as text instead of running them.
  // Number and kSymbol columns are never touched: "-3.5" stays a number.
  bool neutralize_formulas = true;
  // Start the output with a UTF-8 byte order mark (Excel on zh-CN Windows reads a CSV
  // without one as GBK). Text formats only; ignored for xlsx.
  bool bom = false;
  Script script = Script::kOriginal;
  // Columns to write, in this order; empty: every column. Names must exist (see
  // select_columns()); write_table reports kInvalidArgument otherwise.
  std::vector<std::string> fields;
};

// Indexes of `fields` in `columns`, in the order given. Unknown name: kInvalidArgument,
// with a message listing the valid names. Empty `fields`: every column.
Result<std::vector<size_t>> select_columns(const std::vector<Column>& columns,
                                           const std::vector<std::string>& fields);

// Text in `script` (see Script). Not thread-safe for kHant (one shared transliterator):
// call it from one thread, as the writers do.
std::string convert_script(std::string_view text, Script script);

// Writes rows as they come. Usage: construct with the columns, add() any number of times,
// finish() once. Errors (a failed stream, a full disk, too many rows for a sheet) are
// reported by finish(); after an error the rest is not written.
class TableWriter {
 public:
  // `table` provides the name and columns (its rows, if any, are written too).
  TableWriter(const Table& table, Format format, std::ostream& out, WriteOptions options = {});
  ~TableWriter();
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  // Adds the rows of `part` (same columns as the table the writer was built with).
  void add(const Table& part);
  void add(std::vector<TableRow>&& rows);
  Status finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes `table` in one go. Returns kWriteFailed if the stream fails.
Status write_table(const Table& table, Format format, std::ostream& out,
                   const WriteOptions& options = {});

// Writes several tables as the sheets of one xlsx workbook (sheet names: the table names).
Status write_xlsx(const std::vector<const Table*>& tables, std::ostream& out,
                  const WriteOptions& options = {});

// Terminal columns `text` occupies (East Asian wide characters count 2).
size_t display_width(std::string_view text);

}  // namespace zhpolicy
