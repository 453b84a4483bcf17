// The extractor's lexicons (data/units.tsv, data/quantity_cues.tsv), compiled in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zhpolicy::detail {

struct UnitEntry {
  std::u32string unit;  // simplified, half-width
  std::string unit_class;
  std::string unit_norm;  // what rows report as unit_norm (usually the unit itself)
};

enum class CueRole {
  kBeforeComparator,
  kAfterComparator,
  kApproxInfix,
  kDelta,
  kTargetCue,
  kStatusCue,
  kStrength,
  kPeriod,
};

struct CueEntry {
  std::u32string word;
  CueRole role;
  std::string value;  // comparator, direction, strength, or "-"
};

struct QuantityLexicon {
  std::vector<UnitEntry> units;  // longest first
  std::vector<CueEntry> cues;    // longest first within the file's order
};

// Parsed once on first use.
const QuantityLexicon& quantity_lexicon();

// Parses the two files' text (exposed for the data-file tests). Returns an error message
// naming the line for a malformed row, or "" when both parse.
std::string parse_quantity_lexicon(std::string_view units_tsv, std::string_view cues_tsv,
                                   QuantityLexicon& out);

// The embedded file texts.
std::string_view units_tsv_text();
std::string_view quantity_cues_tsv_text();

}  // namespace zhpolicy::detail
