// Stage 3, normalize: a folded "shadow" of the clean text, aligned code point for code
// point with it, on which the later stages match.
//
// Folds applied per code point (never one-to-many, never many-to-one, so offsets into the
// shadow are offsets into the clean text):
//   - width: full-width ASCII U+FF01..U+FF5E -> U+0021..U+007E, U+3000 and U+00A0 -> ' ';
//     CJK punctuation (。、「」《》…) is kept as it is;
//   - dashes and tildes that matter for ranges ("3—4", "3～4") -> '-' and '~';
//   - traditional -> simplified per character (個->个, 萬->万, 於->于), as ICU's
//     "Hant-Hans" transliterator answers for the character alone, with the reviewed
//     exceptions in data/fold_overrides.tsv.
// ICU is the source of truth: src/tools/gen_fold_table.cpp writes the table at build time;
// at run time folding is an array lookup.
#pragma once

#include <string>
#include <string_view>

namespace zhpolicy {

// The whole fold (width + dash + traditional->simplified) of one code point.
char32_t fold_char(char32_t c);

// Only the traditional->simplified part (for "--script hans" output of original text).
char32_t to_simplified_char(char32_t c);

// Decodes UTF-8 `clean_text` (must be valid UTF-8) and folds each code point.
// result.size() == number of code points of clean_text.
std::u32string normalize(std::string_view clean_text);

// The fold of code points already decoded (no UTF-8 pass): result[i] == fold_char(text[i]).
std::u32string fold(std::u32string_view text);
// The same in `text`'s own buffer, for a caller that no longer needs the unfolded code points.
void fold_in_place(std::u32string& text);

// normalize() without the fold: the code points of valid UTF-8 `text`.
std::u32string to_code_points(std::string_view text);

// to_code_points(text) into `code_points` and fold() of it into `folded`, in one pass and in
// the strings' existing buffers: for callers that read many short texts.
void decode_and_fold(std::string_view text, std::u32string& code_points, std::u32string& folded);

// UTF-8 encoding of `text` (for printing the shadow, or slices of it).
std::string to_utf8(std::u32string_view text);

// Unicode version of the ICU build the table was generated with, e.g. "15.0".
const char* fold_table_unicode_version();
// ICU version the table was generated with, e.g. "72.1".
const char* fold_table_icu_version();

}  // namespace zhpolicy
