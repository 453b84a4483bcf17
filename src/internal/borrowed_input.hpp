// Decoding and cleaning an input that the caller keeps while they run (process_document's
// view): where decoding would only copy it (valid UTF-8 without a BOM, most inputs), the text
// is read from the input itself, which saves a copy of the whole input and holding it twice.
#pragma once

#include <string_view>
#include <utility>

#include "zhpolicy/clean.hpp"
#include "zhpolicy/decode.hpp"

namespace zhpolicy::detail {

// A decoding whose text may be the input itself. Where the input is the text as it is
// (valid UTF-8 without a BOM), `decoded`'s text is left empty and text_is_input set: each
// caller takes the input as the text its own way (decode copies it, decode_owned moves it
// in, decode_borrowing's caller reads it where it is).
struct Decoding {
  Decoding(Result<DecodedText> result, bool is_input = false) : decoded(std::move(result)), text_is_input(is_input) {}
  Decoding(DecodedText text, bool is_input = false) : decoded(std::move(text)), text_is_input(is_input) {}
  Decoding(Status error) : decoded(std::move(error)) {}

  Result<DecodedText> decoded;
  bool text_is_input = false;
};

// decode() of bytes the caller keeps while the text is read: where the text is `bytes` as
// they are, it is not copied (text_is_input), and is `bytes` for as long as they are kept.
Decoding decode_borrowing(std::string_view bytes, std::string_view name, const DecodeOptions& options);

// clean() of `decoded` whose text is `text` (decoded.text, or the input it was borrowed from).
CleanText clean_text(std::string_view text, const DecodedText& decoded, const CleanOptions& options);

}  // namespace zhpolicy::detail
