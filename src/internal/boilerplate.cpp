#include "internal/boilerplate.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

#include "internal/compact_form.hpp"
#include "zhpolicy/normalize.hpp"

namespace zhpolicy::detail {
namespace {
#include "boilerplate_data.inc"

MarkerKind parse_kind(std::string_view s) {
  if (s == "article_end_key") return MarkerKind::kArticleEnd;
  if (s == "breadcrumb") return MarkerKind::kBreadcrumb;
  if (s == "copyright") return MarkerKind::kCopyright;
  if (s == "counter") return MarkerKind::kCounter;
  if (s == "footer") return MarkerKind::kFooter;
  if (s == "metadata_key") return MarkerKind::kMetadataKey;
  if (s == "related") return MarkerKind::kRelated;
  if (s == "share") return MarkerKind::kShare;
  if (s == "spam") return MarkerKind::kSpam;
  if (s == "spam_strong") return MarkerKind::kSpamStrong;
  // The file is compiled in and checked by tests/unit/boilerplate_test.cpp; an unknown
  // kind is a build-time mistake, never a run-time input problem.
  throw std::logic_error("data/boilerplate.tsv: unknown kind " + std::string(s));
}

std::vector<Marker> parse_markers() {
  std::vector<Marker> markers;
  std::string_view data(k_boilerplate_tsv);
  while (!data.empty()) {
    const size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    if (line.empty() || line[0] == '#') continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = line.find('\t', t1 + 1);
    const std::string_view kind = line.substr(0, t1);
    const std::string_view match = line.substr(t1 + 1, t2 - t1 - 1);
    const std::string_view pattern = line.substr(t2 + 1);
    Marker m{parse_kind(kind),
             match == "prefix" ? MarkerMatch::kPrefix
                               : match == "exact" ? MarkerMatch::kExact : MarkerMatch::kContains,
             compact_fold(to_code_points(pattern))};
    markers.push_back(std::move(m));
  }
  return markers;
}

}  // namespace

const std::vector<Marker>& boilerplate_markers() {
  static const std::vector<Marker> markers = parse_markers();
  return markers;
}

std::u32string compact_fold(std::u32string_view line) {
  // fold() of the whole line is a table lookup per code point without a call per code
  // point; spaces are then squeezed out.
  return compact_folded(fold(line));
}

std::u32string compact_folded(std::u32string_view folded_line) {
  std::u32string out;
  compact_folded(folded_line, out);
  return out;
}

void compact_folded(std::u32string_view folded_line, std::u32string& out) {
  out.assign(folded_line.data(), folded_line.size());
  out.resize(static_cast<size_t>(compact_span(out.data(), out.data() + out.size(), out.data()) - out.data()));
}

bool marker_matches(const Marker& marker, std::u32string_view line) {
  switch (marker.match) {
    case MarkerMatch::kPrefix: return line.substr(0, marker.pattern.size()) == marker.pattern;
    case MarkerMatch::kExact: return line == marker.pattern;
    case MarkerMatch::kContains: return line.find(marker.pattern) != std::u32string_view::npos;
  }
  return false;
}

const std::vector<const Marker*>& markers_of(MarkerKind kind) {
  static const auto by_kind = [] {
    std::array<std::vector<const Marker*>, kMarkerKinds> lists;
    for (const Marker& m : boilerplate_markers()) lists[static_cast<size_t>(m.kind)].push_back(&m);
    return lists;
  }();
  return by_kind[static_cast<size_t>(kind)];
}

const Marker* find_marker(MarkerKind kind, std::u32string_view line) {
  // (Its kind's markers only: a metadata value's last word is tried against the few footer
  // ones, not the whole lexicon.)
  for (const Marker* m : markers_of(kind)) {
    if (marker_matches(*m, line)) return m;
  }
  return nullptr;
}

int spam_score(std::u32string_view line) {
  int score = 0;
  for (const Marker& m : boilerplate_markers()) {
    if (m.kind == MarkerKind::kSpam && marker_matches(m, line)) score += 1;
    if (m.kind == MarkerKind::kSpamStrong && marker_matches(m, line)) score += 2;
  }
  return score;
}

namespace {

// Markers bucketed by first code point, with a byte of flags per BMP code point so that the
// common case (no marker starts with this character) costs one load: whether any marker
// starts with it (for the line start), and whether a kContains marker does (for the rest of
// the line, where prefix and exact markers cannot match). Common characters (上, 下, 公, 发,
// 有, 生, 现 ...) begin only prefix markers: the second flag halves the candidates.
struct MarkerIndex {
  static constexpr uint8_t kStartsMarker = 1;
  static constexpr uint8_t kStartsContained = 2;
  // Indexed by bmp_slot(): U+FFFF stands for every code point above the BMP too, which are
  // never ruled out.
  std::vector<uint8_t> starts = std::vector<uint8_t>(0x10000, 0);
  std::unordered_map<char32_t, std::vector<const Marker*>> by_first;
  static size_t bmp_slot(char32_t c) { return c < 0xFFFF ? c : 0xFFFF; }
  bool may_start(char32_t c, uint8_t flag) const { return (starts[bmp_slot(c)] & flag) != 0; }
  // Offset of the first code point at or after k that may start a kContains marker, or
  // line.size(): four code points a step, their flags tested together (most of a line
  // starts none).
  size_t next_contained_candidate(std::u32string_view line, size_t k) const {
    const uint8_t* const flags = starts.data();
    const char32_t* const s = line.data();
    const size_t n = line.size();
    for (; n - k >= 4; k += 4) {
      const unsigned any = flags[bmp_slot(s[k])] | flags[bmp_slot(s[k + 1])] | flags[bmp_slot(s[k + 2])] |
                           flags[bmp_slot(s[k + 3])];
      if ((any & kStartsContained) != 0) break;
    }
    for (; k < n; ++k) {
      if (may_start(s[k], kStartsContained)) return k;
    }
    return n;
  }
};

const MarkerIndex& marker_index() {
  static const MarkerIndex index = [] {
    MarkerIndex i;
    i.starts[MarkerIndex::bmp_slot(0x10000)] = MarkerIndex::kStartsMarker | MarkerIndex::kStartsContained;
    for (const Marker& m : boilerplate_markers()) {
      if (m.pattern.empty()) continue;
      const char32_t f = m.pattern[0];
      i.by_first[f].push_back(&m);
      i.starts[MarkerIndex::bmp_slot(f)] |= MarkerIndex::kStartsMarker;
      if (m.match == MarkerMatch::kContains) i.starts[MarkerIndex::bmp_slot(f)] |= MarkerIndex::kStartsContained;
    }
    return i;
  }();
  return index;
}

}  // namespace

MarkerHits scan_markers(std::u32string_view line) {
  MarkerHits hits;
  const MarkerIndex& index = marker_index();
  const Marker* spam_seen[16];
  size_t spam_count = 0;
  const size_t first = line.empty() || index.may_start(line[0], MarkerIndex::kStartsMarker)
                           ? 0
                           : index.next_contained_candidate(line, 1);
  for (size_t k = first; k < line.size(); k = index.next_contained_candidate(line, k + 1)) {
    auto it = index.by_first.find(line[k]);
    if (it == index.by_first.end()) continue;
    for (const Marker* m : it->second) {
      if (m->match != MarkerMatch::kContains && k != 0) continue;
      // A contained marker counts where it starts, at k: compare there rather than search
      // the rest of the line for it.
      const bool matches = m->match == MarkerMatch::kContains
                               ? line.compare(k, m->pattern.size(), m->pattern) == 0
                               : marker_matches(*m, line);
      if (!matches) continue;
      if (m->kind == MarkerKind::kSpam || m->kind == MarkerKind::kSpamStrong) {
        if (std::find(spam_seen, spam_seen + spam_count, m) == spam_seen + spam_count) {
          if (spam_count < 16) spam_seen[spam_count++] = m;
          hits.spam += m->kind == MarkerKind::kSpamStrong ? 2 : 1;
        }
        continue;
      }
      const Marker*& slot = hits.first[static_cast<size_t>(m->kind)];
      if (slot == nullptr || (k == 0 && slot->pattern.size() < m->pattern.size())) slot = m;
    }
  }
  return hits;
}

}  // namespace zhpolicy::detail
