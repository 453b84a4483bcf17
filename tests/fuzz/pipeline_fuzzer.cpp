// Fuzz target: process_document(), the one call the CLI makes per document.
//
// Checks the whole Document (fuzz_checks.cpp: check_document): the stage invariants, every
// clause/target/diagnostic byte range inside the input and monotonic, for UTF-8 inputs the
// target's characters found in order in its input bytes, and the targets, clauses,
// diagnostics and metadata tables written as CSV, JSON, JSON Lines and TSV and parsed back.
// A failed document must fail with an error the CLI can print (kBinary for bytes).
// The lean run the CLI makes (no code point arrays, no diagnostics, the input given away,
// targets handed on as they are found) must find the same clauses and targets, read from
// clean.text through the piece map, with the same input bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_checks.hpp"
#include "zhpolicy/pipeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zhpolicy;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<Document> doc = process_document(input, "fuzz");
  if (!doc.ok()) {
    ZHP_FUZZ_CHECK(doc.status().code() == ErrorCode::kBinary,
                   "process_document failed with an unexpected error: " + doc.status().message());
    ZHP_FUZZ_CHECK(doc.status().message().rfind("fuzz: ", 0) == 0, "error message does not name the document");
    return 0;
  }
  fuzz::check_document(*doc, input);

  PipelineOptions lean;
  lean.keep_code_points = false;
  lean.keep_diagnostics = false;
  std::vector<Target> handed;
  std::vector<ByteRange> handed_bytes;
  lean.on_target = [&](const Document&, Target&& t, const ByteRange& b) {
    handed.push_back(std::move(t));
    handed_bytes.push_back(b);
  };
  Result<Document> slim = process_owned_document(std::string(input), "fuzz", lean);
  ZHP_FUZZ_CHECK(slim.ok(), "the lean run failed where the full one did not");
  ZHP_FUZZ_CHECK(slim->clean.text == doc->clean.text, "the lean run cleaned differently");
  ZHP_FUZZ_CHECK(slim->original.empty() && slim->normalized.empty() && slim->diagnostics.empty(),
                 "the lean run kept what it was told not to");
  ZHP_FUZZ_CHECK(slim->segmentation.clauses.size() == doc->segmentation.clauses.size(), "clause counts differ");
  ZHP_FUZZ_CHECK(slim->targets.empty() && slim->target_count == handed.size(), "handed-on targets were also kept");
  ZHP_FUZZ_CHECK(handed.size() == doc->targets.size(), "target counts differ");
  for (size_t i = 0; i < doc->targets.size(); ++i) {
    const Target& a = doc->targets[i];
    const Target& b = handed[i];
    ZHP_FUZZ_CHECK(a.start == b.start && a.end == b.end && a.text == b.text && a.indicator == b.indicator &&
                       a.unit == b.unit && a.period == b.period && a.kind == b.kind &&
                       doc->target_bytes[i].begin == handed_bytes[i].begin &&
                       doc->target_bytes[i].end == handed_bytes[i].end,
                   "target " + std::to_string(i) + " differs in the lean run");
  }
  return 0;
}
