// Fuzz target: extract_targets() on a segmented text.
//
// Like the segment target, the text is the decoded input (numbers, units and comparators
// in any arrangement, without clean's tidying); the damaged spans are taken from clean()
// of the same bytes when they fit, so the "damaged" flag path runs too. Checks every
// target: inside the text and its sentence, in text order, its text cut from the original
// at its offsets, comparator/kind/strength from their closed vocabularies, fields UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.hpp"
#include "zhpolicy/extract.hpp"
#include "zhpolicy/segment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zhpolicy;
  std::u32string original, normalized;
  if (!fuzz::decode_for_segmentation(std::string_view(reinterpret_cast<const char*>(data), size), original,
                                     normalized)) {
    return 0;
  }
  const Segmentation seg = segment_clauses(original, normalized);
  // Damaged spans: every U+FFFD and '?' of the text, as clean would flag them (sorted, disjoint).
  std::vector<DamagedSpan> damaged;
  for (uint32_t i = 0; i < original.size(); ++i) {
    if (original[i] != 0xFFFD && original[i] != '?') continue;
    if (!damaged.empty() && damaged.back().end == i) damaged.back().end = i + 1;
    else damaged.push_back({i, i + 1});
  }
  const DocumentLean lean = document_lean(normalized, std::u32string_view());
  const std::vector<Target> targets = extract_targets(original, normalized, seg, damaged, lean);
  fuzz::check_targets(targets, seg, original, normalized);
  // The other lean too: the kind decision must not break any other invariant.
  const DocumentLean other = lean == DocumentLean::kTarget ? DocumentLean::kStatus : DocumentLean::kTarget;
  fuzz::check_targets(extract_targets(original, normalized, seg, damaged, other), seg, original, normalized);
  return 0;
}
