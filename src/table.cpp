// One writer per output format; the Table in between keeps the stages ignorant of formats.
#include "zhpolicy/table.hpp"

#include <algorithm>

#include "internal/utf8.hpp"

namespace zhpolicy {
namespace {

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_numeric(ColumnType t) { return t == ColumnType::kInteger || t == ColumnType::kDecimal; }

bool looks_like_formula(const std::string& s) {
  if (s.empty()) return false;
  const char c = s[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string cell_text(const Table& t, size_t col, const std::string& v, const WriteOptions& o) {
  if (o.neutralize_formulas && t.columns[col].type == ColumnType::kText && looks_like_formula(v)) {
    return "'" + v;
  }
  return v;
}

void write_tsv_cell(std::ostream& out, const std::string& v) {
  for (char c : v) {
    switch (c) {
      case '\t': out << "\\t"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\\': out << "\\\\"; break;
      default: out << c;
    }
  }
}

void write_csv_cell(std::ostream& out, const std::string& v) {
  const bool quote = v.find_first_of(",\"\r\n") != std::string::npos ||
                     (!v.empty() && (v.front() == ' ' || v.back() == ' '));
  if (!quote) {
    out << v;
    return;
  }
  out << '"';
  for (char c : v) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void write_json_string(std::ostream& out, const std::string& v) {
  out << '"';
  for (unsigned char c : v) {
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out << "\\u00" << kHex[c >> 4] << kHex[c & 15];
        } else {
          out << static_cast<char>(c);
        }
    }
  }
  out << '"';
}

bool is_json_number(const std::string& v) {
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

void write_json_object(std::ostream& out, const Table& t, const std::vector<std::string>& row) {
  out << '{';
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (c) out << ',';
    write_json_string(out, t.columns[c].name);
    out << ':';
    const std::string& v = row[c];
    if (t.columns[c].type == ColumnType::kInteger || t.columns[c].type == ColumnType::kDecimal) {
      if (is_json_number(v)) out << v;
      else if (v.empty()) out << "null";
      else write_json_string(out, v);
    } else {
      write_json_string(out, v);
    }
  }
  out << '}';
}

std::string markdown_cell(const std::string& v) {
  std::string r;
  for (char c : v) {
    if (c == '|') r += "\\|";
    else if (c == '\n') r += "<br>";
    else if (c == '\r' || c == '\t') r += ' ';
    else r += c;
  }
  return r;
}

std::string text_cell(const std::string& v) {
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

}  // namespace

size_t display_width(const std::string& text) {
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
  }
  return "tsv";
}

Status write_table(const Table& t, Format format, std::ostream& out, const WriteOptions& o) {
  const size_t n = t.columns.size();
  switch (format) {
    case Format::kTsv:
    case Format::kCsv: {
      const bool tsv = format == Format::kTsv;
      const char* eol = tsv ? "\n" : "\r\n";
      auto cell = [&](const std::string& v) { tsv ? write_tsv_cell(out, v) : write_csv_cell(out, v); };
      if (o.header) {
        for (size_t c = 0; c < n; ++c) {
          if (c) out << (tsv ? '\t' : ',');
          cell(t.columns[c].name);
        }
        out << eol;
      }
      for (const auto& row : t.rows) {
        for (size_t c = 0; c < n; ++c) {
          if (c) out << (tsv ? '\t' : ',');
          cell(cell_text(t, c, row[c], o));
        }
        out << eol;
      }
      break;
    }
    case Format::kJsonl:
      for (const auto& row : t.rows) {
        write_json_object(out, t, row);
        out << '\n';
      }
      break;
    case Format::kJson:
      out << '[';
      for (size_t r = 0; r < t.rows.size(); ++r) {
        out << (r ? ",\n" : "\n");
        write_json_object(out, t, t.rows[r]);
      }
      out << (t.rows.empty() ? "]\n" : "\n]\n");
      break;
    case Format::kMarkdown:
      write_aligned(out, t, o, true);
      break;
    case Format::kText:
      write_aligned(out, t, o, false);
      break;
  }
  out.flush();
  if (!out) return Status(ErrorCode::kWriteFailed, "could not write the " + t.name + " table");
  return {};
}

}  // namespace zhpolicy
