// The row scan of internal/tsv_scan.hpp with AVX2: thirty-two bytes a compare, where SSE2's
// sixteen (and the register copies its two-operand forms need) were a third of writing a
// targets row.
#include "internal/tsv_scan.hpp"

#if defined(__x86_64__)

#include <immintrin.h>

#include "internal/target_region.hpp"

// Everything below is compiled for AVX2; count_control_or_backslash only calls it on CPUs
// that have it.
ZHPOLICY_TARGET_REGION_BEGIN("avx2")

namespace zhpolicy::detail {

namespace {

// Lanes from `32 - n` on of a load at kLastLanes32 + n (as kLastLanes for sixteen).
alignas(64) constexpr unsigned char kLastLanes32[64] = {
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

// 0xFF where a byte of the 32 at p is <= 0x1F (its minimum with 0x1F is itself) or '\\'.
__m256i hits(const char* p) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  return _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1F)), v),
                         _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\')));
}

// A hit is -1 in its lane: subtracted, it adds one to the lane's count.
size_t sum_lanes(__m256i lanes) {
  const __m256i sums = _mm256_sad_epu8(lanes, _mm256_setzero_si256());
  const __m128i halves = _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
  return static_cast<size_t>(_mm_cvtsi128_si64(_mm_add_epi64(halves, _mm_unpackhi_epi64(halves, halves))));
}

}  // namespace

size_t count_control_or_backslash_avx2(std::string_view s) {
  if (s.size() < 32) return count_control_or_backslash_sse2(s);
  size_t count = 0;
  size_t i = 0;
  while (s.size() - i >= 32) {  // lanes summed at least every 255 blocks, as they hold 255
    const size_t stop = i + std::min<size_t>((s.size() - i) / 32, 255) * 32;
    __m256i lanes = _mm256_setzero_si256();
    for (; i < stop; i += 32) lanes = _mm256_sub_epi8(lanes, hits(s.data() + i));
    count += sum_lanes(lanes);
  }
  const size_t rest = s.size() - i;
  if (rest == 0) return count;
  // The last bytes: the 32 that end the text, those counted already masked off.
  const __m256i last = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kLastLanes32 + rest));
  return count + sum_lanes(_mm256_sub_epi8(_mm256_setzero_si256(), _mm256_and_si256(hits(s.data() + s.size() - 32), last)));
}

}  // namespace zhpolicy::detail

ZHPOLICY_TARGET_REGION_END()

#else  // not x86-64: never chosen, defined for the linker

namespace zhpolicy::detail {

size_t count_control_or_backslash_avx2(std::string_view s) { return count_control_or_backslash_portable(s); }

}  // namespace zhpolicy::detail

#endif
