// Tables built from processed documents: what the CLI prints, what a program can consume.
// Column names and meanings are documented in README.md ("Output columns") and are stable.
#pragma once

#include <vector>

#include "zhpolicy/pipeline.hpp"
#include "zhpolicy/table.hpp"

namespace zhpolicy {

// doc, kind, what, byte_start, byte_end, start, end, text — one row per diagnostic.
Table diagnostics_table(const std::vector<const Document*>& docs);

// doc, key, value, byte_start, byte_end — one row per metadata field.
Table metadata_table(const std::vector<const Document*>& docs);

}  // namespace zhpolicy
