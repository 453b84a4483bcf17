// Builds text together with its SourcePiece map (see clean.hpp). Used twice by clean:
// once for the markup pass (decoded -> intermediate) and once for the body
// (intermediate -> clean), translating through the first map.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/clean.hpp"

namespace zhpolicy::detail {

class SourceBuilder {
 public:
  // Appends bytes copied from the source at [source_begin, source_begin + text.size()).
  void append_verbatim(std::string_view text, uint32_t source_begin);
  // Appends text whose every code point stands for source range [begin, end).
  void append_replacement(std::string_view text, uint32_t begin, uint32_t end);

  // Room for `bytes` of text in all, so that a text of known size is not left with up to
  // as much again of unused capacity by the string's doubling.
  void reserve(size_t bytes) { text_.reserve(bytes); }

  std::string& text() { return text_; }
  uint32_t code_points() const { return cps_; }
  std::vector<SourcePiece>& pieces() { return pieces_; }

 private:
  static constexpr uint32_t kMaxPieceBytes = 4096;  // bounds the walk in source_bytes()
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
  void copy(uint32_t begin, uint32_t end, SourceBuilder& out);
  // Source range covered by intermediate bytes [begin, end).
  void source_range(uint32_t begin, uint32_t end, uint32_t& src_begin, uint32_t& src_end);

 private:
  size_t piece_at(uint32_t byte);
  uint32_t piece_end(size_t k) const;
  std::string_view text_;
  const std::vector<SourcePiece>& pieces_;
  size_t k_ = 0;
};

}  // namespace zhpolicy::detail
