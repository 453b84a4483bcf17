// The run of bytes clean's line scan passes over without decoding: most of a Chinese page.
// A byte is plain when it is printable ASCII other than '(' and '_' (pinyin openers), a
// continuation byte, or the lead of a CJK ideograph (0xE4..0xE9: U+4000..U+9FFF). Everything
// else (spaces, controls, the leads of punctuation, full-width forms, U+3000, U+FEFF, (,
// U+2028) stops the run and is looked at one character at a time.
//
// In valid UTF-8 a plain run that starts at a character boundary ends at one (a continuation
// byte is plain, so the run stops only at a lead or an ASCII byte), and it holds only whole
// ideographs and ASCII: its last character is an ideograph iff its last byte is >= 0x80.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace zhpolicy::detail {

inline bool is_plain_byte(unsigned char b) {
  return (b > 0x20 && b < 0x7F && b != '(' && b != '_') || (b >= 0x80 && b <= 0xBF) ||
         (b >= 0xE4 && b <= 0xE9);
}

// Offset of the first byte in [i, end) of `t` that is not plain, or end.
inline size_t plain_run_end_portable(std::string_view t, size_t i, size_t end) {
  while (i < end && is_plain_byte(static_cast<unsigned char>(t[i]))) ++i;
  return i;
}

#ifdef __SSE2__
// Sixteen bytes at a time. SSE2 compares are signed: a byte range [lo, hi] is tested as
// (int8)(b + 0x80 - lo) < (int8)(0x80 + hi - lo + 1 - 0x100), i.e. b - lo <= hi - lo unsigned.
inline size_t plain_run_end_sse2(std::string_view t, size_t i, size_t end) {
  const auto in_range = [](__m128i v, unsigned char lo, unsigned char hi) {
    const __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + (hi - lo) + 1)));
  };
  const __m128i open_paren = _mm_set1_epi8('(');
  const __m128i underscore = _mm_set1_epi8('_');
  for (; end - i >= 16; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
    const __m128i ascii = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, open_paren), _mm_cmpeq_epi8(v, underscore)),
                                           in_range(v, 0x21, 0x7E));
    const __m128i plain = _mm_or_si128(ascii, _mm_or_si128(in_range(v, 0x80, 0xBF), in_range(v, 0xE4, 0xE9)));
    const unsigned stops = static_cast<unsigned>(_mm_movemask_epi8(plain)) ^ 0xFFFFu;
    if (stops != 0) return i + static_cast<size_t>(__builtin_ctz(stops));
  }
  return plain_run_end_portable(t, i, end);
}
#endif

inline size_t plain_run_end(std::string_view t, size_t i, size_t end) {
#ifdef __SSE2__
  return plain_run_end_sse2(t, i, end);
#else
  return plain_run_end_portable(t, i, end);
#endif
}

}  // namespace zhpolicy::detail
