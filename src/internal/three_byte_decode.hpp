// Decoding runs of three-byte UTF-8 sequences (CJK ideographs and punctuation, most of a
// Chinese text) four at a time with SSSE3, chosen at run time: x86-64's baseline is SSE2,
// which has no byte shuffle. normalize's decoder calls it first at every run and finishes
// the run, and everything else, one character at a time.
#pragma once

#include <cstddef>

namespace zhpolicy::detail {

// Decodes whole groups of four three-byte sequences with leads E1..EC or EE..EF (those
// can be neither overlong nor a surrogate, so two continuation bytes make them valid)
// starting at p, while at least 16 bytes can be read and `room` code points written.
// Advances p; returns the number of code points written to out. Returns 0 without
// reading when the processor lacks SSSE3 or the first group does not qualify.
size_t decode_three_byte_groups(const unsigned char*& p, const unsigned char* end, char32_t* out, size_t room);

// Whether decode_three_byte_groups() does any work on this processor.
bool three_byte_groups_supported();

}  // namespace zhpolicy::detail
