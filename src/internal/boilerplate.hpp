// The page-chrome lexicon (data/boilerplate.tsv), compiled into the library.
#pragma once

#include <cstddef>
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

// The markers of one kind, in file order (listed once, on first use).
const std::vector<const Marker*>& markers_of(MarkerKind kind);

// Folds a line for matching: fold_char, ASCII lower case, spaces dropped.
std::u32string compact_fold(std::u32string_view line);
// The same for a line that is already fold()ed: compact_fold(l) == compact_folded(fold(l)).
std::u32string compact_folded(std::u32string_view folded_line);
// The same into `out`, reusing its buffer.
void compact_folded(std::u32string_view folded_line, std::u32string& out);

bool marker_matches(const Marker& marker, std::u32string_view compact_line);

// The first marker of `kind` that matches, or nullptr.
const Marker* find_marker(MarkerKind kind, std::u32string_view compact_line);

// Spam score of a line: sum over distinct matching spam markers.
int spam_score(std::u32string_view compact_line);

constexpr size_t kMarkerKinds = 10;

// Every marker kind that matches a line, found in one pass over the line (markers are
// bucketed by their first code point), so classifying a line costs its length, not
// length x lexicon size.
struct MarkerHits {
  // The longest matching marker of each kind (prefix/exact ones only at the line start).
  const Marker* first[kMarkerKinds] = {};
  int spam = 0;  // as spam_score()
  const Marker* find(MarkerKind kind) const { return first[static_cast<size_t>(kind)]; }
};

MarkerHits scan_markers(std::u32string_view compact_line);

}  // namespace zhpolicy::detail
