// The compact form of a folded line, which boilerplate markers are matched against: ASCII
// lower-cased, spaces and tabs dropped. One rule, used where a folded line is compacted on
// its own (compact_folded) and where clean makes it while decoding a short line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace zhpolicy::detail {

// Writes the compact form of folded code points [in, end) to out and returns its end.
// `out` may be `in` (compacting in place): a group is loaded before anything is stored at
// or past its start.
inline char32_t* compact_span(const char32_t* in, const char32_t* end, char32_t* out) {
#ifdef __SSE2__
  // Four at a time: a group without a space, a tab or an upper-case letter (most of a
  // Chinese line) is stored whole, any other goes one by one.
  const __m128i space = _mm_set1_epi32(' ');
  const __m128i tab = _mm_set1_epi32('\t');
  const __m128i before_a = _mm_set1_epi32('A' - 1);
  const __m128i after_z = _mm_set1_epi32('Z' + 1);
  for (; end - in >= 4; in += 4) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi32(v, before_a), _mm_cmplt_epi32(v, after_z));
    const __m128i changed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi32(v, space), _mm_cmpeq_epi32(v, tab)), upper);
    if (_mm_movemask_epi8(changed) == 0) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);
      out += 4;
      continue;
    }
    for (int k = 0; k < 4; ++k) {
      const char32_t c = in[k];
      if (c == ' ' || c == '\t') continue;
      *out++ = c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
  }
#endif
  for (; in != end; ++in) {
    const char32_t c = *in;
    if (c == ' ' || c == '\t') continue;
    *out++ = c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
  return out;
}

// decode_and_fold() of a line, and its compact form in the same pass:
// compact == compact_folded(folded).
void decode_fold_compact(std::string_view text, std::u32string& code_points, std::u32string& folded,
                         std::u32string& compact);

}  // namespace zhpolicy::detail
