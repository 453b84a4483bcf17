// A one-line progress bar on standard error for batches: files done, MB/s, ETA.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace zhpolicy::cli {

class Progress {
 public:
  // `total` items (0: unknown). Shown only when `enabled` (stderr is a terminal, several
  // inputs, no --quiet); otherwise every call does nothing.
  Progress(bool enabled, size_t total);
  // One more item done, `bytes` read for it. Redraws at most ten times a second.
  void step(uint64_t bytes);
  // Clears the bar so that a message can be printed on a clean line.
  void clear();
  // Clears the bar for good.
  void finish();

 private:
  void draw();
  bool enabled_;
  size_t total_;
  size_t done_ = 0;
  uint64_t bytes_ = 0;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace zhpolicy::cli
