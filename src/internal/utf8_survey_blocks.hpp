// The block survey shared by the vector implementations. An implementation file defines
// an `Isa` struct of vector operations and includes this header *inside* its target
// region, so every function here is compiled for that instruction set; everything is a
// template on Isa, so the per-ISA copies never collide.
//
// Validation is the Keiser-Lemire lookup algorithm ("Validating UTF-8 in less than one
// instruction per byte", 2021): three 16-entry tables, indexed by the high nibble of the
// previous byte, its low nibble and the high nibble of the current byte, give a bit for
// each kind of error; their AND is nonzero only at an error. Whether a byte must be a
// second or third continuation comes from the bytes two and three back.
//
// Counting: in a block of valid UTF-8 every byte >= 0xC0 starts a multibyte sequence and
// every byte in E0..EF a three-byte one, so the survey's counts are popcounts. A block's
// counts are added only once the *next* block is valid too, because a sequence that
// starts near a block's end is checked with the next block. When a block fails, the
// scalar walk takes over from the first boundary of the block before it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "internal/utf8_survey.hpp"

namespace zhpolicy::detail::utf8_blocks {

// Error bits. Each names the pair (previous byte, current byte) it catches.
constexpr uint8_t kTooShort = 1 << 0;    // lead followed by ASCII or a lead
constexpr uint8_t kTooLong = 1 << 1;     // ASCII followed by a continuation
constexpr uint8_t kOverlong3 = 1 << 2;   // E0 followed by 80..9F
constexpr uint8_t kTooLarge = 1 << 3;    // F4 followed by 90..BF, F5..FF followed by 90..BF
constexpr uint8_t kSurrogate = 1 << 4;   // ED followed by A0..BF
constexpr uint8_t kOverlong2 = 1 << 5;   // C0 or C1 followed by a continuation
constexpr uint8_t kTooLarge1000 = 1 << 6;  // F5..FF followed by 80..8F
constexpr uint8_t kOverlong4 = 1 << 6;   // F0 followed by 80..8F (shares the bit: same nibbles)
constexpr uint8_t kTwoConts = 1 << 7;    // continuation followed by a continuation
// Bits that depend on the previous byte's high nibble only.
constexpr uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

struct Table16 {
  uint8_t v[16];
};

constexpr Table16 kPrevHigh = {{
    // 0xxx xxxx: ASCII
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
    // 10xx xxxx: continuation
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,
    // 1100 xxxx, 1101 xxxx: two-byte leads
    kTooShort | kOverlong2, kTooShort,
    // 1110 xxxx: three-byte leads
    kTooShort | kOverlong3 | kSurrogate,
    // 1111 xxxx: four-byte leads and bytes that are never UTF-8
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4,
}};

constexpr Table16 kPrevLow = {{
    kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // xxxx 0000: C0 E0 F0
    kCarry | kOverlong2,                            // xxxx 0001: C1
    kCarry,
    kCarry,
    kCarry | kTooLarge,  // xxxx 0100: F4
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // xxxx 1101: ED
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
}};

constexpr Table16 kCurrentHigh = {{
    // 0xxx xxxx: ASCII
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
    // 1000 xxxx
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
    // 1001 xxxx
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
    // 1010 xxxx, 1011 xxxx
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    // 11xx xxxx: leads
    kTooShort, kTooShort, kTooShort, kTooShort,
}};

template <class Isa>
struct BlockSurvey {
  using Vec = typename Isa::Vec;
  static constexpr size_t kBlock = 64;
  static constexpr size_t kVecs = kBlock / Isa::kWidth;

  // What a block needs from the one before it.
  struct Carry {
    Vec last;        // its last vector: the bytes one to three back
    Vec incomplete;  // nonzero if it ends inside a sequence (for an all-ASCII next block)
  };

  struct Counts {
    size_t multibyte = 0;
    size_t three_byte = 0;
  };

  // Nonzero bytes where `input` (preceded by `before`) is not UTF-8.
  static Vec errors(Vec input, Vec before) {
    const Vec prev1 = Isa::template prev<1>(input, before);
    const Vec special = Isa::and_(
        Isa::and_(Isa::lookup(kPrevHigh, Isa::high_nibbles(prev1)),
                  Isa::lookup(kPrevLow, Isa::low_nibbles(prev1))),
        Isa::lookup(kCurrentHigh, Isa::high_nibbles(input)));
    // Two continuations in a row are right exactly where a lead two or three back says so:
    // bytes two back >= E0 or three back >= F0 (saturating subtraction leaves bit 7 only then).
    const Vec prev2 = Isa::template prev<2>(input, before);
    const Vec prev3 = Isa::template prev<3>(input, before);
    const Vec must_continue =
        Isa::and_(Isa::or_(Isa::subs(prev2, Isa::splat(0xE0 - 0x80)), Isa::subs(prev3, Isa::splat(0xF0 - 0x80))),
                  Isa::splat(0x80));
    return Isa::xor_(must_continue, special);
  }

  // Nonzero if `last` ends inside a sequence: a lead in its last byte, a three- or
  // four-byte lead in the one before, a four-byte lead in the one before that.
  static Vec unfinished(Vec last) { return Isa::subs(last, Isa::tail_limits()); }

  // Checks the 64 bytes at p; true if they are valid after `carry`, and with `count` their
  // counts.
  static bool check(const char* p, Carry& carry, bool count, Counts& counts) {
    Vec in[kVecs];
    uint64_t high = 0;
    for (size_t k = 0; k < kVecs; ++k) {
      in[k] = Isa::load(p + k * Isa::kWidth);
      high |= Isa::sign_bits(in[k]);
    }
    if (high == 0) {  // all ASCII: valid unless the block before left a sequence open
      if (Isa::any(carry.incomplete)) return false;
      carry.last = in[kVecs - 1];
      counts = Counts{};
      return true;
    }
    Vec err = errors(in[0], carry.last);
    for (size_t k = 1; k < kVecs; ++k) err = Isa::or_(err, errors(in[k], in[k - 1]));
    if (Isa::any(err)) return false;
    carry.last = in[kVecs - 1];
    carry.incomplete = unfinished(in[kVecs - 1]);
    if (!count) return true;
    uint64_t leads = 0, three = 0;
    for (size_t k = 0; k < kVecs; ++k) {
      leads |= static_cast<uint64_t>(Isa::at_least_0xC0(in[k])) << (k * Isa::kWidth);
      three |= static_cast<uint64_t>(Isa::in_0xE0_0xEF(in[k])) << (k * Isa::kWidth);
    }
    counts.multibyte = static_cast<size_t>(__builtin_popcountll(leads));
    counts.three_byte = static_cast<size_t>(__builtin_popcountll(three));
    return true;
  }

  static void add(Utf8Survey& r, const Counts& c) {
    r.multibyte += c.multibyte;
    r.three_byte += c.three_byte;
  }

  static bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

  static Utf8Survey run(std::string_view s, Utf8SurveyEnd end) { return finished_survey(walk(s, end), end); }

  static Utf8Survey walk(std::string_view s, Utf8SurveyEnd end) {
    const bool count = end != Utf8SurveyEnd::kValidity;
    Utf8Survey r;
    const char* const data = s.data();
    const size_t n = s.size();
    size_t i = 0;  // a sequence boundary; r holds everything before it
    for (;;) {
      // A run of blocks from the boundary i, which nothing before needs to continue.
      Carry carry{Isa::zero(), Isa::zero()};
      size_t pending = SIZE_MAX;  // the last valid block, whose counts wait for the next one
      Counts pending_counts;
      size_t at = i;
      for (;;) {
        Counts counts;
        const bool last = n - at < kBlock;
        bool valid;
        if (!last) {
          valid = check(data + at, carry, count, counts);
        } else {
          // The rest padded with NULs: a sequence open at the end fails on the padding.
          char padded[kBlock] = {};
          if (n > at) std::memcpy(padded, data + at, n - at);  // data may be null when empty
          valid = check(padded, carry, count, counts);
        }
        if (!valid) break;
        if (pending != SIZE_MAX) add(r, pending_counts);
        if (last) {
          add(r, counts);
          return r;
        }
        pending = at;
        pending_counts = counts;
        at += kBlock;
      }
      // The block at `at` failed. Walk from the first boundary of the block before it (its
      // leading continuation bytes end a sequence already counted) to the end of the
      // failed block, then on while stretches still hold invalid sequences: a text in
      // another encoding fails every block, and the walk is cheaper than failing.
      size_t from = at;
      if (pending != SIZE_MAX) {
        from = pending;
        while (is_continuation(data[from])) ++from;
      }
      size_t stop = at + kBlock < n ? at + kBlock : n;
      for (;;) {
        const size_t invalid_before = r.invalid;
        survey_utf8_scalar_steps(s, from, stop, r, end);
        if (stops_at_first_invalid(end) && r.invalid > 0) return r;
        if (from >= n) return r;
        if (r.invalid == invalid_before) break;
        stop = n - from > kBlock ? from + kBlock : n;
      }
      i = from;
    }
  }
};

}  // namespace zhpolicy::detail::utf8_blocks
