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
//
// libxlsxwriter is opened (dlopen) when a workbook is written, not linked: linked, it and the
// libcrypto, minizip and zlib it needs were loaded and relocated by every run, 4.8M of the
// dynamic loader's instructions per process (an eighth of a 55-file targets run), for the
// few runs that write xlsx. Its header still gives the types and the functions' signatures.
#include "internal/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <dlfcn.h>
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

// The functions of libxlsxwriter this file calls, looked up in the library opened by the
// constructor (ZHPOLICY_XLSXWRITER_SONAME, from the build); closed with the object.
class XlsxLibrary {
 public:
  XlsxLibrary() : handle_(::dlopen(ZHPOLICY_XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL)) {
    loaded_ = handle_ != nullptr && bind("workbook_new_opt", workbook_new_opt) &&
              bind("workbook_set_properties", workbook_set_properties) &&
              bind("workbook_add_format", workbook_add_format) && bind("format_set_bold", format_set_bold) &&
              bind("workbook_add_worksheet", workbook_add_worksheet) &&
              bind("worksheet_set_column", worksheet_set_column) &&
              bind("worksheet_freeze_panes", worksheet_freeze_panes) &&
              bind("worksheet_write_string", worksheet_write_string) &&
              bind("worksheet_write_number", worksheet_write_number) && bind("workbook_close", workbook_close) &&
              bind("lxw_strerror", lxw_strerror);
    if (!loaded_) {
      const char* reason = ::dlerror();
      failure_ = reason != nullptr ? reason : "not found";
    }
  }
  ~XlsxLibrary() {
    if (handle_ != nullptr) ::dlclose(handle_);
  }
  XlsxLibrary(const XlsxLibrary&) = delete;
  XlsxLibrary& operator=(const XlsxLibrary&) = delete;

  // Whether the library was found with every function below.
  bool loaded() const { return loaded_; }
  // Why it was not (dlerror's words), when it was not.
  const std::string& failure() const { return failure_; }

  decltype(&::workbook_new_opt) workbook_new_opt = nullptr;
  decltype(&::workbook_set_properties) workbook_set_properties = nullptr;
  decltype(&::workbook_add_format) workbook_add_format = nullptr;
  decltype(&::format_set_bold) format_set_bold = nullptr;
  decltype(&::workbook_add_worksheet) workbook_add_worksheet = nullptr;
  decltype(&::worksheet_set_column) worksheet_set_column = nullptr;
  decltype(&::worksheet_freeze_panes) worksheet_freeze_panes = nullptr;
  decltype(&::worksheet_write_string) worksheet_write_string = nullptr;
  decltype(&::worksheet_write_number) worksheet_write_number = nullptr;
  decltype(&::workbook_close) workbook_close = nullptr;
  decltype(&::lxw_strerror) lxw_strerror = nullptr;

 private:
  template <typename Function>
  bool bind(const char* name, Function*& function) {
    function = reinterpret_cast<Function*>(::dlsym(handle_, name));
    return function != nullptr;
  }

  void* handle_;
  bool loaded_ = false;
  std::string failure_;
};

Status lxw_status(const XlsxLibrary& lxw, lxw_error e, const std::string& what) {
  if (e == LXW_NO_ERROR) return {};
  return Status(ErrorCode::kWriteFailed, "xlsx: " + what + ": " + lxw.lxw_strerror(e));
}

Status library_status(const XlsxLibrary& lxw) {
  if (lxw.loaded()) return {};
  return Status(ErrorCode::kWriteFailed, "xlsx: cannot load libxlsxwriter (" + lxw.failure() + ")");
}

}  // namespace

Status write_xlsx_workbook(const std::vector<const Table*>& tables, std::ostream& out) {
  const XlsxLibrary lxw;
  if (Status s = library_status(lxw); !s.ok()) return s;
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
  lxw_workbook* wb = lxw.workbook_new_opt(path.c_str(), &wo);
  if (wb == nullptr) return Status(ErrorCode::kWriteFailed, "xlsx: cannot create the workbook");
  lxw_doc_properties props{};
  props.created = 1;  // a fixed date: the same tables give the same bytes
  lxw.workbook_set_properties(wb, &props);
  lxw_format* bold = lxw.workbook_add_format(wb);
  lxw.format_set_bold(bold);

  Status status;
  for (const Table* t : tables) {
    if (t->rows.size() + 1 > kMaxRows) {
      status = Status(ErrorCode::kWriteFailed, "xlsx: the " + t->name + " table has " +
                                                   std::to_string(t->rows.size()) + " rows, more than a sheet holds");
      break;
    }
    std::string sheet_name = t->name.substr(0, 31);
    lxw_worksheet* ws = lxw.workbook_add_worksheet(wb, sheet_name.c_str());
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
      lxw.worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
    lxw.worksheet_freeze_panes(ws, 1, 0);
    for (size_t c = 0; c < n && status.ok(); ++c) {
      const lxw_error e = lxw.worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t->columns[c].name.c_str(), bold);
      status = lxw_status(lxw, e, t->name + " header");
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
          status = lxw_status(lxw, lxw.worksheet_write_number(ws, xr, xc, d, nullptr),
                              t->name + " row " + std::to_string(r + 1));
        } else {
          status = lxw_status(lxw, lxw.worksheet_write_string(ws, xr, xc, fit_cell(v).c_str(), nullptr),
                              t->name + " row " + std::to_string(r + 1));
        }
      }
    }
    if (!status.ok()) break;
  }
  const lxw_error closed = lxw.workbook_close(wb);  // frees wb whatever happens
  if (!status.ok()) return status;
  if (Status s = lxw_status(lxw, closed, "writing the workbook"); !s.ok()) return s;

  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kWriteFailed, "xlsx: cannot read back " + path);
  out << in.rdbuf();
  if (!out) return Status(ErrorCode::kWriteFailed, "xlsx: could not write the workbook");
  return {};
}

}  // namespace zhpolicy::detail

namespace zhpolicy {

Status xlsx_available() {
  const detail::XlsxLibrary lxw;
  return detail::library_status(lxw);
}

}  // namespace zhpolicy
