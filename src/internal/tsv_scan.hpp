// Finding the bytes a TSV cell escapes (\t \n \r \\). The targets table writes every byte of
// every row through this test, and almost no row has any of them: the writer looks at a
// whole row at once and copies its cells as they are unless the scan finds one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal/utf8.hpp"

namespace zhpolicy::detail {

inline bool is_tsv_escaped(char c) { return c == '\t' || c == '\n' || c == '\r' || c == '\\'; }

// Offset of the first byte of `s` that TSV escapes, or s.size(). Eight bytes at a time: the
// version for targets without SSE2, and the tail of the SSE2 one.
inline size_t find_tsv_escaped_portable(std::string_view s) {
  size_t i = 0;
  while (s.size() - i >= 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if ((word_has_byte(word, '\t') | word_has_byte(word, '\n') | word_has_byte(word, '\r') |
         word_has_byte(word, '\\')) != 0) {
      break;
    }
    i += 8;
  }
  while (i < s.size() && !is_tsv_escaped(s[i])) ++i;
  return i;
}

#ifdef __SSE2__
// Sixteen bytes at a time (SSE2 is part of the x86-64 baseline).
inline size_t find_tsv_escaped_sse2(std::string_view s) {
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i backslash = _mm_set1_epi8('\\');
  size_t i = 0;
  for (; s.size() - i >= 16; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, backslash)));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
  return i + find_tsv_escaped_portable(s.substr(i));
}
#endif

// Whether `s` holds a byte below 0x20 or a backslash: every byte TSV escapes is one, so a row
// without any is copied as it is. The writer asks it of every row; with SSE2 a compare of
// 32 bytes is two unsigned minimums and two equalities instead of eight equalities.
inline bool has_control_or_backslash_portable(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return true;
  }
  return false;
}

#ifdef __SSE2__
inline bool has_control_or_backslash_sse2(std::string_view s) {
  if (s.size() < 16) return has_control_or_backslash_portable(s);
  const __m128i controls = _mm_set1_epi8(0x1F);
  const __m128i backslash = _mm_set1_epi8('\\');
  auto hits = [&](size_t i) {  // the bytes <= 0x1F (their minimum with 0x1F is themselves) or '\\'
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, controls), v), _mm_cmpeq_epi8(v, backslash));
  };
  size_t i = 0;
  for (; s.size() - i >= 32; i += 32) {
    if (_mm_movemask_epi8(_mm_or_si128(hits(i), hits(i + 16))) != 0) return true;
  }
  if (s.size() - i >= 16) {
    if (_mm_movemask_epi8(hits(i)) != 0) return true;
    i += 16;
  }
  // The last bytes: the sixteen that end the text (those before i are already clean).
  return i < s.size() && _mm_movemask_epi8(hits(s.size() - 16)) != 0;
}
#endif

inline bool has_control_or_backslash(std::string_view s) {
#ifdef __SSE2__
  return has_control_or_backslash_sse2(s);
#else
  return has_control_or_backslash_portable(s);
#endif
}

inline size_t find_tsv_escaped(std::string_view s) {
#ifdef __SSE2__
  return find_tsv_escaped_sse2(s);
#else
  return find_tsv_escaped_portable(s);
#endif
}

}  // namespace zhpolicy::detail
