// Code points encoded as UTF-8 straight into memory the caller already holds. to_utf8
// (zhpolicy/normalize.hpp) returns a new string each time; extraction builds a target's
// cells from several slices, some with their quotation marks dropped, and a temporary per
// slice (plus a second pass to drop the marks) cost more than the encoding; decode's
// legacy-encoding loop writes each converted unit with encode_at().
// The bytes are to_utf8's: a surrogate or a value above U+10FFFF becomes U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace zhpolicy::detail {

// Writes c at q (one to four bytes) and returns the byte after it.
inline char* encode_at(char* q, char32_t c) {
  if (c - 0x800u < 0xD800u - 0x800u) {  // three bytes below the surrogates: CJK, the usual case
    q[0] = static_cast<char>(0xE0 | (c >> 12));
    q[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    q[2] = static_cast<char>(0x80 | (c & 0x3F));
    return q + 3;
  }
  if (c < 0x80) {
    *q = static_cast<char>(c);
    return q + 1;
  }
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x800) {
    *q++ = static_cast<char>(0xC0 | (c >> 6));
  } else if (c < 0x10000) {
    *q++ = static_cast<char>(0xE0 | (c >> 12));
    *q++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  } else {
    *q++ = static_cast<char>(0xF0 | (c >> 18));
    *q++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *q++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  }
  *q++ = static_cast<char>(0x80 | (c & 0x3F));
  return q;
}

#ifdef __SSE2__
// Writes four code points at q as twelve bytes of UTF-8 and returns true if all four are
// three-byte characters below the surrogates (a run of CJK: most of a slice); else writes
// nothing and returns false. Stores fourteen bytes (the last two are overwritten or cut).
inline bool encode_four_three_byte(char*& q, const char32_t* in) {
  const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  // As signed lanes: 0x7FF < c < 0xD800 (a value of 2^31 or more is negative, so out too).
  const __m128i in_range = _mm_and_si128(_mm_cmpgt_epi32(c, _mm_set1_epi32(0x7FF)),
                                         _mm_cmplt_epi32(c, _mm_set1_epi32(0xD800)));
  if (_mm_movemask_epi8(in_range) != 0xFFFF) return false;
  // Each lane the three bytes in memory order, its top byte zero:
  // 1110xxxx | 10xxxxxx << 8 | 10xxxxxx << 16.
  const __m128i bytes = _mm_or_si128(
      _mm_or_si128(_mm_srli_epi32(c, 12), _mm_and_si128(_mm_slli_epi32(c, 2), _mm_set1_epi32(0x3F00))),
      _mm_or_si128(_mm_and_si128(_mm_slli_epi32(c, 16), _mm_set1_epi32(0x3F0000)), _mm_set1_epi32(0x8080E0)));
  // Two lanes to six bytes in each 64-bit half: the upper lane moved down one byte onto the
  // lower lane's zero top byte.
  const __m128i six = _mm_or_si128(_mm_and_si128(bytes, _mm_set1_epi64x(0xFFFFFF)),
                                   _mm_and_si128(_mm_srli_epi64(bytes, 8), _mm_set1_epi64x(0xFFFFFF000000)));
  _mm_storel_epi64(reinterpret_cast<__m128i*>(q), six);
  _mm_storel_epi64(reinterpret_cast<__m128i*>(q + 6), _mm_unpackhi_epi64(six, six));
  q += 12;
  return true;
}
#endif

// Appends the code points of `text` in UTF-8. `out` grows by four bytes a code point, the
// most one takes, and is cut back after: cheaper than a pass to size it exactly, and the
// slack lets four CJK characters go in one vector step.
inline void append_encoded(std::string& out, std::u32string_view text) {
  if (text.empty()) return;
  const size_t old = out.size();
  out.resize(old + 4 * text.size());
  char* const begin = out.data();
  char* q = begin + old;
  const char32_t* in = text.data();
  const char32_t* const end = in + text.size();
#ifdef __SSE2__
  // With four code points left the buffer has at least sixteen bytes: room for the step's
  // fourteen.
  for (; end - in >= 4; in += 4) {
    if (encode_four_three_byte(q, in)) continue;
    for (int k = 0; k < 4; ++k) q = encode_at(q, in[k]);
  }
#endif
  for (; in != end; ++in) q = encode_at(q, *in);
  out.resize(static_cast<size_t>(q - begin));
}

}  // namespace zhpolicy::detail
