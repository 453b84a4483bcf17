// Markup removal without an HTML parser.
//
// Scraped pages are rarely well formed (seed 001 is a text dump with stray <b>, <meter>,
// <thead> tags), so a DOM parser buys nothing and costs speed. A tag is only a tag when
// its name is a known HTML element; anything else ("a<b", "<10%") is text. Every search
// for a closing '>' or "-->" moves forward only, so the pass is linear on any input.
#include "internal/html_strip.hpp"

#include <algorithm>
#include <iterator>
#include <cstring>

#include "internal/byte_find.hpp"
#include "internal/utf8.hpp"

namespace zhpolicy::detail {
namespace {

enum class TagRole { kInline, kBlock, kCell, kSkipContent, kTitle };

struct TagInfo {
  std::string_view name;
  TagRole role;
};

// In alphabetical order (found through TagTable below).
constexpr TagInfo kTags[] = {
    {"a", TagRole::kInline},          {"abbr", TagRole::kInline},
    {"address", TagRole::kBlock},     {"area", TagRole::kInline},
    {"article", TagRole::kBlock},     {"aside", TagRole::kBlock},
    {"audio", TagRole::kInline},      {"b", TagRole::kInline},
    {"base", TagRole::kInline},       {"bdi", TagRole::kInline},
    {"bdo", TagRole::kInline},        {"big", TagRole::kInline},
    {"blockquote", TagRole::kBlock},  {"body", TagRole::kBlock},
    {"br", TagRole::kBlock},          {"button", TagRole::kInline},
    {"canvas", TagRole::kInline},     {"caption", TagRole::kBlock},
    {"center", TagRole::kBlock},      {"cite", TagRole::kInline},
    {"code", TagRole::kInline},       {"col", TagRole::kInline},
    {"colgroup", TagRole::kInline},   {"data", TagRole::kInline},
    {"dd", TagRole::kBlock},          {"del", TagRole::kInline},
    {"details", TagRole::kBlock},     {"dfn", TagRole::kInline},
    {"dialog", TagRole::kBlock},      {"div", TagRole::kBlock},
    {"dl", TagRole::kBlock},          {"dt", TagRole::kBlock},
    {"em", TagRole::kInline},         {"embed", TagRole::kInline},
    {"fieldset", TagRole::kBlock},    {"figcaption", TagRole::kBlock},
    {"figure", TagRole::kBlock},      {"font", TagRole::kInline},
    {"footer", TagRole::kBlock},      {"form", TagRole::kBlock},
    {"frame", TagRole::kInline},      {"frameset", TagRole::kBlock},
    {"h1", TagRole::kBlock},          {"h2", TagRole::kBlock},
    {"h3", TagRole::kBlock},          {"h4", TagRole::kBlock},
    {"h5", TagRole::kBlock},          {"h6", TagRole::kBlock},
    {"head", TagRole::kBlock},        {"header", TagRole::kBlock},
    {"hr", TagRole::kBlock},          {"html", TagRole::kBlock},
    {"i", TagRole::kInline},          {"iframe", TagRole::kSkipContent},
    {"img", TagRole::kInline},        {"input", TagRole::kInline},
    {"ins", TagRole::kInline},        {"kbd", TagRole::kInline},
    {"label", TagRole::kInline},      {"legend", TagRole::kBlock},
    {"li", TagRole::kBlock},          {"link", TagRole::kInline},
    {"main", TagRole::kBlock},        {"map", TagRole::kInline},
    {"mark", TagRole::kInline},       {"meta", TagRole::kInline},
    {"meter", TagRole::kInline},      {"nav", TagRole::kBlock},
    {"noscript", TagRole::kSkipContent}, {"object", TagRole::kSkipContent},
    {"ol", TagRole::kBlock},          {"optgroup", TagRole::kInline},
    {"option", TagRole::kSkipContent}, {"p", TagRole::kBlock},
    {"param", TagRole::kInline},      {"picture", TagRole::kInline},
    {"pre", TagRole::kBlock},         {"progress", TagRole::kInline},
    {"q", TagRole::kInline},          {"s", TagRole::kInline},
    {"samp", TagRole::kInline},       {"script", TagRole::kSkipContent},
    {"section", TagRole::kBlock},     {"select", TagRole::kSkipContent},
    {"small", TagRole::kInline},      {"source", TagRole::kInline},
    {"span", TagRole::kInline},       {"strike", TagRole::kInline},
    {"strong", TagRole::kInline},     {"style", TagRole::kSkipContent},
    {"sub", TagRole::kInline},        {"sup", TagRole::kInline},
    {"svg", TagRole::kSkipContent},   {"table", TagRole::kBlock},
    {"tbody", TagRole::kBlock},       {"td", TagRole::kCell},
    {"template", TagRole::kSkipContent}, {"textarea", TagRole::kSkipContent},
    {"tfoot", TagRole::kBlock},       {"th", TagRole::kCell},
    {"thead", TagRole::kBlock},       {"time", TagRole::kInline},
    {"title", TagRole::kTitle},       {"tr", TagRole::kBlock},
    {"tt", TagRole::kInline},         {"u", TagRole::kInline},
    {"ul", TagRole::kBlock},          {"video", TagRole::kInline},
};

// A tag name as read from the page, lower-cased, packed into two words: the lookup below
// compares two integers where a search of the sorted names compared strings (about 350
// instructions a tag). Names of more than kMaxTagName characters are no element's.
constexpr size_t kMaxTagName = 12;
struct TagKey {
  uint64_t lo = 0, hi = 0;  // characters 0..7 and 8..11, one byte each, zero-padded
  size_t size = 0;
  void push(char lower) {
    const auto byte = static_cast<uint64_t>(static_cast<unsigned char>(lower));
    if (size < 8) {
      lo |= byte << (8 * size);
    } else {
      hi |= byte << (8 * (size - 8));
    }
    ++size;
  }
};

TagKey key_of(std::string_view lower_name) {
  TagKey key;
  for (char c : lower_name) key.push(c);
  return key;
}

// Open addressing over kTags by packed name: a quarter full, so a miss (most '<' of a page
// are known tags, but "<10%" is not) ends at an empty slot within a step or two.
class TagTable {
 public:
  TagTable() {
    for (const TagInfo& tag : kTags) {
      const TagKey key = key_of(tag.name);
      size_t k = slot_of(key);
      while (slots_[k].tag != nullptr) k = (k + 1) % kSlots;
      slots_[k] = {key.lo, key.hi, &tag};
    }
  }
  const TagInfo* find(const TagKey& key) const {
    for (size_t k = slot_of(key);; k = (k + 1) % kSlots) {
      const Slot& slot = slots_[k];
      if (slot.tag == nullptr || (slot.lo == key.lo && slot.hi == key.hi)) return slot.tag;
    }
  }

 private:
  static constexpr size_t kSlots = 512;
  static size_t slot_of(const TagKey& key) {
    return static_cast<size_t>(((key.lo ^ (key.hi * 0x9E3779B97F4A7C15ULL)) * 0xFF51AFD7ED558CCDULL) >> 55);
  }
  struct Slot {
    uint64_t lo = 0, hi = 0;
    const TagInfo* tag = nullptr;
  };
  Slot slots_[kSlots];
};

const TagInfo* find_tag(const TagKey& key) {
  static const TagTable table;
  return key.size == 0 || key.size > kMaxTagName ? nullptr : table.find(key);
}

struct Entity {
  std::string_view name;
  char32_t code_point;
};

// The named entities that occur on Chinese government pages, sorted by name.
constexpr Entity kEntities[] = {
    {"amp", U'&'},       {"apos", U'\''},     {"bull", 0x2022},   {"cent", 0x00A2},
    {"copy", 0x00A9},    {"deg", 0x00B0},     {"divide", 0x00F7}, {"emsp", 0x2003},
    {"ensp", 0x2002},    {"euro", 0x20AC},    {"gt", U'>'},       {"hellip", 0x2026},
    {"laquo", 0x00AB},   {"larr", 0x2190},    {"ldquo", 0x201C},  {"lsaquo", 0x2039},
    {"lsquo", 0x2018},   {"lt", U'<'},        {"mdash", 0x2014},  {"middot", 0x00B7},
    {"minus", 0x2212},   {"nbsp", 0x00A0},    {"ndash", 0x2013},  {"para", 0x00B6},
    {"permil", 0x2030},  {"plusmn", 0x00B1},  {"pound", 0x00A3},  {"quot", U'"'},
    {"raquo", 0x00BB},   {"rarr", 0x2192},    {"rdquo", 0x201D},  {"reg", 0x00AE},
    {"rsaquo", 0x203A},  {"rsquo", 0x2019},   {"sect", 0x00A7},   {"shy", 0x00AD},
    {"sup2", 0x00B2},    {"thinsp", 0x2009},  {"times", 0x00D7},  {"trade", 0x2122},
    {"uarr", 0x2191},    {"yen", 0x00A5},     {"zwj", 0x200D},    {"zwnj", 0x200C},
};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Parses an entity at s[i] == '&'. Returns its length (0 if it is not one) and the code point.
size_t parse_entity(std::string_view s, size_t i, char32_t& cp) {
  const size_t limit = std::min(s.size(), i + 34);
  size_t j = i + 1;
  if (j < limit && s[j] == '#') {
    ++j;
    const bool hex = j < limit && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    uint32_t v = 0;
    size_t digits = 0;
    for (; j < limit && digits < 8; ++j, ++digits) {
      const char c = s[j];
      int d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else break;
      v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (digits == 0 || j >= s.size() || s[j] != ';') return 0;
    const bool valid = v != 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
    cp = valid ? static_cast<char32_t>(v) : 0xFFFD;
    return j + 1 - i;
  }
  std::string name;
  for (; j < limit && is_name_char(s[j]); ++j) name.push_back(s[j]);
  if (name.empty() || j >= s.size() || s[j] != ';') return 0;
  auto it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name,
                             [](const Entity& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kEntities) || name != it->name) return 0;
  cp = it->code_point;
  return j + 1 - i;
}

// Case-insensitive search for "</name" from `from`; npos if absent.
size_t find_closing(std::string_view s, size_t from, std::string_view name) {
  size_t i = from;
  while (true) {
    const void* p = i < s.size() ? std::memchr(s.data() + i, '<', s.size() - i) : nullptr;
    if (p == nullptr) return std::string_view::npos;
    i = static_cast<size_t>(static_cast<const char*>(p) - s.data());
    if (i + 1 + name.size() < s.size() && s[i + 1] == '/') {
      bool match = true;
      for (size_t k = 0; k < name.size() && match; ++k) match = ascii_lower(s[i + 2 + k]) == name[k];
      if (match && !is_name_char(s[i + 2 + name.size()])) return i;
    }
    ++i;
  }
}

}  // namespace

bool looks_like_html(std::string_view text) {
  size_t i = 0;
  while (true) {
    const void* p = i < text.size() ? std::memchr(text.data() + i, '<', text.size() - i) : nullptr;
    if (p == nullptr) return false;
    i = static_cast<size_t>(static_cast<const char*>(p) - text.data()) + 1;
    if (i < text.size() && text[i] == '!') return true;
    size_t j = i + (i < text.size() && text[i] == '/');
    TagKey name;
    while (j < text.size() && is_name_char(text[j]) && name.size < kMaxTagName) name.push(ascii_lower(text[j++]));
    if (j < text.size() && (text[j] == '>' || text[j] == ' ' || text[j] == '/' || text[j] == '\n') &&
        find_tag(name) != nullptr) {
      return true;
    }
  }
}

StrippedMarkup strip_markup(std::string_view s, SourceBuilder& out) {
  StrippedMarkup result;
  const size_t n = s.size();
  // The text is never longer than the page (a tag or an entity is replaced by at most as
  // many bytes): reserved once, it is not copied as it grows, and what stays unused of it
  // is never touched.
  out.reserve(n);
  size_t i = 0;
  size_t next_gt = 0;  // cached position of the next '>' at or after i (monotonic)
  auto find_gt = [&](size_t from) {
    if (next_gt != std::string_view::npos && next_gt < from) {
      const void* p = std::memchr(s.data() + from, '>', n - from);
      next_gt = p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
    }
    return next_gt;
  };
  size_t next_lt = 0;  // the same for '<'
  auto find_lt = [&](size_t from) {
    if (next_lt != std::string_view::npos && next_lt < from) {
      const void* p = std::memchr(s.data() + from, '<', n - from);
      next_lt = p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
    }
    return next_lt;
  };
  next_gt = 0;
  {
    const void* p = std::memchr(s.data(), '>', n);
    next_gt = p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) : std::string_view::npos;
  }
  auto remove = [&](size_t begin, size_t end, std::string_view what) {
    Diagnostic d{DiagnosticKind::kMarkup, std::string(what), {begin, end}, out.code_points(), out.code_points(), ""};
    // At most 60 bytes, cut back to a code point boundary: a cut inside a UTF-8 sequence
    // put invalid UTF-8 into the diagnostics table (tests/fuzz/regressions/clean_markup_text_cut_mid_utf8.txt).
    size_t len = std::min<size_t>(end - begin, 60);
    while (len > 0 && len < end - begin && (static_cast<unsigned char>(s[begin + len]) & 0xC0) == 0x80) --len;
    d.text = std::string(s.substr(begin, len));
    result.diagnostics.push_back(std::move(d));
  };

  size_t text_start = 0;
  auto flush_text = [&](size_t end) {
    if (end > text_start) out.append_verbatim(s.substr(text_start, end - text_start), static_cast<uint32_t>(text_start));
  };
  while (i < n) {
    // Text between markup, sixteen bytes at a time (find_any_of_3 with '&' twice: the only
    // two bytes that start markup).
    i = find_any_of_3(s, i, '<', '&', '&');
    if (i >= n) break;
    const char c = s[i];
    if (c == '&') {
      char32_t cp = 0;
      const size_t len = parse_entity(s, i, cp);
      if (len == 0) {
        ++i;
        continue;
      }
      flush_text(i);
      std::string utf8;
      append_utf8(utf8, cp);
      out.append_replacement(utf8, static_cast<uint32_t>(i), static_cast<uint32_t>(i + len));
      i += len;
      text_start = i;
      continue;
    }
    // c == '<'
    if (s.compare(i, 4, "<!--") == 0) {
      flush_text(i);
      const size_t close = s.find("-->", i + 4);
      const size_t end = close == std::string_view::npos ? n : close + 3;
      remove(i, end, "html_comment");
      i = text_start = end;
      continue;
    }
    if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
      const size_t gt = find_gt(i);
      const size_t end = gt == std::string_view::npos ? n : gt + 1;
      flush_text(i);
      i = text_start = end;
      continue;
    }
    size_t j = i + 1;
    const bool closing = j < n && s[j] == '/';
    if (closing) ++j;
    TagKey name;
    while (j < n && is_name_char(s[j]) && name.size < kMaxTagName) name.push(ascii_lower(s[j++]));
    const TagInfo* tag = nullptr;
    if (name.size != 0 && j < n &&
        (s[j] == '>' || s[j] == ' ' || s[j] == '/' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) {
      tag = find_tag(name);
    }
    if (tag == nullptr) {
      ++i;  // a literal '<'
      continue;
    }
    // A tag ends at the next '>' unless another '<' comes first ("a<b 不是标签 <p>").
    const size_t gt = find_gt(j);
    const size_t lt = find_lt(j);
    if (gt != std::string_view::npos && lt != std::string_view::npos && lt < gt) {
      ++i;
      continue;
    }
    flush_text(i);
    size_t end = gt == std::string_view::npos ? n : gt + 1;
    const bool self_closing = end >= 2 && s[end - 2] == '/';
    if (!closing && !self_closing &&
        (tag->role == TagRole::kSkipContent || tag->role == TagRole::kTitle)) {
      const size_t close = find_closing(s, end, tag->name);
      const size_t content_end = close == std::string_view::npos ? n : close;
      if (tag->role == TagRole::kTitle && result.html_title.empty()) {
        result.html_title = std::string(s.substr(end, content_end - end));
      }
      size_t after = n;
      if (close != std::string_view::npos) {
        const size_t gt2 = find_gt(close);
        after = gt2 == std::string_view::npos ? n : gt2 + 1;
      }
      if (tag->role == TagRole::kSkipContent) remove(i, after, tag->name);
      end = after;
      out.append_replacement("\n", static_cast<uint32_t>(i), static_cast<uint32_t>(end));
    } else if (tag->role == TagRole::kBlock) {
      out.append_replacement("\n", static_cast<uint32_t>(i), static_cast<uint32_t>(end));
    } else if (tag->role == TagRole::kCell) {
      out.append_replacement(" ", static_cast<uint32_t>(i), static_cast<uint32_t>(end));
    }
    i = text_start = end;
  }
  flush_text(n);
  return result;
}

}  // namespace zhpolicy::detail
