// Fuzz target: decode(), the stage that sees raw bytes first.
//
// Any byte string must either be refused with kBinary/kUnknownEncoding or decode to valid
// UTF-8 whose InputMap stays inside the input and never runs backwards. The same bytes are
// also decoded with a forced charset (chosen by the input length, so the corpus stays plain
// files) to reach the ICU converter paths that detection rarely picks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.hpp"
#include "zhpolicy/decode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zhpolicy;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<DecodedText> detected = decode(input, "fuzz");
  if (detected.ok()) {
    fuzz::check_decoded(*detected, input);
    ZHP_FUZZ_CHECK(is_valid_utf8(detected->text), "is_valid_utf8 rejects the decoded text");
  } else {
    ZHP_FUZZ_CHECK(detected.status().code() == ErrorCode::kBinary, "decode failed without a forced encoding: " +
                                                                      detected.status().message());
  }
  // The library's validator agrees with the independent one.
  ZHP_FUZZ_CHECK(is_valid_utf8(input) == fuzz::valid_utf8(input), "is_valid_utf8 disagrees with the checker");

  static const char* const kCharsets[] = {"gb18030", "big5", "utf-16le", "utf-16be", "utf-8", "utf-32le"};
  DecodeOptions forced;
  forced.encoding = kCharsets[size % (sizeof kCharsets / sizeof kCharsets[0])];
  Result<DecodedText> r = decode(input, "fuzz", forced);
  if (r.ok()) fuzz::check_decoded(*r, input);
  return 0;
}
