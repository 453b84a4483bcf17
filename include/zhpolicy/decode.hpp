// Stage 1, decode: the bytes of a file -> UTF-8 text, with a map back to the bytes.
//
// Order of decisions: a BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins; otherwise
// DecodeOptions::encoding if set; otherwise bytes that are valid UTF-8 are UTF-8; otherwise
// ICU's charset detector, restricted to the encodings Chinese government sites actually
// serve (GB18030 covering GBK/GB2312, Big5, UTF-16 without BOM), picks one and an ICU
// converter decodes. Invalid sequences become U+FFFD with a kInvalidBytes diagnostic
// carrying the byte offset; the document is kept. NUL bytes in an 8-bit decoding, or a
// known binary signature (PNG, JPEG, GIF, PDF, ZIP, ...), refuse the input as kBinary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/input_map.hpp"
#include "zhpolicy/status.hpp"
#include "zhpolicy/types.hpp"

namespace zhpolicy {

struct DecodeOptions {
  // An ICU converter name or alias ("gb18030", "big5", "utf-16le" ...). Empty: detect.
  std::string encoding;
};

struct DecodedText {
  std::string text;          // valid UTF-8, BOM removed
  std::string encoding;      // canonical name: "UTF-8", "GB18030", "Big5", "UTF-16LE", ...;
                             // "UTF-8+GB18030" when lines of both were found (encoding_how "mixed")
  std::string encoding_how;  // "bom", "valid-utf8", "detected", "mixed", "option"
  InputMap map;
  std::vector<Diagnostic> diagnostics;  // kInvalidBytes (offsets: input bytes)
};

// Decodes `bytes`. `name` is used only in error messages. Errors: kBinary,
// kUnknownEncoding. Never fails on merely damaged text.
Result<DecodedText> decode(std::string_view bytes, std::string_view name,
                           const DecodeOptions& options = {});

// decode() of bytes the caller gives away: valid UTF-8 without a BOM (most inputs) becomes
// DecodedText::text as it is, neither copied nor held twice; other bytes are decoded as
// decode() does and freed when it returns.
Result<DecodedText> decode_owned(std::string bytes, std::string_view name,
                                 const DecodeOptions& options = {});

// True when `bytes` are entirely valid UTF-8 (no surrogates, no overlongs, <= U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

}  // namespace zhpolicy
