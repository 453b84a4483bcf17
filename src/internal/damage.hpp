// Mojibake and lost bytes in otherwise readable text.
//
// Pages that went through a wrong GBK<->UTF-8 round trip keep most characters but lose a
// few bytes, which show up as '?' and a short run of unlikely characters: "學?!?4所"
// (was 學校”14所), "專家?guī)?" (was 專家庫), "示范?!焙汀耙婪ㄖ涡O冗M" (was 示范校”和“依法治校先進).
// Repair is not possible in general (the bytes are gone), so we find the spans and let later
// stages flag whatever touches them.
//
// A span starts at a seed: U+FFFD, a '?' wedged into CJK text, a bopomofo or private-use
// character, or a known mojibake word (锟斤拷, 烫烫烫). It grows over neighbouring "suspect"
// characters (ASCII letters and stray ASCII punctuation, Latin letters with diacritics,
// enclosed alphanumerics) and over up to kMaxGap ordinary characters when another suspect
// follows. A '?' after an interrogative word (吗 呢 何 怎 否 …) is a question, not damage.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "zhpolicy/clean.hpp"

namespace zhpolicy::detail {

// Damaged spans of `text` (code points), sorted and disjoint.
std::vector<DamagedSpan> find_damaged_spans(std::u32string_view text);

// Whether a code point can never seed a span (ASCII but '?', the ideographs but 锟烫屯, CJK
// punctuation, full-width forms, the dashes, quotes and ellipsis of general punctuation),
// and the first one at or after i that can (or t.size()): find_damaged_spans() skips to it,
// sixteen or eight code points at a time.
bool is_quiet(char32_t c);
size_t next_loud(std::u32string_view t, size_t i);

}  // namespace zhpolicy::detail
