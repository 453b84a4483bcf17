// Fuzz target: normalize() + segment_clauses().
//
// The text is the decoded input itself, not the clean text: segment_clauses() promises to
// tolerate blank lines and spaces around lines and to never throw for any input, and the
// raw text reaches label shapes (a label after spaces, "\r\n" line ends) that clean would
// have tidied away. Checks: normalized.size() == original.size(); the preamble; clauses in
// order, inside their parents, siblings disjoint, ids unique; sentences disjoint, ordered,
// inside their clause and never across a clause start.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.hpp"
#include "zhpolicy/segment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zhpolicy;
  std::u32string original, normalized;
  if (!fuzz::decode_for_segmentation(std::string_view(reinterpret_cast<const char*>(data), size), original,
                                     normalized)) {
    return 0;
  }
  const Segmentation seg = segment_clauses(original, normalized);
  fuzz::check_segmentation(seg, original.size());
  (void)clause_outline(seg);
  return 0;
}
