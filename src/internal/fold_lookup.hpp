// The fold table's two-level lookup (fold_table_data.inc, generated from ICU at build time),
// as constexpr functions: normalize folds with it at run time, and the chrome screen builds
// its table of code points with it at compile time.
#pragma once

#include <cstdint>

#include "fold_table_data.inc"

namespace zhpolicy::detail {

// The fold of `c` < kFoldTableEnd through `stage1` (the full fold's, or t2s's). The
// generator guarantees every fold stays in its plane, so only the low 16 bits move.
constexpr char32_t lookup_in_table(const FoldStage1* stage1, char32_t c) {
  const uint16_t delta = kFoldDeltas[stage1[c >> 8] * 256u + (c & 0xFF)];
  return (c & ~char32_t{0xFFFF}) | static_cast<uint16_t>(c + delta);
}

constexpr char32_t lookup(const FoldStage1* stage1, char32_t c) {
  return c < kFoldTableEnd ? lookup_in_table(stage1, c) : c;
}

}  // namespace zhpolicy::detail
