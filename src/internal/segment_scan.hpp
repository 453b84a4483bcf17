// The line pass of the segment stage (src/segment.cpp): the one pass that reads every code
// point of the normalized shadow, to find the line ends and the marks. Most of a Chinese text
// is code points that cannot be either ("plain"): the ideographs, and the commas, 、, digits
// and brackets between them. The others (terminators, colons, quotes, line ends, and spaces
// and Latin text, which are not worth a test of their own) are found sixteen at a time. Skipping
// runs of plain code points and restarting after each stop did not pay, as a comma or a digit
// ends a run every few characters; here the stops of a block come out of one bit mask, so a
// stop costs a few instructions whether the run before it was long or short, and the commas
// and digits, two stops in three before they were counted as plain, cost nothing.
#pragma once

#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal/cpu_features.hpp"

namespace zhpolicy::detail {

// The plain code points: [U+3012, U+FEFF), which holds every CJK ideograph (the marks nearest
// it: 】 U+3011 below, the BOM U+FEFF and the full-width forms U+FF01… above); the ASCII run
// [#, :) of '#' … '/' and the digits (',' '(' ')' '%' '.' among them; the ASCII marks '!' '"'
// ':' ';' '?' lie around it); and 、 U+3001. src/segment.cpp checks that none is a mark.
constexpr char32_t kPlainFirst = 0x3012;
constexpr char32_t kPlainEnd = 0xFEFF;  // (not plain)
constexpr char32_t kPlainAsciiFirst = U'#';
constexpr char32_t kPlainAsciiEnd = U':';  // (not plain)
constexpr char32_t kPlainComma = 0x3001;   // 、
constexpr bool is_plain(char32_t c) {
  return c - kPlainFirst < kPlainEnd - kPlainFirst || c - kPlainAsciiFirst < kPlainAsciiEnd - kPlainAsciiFirst ||
         c == kPlainComma;
}

// Calls on_stop(i) for every i in [begin, end), in order, whose code point is not plain.
// One code point at a time: the version for targets without SSE2, the tail of the SSE2 one,
// and the reference of the unit test.
template <typename OnStop>
void for_each_non_plain_portable(const char32_t* text, uint32_t begin, uint32_t end, OnStop&& on_stop) {
  for (uint32_t i = begin; i < end; ++i) {
    if (!is_plain(text[i])) on_stop(i);
  }
}

// Sixteen at a time with SSE2 (one at a time without it).
template <typename OnStop>
void for_each_non_plain_sse2(const char32_t* text, uint32_t begin, uint32_t end, OnStop&& on_stop) {
  uint32_t i = begin;
#ifdef __SSE2__
  // Every plain code point is below U+10000, so the tests run on sixteen-bit lanes, eight at a
  // time. A code point c becomes the lane c - 0x8000, packed with signed saturation: exact for
  // c <= U+FFFF (-0x8000 … 0x7FFF), and 0x7FFF or -0x8000, which stand for U+FFFF and U+0000,
  // neither plain, for every other 32-bit value. A lane y in [lo, hi) is then tested as
  // y - lo < hi - lo - 0x8000 (signed: the unsigned compare of the offsets, shifted by 2^15).
  const __m128i bias = _mm_set1_epi32(0x8000);
  const __m128i cjk_first = _mm_set1_epi16(static_cast<int16_t>(kPlainFirst));
  const __m128i cjk_span = _mm_set1_epi16(static_cast<int16_t>(kPlainEnd - kPlainFirst - 0x8000));
  const __m128i ascii_first = _mm_set1_epi16(static_cast<int16_t>(kPlainAsciiFirst));
  const __m128i ascii_span = _mm_set1_epi16(static_cast<int16_t>(int{kPlainAsciiEnd - kPlainAsciiFirst} - 0x8000));
  const __m128i comma = _mm_set1_epi16(static_cast<int16_t>(int{kPlainComma} - 0x8000));
  const auto plain8 = [&](const char32_t* p) {
    const __m128i lo = _mm_sub_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), bias);
    const __m128i hi = _mm_sub_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 4)), bias);
    const __m128i y = _mm_packs_epi32(lo, hi);
    const __m128i cjk = _mm_cmplt_epi16(_mm_sub_epi16(y, cjk_first), cjk_span);
    const __m128i ascii = _mm_cmplt_epi16(_mm_sub_epi16(y, ascii_first), ascii_span);
    return _mm_or_si128(_mm_or_si128(cjk, ascii), _mm_cmpeq_epi16(y, comma));
  };
  for (; end - i >= 16; i += 16) {
    const char32_t* p = text + i;
    // The two masks of 16-bit lanes narrowed to one of 8-bit lanes, in text order.
    const __m128i plain = _mm_packs_epi16(plain8(p), plain8(p + 8));
    for (auto stops = static_cast<unsigned>(_mm_movemask_epi8(plain)) ^ 0xFFFFu; stops != 0;
         stops &= stops - 1) {
      on_stop(i + static_cast<uint32_t>(__builtin_ctz(stops)));
    }
  }
#endif
  for_each_non_plain_portable(text, i, end, on_stop);
}

// internal/segment_scan_avx2.cpp: the masks of `blocks` blocks of 32 code points at text:
// bit k of masks[b] is set iff text[32 * b + k] is not plain. Only called where the CPU has
// AVX2.
void non_plain_masks_avx2(const char32_t* text, size_t blocks, uint32_t* masks);

// The line pass: thirty-two at a time with AVX2, where the CPU has it, else as above. The
// masks of up to kChunk blocks are made by one call (with AVX2's three-operand forms a block
// costs a third of the SSE2 loop's instructions), and their stops are taken after it.
template <typename OnStop>
void for_each_non_plain(const char32_t* text, uint32_t begin, uint32_t end, OnStop&& on_stop) {
  uint32_t i = begin;
  if (cpu_features().avx2) {
    constexpr uint32_t kChunk = 64;
    uint32_t masks[kChunk];
    while (end - i >= 32) {
      const uint32_t blocks = (end - i) / 32 < kChunk ? (end - i) / 32 : kChunk;
      non_plain_masks_avx2(text + i, blocks, masks);
      for (uint32_t b = 0; b < blocks; ++b) {
        for (uint32_t stops = masks[b]; stops != 0; stops &= stops - 1) {
          on_stop(i + 32 * b + static_cast<uint32_t>(__builtin_ctz(stops)));
        }
      }
      i += 32 * blocks;
    }
  }
  for_each_non_plain_sse2(text, i, end, on_stop);
}

}  // namespace zhpolicy::detail
