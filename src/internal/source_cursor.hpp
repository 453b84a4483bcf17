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

 private:
  // Makes code point `cp` the position: its piece and byte offset in the clean text.
  void move_to(uint32_t cp) {
    const std::vector<SourcePiece>& pieces = clean_.pieces;
    if (cp < cp_) {  // behind the position: from the start of its piece
      piece_ = static_cast<size_t>(std::upper_bound(pieces.begin(), pieces.end(), cp,
                                                    [](uint32_t c, const SourcePiece& p) { return c < p.cp; }) -
                                   pieces.begin()) - 1;
      cp_ = pieces[piece_].cp;
      byte_ = pieces[piece_].byte;
    }
    // Pieces after the position that start at or before `cp` (few: targets lie close).
    if (piece_ + 1 < pieces.size() && pieces[piece_ + 1].cp <= cp) {
      while (piece_ + 1 < pieces.size() && pieces[piece_ + 1].cp <= cp) ++piece_;
      cp_ = pieces[piece_].cp;
      byte_ = pieces[piece_].byte;
    }
    byte_ = skip_code_points(clean_.text, byte_, cp - cp_);
    cp_ = cp;
  }

  // As CleanText::source_bytes: the decoded bytes of the position's code point (of its whole
  // piece when the piece replaced what the input had).
  void decoded_range(uint32_t& begin, uint32_t& end) const {
    const SourcePiece& p = clean_.pieces[piece_];
    if (!p.verbatim) {
      begin = p.decoded_begin;
      end = p.decoded_end;
      return;
    }
    begin = p.decoded_begin + static_cast<uint32_t>(byte_ - p.byte);
    end = begin + static_cast<uint32_t>(utf8_sequence_length(static_cast<unsigned char>(clean_.text[byte_])));
  }

  const CleanText& clean_;
  size_t piece_ = 0;  // the piece of code point cp_
  uint32_t cp_ = 0;   // the position: a code point of the clean text
  size_t byte_ = 0;   // and its byte offset
};

}  // namespace zhpolicy::detail
