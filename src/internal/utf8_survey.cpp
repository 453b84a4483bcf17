// The scalar survey walk, which defines the counts, and the choice of implementation.
#include "internal/utf8_survey.hpp"

#include <cstring>

#include "internal/cpu_features.hpp"

namespace zhpolicy::detail {

namespace {

// Length in bytes of the run of plainly valid three-byte sequences at s[i]: leads E1..EC
// and EE..EF can be neither overlong nor a surrogate, so two continuation bytes make them
// valid. The bulk of a Chinese text goes through here without a call per character.
size_t three_byte_run(std::string_view s, size_t i) {
  const size_t start = i;
  const size_t n = s.size();
  while (n - i >= 3) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b0 < 0xE1 || b0 == 0xED || b0 > 0xEF || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) break;
    i += 3;
  }
  return i - start;
}

bool cpu_has_avx2() { return cpu_features().avx2 && cpu_features().popcnt; }
bool cpu_has_ssse3() { return cpu_features().ssse3 && cpu_features().popcnt; }

Utf8Survey survey_utf8_scalar(std::string_view s, Utf8SurveyEnd end) {
  Utf8Survey r;
  size_t i = 0;
  survey_utf8_scalar_steps(s, i, s.size(), r, end);
  return finished_survey(r, end);
}

using SurveyFunction = Utf8Survey (*)(std::string_view, Utf8SurveyEnd);

SurveyFunction best_survey() {
  if (cpu_has_avx2()) return &survey_utf8_avx2;
  if (cpu_has_ssse3()) return &survey_utf8_ssse3;
  return &survey_utf8_scalar;
}

}  // namespace

void survey_utf8_scalar_steps(std::string_view s, size_t& i, size_t stop, Utf8Survey& r,
                              Utf8SurveyEnd end) {
  const size_t n = s.size();
  while (i < stop) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= stop) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= stop) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    if (const size_t run = three_byte_run(s, i); run > 0) {
      r.multibyte += run / 3;
      r.three_byte += run / 3;
      i += run;
      continue;
    }
    const size_t len = valid_utf8_sequence_length(s, i);
    if (len == 0) {
      if (r.invalid == 0) r.first_invalid = i;
      ++r.invalid;
      ++i;
      while (i < n && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;  // same bad run
      if (stops_at_first_invalid(end)) return;
    } else {
      ++r.multibyte;
      r.three_byte += len == 3;
      i += len;
    }
  }
}

Utf8Survey survey_utf8(std::string_view s, Utf8SurveyEnd end) {
  static const SurveyFunction best = best_survey();
  return best(s, end);
}

bool utf8_survey_impl_available(Utf8SurveyImpl impl) {
  switch (impl) {
    case Utf8SurveyImpl::kScalar: return true;
    case Utf8SurveyImpl::kSsse3: return cpu_has_ssse3();
    case Utf8SurveyImpl::kAvx2: return cpu_has_avx2();
  }
  return false;
}

Utf8Survey survey_utf8_with(Utf8SurveyImpl impl, std::string_view s, Utf8SurveyEnd end) {
  switch (impl) {
    case Utf8SurveyImpl::kSsse3: return survey_utf8_ssse3(s, end);
    case Utf8SurveyImpl::kAvx2: return survey_utf8_avx2(s, end);
    case Utf8SurveyImpl::kScalar: break;
  }
  return survey_utf8_scalar(s, end);
}

}  // namespace zhpolicy::detail
