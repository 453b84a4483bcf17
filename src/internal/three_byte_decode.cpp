#include "internal/three_byte_decode.hpp"

#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ZHPOLICY_HAVE_SSSE3_PATH 1
#endif

namespace zhpolicy::detail {

#ifdef ZHPOLICY_HAVE_SSSE3_PATH

namespace {

__attribute__((target("ssse3"))) size_t decode_groups_ssse3(const unsigned char*& p, const unsigned char* end,
                                                             char32_t* out, size_t room) {
  // Byte k of the group goes to lane k / 3 as (b0 << 16) | (b1 << 8) | b2; -1 clears.
  const __m128i gather = _mm_setr_epi8(2, 1, 0, -1, 5, 4, 3, -1, 8, 7, 6, -1, 11, 10, 9, -1);
  // As signed bytes, continuation bytes 0x80..0xBF are exactly those below (int8)0xC0;
  // leads E1..EF are (int8)(b - 0xE1 + 0x80) < (int8)(0x80 + 15), minus ED.
  const __m128i below_c0 = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i lead_shift = _mm_set1_epi8(static_cast<char>(0x80 - 0xE1));
  const __m128i lead_limit = _mm_set1_epi8(static_cast<char>(0x80 + 15));
  const __m128i ed = _mm_set1_epi8(static_cast<char>(0xED));
  const __m128i low6 = _mm_set1_epi32(0x3F);
  const __m128i mid6 = _mm_set1_epi32(0xFC0);
  const __m128i high4 = _mm_set1_epi32(0xF000);
  constexpr int kLeads = 0x249;         // bytes 0, 3, 6, 9
  constexpr int kContinuations = 0xDB6;  // bytes 1, 2, 4, 5, 7, 8, 10, 11
  size_t written = 0;
  const unsigned char* q = p;  // a local: through the reference every store would reload it
  while (end - q >= 16 && room - written >= 4) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const int continuation = _mm_movemask_epi8(_mm_cmplt_epi8(v, below_c0));
    const __m128i lead = _mm_andnot_si128(_mm_cmpeq_epi8(v, ed),
                                          _mm_cmplt_epi8(_mm_add_epi8(v, lead_shift), lead_limit));
    const int leads = _mm_movemask_epi8(lead);
    if ((continuation & 0xFFF) != kContinuations || (leads & kLeads) != kLeads) break;
    const __m128i x = _mm_shuffle_epi8(v, gather);
    // x = (b0 << 16) | (b1 << 8) | b2 per lane; the code point is
    // ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F).
    const __m128i c = _mm_or_si128(_mm_or_si128(_mm_and_si128(x, low6), _mm_and_si128(_mm_srli_epi32(x, 2), mid6)),
                                   _mm_and_si128(_mm_srli_epi32(x, 4), high4));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + written), c);
    q += 12;
    written += 4;
  }
  p = q;
  return written;
}

}  // namespace

bool three_byte_groups_supported() {
  // __builtin_cpu_init first: the first call may come from another static initialiser,
  // before libgcc has read the processor's features.
  static const bool supported = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("ssse3") != 0;
  }();
  return supported;
}

size_t decode_three_byte_groups(const unsigned char*& p, const unsigned char* end, char32_t* out, size_t room) {
  return three_byte_groups_supported() ? decode_groups_ssse3(p, end, out, room) : 0;
}

#else

bool three_byte_groups_supported() { return false; }

size_t decode_three_byte_groups(const unsigned char*&, const unsigned char*, char32_t*, size_t) { return 0; }

#endif

}  // namespace zhpolicy::detail
