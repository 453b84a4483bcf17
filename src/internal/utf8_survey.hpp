// The UTF-8 survey decode() decides on: how many invalid sequences, how many non-ASCII
// ones, how many of those are three bytes long, and where the first invalid one starts.
//
// The scalar walk (survey_utf8_scalar_steps) is the definition. The vector versions check
// 64 bytes at a time and count lead bytes in blocks proven valid; wherever a block is not
// valid they hand that stretch to the scalar walk, so every count and `first_invalid`
// are exactly the scalar ones. The walk has no state but its position, which is what
// makes handing over at any sequence boundary exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace zhpolicy::detail {

struct Utf8Survey {
  size_t invalid = 0;     // invalid sequences; a maximal bad run counts once
  size_t multibyte = 0;   // valid non-ASCII sequences
  size_t three_byte = 0;  // of those, three-byte ones: CJK lives there
  size_t first_invalid = 0;
};

// kFirstInvalid stops at the first invalid sequence: `invalid` is then 0 or 1 and
// `first_invalid` exact, the other counts cover only the bytes before it. kValidity stops
// there too but leaves the other counts 0: the check that a text is UTF-8, which the vector
// versions make without counting the leads of the blocks they find valid.
enum class Utf8SurveyEnd { kWhole, kFirstInvalid, kValidity };

inline bool stops_at_first_invalid(Utf8SurveyEnd end) { return end != Utf8SurveyEnd::kWhole; }

// `r` as a survey ending with `end` gives it: without counts for kValidity.
inline Utf8Survey finished_survey(Utf8Survey r, Utf8SurveyEnd end) {
  if (end == Utf8SurveyEnd::kValidity) r.multibyte = r.three_byte = 0;
  return r;
}

// The ways to run a survey; the fastest the CPU has is the default, the others exist for
// tests (each must agree with kScalar on every input).
enum class Utf8SurveyImpl { kScalar, kSsse3, kAvx2 };

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid.
inline size_t valid_utf8_sequence_length(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const size_t n = s.size();
  auto cont = [&](size_t k) {
    return i + k < n && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (b0 < 0x80) return 1;
  if (b0 < 0xC2) return 0;
  if (b0 < 0xE0) return cont(1) ? 2 : 0;
  if (b0 < 0xF0) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
    if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b0 > 0xF4 || !cont(1) || !cont(2) || !cont(3)) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b0 == 0xF0 && b1 < 0x90) return 0;   // overlong
  if (b0 == 0xF4 && b1 >= 0x90) return 0;  // > U+10FFFF
  return 4;
}

// The scalar walk: from the sequence boundary i, surveys whole sequences while i < stop
// (a sequence may end beyond stop; i is left on the boundary after it). With
// kFirstInvalid it returns right after counting the first invalid sequence.
void survey_utf8_scalar_steps(std::string_view s, size_t& i, size_t stop, Utf8Survey& r,
                              Utf8SurveyEnd end);

Utf8Survey survey_utf8(std::string_view s, Utf8SurveyEnd end = Utf8SurveyEnd::kWhole);

bool utf8_survey_impl_available(Utf8SurveyImpl impl);
// Runs `impl`, which must be available.
Utf8Survey survey_utf8_with(Utf8SurveyImpl impl, std::string_view s,
                            Utf8SurveyEnd end = Utf8SurveyEnd::kWhole);

// The vector versions (utf8_survey_avx2.cpp, utf8_survey_ssse3.cpp); only on x86.
Utf8Survey survey_utf8_avx2(std::string_view s, Utf8SurveyEnd end);
Utf8Survey survey_utf8_ssse3(std::string_view s, Utf8SurveyEnd end);

}  // namespace zhpolicy::detail
