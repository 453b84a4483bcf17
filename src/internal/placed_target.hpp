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
using StoredTargetSink = std::function<void(const Target&, CleanBytes)>;

// One walk over a document's normalized text: the positions that may start a number (or
// are the title marks 《 》) and those that may start a sentence cue or a period
// expression, which the extractor then reads sentence by sentence instead of looking at
// every code point again, and, on the way, the document's lean. (Positions fit 32 bits:
// inputs are at most 1 GiB, --max-bytes.)
struct DocumentWalk {
  std::vector<uint32_t> number_starts;  // ascending
  // The runs of consecutive number_starts: a numeral is read from the first code point of
  // its run (the code points after it continue it), so there are as many targets at most,
  // but for the rare Arabic digit written right after a Chinese numeral ("三5").
  size_t numerals = 0;
  std::vector<uint32_t> cue_starts;     // ascending
  DocumentLean lean = DocumentLean::kTarget;  // with a title: document_lean(normalized, title)
};

// Walks `normalized` for the extractor.
DocumentWalk walk_document(std::u32string_view normalized);
// The same, also finding the lean that document_lean(normalized, title) finds.
DocumentWalk walk_document(std::u32string_view normalized, std::u32string_view title);

// As the public extract_targets with a TargetSink, each target with the bytes of its text.
void extract_placed_targets(const CleanText& clean, std::u32string_view normalized,
                            const Segmentation& segmentation, const std::vector<DamagedSpan>& damaged,
                            DocumentLean lean, const PlacedTargetSink& found);
// The same with the document walked already (walk_document on the same normalized text).
void extract_placed_targets(const CleanText& clean, std::u32string_view normalized,
                            const Segmentation& segmentation, const std::vector<DamagedSpan>& damaged,
                            DocumentLean lean, const DocumentWalk& walk, const PlacedTargetSink& found);

// The same, appending each target to `targets` (read there in place: no Target is moved
// but by the vector's growth) and telling `placed` where its text lies as it is kept.
void extract_stored_targets(const CleanText& clean, std::u32string_view normalized, const Segmentation& segmentation,
                            const std::vector<DamagedSpan>& damaged, DocumentLean lean, const DocumentWalk& walk,
                            std::vector<Target>& targets, const StoredTargetSink& placed);

// The capacity to give a vector that collects the targets of the text `walk` walked when
// the first one comes (a text without targets reserves nothing): the bound on their number.
size_t first_target_capacity(const DocumentWalk& walk);

}  // namespace zhpolicy::detail
