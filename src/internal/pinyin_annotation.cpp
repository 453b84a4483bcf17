#include "internal/pinyin_annotation.hpp"

#include <cstring>

#include "internal/utf8.hpp"

namespace zhpolicy::detail {
namespace {

// Vowels with tone marks (pinyin tones 1-4, including ü and the rare ê̄/ḿ/ń/ň/ǹ forms).
bool is_toned_vowel(char32_t c) {
  switch (c) {
    case U'ā': case U'á': case U'ǎ': case U'à':
    case U'ē': case U'é': case U'ě': case U'è':
    case U'ī': case U'í': case U'ǐ': case U'ì':
    case U'ō': case U'ó': case U'ǒ': case U'ò':
    case U'ū': case U'ú': case U'ǔ': case U'ù':
    case U'ǖ': case U'ǘ': case U'ǚ': case U'ǜ':
    case U'ḿ': case U'ń': case U'ň': case U'ǹ':
      return true;
    default:
      return false;
  }
}

// Neutral-tone syllables converters write without a mark.
bool is_neutral_syllable(std::string_view s) {
  static constexpr const char* kNeutral[] = {"de", "le", "me", "men", "ne", "ma", "ba", "zi", "zhe", "tou", "li"};
  for (const char* n : kNeutral) {
    if (s == n) return true;
  }
  return false;
}

}  // namespace

size_t pinyin_annotation_length(std::string_view text, size_t i) {
  size_t j = i;
  if (text[j] == '_') {
    ++j;
    if (j >= text.size() || text[j] != '(') return 0;
  }
  bool fullwidth = false;
  if (text[j] == '(') {
    ++j;
  } else if (text.compare(j, 3, "\xEF\xBC\x88") == 0) {  // （
    j += 3;
    fullwidth = true;
  } else {
    return 0;
  }
  const size_t syllable_start = j;
  size_t letters = 0;
  bool toned = false;
  bool plain_ascii = true;
  while (j < text.size() && letters <= 7) {
    const auto b = static_cast<unsigned char>(text[j]);
    if (b >= 'a' && b <= 'z') {
      ++j;
      ++letters;
      continue;
    }
    if (b < 0x80) break;
    size_t k = j;
    const char32_t c = next_code_point(text, k);
    if (!is_toned_vowel(c) && c != U'ü') break;
    toned |= is_toned_vowel(c);
    plain_ascii = false;
    j = k;
    ++letters;
  }
  if (letters == 0 || letters > 7 || j >= text.size()) return 0;
  const std::string_view syllable = text.substr(syllable_start, j - syllable_start);
  if (!toned && !(plain_ascii && is_neutral_syllable(syllable))) return 0;
  if (fullwidth) {
    if (text.compare(j, 3, "\xEF\xBC\x89") != 0) return 0;  // ）
    return j + 3 - i;
  }
  if (text[j] != ')') return 0;
  return j + 1 - i;
}

}  // namespace zhpolicy::detail
