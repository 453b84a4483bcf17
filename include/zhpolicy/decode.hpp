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

#include "zhpolicy/status.hpp"
#include "zhpolicy/types.hpp"

namespace zhpolicy {

struct DecodeOptions {
  // An ICU converter name or alias ("gb18030", "big5", "utf-16le" ...). Empty: detect.
  std::string encoding;
};

// Maps a byte offset in the decoded UTF-8 text back to a byte offset in the input.
// Piecewise linear: an anchor (decoded, input) says that from `decoded` on, offsets advance
// together byte for byte until the next anchor. UTF-8 input needs one anchor (after the BOM,
// if any); GB18030/Big5/UTF-16 need one per non-ASCII code point. Lookups binary-search.
class InputMap {
 public:
  InputMap() = default;
  // Appends an anchor unless the offsets already continue the current linear piece.
  // Calls must come with increasing offsets.
  void add(uint32_t decoded, uint32_t input);
  void set_input_size(uint64_t size) { input_size_ = size; }

  // Input offset of decoded byte `offset` (a code point boundary), clamped to the input size.
  uint64_t to_input(uint64_t offset) const;
  size_t anchor_count() const { return decoded_.size(); }
  // Appends the anchors of `other` (a map of a later part of the same input, its input
  // offsets already absolute) with its decoded offsets moved on by `decoded_shift`.
  void append(const InputMap& other, uint32_t decoded_shift);

 private:
  uint64_t input_size_ = 0;
  std::vector<uint32_t> decoded_;
  std::vector<uint32_t> input_;
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

// True when `bytes` are entirely valid UTF-8 (no surrogates, no overlongs, <= U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

}  // namespace zhpolicy
