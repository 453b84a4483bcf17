// The screen clean puts before classifying a short line. Most short lines of a policy text
// are headings and list items; telling that from the line's code points spares them the
// folded and compact forms, the marker search and the rules classification spends on each,
// which together cost more than the rest of the line's cleaning.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zhpolicy::detail {

// What the screen knows of a BMP code point c, from its compact form x (fold_char(c),
// ASCII lower-cased; none for a space or a tab): bits of ScreenFlag.
enum ScreenFlag : uint8_t {
  kScreenSpace = 1,             // x is none: the compact form drops c
  kScreenStartsMarker = 2,      // x is the first code point of a marker
  kScreenStartsContained = 4,   // ... of a kContains marker of two or more
  kScreenSecondContained = 8,   // x is the second code point of a kContains marker
  kScreenIsContained = 16,      // x alone is a kContains marker
  kScreenDigit = 32,            // x is 0..9
  kScreenPath = 64,             // x is '>'
  kScreenWord = 128,            // c (not x) is a Han character or an ASCII letter or digit
};

// The flags of BMP code point c, c <= 0xFFFF (computed at compile time from the fold table and
// data/boilerplate.tsv).
uint8_t screen_flags(char32_t c);

// What screen_code_points() has seen of a line so far.
struct ScreenState {
  uint8_t seen = 0;                // the flags of its compact code points, or-ed
  uint8_t before = kScreenSpace;   // the flags of the last compact code point (none yet)
  char32_t before_code_point = 0;  // and that code point
  bool first = true;               // no compact code point yet
};

// Reads the next code points of a line, [begin, end), into `state`; true as soon as they
// show the line may be chrome (may_be_chrome() below), but for the lack of a word, which is
// known at the end (no kScreenWord in state.seen). The AVX2 variant takes eight at a time
// where they hold no space and no pair that may open a marker; it gives the same answers and
// the same state, except that `seen` may lack a code point's flags when the answer is true.
bool screen_code_points(const char32_t* begin, const char32_t* end, ScreenState& state);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
bool screen_code_points_avx2(const char32_t* begin, const char32_t* end, ScreenState& state);  // AVX2 processors only
#endif

// Whether clean's classification of a short line may find anything in it: false is
// certain, and the line is body text. `code_points` are the line's clean text. False needs
// all of (classify_line() and the passes after it read no more of a line than these):
//   - no marker may match its compact form: the first compact code point starts none, no
//     code point is a one-code-point kContains marker, and no two adjacent compact code
//     points are the first two of a kContains marker (so no chrome, metadata key, tail
//     block, article end, nor spam score);
//   - no '>' in its compact form: a breadcrumb path ("首页>…", or the line after
//     "您当前的位置:");
//   - no digit first: a date line or a list label ("1.") starts with one;
//   - a Han character or an ASCII letter or digit in it: a line without one is debris;
//   - no code point above the BMP (rare: left to classification).
// Cost: a table load a code point (eight a gather with AVX2); the fold only of pairs that
// may open a marker.
bool may_be_chrome(std::u32string_view code_points);

}  // namespace zhpolicy::detail
