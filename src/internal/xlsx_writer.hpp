// The xlsx writer behind Format::kXlsx (libxlsxwriter). Private to the library.
#pragma once

#include <ostream>
#include <vector>

#include "zhpolicy/status.hpp"
#include "zhpolicy/table.hpp"

namespace zhpolicy::detail {

// Writes `tables` as the sheets of one workbook to `out` (bytes of the .xlsx zip): one
// sheet per table named after it, a bold frozen header row, kInteger/kDecimal cells as
// numbers, other cells as strings (never formulas), column widths from display_width()
// so CJK text fits. libxlsxwriter can only write to a named file, so the workbook goes to
// a temporary file under $TMPDIR (or /tmp) first and is then copied to `out`.
Status write_xlsx_workbook(const std::vector<const Table*>& tables, std::ostream& out);

}  // namespace zhpolicy::detail
