// The line pass of the segment stage (src/segment.cpp): the one pass that reads every code
// point of the normalized shadow, to find the line ends and the marks. Most of a Chinese text
// is ideographs that no rule of the stage looks at ("plain"); the others (punctuation,
// digits, Latin text, spaces, line ends) are found sixteen at a time. Skipping runs of plain
// code points and restarting after each stop did not pay, as a comma or a digit ends a run
// every few characters; here the stops of a block come out of one bit mask, so a stop costs
// a few instructions whether the run before it was long or short.
#pragma once

#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace zhpolicy::detail {

// A code point none of the segment rules looks at: not a space, line end, terminator,
// closer, quote, colon or continuation mark. [U+3012, U+FEFF) holds every CJK ideograph and
// none of those marks. (The marks nearest the range: 】 U+3011 below it, the BOM U+FEFF and
// the full-width forms U+FF01… above it.)
constexpr char32_t kPlainFirst = 0x3012;
constexpr char32_t kPlainEnd = 0xFEFF;  // (not plain)
constexpr bool is_plain(char32_t c) { return c - kPlainFirst < kPlainEnd - kPlainFirst; }

// Calls on_stop(i) for every i in [begin, end), in order, whose code point is not plain.
// One code point at a time: the version for targets without SSE2, the tail of the SSE2 one,
// and the reference of the unit test.
template <typename OnStop>
void for_each_non_plain_portable(const char32_t* text, uint32_t begin, uint32_t end, OnStop&& on_stop) {
  for (uint32_t i = begin; i < end; ++i) {
    if (!is_plain(text[i])) on_stop(i);
  }
}

template <typename OnStop>
void for_each_non_plain(const char32_t* text, uint32_t begin, uint32_t end, OnStop&& on_stop) {
  uint32_t i = begin;
#ifdef __SSE2__
  // SSE2 compares are signed: c - 0x3012 < 0xFEFF - 0x3012 (unsigned) is tested with both
  // sides shifted by 2^31, which adding 0x80000000 - 0x3012 to c does in one step.
  const __m128i shift = _mm_set1_epi32(static_cast<int>(0x80000000u - 0x3012u));
  const __m128i limit = _mm_set1_epi32(static_cast<int>(0x80000000u + (0xFEFFu - 0x3012u)));
  const auto plain4 = [&](const char32_t* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return _mm_cmplt_epi32(_mm_add_epi32(v, shift), limit);
  };
  for (; end - i >= 16; i += 16) {
    const char32_t* p = text + i;
    // The four masks of 32-bit lanes narrowed to one of 8-bit lanes, in text order.
    const __m128i plain = _mm_packs_epi16(_mm_packs_epi32(plain4(p), plain4(p + 4)),
                                          _mm_packs_epi32(plain4(p + 8), plain4(p + 12)));
    for (auto stops = static_cast<unsigned>(_mm_movemask_epi8(plain)) ^ 0xFFFFu; stops != 0;
         stops &= stops - 1) {
      on_stop(i + static_cast<uint32_t>(__builtin_ctz(stops)));
    }
  }
#endif
  for_each_non_plain_portable(text, i, end, on_stop);
}

}  // namespace zhpolicy::detail
