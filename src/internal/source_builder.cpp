#include "internal/source_builder.hpp"

#include <algorithm>

#include "internal/utf8.hpp"

namespace zhpolicy::detail {

void SourceBuilder::append_verbatim_in_pieces(std::string_view text, uint32_t source_begin) {
  while (!text.empty()) {
    const auto out_byte = static_cast<uint32_t>(text_.size());
    bool extend = false;
    if (!pieces_.empty() && pieces_.back().verbatim) {
      const SourcePiece& last = pieces_.back();
      // Extend only if the next whole code point still fits: with room for less than one
      // sequence the cut below found no boundary and took 4 bytes, splitting a code point
      // between two pieces and shifting every later input offset of the line
      // (tests/fuzz/regressions/pipeline_piece_split_mid_code_point.txt).
      extend = last.decoded_begin + (out_byte - last.byte) == source_begin &&
               out_byte - last.byte + utf8_sequence_length(static_cast<unsigned char>(text[0])) <= kMaxPieceBytes;
    }
    if (!extend) pieces_.push_back({cps_, out_byte, source_begin, source_begin, true});
    // Take as much as fits in the current piece, cut at a code point boundary.
    const uint32_t room = kMaxPieceBytes - (out_byte - pieces_.back().byte);
    size_t take = std::min<size_t>(text.size(), room);
    while (take < text.size() && take > 0 && (static_cast<unsigned char>(text[take]) & 0xC0) == 0x80) {
      --take;
    }
    if (take == 0) take = std::min<size_t>(text.size(), 4);
    std::string_view part = text.substr(0, take);
    text_.append(part);
    cps_ += static_cast<uint32_t>(count_code_points(part));
    pieces_.back().decoded_end = source_begin + static_cast<uint32_t>(take);
    text.remove_prefix(take);
    source_begin += static_cast<uint32_t>(take);
  }
}

size_t PieceCursor::find_piece(uint32_t byte) {
  // Monotonic in normal use; fall back to a binary search if a caller goes back.
  if (k_ < pieces_.size() && pieces_[k_].byte > byte) {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), byte,
                               [](uint32_t b, const SourcePiece& p) { return b < p.byte; });
    k_ = it == pieces_.begin() ? 0 : static_cast<size_t>(it - pieces_.begin()) - 1;
  }
  while (k_ + 1 < pieces_.size() && pieces_[k_ + 1].byte <= byte) ++k_;
  return k_;
}

void PieceCursor::copy_pieces(uint32_t begin, uint32_t end, SourceBuilder& out) {
  while (begin < end) {
    const size_t k = piece_at(begin);
    const SourcePiece& p = pieces_[k];
    const uint32_t stop = std::min(end, piece_end(k));
    std::string_view part = text_.substr(begin, stop - begin);
    if (p.verbatim) {
      out.append_verbatim(part, p.decoded_begin + (begin - p.byte));
    } else {
      out.append_replacement(part, p.decoded_begin, p.decoded_end);
    }
    begin = stop;
  }
}

void PieceCursor::source_range(uint32_t begin, uint32_t end, uint32_t& src_begin,
                               uint32_t& src_end) {
  if (pieces_.empty()) {
    src_begin = src_end = 0;
    return;
  }
  if (begin >= end) {
    const size_t k = piece_at(begin);
    const SourcePiece& p = pieces_[k];
    src_begin = src_end = p.verbatim ? p.decoded_begin + (begin - p.byte) : p.decoded_begin;
    return;
  }
  const size_t k0 = piece_at(begin);
  const SourcePiece& p0 = pieces_[k0];
  src_begin = p0.verbatim ? p0.decoded_begin + (begin - p0.byte) : p0.decoded_begin;
  const size_t k1 = piece_at(end - 1);
  const SourcePiece& p1 = pieces_[k1];
  src_end = p1.verbatim ? p1.decoded_begin + (end - p1.byte) : p1.decoded_end;
}

}  // namespace zhpolicy::detail
