#include "zhpolicy/input_map.hpp"

#include <algorithm>

namespace zhpolicy {

void InputMap::add_anchor(uint32_t decoded, uint32_t input) {
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    const uint32_t decoded_step = decoded - last_decoded_;
    const uint32_t input_step = input - last_input_;
    if (last.count == 1 && decoded > last_decoded_ && input > last_input_ && decoded_step <= UINT8_MAX &&
        input_step <= UINT8_MAX) {
      last.decoded_step = static_cast<uint8_t>(decoded_step);
      last.input_step = static_cast<uint8_t>(input_step);
      last.count = 2;
      return;
    }
  }
  pieces_.push_back({decoded, input, 1, 0, 0});
}

void InputMap::add_steps(uint32_t decoded, uint32_t input, uint8_t decoded_step, uint8_t input_step,
                         uint32_t count) {
  // Steps alike on both sides go on byte for byte from the first anchor: add() would keep
  // none of the others. Otherwise, with both steps positive, four add() calls leave a last
  // piece of these steps that ends at the fourth anchor (the first may continue an older
  // anchor, the second start a piece, the third give it its steps), and each anchor after
  // it only counts one more. A zero step never extends a piece: every anchor is added.
  const bool alike = decoded_step == input_step;
  const bool one_piece = !alike && decoded_step > 0 && input_step > 0;
  const uint32_t head = alike ? std::min(count, 1u) : one_piece ? std::min(count, 4u) : count;
  for (uint32_t j = 0; j < head; ++j) add(decoded + j * decoded_step, input + j * input_step);
  if (count == head || alike) return;
  pieces_.back().count += count - head;
  last_decoded_ = decoded + (count - 1) * decoded_step;
  last_input_ = input + (count - 1) * input_step;
}

void InputMap::append(const InputMap& other, uint32_t decoded_shift) {
  for (const Piece& p : other.pieces_) {
    for (uint32_t j = 0; j < p.count; ++j) {
      add(p.decoded + j * p.decoded_step + decoded_shift, p.input + j * p.input_step);
    }
  }
}

uint64_t InputMap::to_input(uint64_t offset) const {
  if (pieces_.empty()) return std::min<uint64_t>(offset, input_size_);
  // The last piece that starts at or before `offset` (the first if none does), by a binary
  // search that moves without branching: which way it goes is a coin toss to the processor.
  const Piece* last_before = pieces_.data();
  for (size_t n = pieces_.size(); n > 1;) {
    const size_t half = n / 2;
    last_before = last_before[half].decoded <= offset ? last_before + half : last_before;
    n -= half;
  }
  if (offset < last_before->decoded) return last_before->input;
  const Piece& p = *last_before;
  const uint64_t j = p.count == 1 ? 0 : std::min<uint64_t>((offset - p.decoded) / p.decoded_step, p.count - 1);
  const uint64_t anchor_decoded = p.decoded + j * p.decoded_step;
  const uint64_t anchor_input = p.input + j * p.input_step;
  return std::min<uint64_t>(anchor_input + (offset - anchor_decoded), input_size_);
}

}  // namespace zhpolicy
