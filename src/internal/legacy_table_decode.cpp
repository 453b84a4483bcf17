#include "internal/legacy_table_decode.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "legacy_table_data.inc"

namespace zhpolicy::detail {

namespace {

static_assert(kLegacyAsciiIdentity, "decode_by_table copies ASCII as it is");

// A pair's character as UTF-8, written four bytes at once (the fourth, `length`, is
// overwritten by what follows or cut off at the end); length 0: not in the table.
struct EncodedPair {
  char bytes[3];
  uint8_t length;
};

struct EncodedPairs {
  EncodedPair pairs[kLegacyPairCount];
};

// The generated table of characters, encoded at compile time: a decode is then a load and
// a store a pair. (The characters are in the BMP: one to three bytes each.)
constexpr EncodedPairs encode_pairs(const uint16_t (&characters)[kLegacyPairCount]) {
  EncodedPairs table{};
  for (unsigned k = 0; k < kLegacyPairCount; ++k) {
    const unsigned c = characters[k];
    EncodedPair& e = table.pairs[k];
    if (c == 0) continue;
    if (c < 0x80) {
      e = {{static_cast<char>(c), 0, 0}, 1};
    } else if (c < 0x800) {
      e = {{static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F)), 0}, 2};
    } else {
      e = {{static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
            static_cast<char>(0x80 | (c & 0x3F))},
           3};
    }
  }
  return table;
}

constexpr EncodedPairs kGb18030Encoded = encode_pairs(kGb18030Pairs);
constexpr EncodedPairs kBig5Encoded = encode_pairs(kBig5Pairs);

}  // namespace

struct LegacyTable {
  const char* charset;
  const EncodedPairs* encoded;
};

namespace {

constexpr LegacyTable kTables[] = {{"GB18030", &kGb18030Encoded}, {"Big5", &kBig5Encoded}};

// The end of the ASCII run at p, eight bytes a test.
const unsigned char* ascii_run_end(const unsigned char* p, const unsigned char* end) {
  for (; end - p >= 8; p += 8) {
    uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if (word & 0x8080808080808080ULL) break;
  }
  while (p < end && *p < 0x80) ++p;
  return p;
}

constexpr EncodedPair kNotInTable{};

// The encoded character of the pair at p (end - p >= 2); length 0 when it is not in the table.
const EncodedPair& encoded_pair(const EncodedPairs& encoded, const unsigned char* p) {
  const unsigned lead = p[0] - kLegacyLeadFirst;
  const unsigned trail = p[1] - kLegacyTrailFirst;
  if (lead > kLegacyLeadLast - kLegacyLeadFirst || trail >= kLegacyTrailCount) return kNotInTable;
  return encoded.pairs[lead * kLegacyTrailCount + trail];
}

// Copies to `w` the run of ideographs (and CJK punctuation: pairs that decode to three bytes)
// at `in`, as far as pairs start before block_end and end by `end`. Returns how many it
// copied. Its pointers are its own: through decode_block's references, every store of a
// character made the compiler reload them (about forty instructions a pair, now a dozen).
uint32_t copy_ideographs(const unsigned char* in, const unsigned char* const block_end, const unsigned char* const end,
                         const EncodedPairs& encoded, char* w) {
  const unsigned char* const last_start = std::min(block_end, end - 1);  // a pair needs its second byte
  uint32_t count = 0;
  for (; in < last_start; in += 2, w += 3, ++count) {
    const EncodedPair& e = encoded_pair(encoded, in);
    if (e.length != 3) break;
    std::memcpy(w, &e, sizeof e);
  }
  return count;
}

}  // namespace

const LegacyTable* legacy_table(std::string_view charset) {
  for (const LegacyTable& table : kTables) {
    if (charset == table.charset) return &table;
  }
  return nullptr;
}

const char* legacy_display_name(const LegacyTable& table) { return table.charset; }

namespace {

// Input bytes decoded per block: out.text is sized (and so zero-filled) for one block at a
// time. Sized for the whole rest of the input at every call, it was filled again for every
// line that ICU had to take: a 20 MB GB18030 page with a four-byte character on every
// 1,700th line spent 7 s in memset.
constexpr size_t kBlockBytes = 4096;

// Decodes [p, block_end) onto out.text (a pair that begins before block_end is read whole,
// end bounding it). Returns false where it stopped at a pair the table does not have.
bool decode_block(const unsigned char*& p, const unsigned char* const block_end, const unsigned char* const end,
                  const unsigned char* const base, const LegacyTable& table, DecodedText& out) {
  // Written in place and cut to size at the end: a byte decodes to at most one byte, a pair
  // to at most three, the last pair may run one byte past the block, and its four-byte
  // store needs one more.
  const size_t text_start = out.text.size();
  out.text.resize(text_start + static_cast<size_t>(block_end - p) * 3 / 2 + 4);
  char* const text = out.text.data();
  char* w = text + text_start;
  auto decoded_offset = [&] { return static_cast<uint32_t>(w - text); };
  auto input_offset = [&] { return static_cast<uint32_t>(p - base); };
  bool in_table = true;
  while (p < block_end) {
    if (*p < 0x80) {
      out.map.add(decoded_offset(), input_offset());  // the rest of the run goes on byte for byte
      const unsigned char* const run_end = ascii_run_end(p, block_end);
      std::memcpy(w, p, static_cast<size_t>(run_end - p));
      w += run_end - p;
      p = run_end;
      continue;
    }
    // A run of ideographs: two bytes in and three out each, so their anchors step alike and
    // go to the map at once.
    const uint32_t run_length = copy_ideographs(p, block_end, end, *table.encoded, w);
    if (run_length > 0) {
      out.map.add_steps(decoded_offset(), input_offset(), 3, 2, run_length);
      p += 2 * size_t{run_length};
      w += 3 * size_t{run_length};
      continue;
    }
    const EncodedPair& e = end - p >= 2 ? encoded_pair(*table.encoded, p) : kNotInTable;
    if (e.length == 0) {  // not in the table, or a lead at the very end
      in_table = false;
      break;
    }
    out.map.add(decoded_offset(), input_offset());
    std::memcpy(w, &e, sizeof e);
    w += e.length;
    p += 2;
  }
  out.text.resize(static_cast<size_t>(w - text));
  return in_table;
}

}  // namespace

size_t decode_by_table(std::string_view bytes, size_t from, const LegacyTable& table, DecodedText& out) {
  const auto* const base = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* p = base + from;
  const unsigned char* const end = base + bytes.size();
  while (p < end) {
    const unsigned char* const block_end = p + std::min(static_cast<size_t>(end - p), kBlockBytes);
    if (!decode_block(p, block_end, end, base, table, out)) break;
  }
  return static_cast<size_t>(p - base);
}

}  // namespace zhpolicy::detail
