// Invariant checks shared by the fuzz targets (tests/fuzz/*_fuzzer.cpp).
//
// The fuzzers do not only wait for a sanitizer to fire: after every call they check what
// the headers promise about the result (offsets in range, ranges nested and ordered, the
// shadow as long as the text, tables that parse back). A broken promise prints what broke
// and aborts, which libFuzzer records as a crash and the replay main (replay_main.cpp)
// reports as a failed ctest with the input file named.
//
// Everything here is independent of src/internal so that the checks cannot share a bug
// with the code they check.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/clean.hpp"
#include "zhpolicy/decode.hpp"
#include "zhpolicy/extract.hpp"
#include "zhpolicy/pipeline.hpp"
#include "zhpolicy/segment.hpp"

namespace zhpolicy::fuzz {

// The input file being replayed (set by replay_main.cpp; nullptr under libFuzzer), printed
// when a check fails.
extern const char* g_current_input;

// Prints "invariant violated: <what> (<file>:<line>)" and the input name, then aborts.
[[noreturn]] void fail(const char* file, int line, const std::string& what);

#define ZHP_FUZZ_CHECK(cond, what)                                       \
  do {                                                                   \
    if (!(cond)) ::zhpolicy::fuzz::fail(__FILE__, __LINE__, (what));     \
  } while (0)

// An independent strict UTF-8 validator (no overlongs, no surrogates, <= U+10FFFF).
bool valid_utf8(std::string_view s);

// Code points of valid UTF-8 (checked by the caller).
std::u32string code_points(std::string_view s);

// True when `table_text` is RFC 4180 CSV whose every record has `columns` fields.
bool valid_csv(std::string_view table_text, size_t columns, std::string* why);

// True when `text` is one JSON value (RFC 8259) with nothing but whitespace around it.
bool valid_json(std::string_view text, std::string* why);

// The input as the segment and extract targets read it: decoded (false if it does not
// decode), its code points and their normalized shadow.
bool decode_for_segmentation(std::string_view input, std::u32string& original, std::u32string& normalized);

// Stage-level invariants. Each one aborts through ZHP_FUZZ_CHECK on a violation.
void check_decoded(const DecodedText& decoded, std::string_view input);
void check_clean(const CleanText& clean, std::string_view input);
void check_segmentation(const Segmentation& seg, size_t text_length);
void check_targets(const std::vector<Target>& targets, const Segmentation& seg,
                   std::u32string_view original, std::u32string_view normalized);
// The whole Document, including its byte ranges into `input` and the tables written from it.
void check_document(const Document& doc, std::string_view input);

}  // namespace zhpolicy::fuzz
