// scan_number's two readings (zhpolicy/numeral.hpp), declared for the test that holds the
// short one to the grammar.
#pragma once

#include <cstddef>
#include <string_view>

#include "zhpolicy/numeral.hpp"

namespace zhpolicy::detail {

// The plain integer of one to eighteen ASCII digits, the first not 0, at `pos`, when the
// code point after it (if any) is one the grammar reads nothing on with: no digit, numeral,
// separator, point, % ％ ‰, 分 (分之) or 成. Then it is what scan_number reads there, with
// any options; else (kind kNone) the grammar must read it. Most numbers of a policy text
// are such integers ("16所", "2025年"), and this reads them without the grammar's machinery.
ScannedNumber scan_plain_integer(std::u32string_view text, size_t pos);

// scan_number by the grammar alone, without the short reading above.
ScannedNumber scan_number_by_grammar(std::u32string_view text, size_t pos, const ScanOptions& options);

}  // namespace zhpolicy::detail
