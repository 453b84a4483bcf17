// InputMap keeps anchors that step alike as one piece; every lookup must answer as the
// anchors kept one by one do.
#include "zhpolicy/input_map.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

using zhpolicy::InputMap;

namespace {

// The map as a list of anchors, the definition InputMap's pieces stand for.
class AnchorList {
 public:
  void add(uint32_t decoded, uint32_t input) {
    if (!anchors_.empty() && decoded - anchors_.back().first == static_cast<uint64_t>(input) - anchors_.back().second &&
        input >= anchors_.back().second) {
      return;
    }
    anchors_.emplace_back(decoded, input);
  }
  uint64_t to_input(uint64_t offset, uint64_t input_size) const {
    if (anchors_.empty()) return std::min<uint64_t>(offset, input_size);
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), offset,
                               [](uint64_t value, const std::pair<uint32_t, uint32_t>& a) { return value < a.first; });
    if (it == anchors_.begin()) return anchors_.front().second;
    --it;
    return std::min<uint64_t>(it->second + (offset - it->first), input_size);
  }
  size_t size() const { return anchors_.size(); }

 private:
  std::vector<std::pair<uint32_t, uint32_t>> anchors_;
};

}  // namespace

TEST_CASE("input map: lookups answer as the anchors kept one by one") {
  std::mt19937 random(5);
  // Characters as (input bytes, output bytes): ASCII, a GB18030 or Big5 ideograph, a UTF-16
  // unit, a GB18030 four-byte sequence, a replaced bad byte, bytes that give nothing (anchors
  // at the same decoded offset).
  const std::pair<uint32_t, uint32_t> kinds[] = {{1, 1}, {2, 3}, {2, 1}, {4, 4}, {4, 3}, {1, 3}, {2, 0}};
  for (int round = 0; round < 500; ++round) {
    InputMap map;
    AnchorList want;
    uint32_t decoded = static_cast<uint32_t>(random() % 4);
    uint32_t input = static_cast<uint32_t>(random() % 4);
    const int characters = static_cast<int>(random() % 200);
    for (int c = 0; c < characters; ++c) {
      map.add(decoded, input);
      want.add(decoded, input);
      // Runs of one kind, as text has them.
      const auto& kind = kinds[random() % 3 == 0 ? random() % 7 : (round + c / 8) % 2];
      input += kind.first;
      decoded += kind.second;
    }
    map.add(decoded, input);
    want.add(decoded, input);
    map.set_input_size(input);
    INFO("round " << round);
    REQUIRE(map.piece_count() <= want.size());
    for (uint64_t offset = 0; offset <= decoded + 3; ++offset) {
      REQUIRE(map.to_input(offset) == want.to_input(offset, input));
    }
  }
}

TEST_CASE("input map: a run of ideographs is one piece") {
  InputMap map;
  map.add(0, 0);  // "2025年" in GB18030: four ASCII digits, then ideographs of two bytes
  for (uint32_t k = 0; k <= 1000; ++k) map.add(4 + 3 * k, 4 + 2 * k);
  map.set_input_size(4 + 2 * 1000);
  CHECK(map.piece_count() == 2);
  CHECK(map.to_input(3) == 3);
  CHECK(map.to_input(4 + 3 * 500) == 4 + 2 * 500);
  CHECK(map.to_input(4 + 3 * 1000) == 4 + 2 * 1000);
  CHECK(map.to_input(1u << 30) == 4 + 2 * 1000);  // clamped to the input size
}

TEST_CASE("input map: append moves the anchors of a later part") {
  InputMap first, second, whole;
  first.add(0, 0);
  for (uint32_t k = 0; k < 10; ++k) second.add(3 * k, 100 + 2 * k);
  first.append(second, 50);
  for (uint32_t k = 0; k < 10; ++k) whole.add(50 + 3 * k, 100 + 2 * k);
  first.set_input_size(200);
  whole.set_input_size(200);
  for (uint64_t offset = 50; offset < 90; ++offset) CHECK(first.to_input(offset) == whole.to_input(offset));
  CHECK(first.to_input(10) == 10);
}

TEST_CASE("input map: add_steps is add() once per step") {
  std::mt19937 random(11);
  for (int round = 0; round < 2000; ++round) {
    InputMap stepped, one_by_one;
    uint32_t decoded = static_cast<uint32_t>(random() % 4);
    uint32_t input = static_cast<uint32_t>(random() % 4);
    for (int run = 0; run < 6; ++run) {
      // Steps of a character (two bytes in, three out...), zero and alike ones included.
      const auto decoded_step = static_cast<uint8_t>(random() % 5);
      const auto input_step = static_cast<uint8_t>(random() % 2 == 0 ? random() % 5 : decoded_step);
      const auto count = static_cast<uint32_t>(random() % 9);
      stepped.add_steps(decoded, input, decoded_step, input_step, count);
      for (uint32_t j = 0; j < count; ++j) one_by_one.add(decoded + j * decoded_step, input + j * input_step);
      decoded += count * decoded_step + static_cast<uint32_t>(random() % 3);
      input += count * input_step + static_cast<uint32_t>(random() % 3);
    }
    stepped.set_input_size(input);
    one_by_one.set_input_size(input);
    INFO("round " << round);
    REQUIRE(stepped.piece_count() == one_by_one.piece_count());
    for (uint64_t offset = 0; offset <= decoded + 3; ++offset) {
      REQUIRE(stepped.to_input(offset) == one_by_one.to_input(offset));
    }
  }
}
