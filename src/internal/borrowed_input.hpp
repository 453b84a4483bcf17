// Decoding and cleaning an input that the caller keeps while they run (process_document's
// view): where decoding would only copy it (valid UTF-8 without a BOM, most inputs), the text
// is read from the input itself, which saves a copy of the whole input and holding it twice.
#pragma once

#include <string_view>

#include "zhpolicy/clean.hpp"
#include "zhpolicy/decode.hpp"

namespace zhpolicy::detail {

// decode() that leaves out.text empty where it would be `bytes` as they are, and says so in
// `text_is_bytes`: the decoded text is then `bytes`, for as long as the caller keeps them.
Result<DecodedText> decode_borrowing(std::string_view bytes, std::string_view name, const DecodeOptions& options,
                                     bool& text_is_bytes);

// clean() of `decoded` whose text is `text` (decoded.text, or the input it was borrowed from).
CleanText clean_text(std::string_view text, const DecodedText& decoded, const CleanOptions& options);

}  // namespace zhpolicy::detail
