#include "internal/chrome_screen.hpp"

#include <cstddef>
#include <string_view>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ZHPOLICY_HAVE_AVX2_SCREEN 1
#endif

#include "internal/compact_form.hpp"
#include "internal/cpu_features.hpp"
#include "internal/fold_lookup.hpp"
#include "internal/utf8.hpp"

namespace zhpolicy::detail {
namespace {
#include "boilerplate_data.inc"

constexpr char32_t kNoCompact = ~char32_t{0};

// The compact form of code point c (compact_form.hpp), or kNoCompact: at compile time for
// the table, and at run time for the rare pair that may open a marker.
constexpr char32_t compact_code_point(char32_t c) {
  char32_t compact = kNoCompact;
  compact_one(lookup(kFoldStage1, c), &compact);
  return compact;
}

// A kContains marker's first two compact code points.
struct Pair {
  char32_t first = 0, second = 0;
};

// (A lexicon with more would not build: a write past the array is no constant expression.)
constexpr size_t kMaxContainedPairs = 256;

struct ScreenTable {
  uint8_t flags[0x10000 + 3] = {};  // three more: a gather reads four bytes at each entry
  Pair contained_pairs[kMaxContainedPairs] = {};
  size_t contained_pair_count = 0;
};

// Flags by compact code point and the kContains markers' pairs, from the lexicon's lines
// (kind, match, pattern; parsed as boilerplate.cpp parses them); then flags by code point.
constexpr ScreenTable screen_table() {
  ScreenTable by_compact{};
  const char* const tsv = k_boilerplate_tsv;
  size_t i = 0;
  while (tsv[i] != '\0') {
    size_t end = i;
    while (tsv[end] != '\0' && tsv[end] != '\n') ++end;
    if (end > i && tsv[i] != '#') {
      size_t field = i;
      while (tsv[field] != '\t') ++field;  // the kind
      const bool contains = tsv[field + 1] == 'c';  // "contains" (the others: "prefix", "exact")
      ++field;
      while (tsv[field] != '\t') ++field;
      size_t at = field + 1;
      Pair pattern{kNoCompact, kNoCompact};
      size_t length = 0;
      while (at < end) {
        const char32_t x = compact_code_point(next_code_point(std::string_view(tsv, end), at));
        if (x == kNoCompact) continue;
        if (length == 0) pattern.first = x;
        if (length == 1) pattern.second = x;
        ++length;
      }
      if (length > 0 && pattern.first < 0x10000) {
        by_compact.flags[pattern.first] |= kScreenStartsMarker;
        if (contains) by_compact.flags[pattern.first] |= length == 1 ? kScreenIsContained : kScreenStartsContained;
      }
      if (contains && length > 1) {
        if (pattern.second < 0x10000) by_compact.flags[pattern.second] |= kScreenSecondContained;
        by_compact.contained_pairs[by_compact.contained_pair_count++] = pattern;
      }
    }
    i = tsv[end] == '\0' ? end : end + 1;
  }
  ScreenTable table{};
  for (char32_t c = 0; c < 0x10000; ++c) {
    const char32_t x = compact_code_point(c);
    if (x == kNoCompact) {
      table.flags[c] = kScreenSpace;
      continue;
    }
    table.flags[c] = by_compact.flags[x];
    if (x >= '0' && x <= '9') table.flags[c] |= kScreenDigit;
    if (x == '>') table.flags[c] |= kScreenPath;
    if (is_han(c) || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      table.flags[c] |= kScreenWord;
    }
  }
  for (size_t k = 0; k < by_compact.contained_pair_count; ++k) table.contained_pairs[k] = by_compact.contained_pairs[k];
  table.contained_pair_count = by_compact.contained_pair_count;
  return table;
}

constexpr ScreenTable kScreenTable = screen_table();

// Whether compact code points of a and b open a kContains marker; asked only of pairs whose
// flags say they may (kScreenStartsContained, then kScreenSecondContained).
bool opens_contained_marker(char32_t a, char32_t b) {
  const Pair pair{compact_code_point(a), compact_code_point(b)};
  for (size_t k = 0; k < kScreenTable.contained_pair_count; ++k) {
    const Pair& p = kScreenTable.contained_pairs[k];
    if (p.first == pair.first && p.second == pair.second) return true;
  }
  return false;
}

}  // namespace

uint8_t screen_flags(char32_t c) { return kScreenTable.flags[c]; }

bool screen_code_points(const char32_t* begin, const char32_t* end, ScreenState& state) {
  for (const char32_t* c = begin; c != end; ++c) {
    if (*c > 0xFFFF) return true;
    const uint8_t flags = kScreenTable.flags[*c];
    if ((flags & kScreenSpace) != 0) continue;
    state.seen |= flags;
    if ((flags & (kScreenPath | kScreenIsContained)) != 0) return true;
    if (state.first && (flags & (kScreenStartsMarker | kScreenDigit)) != 0) return true;
    if ((state.before & kScreenStartsContained) != 0 && (flags & kScreenSecondContained) != 0 &&
        opens_contained_marker(state.before_code_point, *c)) {
      return true;
    }
    state.first = false;
    state.before = flags;
    state.before_code_point = *c;
  }
  return false;
}

#ifdef ZHPOLICY_HAVE_AVX2_SCREEN
__attribute__((target("avx2"))) bool screen_code_points_avx2(const char32_t* begin, const char32_t* end,
                                                             ScreenState& state) {
  const __m256i above_bmp = _mm256_set1_epi32(static_cast<int>(0xFFFF0000u));
  const __m256i low8 = _mm256_set1_epi32(0xFF);
  const __m256i space = _mm256_set1_epi32(kScreenSpace);
  const __m256i second = _mm256_set1_epi32(kScreenSecondContained);
  const __m256i one_back = _mm256_setr_epi32(7, 0, 1, 2, 3, 4, 5, 6);
  const auto* table = reinterpret_cast<const int*>(kScreenTable.flags);
  __m256i seen = _mm256_setzero_si256();
  const char32_t* c = begin;
  for (; end - c >= 8; c += 8) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c));
    if (!_mm256_testz_si256(v, above_bmp)) return true;
    // The flags of c are the low byte of the four bytes at flags + c.
    const __m256i flags = _mm256_and_si256(_mm256_i32gather_epi32(table, v, 1), low8);
    // Each code point's flags beside those of the one before it (the one before the eight:
    // state.before): where one starts a kContains marker and the next may be its second.
    const __m256i before = _mm256_blend_epi32(_mm256_permutevar8x32_epi32(flags, one_back),
                                              _mm256_set1_epi32(state.before), 1);
    const __m256i pairs = _mm256_and_si256(_mm256_and_si256(_mm256_slli_epi32(before, 1), flags), second);
    // Eights with a space (the pairs skip it) or a possible pair go one by one.
    if (!_mm256_testz_si256(flags, space) || !_mm256_testz_si256(pairs, pairs)) {
      if (screen_code_points(c, c + 8, state)) return true;
      continue;
    }
    // While none has been seen, lane 0 of eight without a space is the first compact code
    // point, which may start any marker.
    if (state.first) {
      if ((_mm256_cvtsi256_si32(flags) & (kScreenStartsMarker | kScreenDigit)) != 0) return true;
      state.first = false;
    }
    seen = _mm256_or_si256(seen, flags);
    state.before = kScreenTable.flags[c[7]];
    state.before_code_point = c[7];
  }
  __m128i folded = _mm_or_si128(_mm256_castsi256_si128(seen), _mm256_extracti128_si256(seen, 1));
  folded = _mm_or_si128(folded, _mm_shuffle_epi32(folded, 0x4E));
  folded = _mm_or_si128(folded, _mm_shuffle_epi32(folded, 0xB1));
  state.seen |= static_cast<uint8_t>(_mm_cvtsi128_si32(folded));
  if ((state.seen & (kScreenPath | kScreenIsContained)) != 0) return true;
  return screen_code_points(c, end, state);
}
#endif

bool may_be_chrome(std::u32string_view code_points) {
  const char32_t* const begin = code_points.data();
  const char32_t* const end = begin + code_points.size();
  ScreenState state;
#ifdef ZHPOLICY_HAVE_AVX2_SCREEN
  if (cpu_features().avx2 ? screen_code_points_avx2(begin, end, state) : screen_code_points(begin, end, state)) {
    return true;
  }
#else
  if (screen_code_points(begin, end, state)) return true;
#endif
  return (state.seen & kScreenWord) == 0;
}

}  // namespace zhpolicy::detail
