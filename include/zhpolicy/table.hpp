// Stage 6, output: every result of zhpolicy is a Table, written by one writer per format.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "zhpolicy/status.hpp"

namespace zhpolicy {

enum class ColumnType {
  kText,     // written as a string; neutralised in CSV/TSV if it could be a formula
  kInteger,  // written as a bare number in JSON; never neutralised
  kDecimal,  // exact decimal string ("14.9"); a number in JSON
  kSymbol,   // a closed vocabulary ("=", ">=", "range"); text in JSON, never neutralised:
             // none of its values is a formula
};

struct Column {
  std::string name;
  ColumnType type = ColumnType::kText;
};

struct Table {
  std::string name;  // "targets", "clauses", "diagnostics", ...
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // each row has columns.size() cells
};

enum class Format {
  kTsv,       // tab-separated; \t \n \r \\ escaped as in Miller's TSV
  kCsv,       // RFC 4180, CRLF line ends
  kJsonl,     // one JSON object per row
  kJson,      // one JSON array of objects
  kMarkdown,  // a GitHub table, columns aligned by display width, '|' escaped
  kText,      // an aligned plain table for terminals (CJK counted as two columns)
};

// Parses "tsv", "csv", "jsonl", "json", "markdown"/"md", "text"/"table".
bool parse_format(const std::string& name, Format& format);
const char* format_name(Format format);

struct WriteOptions {
  bool header = true;
  // Prefix text cells starting with = + - @ TAB CR with a ' in CSV/TSV (OWASP CSV
  // injection guidance), so a spreadsheet shows them as text instead of running them.
  bool neutralize_formulas = true;
};

// Writes `table`. Returns kWriteFailed if the stream fails.
Status write_table(const Table& table, Format format, std::ostream& out,
                   const WriteOptions& options = {});

// Terminal columns `text` occupies (East Asian wide characters count 2).
size_t display_width(const std::string& text);

}  // namespace zhpolicy
