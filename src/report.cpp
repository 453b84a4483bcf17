#include "zhpolicy/report.hpp"

#include <string>

namespace zhpolicy {

Table diagnostics_table(const std::vector<const Document*>& docs) {
  Table t{"diagnostics",
          {{"doc"}, {"kind"}, {"what"}, {"byte_start", ColumnType::kInteger},
           {"byte_end", ColumnType::kInteger}, {"start", ColumnType::kInteger},
           {"end", ColumnType::kInteger}, {"text"}},
          {}};
  for (const Document* d : docs) {
    for (const Diagnostic& g : d->clean.diagnostics) {
      t.rows.push_back({d->name, diagnostic_kind_name(g.kind), g.what, std::to_string(g.bytes.begin),
                        std::to_string(g.bytes.end), std::to_string(g.start), std::to_string(g.end),
                        g.text});
    }
  }
  return t;
}

Table metadata_table(const std::vector<const Document*>& docs) {
  Table t{"metadata",
          {{"doc"}, {"key"}, {"value"}, {"byte_start", ColumnType::kInteger},
           {"byte_end", ColumnType::kInteger}},
          {}};
  for (const Document* d : docs) {
    for (const MetadataField& f : d->clean.metadata) {
      t.rows.push_back({d->name, f.key, f.value, std::to_string(f.bytes.begin), std::to_string(f.bytes.end)});
    }
  }
  return t;
}

}  // namespace zhpolicy
