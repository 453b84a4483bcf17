// The target the pipeline is handing to PipelineOptions::on_target, with the clean text of
// its sentence: target_row cuts the sentence cell from it instead of finding the sentence
// in the clean text again (a walk from the start of its 4 KiB piece for every row). The
// pipeline knows where the target's text lies in the clean text (extract_placed_targets),
// so the sentence is a short walk either side of it, once per sentence.
//
// Set on the pipeline's thread for the duration of one on_target call only; a reader takes
// it only for that very document and Target object, so a row made any other way (a stored
// target, another thread, a copy) finds the sentence as before.
#pragma once

#include <string_view>

#include "zhpolicy/extract.hpp"

namespace zhpolicy {
struct Document;
}

namespace zhpolicy::detail {

struct HandedTarget {
  const Document* doc = nullptr;
  const Target* target = nullptr;
  std::string_view sentence;  // clean text of the target's sentence, whole
};

// This thread's handed target (none outside an on_target call).
HandedTarget& handed_target();

// The sentence text of `target` of `doc` if it is the target being handed on, else nullptr.
inline const std::string_view* handed_sentence(const Document& doc, const Target& target) {
  const HandedTarget& h = handed_target();
  return h.doc == &doc && h.target == &target ? &h.sentence : nullptr;
}

}  // namespace zhpolicy::detail
