#include "internal/date_pattern.hpp"

namespace zhpolicy::detail {
namespace {

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Reads between min and max digits at text[i]; returns how many (0 if fewer than min).
size_t digits_at(std::u32string_view t, size_t i, size_t min, size_t max) {
  size_t n = 0;
  while (i + n < t.size() && n < max && is_digit(t[i + n])) ++n;
  if (i + n < t.size() && is_digit(t[i + n])) return 0;  // too many digits
  return n >= min ? n : 0;
}

}  // namespace

size_t date_length_at(std::u32string_view t, size_t i) {
  if (i > 0 && is_digit(t[i - 1])) return 0;
  size_t k = i;
  size_t n = digits_at(t, k, 4, 4);
  if (n == 0) return 0;
  k += n;
  if (k >= t.size()) return 0;
  const char32_t sep = t[k];
  const bool chinese = sep == U'年';
  if (!chinese && sep != '-' && sep != '/' && sep != '.') return 0;
  ++k;
  n = digits_at(t, k, 1, 2);
  if (n == 0) return 0;
  k += n;
  if (k >= t.size() || t[k] != (chinese ? U'月' : sep)) return 0;
  ++k;
  n = digits_at(t, k, 1, 2);
  if (n == 0) return 0;
  k += n;
  if (chinese) {
    if (k < t.size() && (t[k] == U'日' || t[k] == U'号')) {
      ++k;
    } else {
      return 0;
    }
  }
  // Optional time of day.
  size_t j = k;
  while (j < t.size() && t[j] == ' ') ++j;
  const size_t h = digits_at(t, j, 1, 2);
  if (h > 0 && j + h < t.size() && t[j + h] == ':') {
    const size_t m = digits_at(t, j + h + 1, 2, 2);
    if (m > 0) {
      k = j + h + 1 + m;
      if (k < t.size() && t[k] == ':' && digits_at(t, k + 1, 2, 2) == 2) k += 3;
    }
  }
  return k - i;
}

}  // namespace zhpolicy::detail
