// Tables built from processed documents: what the CLI prints, what a program can consume.
// Column names and meanings are documented in README.md ("Output columns") and are stable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/pipeline.hpp"
#include "zhpolicy/table.hpp"

namespace zhpolicy {

// doc, kind, what, byte_start, byte_end, start, end, text — one row per diagnostic.
Table diagnostics_table(const std::vector<const Document*>& docs);

// doc, key, value, byte_start, byte_end — one row per metadata field.
Table metadata_table(const std::vector<const Document*>& docs);

// doc, id, level, label, number, parent_id, path, title, scheme, start, end, byte_start,
// byte_end, chars — one row per clause (the preamble pseudo clause is left out).
Table clauses_table(const std::vector<const Document*>& docs);

// An indented outline for people: one line per clause, two spaces per level below 1,
// "label title"; a "# doc" line before each document when there are several.
std::string clauses_outline(const std::vector<const Document*>& docs);

// doc, clause_id, clause_path, clause_title, sentence, text, indicator, indicator_norm,
// comparator, value, value_max, unit, unit_norm, unit_class, direction, kind, strength,
// period, flags, start, end, byte_start, byte_end — one row per target.
Table targets_table(const std::vector<const Document*>& docs);
// The sentence cell of the last target made into a row, kept for the next one: the targets
// of a sentence come one after another and every row repeats its sentence, so the sentence
// is found once for them all (each search walked to it from the start of its stretch of
// clean text: a sixth of making a row), and a next sentence close after it is walked to from
// its end. One per document, as it views the document's text (a cache met with another
// document's text is emptied first).
struct SentenceCellCache {
  size_t sentence = static_cast<size_t>(-1);  // index into Segmentation::sentences; none yet
  std::string_view cell;
  std::string_view text;  // the clean text `cell` lies in
};

// The row of one target of `d` (for rows made as targets are found, PipelineOptions::on_target);
// `last_sentence` is the cache of `d`'s rows made so far.
TableRow target_row(const Document& d, const Target& target, const ByteRange& bytes,
                    SentenceCellCache& last_sentence);

// doc, status, error, encoding, bytes, chars, clauses, targets, targets_target,
// targets_status, diagnostics, removed_chrome, removed_spam, removed_duplicate,
// removed_pinyin, invalid_bytes, numbering, damaged_spans, title, date — one row per
// document. `status` is "ok"; `date` is the first of the metadata keys 日期, 发布日期,
// 生成日期, 公开日期. Documents need Stage::kExtract for the target counts, stored targets
// (no PipelineOptions::on_target) for targets_target/targets_status, and keep_diagnostics
// for the diagnostic counts.
Table summary_table(const std::vector<const Document*>& docs);

// The summary row of a document that could not be processed: status is the error code's
// name ("not_found", "binary", "too_large" ...), error the message; counts are empty.
Table summary_failure_table(const std::string& doc, const Status& status);

}  // namespace zhpolicy
