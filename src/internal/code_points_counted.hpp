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

// Decodes UTF-8 [p, end) into [out, out_end) as to_code_points() does, until either runs
// out: for a caller that reads the code points once, in a buffer of its own. Advances p;
// returns the new end of the output.
char32_t* decode_into(const unsigned char*& p, const unsigned char* end, char32_t* out, char32_t* out_end);

}  // namespace zhpolicy::detail
