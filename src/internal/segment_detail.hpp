// Test hooks of the segment stage: the entry point with a work counter, so that unit tests
// can prove linear behaviour by counting steps instead of timing.
#pragma once

#include <cstdint>
#include <string_view>

#include "internal/original_text.hpp"
#include "zhpolicy/segment.hpp"

namespace zhpolicy::detail {

// segment_clauses, adding to *steps the number of code point visits and table probes it
// made. Every loop of the stage counts here, so steps / input size bounds the work per
// code point.
Segmentation segment_clauses_counted(const OriginalText& original, std::u32string_view normalized,
                                     uint64_t* steps);

}  // namespace zhpolicy::detail
