// The run of characters clean's line scan passes over without decoding: most of a Chinese
// page. A character is plain when it is printable ASCII other than '(' and '_' (pinyin
// openers), a CJK ideograph (lead 0xE4..0xE9: U+4000..U+9FFF), CJK punctuation (lead 0xE3)
// other than U+3000, a full-width form (lead 0xEF) other than （ and U+FEFF, or punctuation
// and symbols of lead 0xE2 (“”—…※①) outside U+2000..U+200F, U+2028..U+202F and
// U+2040..U+207F (spaces, zero widths, line breaks). A single ASCII space is plain before a
// plain ASCII character or ideograph: it is kept as it is, and cannot be a leading or
// trailing space nor stand before a pinyin annotation. Everything else (other spaces,
// controls, Latin letters, （, U+3000, U+FEFF) stops the run and is looked at one character
// at a time.
//
// The run also counts its code points, so that the scan never counts a line again: its
// lead bytes, each 0xE2 / 0xE3 / 0xEF character taken whole as one. On valid UTF-8 a run
// that starts at a character boundary ends at one, and holds only whole characters of three
// bytes or one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace zhpolicy::detail {

struct PlainRun {
  size_t end;          // offset of the first character that is not plain
  size_t code_points;  // in the run
};

// A plain ASCII byte, a continuation byte or the lead of a CJK ideograph.
inline bool is_plain_byte(unsigned char b) {
  return (b > 0x20 && b < 0x7F && b != '(' && b != '_') || (b >= 0x80 && b <= 0xBF) ||
         (b >= 0xE4 && b <= 0xE9);
}

// Whether a plain character may start with byte b.
inline bool may_start_plain(unsigned char b) {
  return is_plain_byte(b) || b == ' ' || b == 0xE2 || b == 0xE3 || b == 0xEF;
}

// Whether the character at t[i] is a plain one of lead 0xE2, 0xE3 or 0xEF (three bytes,
// all before `end`).
inline bool is_plain_punctuation(std::string_view t, size_t i, size_t end) {
  if (end - i < 3) return false;
  const auto lead = static_cast<unsigned char>(t[i]);
  const auto b1 = static_cast<unsigned char>(t[i + 1]);
  const auto b2 = static_cast<unsigned char>(t[i + 2]);
  if (lead == 0xE2) return b1 >= 0x82 || (b1 == 0x80 && ((b2 >= 0x90 && b2 <= 0xA7) || b2 >= 0xB0));
  if (lead == 0xE3) return !(b1 == 0x80 && b2 == 0x80);                                 // U+3000
  if (lead == 0xEF) return !((b1 == 0xBB && b2 == 0xBF) || (b1 == 0xBC && b2 == 0x88));  // U+FEFF, （
  return false;
}

// Bytes of the plain character at t[i] whose first byte is not plain: a punctuation mark
// (3) or a single space (1); 0 where the run stops.
inline size_t plain_character_length(std::string_view t, size_t i, size_t end) {
  if (t[i] == ' ') return end - i >= 2 && is_plain_byte(static_cast<unsigned char>(t[i + 1])) ? 1 : 0;
  return is_plain_punctuation(t, i, end) ? 3 : 0;
}

// Whether a plain run ending at `run_end` (not empty, valid UTF-8) ends with a Han
// character (is_han()): an ideograph, CJK extension A (U+3400..U+4DBF, leads 0xE3 and 0xE4)
// or a compatibility ideograph (U+F900..U+FAFF, lead 0xEF); not the hexagrams
// U+4DC0..U+4DFF between them.
inline bool plain_run_ends_in_han(std::string_view t, size_t run_end) {
  if ((static_cast<unsigned char>(t[run_end - 1]) & 0x80) == 0) return false;
  const auto lead = static_cast<unsigned char>(t[run_end - 3]);
  const auto b1 = static_cast<unsigned char>(t[run_end - 2]);
  if (lead == 0xE2) return false;
  if (lead == 0xE3) return b1 >= 0x90;
  if (lead == 0xEF) return b1 >= 0xA4 && b1 <= 0xAB;
  if (lead == 0xE4) return b1 != 0xB7;  // U+4DC0..U+4DFF
  return true;
}

// The plain run of `t` that starts at i and ends by `end`.
inline PlainRun plain_run_portable(std::string_view t, size_t i, size_t end) {
  size_t code_points = 0;
  while (i < end) {
    const auto b = static_cast<unsigned char>(t[i]);
    if (is_plain_byte(b)) {
      code_points += (b & 0xC0) != 0x80;
      ++i;
    } else if (const size_t length = plain_character_length(t, i, end); length != 0) {
      ++code_points;
      i += length;
    } else {
      break;
    }
  }
  return {i, code_points};
}

#ifdef __SSE2__
// Sixteen bytes at a time, the continuation bytes passed summed in vector lanes; a space or
// a 0xE2 / 0xE3 / 0xEF lead stops a block and is looked at alone. SSE2 compares are signed: a byte range
// [lo, hi] is tested as (int8)(b + 0x80 - lo) < (int8)(0x80 + hi - lo + 1 - 0x100), i.e.
// b - lo <= hi - lo unsigned.
inline PlainRun plain_run_sse2(std::string_view t, size_t i, size_t end) {
  const auto in_range = [](__m128i v, unsigned char lo, unsigned char hi) {
    const __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo)));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(0x80 + (hi - lo) + 1)));
  };
  const __m128i open_paren = _mm_set1_epi8('(');
  const __m128i underscore = _mm_set1_epi8('_');
  const __m128i one = _mm_set1_epi8(1);
  const __m128i lane = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  __m128i continuation_sums = _mm_setzero_si128();  // two 64-bit lanes
  size_t scanned = 0;                               // bytes the blocks passed
  size_t looked_at = 0;                             // characters passed alone
  auto code_points = [&] {
    return scanned + looked_at - static_cast<size_t>(_mm_cvtsi128_si32(continuation_sums)) -
           static_cast<size_t>(_mm_extract_epi16(continuation_sums, 4));
  };
  while (end - i >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data() + i));
    const __m128i continuation = in_range(v, 0x80, 0xBF);
    const __m128i ascii = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, open_paren), _mm_cmpeq_epi8(v, underscore)),
                                           in_range(v, 0x21, 0x7E));
    const __m128i plain = _mm_or_si128(ascii, _mm_or_si128(continuation, in_range(v, 0xE4, 0xE9)));
    const unsigned stops = static_cast<unsigned>(_mm_movemask_epi8(plain)) ^ 0xFFFFu;
    const int taken = stops == 0 ? 16 : __builtin_ctz(stops);
    const __m128i passed = stops == 0 ? continuation
                                      : _mm_and_si128(continuation, _mm_cmplt_epi8(lane, _mm_set1_epi8(static_cast<char>(taken))));
    continuation_sums = _mm_add_epi64(continuation_sums, _mm_sad_epu8(_mm_and_si128(passed, one), _mm_setzero_si128()));
    scanned += static_cast<size_t>(taken);
    i += static_cast<size_t>(taken);
    if (stops == 0) continue;
    const size_t length = plain_character_length(t, i, end);
    if (length == 0) return {i, code_points()};
    ++looked_at;
    i += length;
  }
  const PlainRun tail = plain_run_portable(t, i, end);
  return {tail.end, code_points() + tail.code_points};
}
#endif

inline PlainRun plain_run(std::string_view t, size_t i, size_t end) {
  // Many of the scan's calls find no run, the first character not plain: that is told before
  // the vector loop sets up its constants.
  if (i == end || !may_start_plain(static_cast<unsigned char>(t[i]))) return {i, 0};
#ifdef __SSE2__
  return plain_run_sse2(t, i, end);
#else
  return plain_run_portable(t, i, end);
#endif
}

}  // namespace zhpolicy::detail
