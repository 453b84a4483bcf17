// Stage 2, clean: decoded page text -> the body of the document, one paragraph a line,
// with every removal recorded and a map from each kept code point to the input bytes.
//
// What goes: HTML markup (tags, comments, script/style content; entities are decoded and
// block tags become line breaks), page chrome (breadcrumbs, view counters, share lines,
// site headers and footers), "相关阅读"/"同类文章" lists and copyright blocks with
// everything in them, SEO spam lines, converter pinyin annotations ("實現(xiàn)" -> "實現"),
// paragraphs repeated verbatim, and whitespace runs. Metadata lines (信息名称, 索引号,
// 发布机构, 来源, dates under the title ...) move to CleanText::metadata. Mojibake and lost
// bytes stay in the text but are flagged as kDamaged diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zhpolicy/decode.hpp"
#include "zhpolicy/types.hpp"

namespace zhpolicy {

struct CleanOptions {
  bool keep_duplicates = false;  // keep paragraphs that repeat an earlier one verbatim
  // Record what was removed or flagged in CleanText::diagnostics. Without them clean does
  // the same work and returns the same text, for callers that never show diagnostics.
  bool diagnostics = true;
};

// A code point range of the clean text flagged as damaged (mojibake, lost bytes, U+FFFD).
struct DamagedSpan {
  uint32_t start = 0;
  uint32_t end = 0;
};

// One piece of the map from clean text to decoded text. A verbatim piece says the clean
// bytes from `byte` on are a copy of the decoded bytes from `decoded_begin` on (until the
// next piece); a replacement piece says each of its code points stands for the whole decoded
// range [decoded_begin, decoded_end): a space for a whitespace run, "&" for "&amp;", a line
// break for "<p>".
struct SourcePiece {
  uint32_t cp = 0;    // first code point of the piece in the clean text
  uint32_t byte = 0;  // its byte offset in the clean text
  uint32_t decoded_begin = 0;
  uint32_t decoded_end = 0;  // replacement pieces only
  bool verbatim = true;
};

struct CleanText {
  // The body: UTF-8, paragraphs separated by a single '\n', no blank lines, no leading
  // or trailing whitespace on a line, no trailing newline.
  std::string text;
  std::u32string chars;                 // the code points of `text` (the stages index these)
  std::vector<Diagnostic> diagnostics;  // in input order
  std::vector<MetadataField> metadata;  // in input order
  std::vector<DamagedSpan> damaged;     // sorted, disjoint
  std::string title;                    // the page title when one was recognised
  std::string encoding;                 // copied from the decode stage

  // The input bytes that code points [start, end) of `text` came from: from the first
  // byte of `start`'s source to the last byte of (end-1)'s source. Removed text inside the
  // range (a pinyin annotation, an inline tag) lies inside the returned range. Cost: a
  // binary search plus a walk of at most one piece (pieces are capped at 4 KiB).
  ByteRange source_bytes(uint32_t start, uint32_t end) const;
  // The clean text of code points [start, end) (clamped to the text), found through the
  // pieces: a binary search and a walk of at most one piece.
  std::string_view text_between(uint32_t start, uint32_t end) const;

  // The map itself, sorted by `cp`; and the decode stage's map to input bytes.
  std::vector<SourcePiece> pieces;
  InputMap input_map;
  uint32_t code_points = 0;  // number of code points in `text`
};

// Cleans `decoded`. Never fails: an input that is all chrome yields an empty text.
CleanText clean(const DecodedText& decoded, const CleanOptions& options = {});

}  // namespace zhpolicy
