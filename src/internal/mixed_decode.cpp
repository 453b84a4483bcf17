#include "internal/mixed_decode.hpp"

#include <cstddef>
#include <cstdint>

#include "internal/cpu_features.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ZHPOLICY_HAVE_SSSE3_PATH 1
#endif

namespace zhpolicy::detail {

bool mixed_decode_supported() { return cpu_features().ssse3; }

#ifdef ZHPOLICY_HAVE_SSSE3_PATH
namespace {

// The byte shuffles of decode_mixed_ssse3's mixed step, one for each way its first four code
// points can be one byte (ASCII) or three (bit k of the index set: the k-th is three). Each
// puts code point k in lane k as (b0 << 16) | (b1 << 8) | b2, an ASCII byte as b2 alone; -1
// (0x80) clears a byte.
struct MixedShuffles {
  alignas(16) int8_t bytes[16][16];
};
constexpr MixedShuffles mixed_shuffles() {
  MixedShuffles table{};
  for (int kinds = 0; kinds < 16; ++kinds) {
    int at = 0;
    for (int k = 0; k < 4; ++k) {
      int8_t* lane = table.bytes[kinds] + 4 * k;
      if ((kinds >> k) & 1) {
        lane[0] = static_cast<int8_t>(at + 2);
        lane[1] = static_cast<int8_t>(at + 1);
        lane[2] = static_cast<int8_t>(at);
        lane[3] = -1;
        at += 3;
      } else {
        lane[0] = static_cast<int8_t>(at);
        lane[1] = lane[2] = lane[3] = -1;
        at += 1;
      }
    }
  }
  return table;
}
constexpr MixedShuffles kMixedShuffles = mixed_shuffles();

// The mixed step's reading of sixteen bytes by where valid three-byte sequences start among
// the first ten (bit i: one starts at byte i), every other byte taken for ASCII: the kinds of
// the first four code points (a MixedShuffles index), the bytes they take, and those of them
// that must be ASCII for the reading to hold.
struct MixedStep {
  uint16_t ascii;  // bit i: byte i must be ASCII
  uint8_t kinds;
  uint8_t bytes;
};
struct MixedSteps {
  MixedStep by_starts[1024];
};
constexpr MixedSteps mixed_steps() {
  MixedSteps table{};
  for (unsigned starts = 0; starts < 1024; ++starts) {
    MixedStep& step = table.by_starts[starts];
    unsigned at = 0;
    for (unsigned k = 0; k < 4; ++k) {
      if ((starts >> at) & 1) {
        step.kinds = static_cast<uint8_t>(step.kinds | (1u << k));
        at += 3;
      } else {
        step.ascii = static_cast<uint16_t>(step.ascii | (1u << at));
        at += 1;
      }
    }
    step.bytes = static_cast<uint8_t>(at);
  }
  return table;
}
constexpr MixedSteps kMixedSteps = mixed_steps();

// Decodes [p, end) into [out, out_end) sixteen bytes at a time while sixteen can be read and
// written, for text that mixes ASCII and three-byte sequences in short runs (a clean text:
// "第1条", "2025年"): decode_some() starts over at every change between the two, about once
// every seventeen code points of a policy text, and its start costs more than the run. Each
// step takes what its sixteen bytes begin with:
//   - four ASCII bytes or more: all sixteen widened, the ASCII prefix kept;
//   - four valid three-byte sequences: decoded as a group, and the groups after it in a
//     loop of their own (most of a Chinese text);
//   - else four code points each ASCII or a valid three-byte sequence, in one shuffle chosen
//     by where the sequences start (a run's end and the next one's start in one step:
//     "校14所");
//   - else one code point: an ASCII byte, or a sequence through decode_multibyte() (a lead
//     E0 or ED, two- and four-byte sequences, invalid bytes).
// Valid sequences decode as decode_multibyte() decodes them, so the result is
// decode_some()'s on any input. Advances p; returns the new end of the output.
__attribute__((target("ssse3"))) char32_t* decode_mixed_ssse3(const unsigned char*& p, const unsigned char* end,
                                                            char32_t* out, char32_t* const out_end) {
  const __m128i zero = _mm_setzero_si128();
  // As signed bytes, continuation bytes 0x80..0xBF are exactly those below (int8)0xC0;
  // leads E1..EF are (int8)(b - 0xE1 + 0x80) < (int8)(0x80 + 15), minus ED (surrogates;
  // E0, whose overlong forms need a check, is left to decode_multibyte() too).
  const __m128i below_c0 = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i lead_shift = _mm_set1_epi8(static_cast<char>(0x80 - 0xE1));
  const __m128i lead_limit = _mm_set1_epi8(static_cast<char>(0x80 + 15));
  const __m128i ed = _mm_set1_epi8(static_cast<char>(0xED));
  // Lanes of (b0 << 16) | (b1 << 8) | b2 (b0 = b1 = 0 for ASCII) to code points:
  // ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x7F), a continuation byte's bit 6
  // being clear. In two multiply-adds instead of shifts and masks: bytes b2 + 64 * b1 and
  // b0 as two 16-bit halves, then low + 4096 * high.
  const __m128i payload = _mm_set1_epi32(0x000F7F7F);
  const __m128i byte_weights = _mm_set1_epi32(0x00014001);  // bytes 1, 64, 1, 0
  const __m128i half_weights = _mm_set1_epi32(0x10000001);  // halves 1, 4096
  const auto code_points = [&](__m128i x) __attribute__((target("ssse3"))) {
    return _mm_madd_epi16(_mm_maddubs_epi16(_mm_and_si128(x, payload), byte_weights), half_weights);
  };
  const __m128i group = _mm_load_si128(reinterpret_cast<const __m128i*>(kMixedShuffles.bytes[15]));
  // Whether the first twelve bytes of v are four valid three-byte sequences: each byte of
  // the shape 1110xxxx 10xxxxxx 10xxxxxx, and no lead E0 or ED.
  const __m128i shape_bits = _mm_setr_epi8(-16, -64, -64, -16, -64, -64, -16, -64, -64, -16, -64, -64, 0, 0, 0, 0);
  const __m128i shape = _mm_setr_epi8(-32, -128, -128, -32, -128, -128, -32, -128, -128, -32, -128, -128, 0, 0, 0, 0);
  const __m128i e0 = _mm_set1_epi8(static_cast<char>(0xE0));
  const __m128i lead_bytes = _mm_setr_epi8(-1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0);
  const auto whole_group = [&](__m128i v) {
    const __m128i shaped = _mm_cmpeq_epi8(_mm_and_si128(v, shape_bits), shape);
    const __m128i e0_ed = _mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(v, e0), _mm_cmpeq_epi8(v, ed)), lead_bytes);
    return _mm_movemask_epi8(_mm_andnot_si128(e0_ed, shaped)) == 0xFFFF;
  };
  if (end - p < 16 || out_end - out < 16) return out;
  const unsigned char* q = p;  // a local: through the reference every store would reload it
  const unsigned char* const last_load = end - 16;
  char32_t* const last_store = out_end - 16;
  while (q <= last_load && out <= last_store) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    // Whole groups follow each other without a new pass of the outer loop: the sixteen
    // bytes after one are loaded and tested in place, and the step that ends a run of them
    // reads them as they are.
    while (true) {
      // The group test first: a run of groups (the usual step) then skips the ASCII test.
      if (whole_group(v)) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), code_points(_mm_shuffle_epi8(v, group)));
        q += 12;
        out += 4;
        if (q > last_load || out > last_store) break;
        v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
        continue;
      }
      const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
      if ((high & 0xF) == 0) {
        const __m128i low8 = _mm_unpacklo_epi8(v, zero);
        const __m128i high8 = _mm_unpackhi_epi8(v, zero);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_unpacklo_epi16(low8, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4), _mm_unpackhi_epi16(low8, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 8), _mm_unpacklo_epi16(high8, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 12), _mm_unpackhi_epi16(high8, zero));
        const unsigned ascii = high == 0 ? 16 : static_cast<unsigned>(__builtin_ctz(high));
        q += ascii;
        out += ascii;
        break;
      }
      // Four code points, each ASCII or a valid three-byte sequence: read by where the
      // sequences start, then checked that the other bytes are ASCII.
      const auto continuation = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(v, below_c0)));
      const auto leads = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_andnot_si128(_mm_cmpeq_epi8(v, ed), _mm_cmplt_epi8(_mm_add_epi8(v, lead_shift), lead_limit))));
      const unsigned three = leads & (continuation >> 1) & (continuation >> 2);  // bit i: one starts at byte i
      const MixedStep step = kMixedSteps.by_starts[three & 0x3FF];
      if ((step.ascii & high) != 0) {  // not that: an ASCII byte, or the caller's turn
        if ((high & 1) != 0) goto done;
        *out++ = *q++;
        break;
      }
      const __m128i shuffle = _mm_load_si128(reinterpret_cast<const __m128i*>(kMixedShuffles.bytes[step.kinds]));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), code_points(_mm_shuffle_epi8(v, shuffle)));
      q += step.bytes;
      out += 4;
      break;
    }
  }
done:
  p = q;
  return out;
}

}  // namespace

char32_t* decode_mixed(const unsigned char*& p, const unsigned char* end, char32_t* out, char32_t* out_end) {
  return mixed_decode_supported() ? decode_mixed_ssse3(p, end, out, out_end) : out;
}

#else

char32_t* decode_mixed(const unsigned char*&, const unsigned char*, char32_t* out, char32_t*) { return out; }

#endif

}  // namespace zhpolicy::detail
