// The line pass's masks with AVX2 (internal/segment_scan.hpp): thirty-two code points a
// block, the same tests as the SSE2 loop on sixteen-bit lanes, sixteen at a time.
#include "internal/segment_scan.hpp"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#include <cstddef>  // every header the masks use, outside the target region
#include <cstdint>

#include "internal/target_region.hpp"

// Everything below is compiled for AVX2; for_each_non_plain only calls it on CPUs that have it.
ZHPOLICY_TARGET_REGION_BEGIN("avx2")

namespace zhpolicy::detail {

namespace {

// As in for_each_non_plain_sse2: c - 0x8000 packed to sixteen bits with signed saturation,
// then a compare per plain range. All ones in the lanes of the sixteen code points at p that
// are plain, in the order the pack leaves them (see below).
__m256i plain16(const char32_t* p) {
  const __m256i bias = _mm256_set1_epi32(0x8000);
  const __m256i lo = _mm256_sub_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)), bias);
  const __m256i hi = _mm256_sub_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 8)), bias);
  const __m256i y = _mm256_packs_epi32(lo, hi);
  const __m256i cjk = _mm256_cmpgt_epi16(_mm256_set1_epi16(static_cast<int16_t>(kPlainEnd - kPlainFirst - 0x8000)),
                                         _mm256_sub_epi16(y, _mm256_set1_epi16(static_cast<int16_t>(kPlainFirst))));
  const __m256i ascii =
      _mm256_cmpgt_epi16(_mm256_set1_epi16(static_cast<int16_t>(int{kPlainAsciiEnd - kPlainAsciiFirst} - 0x8000)),
                         _mm256_sub_epi16(y, _mm256_set1_epi16(static_cast<int16_t>(kPlainAsciiFirst))));
  const __m256i comma = _mm256_cmpeq_epi16(y, _mm256_set1_epi16(static_cast<int16_t>(int{kPlainComma} - 0x8000)));
  return _mm256_or_si256(_mm256_or_si256(cjk, ascii), comma);
}

}  // namespace

void non_plain_masks_avx2(const char32_t* text, size_t blocks, uint32_t* masks) {
  // The packs work within each 128-bit half: the bytes come out as the code points
  // 0-3 8-11 16-19 24-27 | 4-7 12-15 20-23 28-31, four to a dword, put back in order here.
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  for (size_t b = 0; b < blocks; ++b) {
    const char32_t* p = text + 32 * b;
    const __m256i plain = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(plain16(p), plain16(p + 16)), order);
    masks[b] = ~static_cast<uint32_t>(_mm256_movemask_epi8(plain));
  }
}

}  // namespace zhpolicy::detail

ZHPOLICY_TARGET_REGION_END()

#else  // not x86: never chosen, defined for the linker

namespace zhpolicy::detail {

void non_plain_masks_avx2(const char32_t*, size_t, uint32_t*) {}

}  // namespace zhpolicy::detail

#endif
