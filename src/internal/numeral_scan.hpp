// scan_number's two readings (zhpolicy/numeral.hpp), declared for the test that holds the
// short one to the grammar.
#pragma once

#include <cstddef>
#include <string_view>

#include "zhpolicy/numeral.hpp"

namespace zhpolicy::detail {

// The number of one to eighteen ASCII digits, the first not 0, with a '.' and a fraction
// or without, at `pos`, when the code point after it (if any) is one the grammar reads
// nothing on with (no digit, numeral, separator, point, ‰, 分 of 分之 or 成), or is % or ％
// (a percentage, with options.percent_forms). Then it is what scan_number reads there;
// else (kind kNone) the grammar must read it. Most numbers of a policy text are such
// ("16所", "2025年", "96.2%"), and this reads them without the grammar's machinery.
ScannedNumber scan_plain_arabic(std::u32string_view text, size_t pos, const ScanOptions& options);

// The one Chinese digit at `pos`, where is_lone_chinese_digit (internal/numeral_class.hpp)
// must hold: what scan_number reads there (nothing for a financial digit, unless
// options.lone_financial). "三年", "一批", "两个": most Chinese numbers of a policy text.
ScannedNumber scan_lone_chinese_digit(std::u32string_view text, size_t pos, const ScanOptions& options);

// scan_number by the grammar alone, without the short reading above.
ScannedNumber scan_number_by_grammar(std::u32string_view text, size_t pos, const ScanOptions& options);

}  // namespace zhpolicy::detail
