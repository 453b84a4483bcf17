// Vocabulary shared by every stage: spans, diagnostics, document metadata.
//
// Offsets. Three coordinate systems appear in zhpolicy, and every field says which:
//   - input bytes: offsets into the file exactly as it was read (before decoding);
//   - code points ("start"/"end"): indexes into the clean text, counted in Unicode code
//     points; the normalized shadow has the same length, so they index it too;
//   - clean bytes: UTF-8 byte offsets into the clean text (internal use only).
// All ranges are half-open: [begin, end).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zhpolicy {

// A half-open range of input-file bytes.
struct ByteRange {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// What a diagnostic reports. Removals carry the removed text; flags point at kept text.
enum class DiagnosticKind {
  kInvalidBytes,  // bytes that are not valid in the detected encoding; replaced by U+FFFD
  kEncoding,      // how the encoding was decided (BOM, detection, --encoding)
  kMarkup,        // HTML markup removed (script/style content, comments)
  kChrome,        // page chrome removed: breadcrumbs, counters, share lines, footers
  kRelated,       // a "相关阅读"-style list of other articles, removed with everything in it
  kCopyright,     // a copyright / disclaimer block, removed
  kSpam,          // an injected SEO spam line, removed
  kMetadata,      // a metadata line (信息名称, 索引号, 来源 …) moved out of the body
  kPinyin,        // a converter pinyin annotation "(xiàn)" removed
  kDuplicate,     // a paragraph identical to an earlier one, removed
  kDamaged,       // mojibake / lost bytes kept in the text but flagged
  kNumbering,     // a gap, repeat or ambiguity in clause numbering
};

// Short lower-case name used in tables: "invalid_bytes", "chrome", "pinyin", ...
const char* diagnostic_kind_name(DiagnosticKind kind);

struct Diagnostic {
  DiagnosticKind kind;
  std::string what;     // finer label: "breadcrumb", "view_counter", "html_comment", ...
  ByteRange bytes;      // where in the input file
  uint32_t start = 0;   // code point offset in the clean text (for removals: where it was)
  uint32_t end = 0;     // == start for removals
  std::string text;     // the text concerned, UTF-8, possibly shortened with "…"
};

// A (key, value) pair of document metadata. Keys are canonical simplified names
// ("信息名称", "索引号", "发布机构", "来源", "责任编辑", "日期", "标题", "站点" ...);
// values are as written.
struct MetadataField {
  std::string key;
  std::string value;
  ByteRange bytes;
};

}  // namespace zhpolicy
