// The markup pass of clean: HTML -> text with line breaks, entities decoded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "internal/source_builder.hpp"
#include "zhpolicy/types.hpp"

namespace zhpolicy::detail {

struct StrippedMarkup {
  std::string html_title;                 // text of <title>, if any
  std::vector<Diagnostic> diagnostics;    // kMarkup removals; offsets are decoded bytes
};

// True when `text` contains at least one tag of a known HTML element or an HTML comment.
bool looks_like_html(std::string_view text);

// Writes the text content of `html` into `out`: tags dropped, comments and the content of
// script/style/head-only elements dropped, block elements (p, div, br, li, tr, h1-h6 ...)
// turned into '\n', entities decoded. Offsets in `out` map to bytes of `html`.
// Linear time on any input, including unterminated tags and comments.
StrippedMarkup strip_markup(std::string_view html, SourceBuilder& out);

}  // namespace zhpolicy::detail
