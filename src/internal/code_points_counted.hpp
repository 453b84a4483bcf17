// to_code_points() for a caller that already knows how many code points the text holds
// (clean's SourceBuilder counts them as it appends): the count is not taken again.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhpolicy::detail {

// == to_code_points(text) whatever `count` is; fastest, and sized exactly, when `count`
// is the number of code points in text.
std::u32string to_code_points_counted(std::string_view text, size_t count);

}  // namespace zhpolicy::detail
