// xlsx through Debian's libxlsxwriter.
//
// The workbook is built in memory by libxlsxwriter and zipped into a temporary file that
// mkstemp() creates (libxlsxwriter only writes named files); the bytes are then copied to
// the caller's stream so that xlsx goes through the same atomic OutputSink as every other
// format. Cells: kInteger/kDecimal as numbers (an empty or non-numeric value is left as a
// string or blank, never invented), everything else as strings: worksheet_write_string()
// never creates a formula, so xlsx needs no injection neutralisation. Excel's limits are
// checked rather than trusted: 1,048,576 rows (an error naming the table), 32,767 bytes
// per cell (cut at a UTF-8 boundary with "…"), 31 characters per sheet name.
#include "internal/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <unistd.h>

namespace zhpolicy::detail {
namespace {

constexpr size_t kMaxRows = 1048576;
constexpr size_t kMaxCellBytes = 32767;

std::string fit_cell(const std::string& v) {
  if (v.size() <= kMaxCellBytes) return v;
  size_t cut = kMaxCellBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
  return v.substr(0, cut) + "\xE2\x80\xA6";
}

bool parse_number(const std::string& v, double& d) {
  if (v.empty()) return false;
  char* end = nullptr;
  d = std::strtod(v.c_str(), &end);
  return end == v.c_str() + v.size();
}

Status lxw_status(lxw_error e, const std::string& what) {
  if (e == LXW_NO_ERROR) return {};
  return Status(ErrorCode::kWriteFailed, "xlsx: " + what + ": " + lxw_strerror(e));
}

}  // namespace

Status write_xlsx_workbook(const std::vector<const Table*>& tables, std::ostream& out) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/zhpolicy-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Status(ErrorCode::kWriteFailed, "xlsx: cannot create a temporary file in " + path);
  ::close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove_tmp{path};

  lxw_workbook_options wo{};
  wo.constant_memory = LXW_TRUE;  // rows go to disk as they are written
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &wo);
  if (wb == nullptr) return Status(ErrorCode::kWriteFailed, "xlsx: cannot create the workbook");
  lxw_doc_properties props{};
  props.created = 1;  // a fixed date: the same tables give the same bytes
  workbook_set_properties(wb, &props);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);

  Status status;
  for (const Table* t : tables) {
    if (t->rows.size() + 1 > kMaxRows) {
      status = Status(ErrorCode::kWriteFailed, "xlsx: the " + t->name + " table has " +
                                                   std::to_string(t->rows.size()) + " rows, more than a sheet holds");
      break;
    }
    std::string sheet_name = t->name.substr(0, 31);
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
    if (ws == nullptr) {
      status = Status(ErrorCode::kWriteFailed, "xlsx: cannot add the sheet " + sheet_name);
      break;
    }
    const size_t n = t->columns.size();
    std::vector<size_t> width(n, 0);
    for (size_t c = 0; c < n; ++c) width[c] = display_width(t->columns[c].name);
    for (const auto& row : t->rows) {
      for (size_t c = 0; c < n && c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
    }
    for (size_t c = 0; c < n; ++c) {
      // Widths are in Excel "characters" (digit widths); a CJK character is about two.
      const double w = static_cast<double>(std::min<size_t>(std::max<size_t>(width[c], 4), 80)) + 1.5;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t c = 0; c < n && status.ok(); ++c) {
      status = lxw_status(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t->columns[c].name.c_str(), bold),
                          t->name + " header");
    }
    for (size_t r = 0; r < t->rows.size() && status.ok(); ++r) {
      const auto& row = t->rows[r];
      const auto xr = static_cast<lxw_row_t>(r + 1);
      for (size_t c = 0; c < n && c < row.size() && status.ok(); ++c) {
        const auto xc = static_cast<lxw_col_t>(c);
        const std::string v(row[c]);  // NUL-terminated for libxlsxwriter
        const ColumnType type = t->columns[c].type;
        double d = 0;
        if (v.empty()) continue;
        if ((type == ColumnType::kInteger || type == ColumnType::kDecimal) && parse_number(v, d)) {
          status = lxw_status(worksheet_write_number(ws, xr, xc, d, nullptr), t->name + " row " + std::to_string(r + 1));
        } else {
          status = lxw_status(worksheet_write_string(ws, xr, xc, fit_cell(v).c_str(), nullptr),
                              t->name + " row " + std::to_string(r + 1));
        }
      }
    }
    if (!status.ok()) break;
  }
  const lxw_error closed = workbook_close(wb);  // frees wb whatever happens
  if (!status.ok()) return status;
  if (Status s = lxw_status(closed, "writing the workbook"); !s.ok()) return s;

  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kWriteFailed, "xlsx: cannot read back " + path);
  out << in.rdbuf();
  if (!out) return Status(ErrorCode::kWriteFailed, "xlsx: could not write the workbook");
  return {};
}

}  // namespace zhpolicy::detail
