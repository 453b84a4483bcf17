#include "internal/damage.hpp"

#include <cstdint>

#include "internal/cpu_features.hpp"
#include "internal/target_region.hpp"
#include "internal/utf8.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

namespace zhpolicy::detail {
namespace {

constexpr size_t kMaxGap = 6;

bool is_strong(char32_t c) {
  return c == 0xFFFD || (c >= 0x3100 && c <= 0x312F) ||  // bopomofo: never in body text
         (c >= 0xE000 && c <= 0xF8FF) ||                 // private use
         (c >= 0x2474 && c <= 0x249B);                   // ⑴…⒛ parenthesized/dotted numbers
}

bool is_weak(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '?' || c == '!' || c == ')' ||
         c == '(' || c == '`' || c == '^' || c == '~' || (c >= 0xC0 && c <= 0x24F);
}

bool is_interrogative(char32_t c) {
  switch (c) {
    case U'吗': case U'嗎': case U'呢': case U'么': case U'麼': case U'吧': case U'何':
    case U'谁': case U'誰': case U'哪': case U'几': case U'幾': case U'怎': case U'否':
      return true;
    default:
      return false;
  }
}

bool follows_interrogative(std::u32string_view t, size_t i) {
  for (size_t k = i >= 4 ? i - 4 : 0; k < i; ++k) {
    if (is_interrogative(t[k])) return true;
  }
  return false;
}

bool is_question_mark_seed(std::u32string_view t, size_t i) {
  if (follows_interrogative(t, i)) return false;
  const char32_t next = i + 1 < t.size() ? t[i + 1] : U'\n';
  const char32_t prev = i > 0 ? t[i - 1] : U'\n';
  auto ascii_alnum = [](char32_t x) {
    return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z');
  };
  if (ascii_alnum(prev) && ascii_alnum(next)) return false;  // a URL query: "index.php?id=3"
  if (is_han(next) || (next >= '0' && next <= '9') || is_weak(next) || is_strong(next)) return true;
  return is_weak(prev) || is_strong(prev);
}

bool is_sentence_end(char32_t c) {
  return c == '\n' || c == U'。' || c == U'！' || c == U'；' || c == U'？';
}

// Length of a known mojibake word at t[i], or 0.
size_t mojibake_word_length(std::u32string_view t, size_t i) {
  static constexpr std::u32string_view kWords[] = {U"锟斤拷", U"烫烫烫", U"屯屯屯", U"Ã©", U"â€"};
  for (std::u32string_view w : kWords) {
    if (t.compare(i, w.size(), w) == 0) return w.size();
  }
  return 0;
}

}  // namespace

// Whether a code point can never seed a span: ASCII but '?', the ideographs U+4E00..U+9FFF
// but 锟烫屯, CJK punctuation U+3000..U+303F, the full-width forms U+FF00..U+FFEF and the
// dashes, quotes and ellipsis of general punctuation U+2010..U+2027. The bulk of a text is
// these. (“ and ” alone were nine in ten of the stops of the scan on the seeds and samples
// before the last range was quiet: a stop costs a pass of find_damaged_spans' loop and a
// new scan, the range two instructions a step.)
bool is_quiet(char32_t c) {
  return (c < 0x80 && c != '?') || (c >= 0x4E00 && c <= 0x9FFF && c != U'锟' && c != U'烫' && c != U'屯') ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x2010 && c <= 0x2027);
}

namespace {

// The scan of next_loud() below, as sixteen-bit lanes: every quiet code point is in the BMP,
// and packing c - 0x8000 with signed saturation keeps each BMP code point exact (as
// c ^ 0x8000) while every larger one saturates to 0x7FFF, which reads as U+FFFF, a loud one.
// Half the compares of testing the 32-bit code points. A lane for c:
constexpr int16_t lane_of(uint32_t c) { return static_cast<int16_t>(static_cast<uint16_t>(c ^ 0x8000)); }
// c in [lo, hi]: c - lo below hi - lo + 1 unsigned, which is a signed compare once both
// sides are moved by 0x8000, as the lane x = c - 0x8000 already is: x - lo < lane_of(hi - lo + 1).

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define ZHPOLICY_HAVE_AVX2_LOUD 1
// Compiled for AVX2; next_loud() only calls it on processors that have it.
ZHPOLICY_TARGET_REGION_BEGIN("avx2")

inline __m256i below_avx2(__m256i x, uint32_t c) { return _mm256_cmpgt_epi16(_mm256_set1_epi16(lane_of(c)), x); }
inline __m256i in_range_avx2(__m256i x, uint32_t lo, uint32_t hi) {
  return below_avx2(_mm256_sub_epi16(x, _mm256_set1_epi16(static_cast<int16_t>(lo))), hi - lo + 1);
}
inline __m256i is_avx2(__m256i x, char32_t c) { return _mm256_cmpeq_epi16(x, _mm256_set1_epi16(lane_of(c))); }

// Sixteen code points a step, two loads packed into one register.
size_t next_loud_avx2(std::u32string_view t, size_t i) {
  const __m256i bias = _mm256_set1_epi32(0x8000);
  for (; t.size() - i >= 16; i += 16) {
    const auto* p = reinterpret_cast<const __m256i*>(t.data() + i);
    // packs works within each 128-bit half: the permute puts the lanes back in text order.
    const __m256i x = _mm256_permute4x64_epi64(
        _mm256_packs_epi32(_mm256_sub_epi32(_mm256_loadu_si256(p), bias), _mm256_sub_epi32(_mm256_loadu_si256(p + 1), bias)),
        0xD8);
    const __m256i plain = _mm256_or_si256(
        _mm256_or_si256(_mm256_or_si256(below_avx2(x, 0x80), in_range_avx2(x, 0x4E00, 0x9FFF)),
                        _mm256_or_si256(in_range_avx2(x, 0x3000, 0x303F), in_range_avx2(x, 0xFF00, 0xFFEF))),
        in_range_avx2(x, 0x2010, 0x2027));
    const __m256i seeds = _mm256_or_si256(_mm256_or_si256(is_avx2(x, '?'), is_avx2(x, U'锟')),
                                          _mm256_or_si256(is_avx2(x, U'烫'), is_avx2(x, U'屯')));
    const auto quiet = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_andnot_si256(seeds, plain)));
    if (quiet != 0xFFFFFFFFu) return i + static_cast<size_t>(__builtin_ctz(~quiet)) / 2;
  }
  return i;
}

ZHPOLICY_TARGET_REGION_END()
#endif

}  // namespace

// Offset of the first code point at or after i that is not quiet, or t.size(): sixteen a
// step with AVX2, then (or without it) eight with SSE2, in the sixteen-bit lanes above.
size_t next_loud(std::u32string_view t, size_t i) {
#ifdef ZHPOLICY_HAVE_AVX2_LOUD
  if (t.size() - i >= 16 && cpu_features().avx2) {
    i = next_loud_avx2(t, i);
    if (t.size() - i >= 16) return i;  // it stopped at a loud one
  }
#endif
#ifdef __SSE2__
  const __m128i bias = _mm_set1_epi32(0x8000);
  const auto below = [](__m128i x, uint32_t c) { return _mm_cmplt_epi16(x, _mm_set1_epi16(lane_of(c))); };
  const auto in_range = [&](__m128i x, uint32_t lo, uint32_t hi) {
    return below(_mm_sub_epi16(x, _mm_set1_epi16(static_cast<int16_t>(lo))), hi - lo + 1);
  };
  const auto is = [](__m128i x, char32_t c) { return _mm_cmpeq_epi16(x, _mm_set1_epi16(lane_of(c))); };
  for (; t.size() - i >= 8; i += 8) {
    const auto* p = reinterpret_cast<const __m128i*>(t.data() + i);
    const __m128i x = _mm_packs_epi32(_mm_sub_epi32(_mm_loadu_si128(p), bias), _mm_sub_epi32(_mm_loadu_si128(p + 1), bias));
    const __m128i plain = _mm_or_si128(_mm_or_si128(_mm_or_si128(below(x, 0x80), in_range(x, 0x4E00, 0x9FFF)),
                                                    _mm_or_si128(in_range(x, 0x3000, 0x303F), in_range(x, 0xFF00, 0xFFEF))),
                                       in_range(x, 0x2010, 0x2027));
    const __m128i seeds = _mm_or_si128(_mm_or_si128(is(x, '?'), is(x, U'锟')), _mm_or_si128(is(x, U'烫'), is(x, U'屯')));
    const int quiet = _mm_movemask_epi8(_mm_andnot_si128(seeds, plain));
    if (quiet != 0xFFFF) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(~quiet & 0xFFFF))) / 2;
  }
#endif
  while (i < t.size() && is_quiet(t[i])) ++i;
  return i;
}

std::vector<DamagedSpan> find_damaged_spans(std::u32string_view t) {
  std::vector<DamagedSpan> spans;
  size_t i = 0;
  while (i < t.size()) {
    // The bulk of a text, ideographs, ASCII and punctuation, seeds nothing; only 锟烫屯
    // among the ideographs and '?' in ASCII can (see below).
    i = next_loud(t, i);
    if (i == t.size()) break;
    const char32_t c = t[i];
    size_t seed_len = 0;
    if (c == '?') {
      seed_len = is_question_mark_seed(t, i) ? 1 : 0;
    } else if (is_strong(c)) {
      seed_len = 1;
    } else if (c == U'锟' || c == U'烫' || c == U'屯' || c == U'Ã' || c == U'â') {
      seed_len = mojibake_word_length(t, i);
    }
    if (seed_len == 0) {
      ++i;
      continue;
    }
    size_t start = i;
    while (start > 0 && (is_weak(t[start - 1]) || is_strong(t[start - 1]))) --start;
    size_t end = i + seed_len;
    // Grow right: over suspects, and over short gaps of ordinary text between suspects.
    size_t k = end;
    while (k < t.size() && k - end <= kMaxGap && !is_sentence_end(t[k])) {
      // Inside a span, any '?' that does not end a question is lost bytes.
      const bool suspect = t[k] == '?' ? !follows_interrogative(t, k) : is_weak(t[k]) || is_strong(t[k]);
      if (suspect || mojibake_word_length(t, k) > 0) {
        end = k + 1;
      }
      ++k;
    }
    if (!spans.empty() && start <= spans.back().end) {
      spans.back().end = static_cast<uint32_t>(end);
    } else {
      spans.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    }
    i = end;
  }
  return spans;
}

}  // namespace zhpolicy::detail
