// Fuzz target: process_document(), the one call the CLI makes per document.
//
// Checks the whole Document (fuzz_checks.cpp: check_document): the stage invariants, every
// clause/target/diagnostic byte range inside the input and monotonic, for UTF-8 inputs the
// target's characters found in order in its input bytes, and the targets, clauses,
// diagnostics and metadata tables written as CSV, JSON, JSON Lines and TSV and parsed back.
// A failed document must fail with an error the CLI can print (kBinary for bytes).
#include <cstddef>
#include <cstdint>
#include <string_view>

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
  return 0;
}
