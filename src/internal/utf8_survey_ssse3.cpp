// The UTF-8 survey with SSSE3 (pshufb, palignr): 16 bytes a vector, four vectors a block.
#include "internal/utf8_survey.hpp"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#include <cstring>  // every header the block survey uses, outside the target region
#include <string_view>

#include "internal/target_region.hpp"

// Everything below is compiled for SSSE3; survey_utf8() only calls it on CPUs that have it.
ZHPOLICY_TARGET_REGION_BEGIN("ssse3,popcnt")

#include "internal/utf8_survey_blocks.hpp"

namespace zhpolicy::detail {

namespace {

struct Ssse3 {
  using Vec = __m128i;
  static constexpr size_t kWidth = 16;

  static Vec load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
  static Vec zero() { return _mm_setzero_si128(); }
  static Vec splat(int b) { return _mm_set1_epi8(static_cast<char>(b)); }
  static Vec and_(Vec a, Vec b) { return _mm_and_si128(a, b); }
  static Vec or_(Vec a, Vec b) { return _mm_or_si128(a, b); }
  static Vec xor_(Vec a, Vec b) { return _mm_xor_si128(a, b); }
  static Vec subs(Vec a, Vec b) { return _mm_subs_epu8(a, b); }
  static Vec high_nibbles(Vec x) { return _mm_and_si128(_mm_srli_epi16(x, 4), splat(0x0F)); }
  static Vec low_nibbles(Vec x) { return _mm_and_si128(x, splat(0x0F)); }
  static Vec lookup(const utf8_blocks::Table16& t, Vec index) {
    return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.v)), index);
  }
  // The bytes of `input` moved on by N, the first N taken from the end of `before`.
  template <int N>
  static Vec prev(Vec input, Vec before) {
    return _mm_alignr_epi8(input, before, 16 - N);
  }
  // No ptest before SSE4.1: compare with zero instead.
  static bool any(Vec x) { return _mm_movemask_epi8(_mm_cmpeq_epi8(x, zero())) != 0xFFFF; }
  static uint32_t sign_bits(Vec x) { return static_cast<uint32_t>(_mm_movemask_epi8(x)); }
  static uint32_t at_least_0xC0(Vec x) {
    return sign_bits(_mm_cmpeq_epi8(_mm_max_epu8(x, splat(0xC0)), x));
  }
  static uint32_t in_0xE0_0xEF(Vec x) {
    return sign_bits(_mm_cmpeq_epi8(_mm_and_si128(x, splat(0xF0)), splat(0xE0)));
  }
  // Largest byte that ends no sequence early, for the last three positions.
  static Vec tail_limits() {
    return _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                         static_cast<char>(0xF0 - 1), static_cast<char>(0xE0 - 1),
                         static_cast<char>(0xC0 - 1));
  }
};

}  // namespace

Utf8Survey survey_utf8_ssse3(std::string_view s, Utf8SurveyEnd end) {
  return utf8_blocks::BlockSurvey<Ssse3>::run(s, end);
}

}  // namespace zhpolicy::detail

ZHPOLICY_TARGET_REGION_END()

#else  // not x86: never chosen, defined for the linker

namespace zhpolicy::detail {
Utf8Survey survey_utf8_ssse3(std::string_view s, Utf8SurveyEnd end) {
  return survey_utf8_with(Utf8SurveyImpl::kScalar, s, end);
}
}  // namespace zhpolicy::detail

#endif
