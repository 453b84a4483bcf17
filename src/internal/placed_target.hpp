// Targets handed on with where their text lies in the clean text. The reader cuts a
// target's text from the clean text, so it knows the bytes; the pipeline needs them to
// find the target's input bytes, and walking the clean text to them again was most of that
// lookup (SourceCursor).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "zhpolicy/extract.hpp"

namespace zhpolicy::detail {

// Bytes [begin, end) of CleanText::text; begin is SIZE_MAX when they are not known.
struct CleanBytes {
  size_t begin = SIZE_MAX;
  size_t end = SIZE_MAX;
};

using PlacedTargetSink = std::function<void(Target&&, CleanBytes)>;

// As the public extract_targets with a TargetSink, each target with the bytes of its text.
void extract_placed_targets(const CleanText& clean, std::u32string_view normalized,
                            const Segmentation& segmentation, const std::vector<DamagedSpan>& damaged,
                            DocumentLean lean, const PlacedTargetSink& found);

// The capacity to give a vector that collects the targets of `normalized` when the first
// one comes (a text without targets reserves nothing): their number for a large text, a
// guess from the text's length for another (see extract.cpp).
size_t first_target_capacity(std::u32string_view normalized);

}  // namespace zhpolicy::detail
