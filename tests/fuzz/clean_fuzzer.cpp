// Fuzz target: clean() on whatever decode() makes of the bytes.
//
// Checks the CleanText contract (clean.hpp): valid UTF-8, one paragraph a line without
// blank lines or surrounding whitespace, code_points right, damaged spans sorted and
// disjoint, every diagnostic and metadata range inside the input, and source_bytes()
// inside the input and monotonic over the text. Runs once with duplicates dropped and once
// with --keep-duplicates (chosen by the input length).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.hpp"
#include "zhpolicy/clean.hpp"
#include "zhpolicy/decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zhpolicy;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<DecodedText> decoded = decode(input, "fuzz");
  if (!decoded.ok()) return 0;
  CleanOptions options;
  options.keep_duplicates = size % 2 == 1;
  const CleanText c = clean(*decoded, options);
  fuzz::check_clean(c, input);
  return 0;
}
