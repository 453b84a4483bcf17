// UTF-8 primitives shared by the stages. Header-only so the hot loops inline them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace zhpolicy::detail {

// Length of the sequence a lead byte starts (1 for ASCII and for invalid lead bytes, which
// callers treat as one replacement character).
constexpr size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return lead <= 0xF4 ? 4 : 1;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC2) return 2;
  return 1;
}

// Decodes the code point at s[i] of *valid* UTF-8 and advances i. Never reads past the
// end: a truncated sequence yields U+FFFD and consumes the rest. (constexpr: the chrome
// screen reads the lexicon with it at compile time.)
constexpr char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  const size_t len = utf8_sequence_length(b0);
  if (len == 1 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = 0;
  if (len == 2) {
    c = (char32_t(b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
  } else if (len == 3) {
    c = (char32_t(b0 & 0x0F) << 12) | (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
        (static_cast<unsigned char>(s[i + 2]) & 0x3F);
  } else {
    c = (char32_t(b0 & 0x07) << 18) | (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 12) |
        (char32_t(static_cast<unsigned char>(s[i + 2]) & 0x3F) << 6) |
        (static_cast<unsigned char>(s[i + 3]) & 0x3F);
  }
  i += len;
  return c;
}

inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

inline size_t utf8_length_of(char32_t c) {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

// Continuation bytes (10xxxxxx) among the eight at p.
inline size_t continuation_bytes_in_8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  // Bit 7 of a byte survives iff the byte is 10xxxxxx; the multiply sums the eight 0/1
  // bytes (no popcnt instruction in the baseline x86-64 target).
  const uint64_t marks = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;
  return static_cast<size_t>((marks * 0x0101010101010101ULL) >> 56);
}

// Number of code points in valid UTF-8 (counts non-continuation bytes): every line and
// every copied piece of the clean text is counted. Eight bytes at a time here; 64 with
// SSE2 below.
inline size_t count_code_points_portable(std::string_view s) {
  size_t continuation = 0;
  size_t i = 0;
  for (; s.size() - i >= 8; i += 8) continuation += continuation_bytes_in_8(s.data() + i);
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuation;
}

#ifdef __SSE2__
// Continuation bytes (10xxxxxx) among the 64 bytes at p. As signed bytes they are exactly
// those below -64 (0x80..0xBF are -128..-65): each of the four compares counts a lane down
// once per such byte, and psadbw sums the lanes.
inline size_t continuation_bytes_in_64(const char* p) {
  const __m128i below = _mm_set1_epi8(-64);
  __m128i minus = _mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), below);
  for (int k = 1; k < 4; ++k) {
    minus = _mm_add_epi8(minus, _mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k)), below));
  }
  const __m128i sums = _mm_sad_epu8(_mm_sub_epi8(_mm_setzero_si128(), minus), _mm_setzero_si128());
  return static_cast<size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
}
#endif

// Continuation bytes among the last `count` (< 8) of the eight bytes at p: the others are
// shifted out (zero bytes are not continuation bytes). Most counted pieces are a few dozen
// bytes, and a byte loop over their tail cost as much as the words before it.
inline size_t continuation_bytes_in_last(const char* p, size_t count) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  word = count == 0 ? 0 : word >> (8 * (8 - count));
  const uint64_t marks = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;
  return static_cast<size_t>((marks * 0x0101010101010101ULL) >> 56);
}

inline size_t count_code_points(std::string_view s) {
  size_t i = 0;
  size_t continuation = 0;
#ifdef __SSE2__
  for (; s.size() - i >= 64; i += 64) continuation += continuation_bytes_in_64(s.data() + i);
#endif
  if (s.size() < 8) return i - continuation + count_code_points_portable(s.substr(i));
  for (; s.size() - i >= 8; i += 8) continuation += continuation_bytes_in_8(s.data() + i);
  continuation += continuation_bytes_in_last(s.data() + s.size() - 8, s.size() - i);
  return s.size() - continuation;
}

// Nonzero iff some byte of the eight in `word` equals `b`: the has-zero-byte test on
// word ^ (b in every byte). Byte scans use it to skip eight uninteresting bytes at a time.
inline uint64_t word_has_byte(uint64_t word, unsigned char b) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  const uint64_t x = word ^ (kOnes * b);
  return (x - kOnes) & ~x & 0x8080808080808080ULL;
}

// Byte offset of the code point `count` code points after the one starting at s[byte], in
// valid UTF-8. Many bytes at a time while they start no more code points than remain: the
// walk to a code point inside a 4 KiB source piece (CleanText::source_bytes) is on every
// row, and a walk of a few dozen CJK characters (a target's slices) is some ten words.
inline size_t skip_code_points(std::string_view s, size_t byte, size_t count) {
#ifdef __SSE2__
  // Sixty-four bytes start at least 16 code points (sequences are at most four bytes), so
  // a shorter walk does not look: a walk to the middle of a 4 KiB piece is some 2 KB of CJK.
  while (count >= 16 && s.size() - byte >= 64) {
    const size_t starts = 64 - continuation_bytes_in_64(s.data() + byte);
    if (starts > count) break;
    count -= starts;
    byte += 64;
  }
#endif
  while (count >= 2 && s.size() - byte >= 8) {
    const size_t starts = 8 - continuation_bytes_in_8(s.data() + byte);
    if (starts > count) break;
    count -= starts;
    byte += 8;
  }
  // The last block may have stopped inside a sequence whose lead byte it counted.
  while (byte < s.size() && (static_cast<unsigned char>(s[byte]) & 0xC0) == 0x80) ++byte;
  for (; count > 0; --count) byte += utf8_sequence_length(static_cast<unsigned char>(s[byte]));
  return byte;
}

// Byte offset of the code point `count` code points before the one starting at s[byte] (or
// before the end, byte == s.size()), in valid UTF-8: eight bytes at a time while they start
// fewer code points than remain, then byte by byte to the lead byte. A target's text and
// indicator are cut a few code points before the unit that was cut first.
inline size_t back_code_points(std::string_view s, size_t byte, size_t count) {
  while (count >= 2 && byte >= 8) {
    const size_t starts = 8 - continuation_bytes_in_8(s.data() + byte - 8);
    if (starts >= count) break;  // the code point starts in these eight bytes
    count -= starts;
    byte -= 8;
  }
  for (; count > 0; --count) {
    do --byte;
    while ((static_cast<unsigned char>(s[byte]) & 0xC0) == 0x80);
  }
  return byte;
}

// CJK unified ideographs (with extension A and the supplementary planes) and compatibility.
constexpr bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

}  // namespace zhpolicy::detail
