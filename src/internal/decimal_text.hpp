// A Decimal's text (Decimal::to_string's) written into memory the caller holds: a target
// row has one or two value cells, and a std::string made for each (then copied into the
// row) cost more than the digits.
#pragma once

#include <cstddef>

#include "zhpolicy/numeral.hpp"

namespace zhpolicy::detail {

// Room for the text of any Decimal whose exponent is within a few dozen of its digits:
// every value a document gives (a longer one, 10^100 written out, takes to_string).
constexpr size_t kDecimalTextRoom = 64;

// Writes to_string()'s text of `d` at `out` (kDecimalTextRoom bytes) and returns its
// length, or returns 0 (writing nothing) when it would not fit.
size_t write_decimal(const Decimal& d, char* out);

}  // namespace zhpolicy::detail
