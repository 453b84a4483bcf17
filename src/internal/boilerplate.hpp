// The page-chrome lexicon (data/boilerplate.tsv), compiled into the library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zhpolicy::detail {

enum class MarkerKind {
  kArticleEnd,   // "来源", "责任编辑": the article ends here; short lines after it are footer
  kBreadcrumb,
  kCopyright,    // ends the body
  kCounter,
  kFooter,
  kMetadataKey,
  kRelated,      // ends the body
  kShare,
  kSpam,         // scores 1
  kSpamStrong,   // scores 2
};

enum class MarkerMatch { kPrefix, kContains, kExact };

struct Marker {
  MarkerKind kind;
  MarkerMatch match;
  std::u32string pattern;  // folded, ASCII-lowercased, without spaces
};

// All markers, in file order. Parsed once, on first use (thread-safe static).
const std::vector<Marker>& boilerplate_markers();

// Folds a line for matching: fold_char, ASCII lower case, spaces dropped.
std::u32string compact_fold(std::u32string_view line);

bool marker_matches(const Marker& marker, std::u32string_view compact_line);

// The first marker of `kind` that matches, or nullptr.
const Marker* find_marker(MarkerKind kind, std::u32string_view compact_line);

// Spam score of a line: sum over distinct matching spam markers.
int spam_score(std::u32string_view compact_line);

}  // namespace zhpolicy::detail
