// Stage 5, extract: every quantitative expression of a document, with its unit,
// comparator, indicator, clause, and whether it is a plan or a reported result.
//
// Works on the normalized shadow (so 萬/万, ％/%, 不低於/不低于 read alike) and cuts every
// text it reports from the original clean text at the same offsets. The lexicons are
// data: data/units.tsv (units and their classes) and data/quantity_cues.tsv (comparator
// words, change verbs, target/status cues, strength words, period words).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/clean.hpp"
#include "zhpolicy/numeral.hpp"
#include "zhpolicy/segment.hpp"

namespace zhpolicy {

// What a document mostly states; decides sentences that carry no cue either way.
enum class DocumentLean { kTarget, kStatus };

// A target's words from closed vocabularies (comparator, unit_norm, unit_class, direction,
// kind, strength) are views of strings that live as long as the program (literals and the
// compiled-in lexicons): a target copies no bytes for them. Its other texts are its own.
struct Target {
  size_t clause = 0;     // index into Segmentation::clauses
  size_t sentence = 0;   // index into Segmentation::sentences
  uint32_t start = 0;    // the expression ("不低于15%", "800名以上", "3-4所"), code points
  uint32_t end = 0;
  std::string text;      // the expression as written (original script)
  std::string indicator;       // what is measured, original script ("新增學位")
  std::string indicator_norm;  // the same span of the normalized shadow ("新增学位")
  std::string_view comparator;  // "=", ">=", ">", "<=", "<", "~", "range"
  Decimal value;               // exact; percent values in percent (95 for 95%)
  Decimal value_max;           // ranges only
  bool has_max = false;
  std::string unit;            // as written ("個", "％", "個百分點"); "" if none
  std::string_view unit_norm;   // simplified, half-width ("个", "%", "个百分点")
  std::string_view unit_class;  // count, percent, percentage_point, money, score, duration, age, area, length, other
  std::string_view direction;   // "increase", "decrease" for changes; else ""
  std::string_view kind;        // "target" or "status"
  std::string_view strength;    // "firm", "aspirational", "plain"
  std::string period;          // "年内", "每季度", "到2025年", ... as written; "" if none
  std::vector<std::string> flags;  // "approximate", "damaged", "inferred_unit"
};

// Extracts the targets of one document. `original` and `normalized` are the clean text's
// code points and its fold (same length); `segmentation` comes from segment_clauses on
// them; `damaged` from CleanText. Rows are in text order. Linear in the text length.
std::vector<Target> extract_targets(std::u32string_view original, std::u32string_view normalized,
                                    const Segmentation& segmentation,
                                    const std::vector<DamagedSpan>& damaged, DocumentLean lean);
// The same reading the original script from `clean` itself (its text through its piece
// map) rather than from an array of its code points.
std::vector<Target> extract_targets(const CleanText& clean, std::u32string_view normalized,
                                    const Segmentation& segmentation,
                                    const std::vector<DamagedSpan>& damaged, DocumentLean lean);

// The same, handing each target to `found` instead of returning them all (one target late:
// the reader looks back at the last one it read), for a caller that turns targets into rows
// at once and so never holds the whole list.
using TargetSink = std::function<void(Target&&)>;
void extract_targets(const CleanText& clean, std::u32string_view normalized, const Segmentation& segmentation,
                     const std::vector<DamagedSpan>& damaged, DocumentLean lean, const TargetSink& found);

// Decides the document's lean from its cue words (plan verbs vs. report verbs) and title.
DocumentLean document_lean(std::u32string_view normalized, std::u32string_view title_normalized);

}  // namespace zhpolicy
