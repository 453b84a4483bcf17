// Decoding text that mixes ASCII and three-byte UTF-8 sequences (CJK ideographs and
// punctuation: most of a Chinese text) sixteen bytes a step with SSSE3, chosen at run time
// (x86-64's baseline is SSE2, which has no byte shuffle). normalize's decoders call it first
// and after every character it leaves to them.
#pragma once

namespace zhpolicy::detail {

// Decodes [p, end) into [out, out_end) while the text is ASCII and three-byte sequences with
// leads E1..EC or EE..EF (those can be neither overlong nor a surrogate, so two continuation
// bytes make them valid), and sixteen bytes can be read and sixteen code points written.
// Stops on a sequence boundary before anything else (a lead E0 or ED, a two- or four-byte
// sequence, an invalid byte), up to three characters early: a step takes four characters or,
// at such a stop, none. Advances p; returns the new end of the output (out itself when the
// processor lacks SSSE3).
char32_t* decode_mixed(const unsigned char*& p, const unsigned char* end, char32_t* out, char32_t* out_end);

// Whether decode_mixed() does any work on this processor.
bool mixed_decode_supported();

}  // namespace zhpolicy::detail
