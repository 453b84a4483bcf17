// CleanText::source_bytes for ranges asked in text order (a document's targets as they are
// found): the clean text is walked on from the last range's position instead of from the
// start of its piece, which for targets a few dozen code points apart was most of the
// lookup. A range before the last one is looked up as source_bytes does it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "internal/utf8.hpp"
#include "zhpolicy/clean.hpp"

namespace zhpolicy::detail {

// The decoded bytes [begin, end) that the code point at byte `byte` of the clean text stands
// for, `piece` being its piece: its own bytes in a verbatim piece, the whole piece's source in
// one that replaced what the input had. (CleanText::source_bytes and SourceCursor both.)
inline void decoded_range_of(const CleanText& clean, size_t piece, size_t byte, uint32_t& begin, uint32_t& end) {
  const SourcePiece& p = clean.pieces[piece];
  if (!p.verbatim) {
    begin = p.decoded_begin;
    end = p.decoded_end;
    return;
  }
  begin = p.decoded_begin + static_cast<uint32_t>(byte - p.byte);
  end = begin + static_cast<uint32_t>(utf8_sequence_length(static_cast<unsigned char>(clean.text[byte])));
}

class SourceCursor {
 public:
  explicit SourceCursor(const CleanText& clean) : clean_(clean) {
    if (!clean.pieces.empty()) byte_ = clean.pieces.front().byte;  // (the first piece starts at code point 0)
  }

  // The same as clean.source_bytes(start, end).
  ByteRange source_bytes(uint32_t start, uint32_t end) {
    const CleanText& c = clean_;
    if (c.pieces.empty() || start >= c.code_points) {
      return {c.input_map.to_input(UINT32_MAX), c.input_map.to_input(UINT32_MAX)};
    }
    end = std::min(end, c.code_points);
    move_to(start);
    uint32_t b0, e0;
    decoded_range(b0, e0);
    if (end <= start) return {c.input_map.to_input(b0), c.input_map.to_input(b0)};
    move_to(end - 1);
    uint32_t b1, e1;
    decoded_range(b1, e1);
    return {c.input_map.to_input(b0), c.input_map.to_input(std::max(e1, b0))};
  }
  // The same, for a range whose text is bytes [start_byte, end_byte) of the clean text (the
  // reader cut it from there): no walk, only the pieces to step over. start_byte SIZE_MAX
  // means not known.
  ByteRange source_bytes(uint32_t start, uint32_t end, size_t start_byte, size_t end_byte) {
    const CleanText& c = clean_;
    if (start_byte == SIZE_MAX || c.pieces.empty() || start >= end || end > c.code_points) {
      return source_bytes(start, end);
    }
    place(start, start_byte);
    uint32_t b0, e0;
    decoded_range(b0, e0);
    place(end - 1, back_code_points(c.text, end_byte, 1));
    uint32_t b1, e1;
    decoded_range(b1, e1);
    return {c.input_map.to_input(b0), c.input_map.to_input(std::max(e1, b0))};
  }

 private:
  // Makes code point `cp` the position: its piece and byte offset in the clean text.
  void move_to(uint32_t cp) {
    const std::vector<SourcePiece>& pieces = clean_.pieces;
    const size_t piece = piece_of(cp);
    if (cp < cp_ || piece != piece_) {  // from the start of its piece
      piece_ = piece;
      cp_ = pieces[piece_].cp;
      byte_ = pieces[piece_].byte;
    }
    byte_ = skip_code_points(clean_.text, byte_, cp - cp_);
    cp_ = cp;
  }

  // Makes code point `cp`, at byte `byte` of the clean text, the position.
  void place(uint32_t cp, size_t byte) {
    piece_ = piece_of(cp);
    cp_ = cp;
    byte_ = byte;
  }

  // The index of the piece of code point `cp`: stepped on to from the position's piece
  // when `cp` is not before it (few steps: targets lie close), else searched for.
  size_t piece_of(uint32_t cp) const {
    const std::vector<SourcePiece>& pieces = clean_.pieces;
    if (cp < cp_) {
      auto after = std::upper_bound(pieces.begin(), pieces.end(), cp,
                                    [](uint32_t c, const SourcePiece& p) { return c < p.cp; });
      return static_cast<size_t>(after - pieces.begin()) - 1;
    }
    size_t piece = piece_;
    while (piece + 1 < pieces.size() && pieces[piece + 1].cp <= cp) ++piece;
    return piece;
  }

  void decoded_range(uint32_t& begin, uint32_t& end) const { decoded_range_of(clean_, piece_, byte_, begin, end); }

  const CleanText& clean_;
  size_t piece_ = 0;  // the piece of code point cp_
  uint32_t cp_ = 0;   // the position: a code point of the clean text
  size_t byte_ = 0;   // and its byte offset
};

}  // namespace zhpolicy::detail
