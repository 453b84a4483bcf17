// The document walk's masks with AVX2 (internal/flag_scan.hpp): eight code points a gather
// of their table entries, four gathers a block of thirty-two.
#include "internal/flag_scan.hpp"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#include "internal/target_region.hpp"

// Everything below is compiled for AVX2; for_each_flagged only calls it on CPUs that have it.
ZHPOLICY_TARGET_REGION_BEGIN("avx2")

namespace zhpolicy::detail {

namespace {

// Bit k set iff p[k] (k < 8) is below U+10000 and flagged. The gather reads the four bytes
// at each code point's entry (scale 1: the code point is the byte offset) and keeps the
// first; a lane beyond the BMP is not read (its mask lane is clear) and stays zero.
uint32_t flagged8(const char32_t* p, const uint8_t* flags) {
  const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i zero = _mm256_setzero_si256();
  const __m256i in_bmp = _mm256_cmpeq_epi32(_mm256_srli_epi32(c, 16), zero);
  const __m256i entries =
      _mm256_mask_i32gather_epi32(zero, reinterpret_cast<const int*>(flags), c, in_bmp, 1);
  const __m256i flagged = _mm256_cmpgt_epi32(_mm256_and_si256(entries, _mm256_set1_epi32(0xFF)), zero);
  return static_cast<uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(flagged)));
}

}  // namespace

void flagged_masks_avx2(const char32_t* text, size_t blocks, const uint8_t* flags, uint32_t* masks) {
  for (size_t b = 0; b < blocks; ++b) {
    const char32_t* p = text + 32 * b;
    masks[b] = flagged8(p, flags) | flagged8(p + 8, flags) << 8 | flagged8(p + 16, flags) << 16 |
               flagged8(p + 24, flags) << 24;
  }
}

}  // namespace zhpolicy::detail

ZHPOLICY_TARGET_REGION_END()

#else  // not x86: never chosen, defined for the linker

namespace zhpolicy::detail {

void flagged_masks_avx2(const char32_t*, size_t, const uint8_t*, uint32_t*) {}

}  // namespace zhpolicy::detail

#endif
