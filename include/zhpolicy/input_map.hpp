// The map from byte offsets in decoded UTF-8 text back to byte offsets in the input file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace zhpolicy {

// Piecewise linear: an anchor (decoded, input) says that from `decoded` on, offsets advance
// together byte for byte until the next anchor. UTF-8 input needs one anchor (after the BOM,
// if any); a legacy encoding needs one after every character whose length is not the same in
// both (a GB18030 or Big5 ideograph is two bytes in and three out).
//
// Anchors that follow each other at the same steps, one per character along a run of
// ideographs, are kept as one piece: its first anchor, the two steps and the count. A page
// of GB18030 is then a piece per run of ideographs between ASCII, not eight bytes per
// ideograph: on a 20 MB page the anchors took more memory than the text. Lookups
// binary-search the pieces; the answer is the one the anchors, kept one by one, would give.
class InputMap {
 public:
  InputMap() = default;
  // Adds an anchor. Calls must come with increasing offsets. Inline: a legacy decode asks
  // once per character, and most calls only continue the current piece.
  void add(uint32_t decoded, uint32_t input) {
    if (!pieces_.empty() && decoded - last_decoded_ == static_cast<uint64_t>(input) - last_input_ &&
        input >= last_input_) {
      return;  // continues byte for byte from the last anchor
    }
    if (!pieces_.empty() && pieces_.back().count > 1 && decoded - last_decoded_ == pieces_.back().decoded_step &&
        input - last_input_ == pieces_.back().input_step && input > last_input_ && decoded > last_decoded_) {
      ++pieces_.back().count;  // one more step of the last piece
    } else {
      add_anchor(decoded, input);
    }
    last_decoded_ = decoded;
    last_input_ = input;
  }
  // add(decoded + j * decoded_step, input + j * input_step) for j < count, at the cost of
  // a few: a legacy decode adds a run of ideographs at once.
  void add_steps(uint32_t decoded, uint32_t input, uint8_t decoded_step, uint8_t input_step, uint32_t count);
  void set_input_size(uint64_t size) { input_size_ = size; }

  // Input offset of decoded byte `offset` (a code point boundary), clamped to the input size.
  uint64_t to_input(uint64_t offset) const;
  // Pieces stored: 1 for UTF-8 without damage.
  size_t piece_count() const { return pieces_.size(); }
  // Appends the anchors of `other` (a map of a later part of the same input, its input
  // offsets already absolute) with its decoded offsets moved on by `decoded_shift`.
  void append(const InputMap& other, uint32_t decoded_shift);

 private:
  // Anchors (decoded + j * decoded_step, input + j * input_step) for j < count; the steps
  // are 0 while count is 1.
  struct Piece {
    uint32_t decoded;
    uint32_t input;
    uint32_t count;
    uint8_t decoded_step;
    uint8_t input_step;
  };
  // Starts a piece, or gives the last one (of one anchor) its steps.
  void add_anchor(uint32_t decoded, uint32_t input);

  uint64_t input_size_ = 0;
  std::vector<Piece> pieces_;
  uint32_t last_decoded_ = 0;  // the last anchor
  uint32_t last_input_ = 0;
};

}  // namespace zhpolicy
