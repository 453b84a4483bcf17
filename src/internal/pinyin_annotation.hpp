// Converter pinyin annotations: "實現(xiàn)", "數(shù)", "記者_(dá)".
//
// Some traditional-script converters append the reading of characters they consider
// ambiguous. The annotation is a Han character followed by "(" or "_(" or "（", one
// lowercase pinyin syllable with a tone mark, and ")". A syllable without any tone mark
// is accepted only from a short list of neutral-tone syllables, so that ordinary
// parentheses ("(試行)", "(2010-2020)", "(一)", "(AFS)") are never touched.
#pragma once

#include <cstddef>
#include <string_view>

namespace zhpolicy::detail {

// If an annotation starts at byte `i` of `text` (at "(", "（" or "_"), returns its length
// in bytes; otherwise 0. The caller checks that a Han character precedes it.
size_t pinyin_annotation_length(std::string_view text, size_t i);

}  // namespace zhpolicy::detail
