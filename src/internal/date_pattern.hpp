// Dates as they appear in bylines and metadata: 2020-04-16, 2021-03-09 09:00,
// 2019年3月15日, 2020/4/16, 2020.04.16. Works on folded text (ASCII digits).
#pragma once

#include <cstddef>
#include <string_view>

namespace zhpolicy::detail {

// Length of a date (with an optional " hh:mm[:ss]") starting at text[i], or 0.
size_t date_length_at(std::u32string_view text, size_t i);

// True when the whole of `text` is one date.
inline bool is_date_line(std::u32string_view text) {
  return !text.empty() && date_length_at(text, 0) == text.size();
}

}  // namespace zhpolicy::detail
