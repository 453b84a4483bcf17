// The original script of the clean text, as segment and extract read it: only ever as
// slices that become table cells (titles, labels, target texts, units). It is either the
// text's code points, or the CleanText itself sliced through its piece map; the second
// spares a pipeline the array of 4 bytes per character that it would hold only for this.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "internal/utf8.hpp"
#include "internal/utf8_encode.hpp"
#include "zhpolicy/clean.hpp"

namespace zhpolicy::detail {

class OriginalText {
 public:
  explicit OriginalText(std::u32string_view code_points) : code_points_(code_points) {}
  explicit OriginalText(const CleanText& clean) : clean_(&clean) {}

  // Number of code points.
  size_t size() const { return clean_ == nullptr ? code_points_.size() : clean_->code_points; }

  // Code points [begin, end), in UTF-8.
  std::string utf8(size_t begin, size_t end) const {
    if (clean_ != nullptr) return std::string(clean_between(begin, end));  // one exact copy
    std::string out;
    append_utf8(out, begin, end);
    return out;
  }
  // The same, appended to `out`.
  void append_utf8(std::string& out, size_t begin, size_t end) const {
    if (clean_ == nullptr) append_encoded(out, code_points_.substr(begin, end - begin));
    else out += clean_between(begin, end);
  }
  // The same as a view: of the clean text, or of `scratch` holding the encoded code points
  // (valid until `scratch` changes).
  std::string_view view(size_t begin, size_t end, std::string& scratch) const {
    if (clean_ != nullptr) return clean_between(begin, end);
    scratch.clear();
    append_encoded(scratch, code_points_.substr(begin, end - begin));
    return scratch;
  }
  // view(), with the byte offsets in the view of the code points
  // `marks` (ascending, each in [begin, end]) in `at`, found in the one walk over the view:
  // a target's unit, text and indicator are cut at five such code points inside the span
  // of all three.
  template <size_t N>
  std::string_view view_marked(size_t begin, size_t end, const size_t (&marks)[N], size_t (&at)[N],
                               std::string& scratch) const {
    if (clean_ == nullptr) {
      scratch.resize(4 * (end - begin));  // (encoded in place, then cut to size)
      char* const data = scratch.data();
      char* q = data;
      size_t m = 0;
      for (size_t k = begin; k < end; ++k) {
        for (; m < N && marks[m] == k; ++m) at[m] = static_cast<size_t>(q - data);
        q = encode_at(q, code_points_[k]);
      }
      for (; m < N; ++m) at[m] = static_cast<size_t>(q - data);
      scratch.resize(static_cast<size_t>(q - data));
      return scratch;
    }
    if (begin >= clean_->code_points) {
      for (size_t& a : at) a = 0;
      return {};
    }
    end = std::min<size_t>(end, clean_->code_points);
    const std::string& text = clean_->text;
    const size_t first = byte_of(begin);
    // The parts between the marks are a few code points each: stepped over one by one, as
    // skip_code_points' word loops only pay from a dozen or so on.
    size_t byte = first, cp = begin;
    auto step_to = [&](size_t stop) {
      for (; cp < stop; ++cp) byte += utf8_sequence_length(static_cast<unsigned char>(text[byte]));
    };
    for (size_t m = 0; m < N; ++m) {
      step_to(std::min(marks[m], end));
      at[m] = byte - first;
    }
    step_to(end);
    // The next target's span starts at or near this one's end, not its start: walking on
    // from here spares the walk over this span again.
    mark_cp_ = end;
    mark_byte_ = byte;
    return std::string_view(text).substr(first, byte - first);
  }
  // The byte offset in the clean text of a non-empty view that view() or view_marked() returned;
  // SIZE_MAX when the original is code points (the view is of the scratch string).
  size_t clean_byte_of(std::string_view v) const {
    return clean_ == nullptr ? SIZE_MAX : static_cast<size_t>(v.data() - clean_->text.data());
  }

 private:
  // Slices come in text order and close together (a target's unit, text, indicator and
  // period lie within a few dozen code points): a slice near the last one is walked to
  // from it, which is cheaper than the piece map's search and walk from a piece start. Not
  // much further: pieces average a few dozen bytes, so the walk from a piece's start is
  // short, and a walk of 128 code points from the last slice cost more than the search.
  static constexpr size_t kNearCodePoints = 32;

  // As CleanText::text_between.
  std::string_view clean_between(size_t begin, size_t end) const {
    if (begin >= clean_->code_points) return {};
    end = std::min<size_t>(end, clean_->code_points);
    const size_t first = byte_of(begin);
    const size_t stop = end > begin ? skip_code_points(clean_->text, first, end - begin) : first;
    return std::string_view(clean_->text).substr(first, stop - first);
  }

  // Byte offset of code point `cp` (< code_points) in the clean text; remembered as the
  // mark the next slice is walked from. A slice far after the mark (a sentence's first
  // target after the last one) is walked to from whichever is nearer before it: the mark
  // or the start of its piece.
  size_t byte_of(size_t cp) const {
    const std::string& text = clean_->text;
    size_t byte;
    if (cp >= mark_cp_ && cp - mark_cp_ <= kNearCodePoints) {
      byte = skip_code_points(text, mark_byte_, cp - mark_cp_);
    } else if (cp < mark_cp_ && mark_cp_ - cp <= kNearCodePoints) {
      byte = back_code_points(text, mark_byte_, mark_cp_ - cp);
    } else if (clean_->pieces.empty()) {
      byte = 0;  // (a text without pieces has no code point to ask for)
    } else {
      const SourcePiece& piece = piece_containing(cp);
      byte = mark_cp_ >= piece.cp && mark_cp_ < cp ? skip_code_points(text, mark_byte_, cp - mark_cp_)
                                                    : skip_code_points(text, piece.byte, cp - piece.cp);
    }
    mark_cp_ = cp;
    mark_byte_ = byte;
    return byte;
  }

  // The last piece whose first code point is at most `cp` (the first piece starts at 0).
  const SourcePiece& piece_containing(size_t cp) const {
    const std::vector<SourcePiece>& pieces = clean_->pieces;
    auto after = std::upper_bound(pieces.begin(), pieces.end(), cp,
                                  [](size_t c, const SourcePiece& p) { return c < p.cp; });
    return *std::prev(after);
  }

  std::u32string_view code_points_;
  const CleanText* clean_ = nullptr;
  mutable size_t mark_cp_ = 0;    // a code point of the clean text
  mutable size_t mark_byte_ = 0;  // and its byte offset
};

}  // namespace zhpolicy::detail
