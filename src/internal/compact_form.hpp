// The compact form of a folded line, which boilerplate markers are matched against: ASCII
// lower-cased, spaces and tabs dropped. One rule, used where a folded line is compacted
// (compact_folded), where clean reads the end of a line's form for a title, and in the
// chrome screen's table.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace zhpolicy::detail {

// Writes the compact form of the folded code point c at out (nothing for a space or a tab)
// and returns its end. (constexpr: the chrome screen's table is made with it.)
constexpr char32_t* compact_one(char32_t c, char32_t* out) {
  if (c == ' ' || c == '\t') return out;
  *out = c >= 'A' && c <= 'Z' ? c + 32 : c;
  return out + 1;
}

#ifdef __SSE2__
// Writes the compact form of the four folded code points at in to out and returns its end:
// a group without a space, a tab or an upper-case letter is stored whole, any other goes
// one by one. All four are loaded before anything is stored (out may be in).
inline char32_t* compact_four(const char32_t* in, char32_t* out) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  const __m128i upper = _mm_and_si128(_mm_cmpgt_epi32(v, _mm_set1_epi32('A' - 1)),
                                      _mm_cmplt_epi32(v, _mm_set1_epi32('Z' + 1)));
  const __m128i changed = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi32(v, _mm_set1_epi32(' ')), _mm_cmpeq_epi32(v, _mm_set1_epi32('\t'))), upper);
  if (_mm_movemask_epi8(changed) == 0) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
    return out + 4;
  }
  for (int k = 0; k < 4; ++k) out = compact_one(in[k], out);
  return out;
}
#endif

// Writes the compact form of folded code points [in, end) to out and returns its end.
// `out` may be `in` (compacting in place): a group is loaded before anything is stored at
// or past its start.
inline char32_t* compact_span(const char32_t* in, const char32_t* end, char32_t* out) {
#ifdef __SSE2__
  // Eight at a time while all eight are above 'Z' (space, tab and A..Z are not: most of a
  // Chinese line), one compare a group; any other eight go as two groups of four.
  const __m128i after_z = _mm_set1_epi32('Z');
  for (; end - in >= 8; in += 8) {
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 4));
    if (_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi32(low, after_z), _mm_cmpgt_epi32(high, after_z))) == 0xFFFF) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), low);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4), high);
      out += 8;
      continue;
    }
    out = compact_four(in, out);
    out = compact_four(in + 4, out);
  }
  if (end - in >= 4) {
    out = compact_four(in, out);
    in += 4;
  }
#endif
  for (; in != end; ++in) out = compact_one(*in, out);
  return out;
}

}  // namespace zhpolicy::detail
