// Code points encoded as UTF-8 straight into memory the caller already holds. to_utf8
// (zhpolicy/normalize.hpp) returns a new string each time; extraction builds a target's
// cells from several slices, some with their quotation marks dropped, and a temporary per
// slice (plus a second pass to drop the marks) cost more than the encoding; decode's
// legacy-encoding loop writes each converted unit with encode_at().
// The bytes are to_utf8's: a surrogate or a value above U+10FFFF becomes U+FFFD.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhpolicy::detail {

// Bytes of c in UTF-8; a surrogate or a value above U+10FFFF takes U+FFFD's three. Without
// branches (GCC 12 does not vectorise the sizing loop all the same: slices are short).
inline size_t encoded_length(char32_t c) {
  return size_t{1} + (c >= 0x80) + (c >= 0x800) + (c >= 0x10000 && c <= 0x10FFFF);
}

// Writes c at q (encoded_length(c) bytes) and returns the byte after it.
inline char* encode_at(char* q, char32_t c) {
  if (c - 0x800u < 0xD800u - 0x800u) {  // three bytes below the surrogates: CJK, the usual case
    q[0] = static_cast<char>(0xE0 | (c >> 12));
    q[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    q[2] = static_cast<char>(0x80 | (c & 0x3F));
    return q + 3;
  }
  if (c < 0x80) {
    *q = static_cast<char>(c);
    return q + 1;
  }
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
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
  return q;
}

// Bytes of `text` in UTF-8.
inline size_t encoded_length(std::u32string_view text) {
  size_t size = 0;
  for (const char32_t c : text) size += encoded_length(c);
  return size;
}

// Appends the code points of `text` for which keep(c) holds, in UTF-8: `out` is sized for
// all of them, written, and cut back by what was not kept.
template <typename Keep>
void append_encoded_if(std::string& out, std::u32string_view text, Keep keep) {
  if (text.empty()) return;
  const size_t old = out.size();
  out.resize(old + encoded_length(text));
  char* const begin = out.data();
  char* q = begin + old;
  for (const char32_t c : text) {
    if (keep(c)) q = encode_at(q, c);
  }
  out.resize(static_cast<size_t>(q - begin));
}

inline void append_encoded(std::string& out, std::u32string_view text) {
  append_encoded_if(out, text, [](char32_t) { return true; });
}

}  // namespace zhpolicy::detail
