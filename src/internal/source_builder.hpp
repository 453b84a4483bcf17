// Builds text together with its SourcePiece map (see clean.hpp). Used twice by clean:
// once for the markup pass (decoded -> intermediate) and once for the body
// (intermediate -> clean), translating through the first map.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "internal/utf8.hpp"
#include "zhpolicy/clean.hpp"

namespace zhpolicy::detail {

// A code point count the caller does not know: the builder counts the text itself.
constexpr uint32_t kUncounted = UINT32_MAX;

class SourceBuilder {
 public:
  // Appends bytes copied from the source at [source_begin, source_begin + text.size()).
  // `code_points`: how many text holds, when the caller knows (clean knows each line's).
  void append_verbatim(std::string_view text, uint32_t source_begin, uint32_t code_points = kUncounted) {
    // The usual case: the text fits whole in a piece of its own (what it continues in the
    // source is not the last piece's end: a line break, a space or markup came between) or
    // in the last piece, and its count may be known.
    if (!text.empty() && text.size() <= kMaxPieceBytes) {
      const auto out_byte = static_cast<uint32_t>(text_.size());
      const bool continues = !pieces_.empty() && pieces_.back().verbatim &&
                             pieces_.back().decoded_begin + (out_byte - pieces_.back().byte) == source_begin;
      if (!continues || out_byte - pieces_.back().byte + text.size() <= kMaxPieceBytes) {
        if (!continues) pieces_.push_back({cps_, out_byte, source_begin, source_begin, true});
        text_.append(text);
        cps_ += code_points != kUncounted ? code_points : static_cast<uint32_t>(count_code_points(text));
        pieces_.back().decoded_end = source_begin + static_cast<uint32_t>(text.size());
        return;
      }
    }
    append_verbatim_in_pieces(text, source_begin);
  }
  // Appends text whose every code point stands for source range [begin, end).
  void append_replacement(std::string_view text, uint32_t begin, uint32_t end, uint32_t code_points = kUncounted) {
    pieces_.push_back({cps_, static_cast<uint32_t>(text_.size()), begin, end, false});
    text_.append(text);
    cps_ += code_points != kUncounted ? code_points : static_cast<uint32_t>(count_code_points(text));
  }

  // Room for `bytes` of text in all, so that a text of known size is not left with up to
  // as much again of unused capacity by the string's doubling; and for `pieces` pieces.
  void reserve(size_t bytes, size_t pieces = 0) {
    text_.reserve(bytes);
    pieces_.reserve(pieces);
  }

  std::string& text() { return text_; }
  uint32_t code_points() const { return cps_; }
  std::vector<SourcePiece>& pieces() { return pieces_; }

 private:
  static constexpr uint32_t kMaxPieceBytes = 4096;  // bounds the walk in source_bytes()
  // append_verbatim() of a text that continues the last piece past kMaxPieceBytes or is
  // longer than that: cut into pieces at code point boundaries.
  void append_verbatim_in_pieces(std::string_view text, uint32_t source_begin);
  std::string text_;
  std::vector<SourcePiece> pieces_;
  uint32_t cps_ = 0;
};

// Translates ranges of an intermediate text back to the source through its pieces, and
// re-emits them into another builder. Queries must come in increasing order (a cursor).
class PieceCursor {
 public:
  PieceCursor(std::string_view text, const std::vector<SourcePiece>& pieces)
      : text_(text), pieces_(pieces) {}
  // Appends intermediate bytes [begin, end) to `out`, mapped to the original source.
  // `code_points`: how many they hold, when the caller knows.
  void copy(uint32_t begin, uint32_t end, SourceBuilder& out, uint32_t code_points = kUncounted) {
    if (begin >= end) return;
    const size_t k = piece_at(begin);
    if (end <= piece_end(k)) {  // the usual case: one piece of the intermediate text (of the only one, in plain text)
      const SourcePiece& p = pieces_[k];
      const std::string_view part = text_.substr(begin, end - begin);
      if (p.verbatim) {
        out.append_verbatim(part, p.decoded_begin + (begin - p.byte), code_points);
      } else {
        out.append_replacement(part, p.decoded_begin, p.decoded_end, code_points);
      }
      return;
    }
    copy_pieces(begin, end, out);
  }
  // Source range covered by intermediate bytes [begin, end).
  void source_range(uint32_t begin, uint32_t end, uint32_t& src_begin, uint32_t& src_end);

 private:
  size_t piece_at(uint32_t byte) {
    // Monotonic in normal use: the current piece or one of the next few.
    if (k_ < pieces_.size() && pieces_[k_].byte <= byte && byte < piece_end(k_)) return k_;
    return find_piece(byte);
  }
  size_t find_piece(uint32_t byte);
  uint32_t piece_end(size_t k) const {
    return k + 1 < pieces_.size() ? pieces_[k + 1].byte : static_cast<uint32_t>(text_.size());
  }
  void copy_pieces(uint32_t begin, uint32_t end, SourceBuilder& out);
  std::string_view text_;
  const std::vector<SourcePiece>& pieces_;
  size_t k_ = 0;
};

}  // namespace zhpolicy::detail
