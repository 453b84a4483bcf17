// The document walk of the extract stage (detail::walk_document): the one pass over every
// code point of the normalized shadow, finding those that may start a number, a cue or a
// period expression. Which code points those are is a table of a byte per BMP code point
// (code points beyond it are never flagged); one in ten to one in five code points of a
// policy text has a flag. With AVX2 the table is read eight code points at a time by one
// gather, and a block's stops come out of one bit mask, as segment's line pass takes its
// stops (internal/segment_scan.hpp): some five times the speed of a code point at a time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "internal/cpu_features.hpp"

namespace zhpolicy::detail {

// Bytes a flag table has past its 0x10000 entries: the gather reads four bytes at the
// entry of each code point, the last one's reaching three past the end.
constexpr size_t kFlagTableSlack = 3;

// Calls on_flagged(i) for every i in [begin, end), in order, whose code point c is below
// U+10000 and has flags[c] != 0. One code point at a time: the version for CPUs without
// AVX2, the tail of the AVX2 one, and the reference of the unit test.
template <typename OnFlagged>
void for_each_flagged_portable(const char32_t* text, uint32_t begin, uint32_t end, const uint8_t* flags,
                               OnFlagged&& on_flagged) {
  for (uint32_t i = begin; i < end; ++i) {
    const char32_t c = text[i];
    if (c < 0x10000 && flags[c] != 0) on_flagged(i);
  }
}

// internal/flag_scan_avx2.cpp: the masks of `blocks` blocks of 32 code points at text: bit
// k of masks[b] is set iff text[32 * b + k] is flagged (as above) in `flags`, a table of
// 0x10000 + kFlagTableSlack bytes. Only called where the CPU has AVX2.
void flagged_masks_avx2(const char32_t* text, size_t blocks, const uint8_t* flags, uint32_t* masks);

// The walk: thirty-two code points a block with AVX2, where the CPU has it, else one at a
// time. `flags` has 0x10000 + kFlagTableSlack bytes.
template <typename OnFlagged>
void for_each_flagged(const char32_t* text, uint32_t begin, uint32_t end, const uint8_t* flags,
                      OnFlagged&& on_flagged) {
  uint32_t i = begin;
  if (cpu_features().avx2) {
    constexpr uint32_t kBlocks = 64;  // the masks made by one call: 2,048 code points
    uint32_t masks[kBlocks];
    for (uint32_t blocks; (blocks = std::min((end - i) / 32, kBlocks)) > 0; i += 32 * blocks) {
      flagged_masks_avx2(text + i, blocks, flags, masks);
      for (uint32_t b = 0; b < blocks; ++b) {
        const uint32_t block = i + 32 * b;
        for (uint32_t m = masks[b]; m != 0; m &= m - 1) on_flagged(block + static_cast<uint32_t>(__builtin_ctz(m)));
      }
    }
  }
  for_each_flagged_portable(text, i, end, flags, on_flagged);
}

}  // namespace zhpolicy::detail
