// GB18030 and Big5 decoded by a table that ICU wrote at build time (src/tools/
// gen_legacy_table.cpp), for the part of a file that is ASCII and double-byte characters:
// ICU's converter with its offsets array cost about fifty instructions an input byte there.
// Everything else (GB18030's four-byte sequences, unmapped or invalid bytes) is left to ICU,
// which decode() hands the rest of the input to; together they give ICU's text and map.
#pragma once

#include <cstddef>
#include <string_view>

#include "zhpolicy/decode.hpp"

namespace zhpolicy::detail {

struct LegacyTable;

// The table for the ICU converter name `charset` as decode() passes it ("GB18030", "Big5"),
// or nullptr when there is none.
const LegacyTable* legacy_table(std::string_view charset);

// The display name decode() gives text decoded with `table` ("GB18030", "Big5").
const char* legacy_display_name(const LegacyTable& table);

// Decodes bytes[from..] while they are ASCII or pairs in `table`, appending to out.text and
// adding to out.map the anchors ICU's offsets would give. Returns where it stopped: a
// character boundary, bytes.size() once all is decoded.
size_t decode_by_table(std::string_view bytes, size_t from, const LegacyTable& table, DecodedText& out);

}  // namespace zhpolicy::detail
