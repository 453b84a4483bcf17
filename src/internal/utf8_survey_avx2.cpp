// The UTF-8 survey with AVX2: 32 bytes a vector, two vectors a block.
#include "internal/utf8_survey.hpp"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#include <cstring>  // every header the block survey uses, outside the target region
#include <string_view>

#include "internal/target_region.hpp"

// Everything below is compiled for AVX2; survey_utf8() only calls it on CPUs that have it.
ZHPOLICY_TARGET_REGION_BEGIN("avx2,popcnt")

#include "internal/utf8_survey_blocks.hpp"

namespace zhpolicy::detail {

namespace {

struct Avx2 {
  using Vec = __m256i;
  static constexpr size_t kWidth = 32;

  static Vec load(const char* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static Vec zero() { return _mm256_setzero_si256(); }
  static Vec splat(int b) { return _mm256_set1_epi8(static_cast<char>(b)); }
  static Vec and_(Vec a, Vec b) { return _mm256_and_si256(a, b); }
  static Vec or_(Vec a, Vec b) { return _mm256_or_si256(a, b); }
  static Vec xor_(Vec a, Vec b) { return _mm256_xor_si256(a, b); }
  static Vec subs(Vec a, Vec b) { return _mm256_subs_epu8(a, b); }
  static Vec high_nibbles(Vec x) { return _mm256_and_si256(_mm256_srli_epi16(x, 4), splat(0x0F)); }
  static Vec low_nibbles(Vec x) { return _mm256_and_si256(x, splat(0x0F)); }
  // pshufb looks up within each 128-bit lane, so the table is in both.
  static Vec lookup(const utf8_blocks::Table16& t, Vec index) {
    const __m128i table = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.v));
    return _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(table), index);
  }
  // The bytes of `input` moved on by N, the first N taken from the end of `before`.
  template <int N>
  static Vec prev(Vec input, Vec before) {
    return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(before, input, 0x21), 16 - N);
  }
  static bool any(Vec x) { return !_mm256_testz_si256(x, x); }
  static uint32_t sign_bits(Vec x) { return static_cast<uint32_t>(_mm256_movemask_epi8(x)); }
  static uint32_t at_least_0xC0(Vec x) {
    return sign_bits(_mm256_cmpeq_epi8(_mm256_max_epu8(x, splat(0xC0)), x));
  }
  static uint32_t in_0xE0_0xEF(Vec x) {
    return sign_bits(_mm256_cmpeq_epi8(_mm256_and_si256(x, splat(0xF0)), splat(0xE0)));
  }
  // Largest byte that ends no sequence early, for the last three positions.
  static Vec tail_limits() {
    return _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xF0 - 1),
                            static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
  }
};

}  // namespace

Utf8Survey survey_utf8_avx2(std::string_view s, Utf8SurveyEnd end) {
  return utf8_blocks::BlockSurvey<Avx2>::run(s, end);
}

}  // namespace zhpolicy::detail

ZHPOLICY_TARGET_REGION_END()

#else  // not x86: never chosen, defined for the linker

namespace zhpolicy::detail {
Utf8Survey survey_utf8_avx2(std::string_view s, Utf8SurveyEnd end) {
  return survey_utf8_with(Utf8SurveyImpl::kScalar, s, end);
}
}  // namespace zhpolicy::detail

#endif
