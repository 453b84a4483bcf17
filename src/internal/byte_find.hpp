// Finding the first of three byte values in a text, sixteen bytes at a time: the markup pass
// looks for the bytes that may start a tag or an entity in every byte of an HTML page.
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

// Offset of the first byte at or after i equal to a, b or c, or s.size(). Eight bytes at a
// time: the version for targets without SSE2, and the tail of the SSE2 one.
inline size_t find_any_of_3_portable(std::string_view s, size_t i, unsigned char a, unsigned char b,
                                     unsigned char c) {
  while (s.size() - i >= 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if ((word_has_byte(word, a) | word_has_byte(word, b) | word_has_byte(word, c)) != 0) break;
    i += 8;
  }
  for (; i < s.size(); ++i) {
    const auto x = static_cast<unsigned char>(s[i]);
    if (x == a || x == b || x == c) break;
  }
  return i;
}

inline size_t find_any_of_3(std::string_view s, size_t i, unsigned char a, unsigned char b, unsigned char c) {
#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8(static_cast<char>(a));
  const __m128i vb = _mm_set1_epi8(static_cast<char>(b));
  const __m128i vc = _mm_set1_epi8(static_cast<char>(c));
  for (; s.size() - i >= 16; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)), _mm_cmpeq_epi8(v, vc));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  return find_any_of_3_portable(s, i, a, b, c);
}

}  // namespace zhpolicy::detail
