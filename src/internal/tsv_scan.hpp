// Finding the bytes a TSV cell escapes (\t \n \r \\). The targets table writes every byte of
// every row through this test, and almost no row has any of them: the writer looks at a
// whole row at once and copies its line as it is unless the scan finds one.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal/cpu_features.hpp"
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

// How many bytes of `s` are below 0x20 or a backslash: every byte TSV escapes is one. A row's
// line (TableRow::line) holds one tab after each cell, so when the count is its number of
// cells, none of its cells has a byte to escape and the line is written as it is. The writer
// asks it of every row; with SSE2 a test of 16 bytes is an unsigned minimum and two
// equalities, and the hits are summed lane by lane.
inline size_t count_control_or_backslash_portable(std::string_view s) {
  size_t count = 0;
  for (const char c : s) count += static_cast<unsigned char>(c) < 0x20 || c == '\\';
  return count;
}

#ifdef __SSE2__
// Lanes from `16 - n` on of a load at kLastLanes + n: the bytes of a final load that the
// whole blocks before it did not count.
inline constexpr unsigned char kLastLanes[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

inline size_t count_control_or_backslash_sse2(std::string_view s) {
  if (s.size() < 16) return count_control_or_backslash_portable(s);
  const __m128i controls = _mm_set1_epi8(0x1F);
  const __m128i backslash = _mm_set1_epi8('\\');
  auto hits = [&](const char* p) {  // 0xFF where a byte is <= 0x1F (its minimum with 0x1F is itself) or '\\'
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, controls), v), _mm_cmpeq_epi8(v, backslash));
  };
  // A hit is -1 in its lane: subtracting adds one. A lane holds up to 255, so the lanes are
  // summed (and restarted) at least every 255 blocks.
  auto sum_lanes = [](__m128i lanes) {
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    return static_cast<size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
  };
  size_t count = 0;
  size_t i = 0;
  while (s.size() - i >= 16) {
    const size_t stop = i + std::min<size_t>((s.size() - i) / 16, 255) * 16;
    __m128i lanes = _mm_setzero_si128();
    for (; i < stop; i += 16) lanes = _mm_sub_epi8(lanes, hits(s.data() + i));
    count += sum_lanes(lanes);
  }
  const size_t rest = s.size() - i;
  if (rest == 0) return count;
  // The last bytes: the sixteen that end the text, those counted already masked off.
  const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kLastLanes + rest));
  return count + sum_lanes(_mm_sub_epi8(_mm_setzero_si128(), _mm_and_si128(hits(s.data() + s.size() - 16), last)));
}
#endif

// The same with AVX2 (internal/tsv_scan_avx2.cpp). Only called where the CPU has it.
size_t count_control_or_backslash_avx2(std::string_view s);

inline size_t count_control_or_backslash(std::string_view s) {
#ifdef __SSE2__
  return cpu_features().avx2 ? count_control_or_backslash_avx2(s) : count_control_or_backslash_sse2(s);
#else
  return count_control_or_backslash_portable(s);
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
