// The extractor's lexicons (data/units.tsv, data/quantity_cues.tsv), compiled in.
#pragma once

#include <array>
#include <cstdint>
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

// How much a target_cue / status_cue row says about a sentence (its value column).
enum class CueWeight : uint8_t {
  kNone,    // rows of the other roles
  kStrong,  // decides a sentence
  kWeak,    // as common in reports as in plans: breaks a tie between documents' strong cues
  kGenre,   // marks a news report; counted per document
};

struct CueEntry {
  std::u32string word;
  CueRole role;
  std::string value;  // comparator, direction, strength, weight, or "-"
  CueWeight weight = CueWeight::kNone;  // value parsed once, for the kind cues
};

struct QuantityLexicon {
  std::vector<UnitEntry> units;  // longest first
  std::vector<CueEntry> cues;    // longest first within the file's order

  // The cues / units whose first code point is `c`, longest first. Most code points start
  // none; a bitmap answers that without touching the buckets.
  // (Inline: the extractor asks at every code point of a sentence that holds a number.)
  const std::vector<const CueEntry*>& cues_starting_with(char32_t c) const {
    return has_bit(cue_first_, c) ? cue_buckets_[c % kBuckets] : no_cues_;
  }
  const std::vector<const UnitEntry*>& units_starting_with(char32_t c) const {
    return has_bit(unit_first_, c) ? unit_buckets_[c % kBuckets] : no_units_;
  }
  // The cues whose last code point is `c`, in the order of `cues` (so the first match is
  // the one a walk over `cues` finds first). Looking back from a number asks this at up to
  // 16 positions per number; walking the whole lexicon each time was a tenth of the pipeline.
  const std::vector<const CueEntry*>& cues_ending_with(char32_t c) const {
    if (c < 0x10000 && !has_bit(cue_last_, c)) return no_cues_;
    return cue_last_buckets_[c % kBuckets];
  }
  // Builds the indexes; called once the vectors are final.
  void build_index();

 private:
  // A bit per BMP code point, in the object itself: the test at every code point of a
  // document (document_lean) is one load, without a vector's pointer and emptiness.
  using Bitmap = std::array<uint64_t, 0x10000 / 64>;
  static bool has_bit(const Bitmap& bits, char32_t c) {
    return c < 0x10000 && ((bits[c >> 6] >> (c & 63)) & 1) != 0;
  }

  static constexpr size_t kBuckets = 1024;
  std::vector<const CueEntry*> no_cues_;
  std::vector<const UnitEntry*> no_units_;
  Bitmap cue_first_{};  // all zero until build_index
  Bitmap unit_first_{};
  Bitmap cue_last_{};
  std::vector<std::vector<const CueEntry*>> cue_buckets_ = std::vector<std::vector<const CueEntry*>>(kBuckets);
  std::vector<std::vector<const UnitEntry*>> unit_buckets_ = std::vector<std::vector<const UnitEntry*>>(kBuckets);
  std::vector<std::vector<const CueEntry*>> cue_last_buckets_ = std::vector<std::vector<const CueEntry*>>(kBuckets);
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
