// Stage 3, normalize: the folded shadow of the clean text, one code point per code point.
//
// The problem. Later stages match phrases ("不低于", "3～5", "學校") in text that mixes
// full-width and ASCII forms, several dashes, and traditional and simplified characters.
// Matching every variant in every pattern would multiply the patterns; instead we fold the
// text once into a shadow and match on that. Offsets must survive: a match at code points
// [12, 18) of the shadow is [12, 18) of the clean text, so every fold maps one code point
// to one code point.
//
// The approach. What a character folds to is ICU's decision, taken at build time by
// src/tools/gen_fold_table.cpp and compiled in as fold_table_data.inc: a two-level table
// of 16-bit deltas (stage 1 by code point >> 8, shared blocks of 256), which is expanded at
// compile time into the folds of the whole BMP. At run time a fold is one load (two loads
// and an add outside the BMP); ICU is not involved.
//
// Speed. Most bytes of a policy text are either ASCII (numbers, markup remnants) or
// three-byte CJK. ASCII folds to itself, so runs of it are widened eight bytes at a time
// without looking at the table. Everything else is decoded by hand with its validity
// checked: the decode stage promises valid UTF-8, but a broken promise must cost a U+FFFD
// per bad byte, never a read past the end. The output's capacity is reserved once by
// counting the bytes that start a code point (exact for valid input), and filled from a
// small decoding buffer. On this project's mix (about 90% of bytes in CJK characters) that
// runs at about 1 GB/s of UTF-8 input on one core; ICU's Hant-Hans runs at about 10 MB/s.
#include "zhpolicy/normalize.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ZHPOLICY_HAVE_AVX2_FOLD 1
#endif

#include "internal/code_points_counted.hpp"
#include "internal/cpu_features.hpp"
#include "internal/fold_lookup.hpp"
#include "internal/mixed_decode.hpp"

namespace zhpolicy {
namespace detail {
namespace {

static_assert(kFoldAsciiIdentity, "the ASCII fast path below copies ASCII unfolded");

constexpr char32_t kReplacement = 0xFFFD;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

static_assert(kFoldTableEnd > 0xFFFF, "bmp() below skips the range check");

// The fold of every BMP code point, one array lookup: the two-level table's CJK blocks are
// all distinct (traditional -> simplified), so for Chinese text the flat table touches no
// more cache than they do, and a fold is a load instead of two loads and three additions
// (about a third of the instructions of folding a text). 128 KiB, computed at compile time,
// and one entry more: a gather (fold_bmp_eights_avx2) reads four bytes for each entry's two.
struct BmpFoldTable {
  uint16_t folded[0x10000 + 1];
};
constexpr BmpFoldTable bmp_fold_table() {
  BmpFoldTable table{};
  for (uint32_t c = 0; c < 0x10000; ++c) {
    table.folded[c] = static_cast<uint16_t>(c + kFoldDeltas[kFoldStage1[c >> 8] * 256u + (c & 0xFF)]);
  }
  return table;
}
constexpr BmpFoldTable kBmpFold = bmp_fold_table();

// Folds for decode(): bmp() is called for code points known to be below U+10000.
struct FullFold {
  static char32_t bmp(char32_t c) { return kBmpFold.folded[c]; }
  static char32_t any(char32_t c) { return lookup(kFoldStage1, c); }
};

struct NoFold {
  static char32_t bmp(char32_t c) { return c; }
  static char32_t any(char32_t c) { return c; }
};

#ifdef ZHPOLICY_HAVE_AVX2_FOLD
// Folds from `in` into `out` (which may be `in`) eight code points a step while eight are
// left and all eight are in the BMP, with one gather of their table entries (eight loads,
// where the four-at-a-time loop below spends about five instructions a code point). Returns
// how many it folded.
__attribute__((target("avx2"))) size_t fold_bmp_eights_avx2(const char32_t* in, const char32_t* end,
                                                             char32_t* out) {
  const __m256i above_bmp = _mm256_set1_epi32(static_cast<int>(0xFFFF0000u));
  const __m256i low16 = _mm256_set1_epi32(0xFFFF);
  const auto* table = reinterpret_cast<const int*>(kBmpFold.folded);
  const char32_t* const begin = in;
  for (; end - in >= 8; in += 8, out += 8) {
    const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
    if (!_mm256_testz_si256(c, above_bmp)) break;
    // The entry of c is the low half of the four bytes at byte 2c (little-endian).
    const __m256i entries = _mm256_i32gather_epi32(table, c, 2);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), _mm256_and_si256(entries, low16));
  }
  return static_cast<size_t>(in - begin);
}
#endif

// Eight at a time with AVX2 where the processor has it; where it stops (eight that are not
// all in the BMP), eight are folded here and it goes on. Advances in and out.
inline void fold_eights(const char32_t*& in, const char32_t* const end, char32_t*& out) {
#ifdef ZHPOLICY_HAVE_AVX2_FOLD
  if (!cpu_features().avx2) return;
  while (end - in >= 8) {
    const size_t folded = fold_bmp_eights_avx2(in, end, out);
    in += folded;
    out += folded;
    if (end - in < 8) break;
    for (int k = 0; k < 8; ++k) out[k] = FullFold::any(in[k]);
    in += 8;
    out += 8;
  }
#else
  (void)in;
  (void)end;
  (void)out;
#endif
}

// Folds [in, end) into out (which may be in). After fold_eights(), four at a time while the
// four are in the BMP: ASCII folds to itself through the table like any other BMP code
// point, so a BMP code point needs no test of its own and the per-character branches go.
inline void fold_span_to(const char32_t* in, const char32_t* const end, char32_t* out) {
  fold_eights(in, end, out);
  for (; end - in >= 4; in += 4, out += 4) {
    const char32_t c0 = in[0], c1 = in[1], c2 = in[2], c3 = in[3];
    if ((c0 | c1 | c2 | c3) < 0x10000) {
      out[0] = FullFold::bmp(c0);
      out[1] = FullFold::bmp(c1);
      out[2] = FullFold::bmp(c2);
      out[3] = FullFold::bmp(c3);
      continue;
    }
    for (int k = 0; k < 4; ++k) out[k] = FullFold::any(in[k]);
  }
  for (; in != end; ++in, ++out) *out = *in < 0x10000 ? FullFold::bmp(*in) : FullFold::any(*in);
}

inline void fold_span(char32_t* c, char32_t* const end) { fold_span_to(c, end, c); }

inline uint64_t load8(const unsigned char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Bytes that start a code point (not 10xxxxxx), eight at a time: for valid UTF-8 this is
// the number of code points.
size_t count_lead_bytes(const unsigned char* begin, const unsigned char* end) {
  size_t continuation = 0;
  const unsigned char* p = begin;
  for (; end - p >= 8; p += 8) {
    const uint64_t word = load8(p);
    // Bit 7 of a byte survives iff the byte is 10xxxxxx (bit 6 is shifted under bit 7).
    const uint64_t marks = (word & ~(word << 1) & kHighBits) >> 7;
    continuation += (marks * 0x0101010101010101ULL) >> 56;  // sum of eight 0/1 bytes
  }
  for (; p < end; ++p) continuation += (*p & 0xC0) == 0x80;
  return static_cast<size_t>(end - begin) - continuation;
}

// Decodes the non-ASCII sequence at p (p < end, *p >= 0x80) and advances p past it. A lead
// byte without its continuation bytes, a stray continuation byte, an overlong form, a
// surrogate or a value above U+10FFFF gives U+FFFD and advances one byte.
inline char32_t decode_multibyte(const unsigned char*& p, const unsigned char* end) {
  const char32_t b0 = p[0];
  const ptrdiff_t available = end - p;
  if (b0 >= 0xE0) {
    if (b0 < 0xF0) {  // three bytes: almost every CJK character and CJK punctuation
      if (available >= 3) {
        const char32_t b1 = p[1];
        const char32_t b2 = p[2];
        const char32_t c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        if ((((b1 & 0xC0) ^ 0x80) | ((b2 & 0xC0) ^ 0x80)) == 0 && c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
          p += 3;
          return c;
        }
      }
    } else if (available >= 4) {  // four bytes: CJK extensions B.., emoji
      const char32_t b1 = p[1];
      const char32_t b2 = p[2];
      const char32_t b3 = p[3];
      const char32_t c = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
      if (b0 <= 0xF4 && (((b1 & 0xC0) ^ 0x80) | ((b2 & 0xC0) ^ 0x80) | ((b3 & 0xC0) ^ 0x80)) == 0 &&
          c >= 0x10000 && c <= 0x10FFFF) {
        p += 4;
        return c;
      }
    }
  } else if (b0 >= 0xC2 && available >= 2) {  // two bytes: Latin-1 supplement, Greek, ...
    const char32_t b1 = p[1];
    if ((b1 & 0xC0) == 0x80) {
      p += 2;
      return ((b0 & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  ++p;
  return kReplacement;
}

// Decodes and folds the run of three-byte sequences at p with leads E1..EC or EE..EF, which
// can be neither overlong nor a surrogate, so two continuation bytes make them valid (E0 and
// ED are left to decode_multibyte). Advances p; returns the new end of the output.
template <typename Fold>
char32_t* decode_three_byte_run(const unsigned char*& p, const unsigned char* end, char32_t* out,
                                char32_t* out_end) {
  size_t room = std::min<size_t>(static_cast<size_t>(end - p) / 3, static_cast<size_t>(out_end - out));
  const unsigned char* q = p;
  for (; room > 0; --room, q += 3) {
    const uint32_t b0 = q[0];
    if (b0 - 0xE1 > 0xEF - 0xE1 || b0 == 0xED) break;
    const uint32_t b1 = q[1];
    const uint32_t b2 = q[2];
    if (((b1 ^ 0x80) | (b2 ^ 0x80)) & 0xC0) break;  // both must be 10xxxxxx
    *out++ = Fold::bmp(((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
  }
  p = q;
  return out;
}

// Decodes and folds [p, end) into [out, out_end) until either runs out; advances p and
// returns the new end of the output.
template <typename Fold>
char32_t* decode_some(const unsigned char*& p, const unsigned char* end, char32_t* out, char32_t* out_end) {
  while (p < end && out < out_end) {
    // Sixteen bytes a step where the processor can (mixed_decode.hpp), then one character
    // at a time from where it stopped.
    if (end - p >= 16 && out_end - out >= 16) {
      char32_t* const mixed_end = decode_mixed(p, end, out, out_end);
      for (; out != mixed_end; ++out) *out = Fold::bmp(*out);
    }
    if (p == end || out == out_end) break;
    const char32_t b0 = *p;
    if (b0 < 0x80) {
      while (end - p >= 8 && out_end - out >= 8) {
        const uint64_t word = load8(p);
        if (word & kHighBits) break;
        for (int i = 0; i < 8; ++i) out[i] = p[i];
        p += 8;
        out += 8;
      }
      while (p < end && out < out_end && *p < 0x80) *out++ = *p++;
      continue;
    }
    // Inline path for the common case, a run of valid three-byte sequences (CJK); the rest,
    // and everything invalid, goes through decode_multibyte().
    char32_t* const run_end = decode_three_byte_run<Fold>(p, end, out, out_end);
    if (run_end != out) {
      out = run_end;
      continue;
    }
    *out++ = Fold::any(decode_multibyte(p, end));
  }
  return out;
}

// Decodes in chunks through a small buffer that stays in L1: appending a chunk is cheaper
// than zero-filling the whole result first (std::u32string has no uninitialized resize,
// and its fill is a loop of one code point a step, four times the instructions of the copy).
// `capacity`: the number of code points expected (a wrong one costs a reallocation, never a
// wrong result).
template <typename Fold>
std::u32string decode(std::string_view text, size_t capacity) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  std::u32string out;
  out.reserve(capacity);
  constexpr size_t kChunk = 2048;
  char32_t chunk[kChunk];
  while (p < end) {
    const char32_t* chunk_end = decode_some<Fold>(p, end, chunk, chunk + kChunk);
    out.append(chunk, static_cast<size_t>(chunk_end - chunk));
  }
  return out;
}

template <typename Fold>
std::u32string decode(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  return decode<Fold>(text, count_lead_bytes(p, p + text.size()));  // exact for valid UTF-8
}

inline bool is_scalar_value(char32_t c) { return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF); }

inline size_t utf8_length(char32_t c) {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c < 0x10000 || !is_scalar_value(c)) return 3;  // surrogates and junk become U+FFFD
  return 4;
}

}  // namespace
}  // namespace detail

char32_t fold_char(char32_t c) { return detail::lookup(detail::kFoldStage1, c); }

char32_t to_simplified_char(char32_t c) { return detail::lookup(detail::kT2sStage1, c); }

std::u32string normalize(std::string_view clean_text) { return detail::decode<detail::FullFold>(clean_text); }

void fold_in_place(std::u32string& text) { detail::fold_span(text.data(), text.data() + text.size()); }

std::u32string fold(std::u32string_view text) {
  // Folded a chunk at a time into a buffer that stays in L1, and appended: neither a copy
  // of the text to fold in place nor a zero fill to write into (std::u32string has no
  // uninitialized resize) before the fold's own pass.
  std::u32string out;
  out.reserve(text.size());
  constexpr size_t kChunk = 2048;
  char32_t chunk[kChunk];
  for (size_t i = 0; i < text.size(); i += kChunk) {
    const size_t n = std::min(kChunk, text.size() - i);
    detail::fold_span_to(text.data() + i, text.data() + i + n, chunk);
    out.append(chunk, n);
  }
  return out;
}

std::u32string to_code_points(std::string_view text) { return detail::decode<detail::NoFold>(text); }

namespace {

constexpr size_t kFoldChunk = 512;  // code points decoded and folded at a time, in L1

}  // namespace

// Through a chunk that stays in L1, into the strings' existing buffers.
void decode_and_fold(std::string_view text, std::u32string& code_points, std::u32string& folded) {
  code_points.clear();
  folded.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  char32_t chunk[kFoldChunk];
  while (p < end) {
    char32_t* const chunk_end = detail::decode_some<detail::NoFold>(p, end, chunk, chunk + kFoldChunk);
    const auto n = static_cast<size_t>(chunk_end - chunk);
    code_points.append(chunk, n);
    detail::fold_span(chunk, chunk_end);
    folded.append(chunk, n);
  }
}

namespace detail {

std::u32string to_code_points_counted(std::string_view text, size_t count) { return decode<NoFold>(text, count); }

char32_t* decode_into(const unsigned char*& p, const unsigned char* end, char32_t* out, char32_t* out_end) {
  return decode_some<NoFold>(p, end, out, out_end);
}

}  // namespace detail

std::string to_utf8(std::u32string_view text) {
  size_t size = 0;
  for (char32_t c : text) size += detail::utf8_length(c);
  std::string out(size, '\0');
  char* q = out.data();
  for (char32_t c : text) {
    if (c < 0x80) {
      *q++ = static_cast<char>(c);
      continue;
    }
    if (!detail::is_scalar_value(c)) c = detail::kReplacement;
    if (c < 0x800) {
      *q++ = static_cast<char>(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
      *q++ = static_cast<char>(0xE0 | (c >> 12));
      *q++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    } else {
      *q++ = static_cast<char>(0xF0 | (c >> 18));
      *q++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *q++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    }
    *q++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

const char* fold_table_unicode_version() { return detail::kFoldTableUnicodeVersion; }

const char* fold_table_icu_version() { return detail::kFoldTableIcuVersion; }

}  // namespace zhpolicy
