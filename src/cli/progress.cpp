#include "cli/progress.hpp"

#include <cstdio>

namespace zhpolicy::cli {

Progress::Progress(bool enabled, size_t total)
    : enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::step(uint64_t bytes) {
  if (!enabled_) return;
  ++done_;
  bytes_ += bytes;
  const auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  draw();
}

void Progress::draw() {
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double mbs = secs > 0 ? static_cast<double>(bytes_) / 1e6 / secs : 0.0;
  char line[160];
  if (total_ > 0) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(kWidth * done_ / total_);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    const double eta = done_ > 0 ? secs * static_cast<double>(total_ - done_) / static_cast<double>(done_) : 0.0;
    std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files  %.1f MB/s  ETA %.0fs ", bar.c_str(), done_, total_,
                  mbs, eta);
  } else {
    std::snprintf(line, sizeof line, "\r%zu documents  %.1f MB/s ", done_, mbs);
  }
  std::fputs(line, stderr);
  std::fputs("\x1b[K", stderr);  // erase to the end of the line
  std::fflush(stderr);
  shown_ = true;
}

void Progress::clear() {
  if (!enabled_ || !shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void Progress::finish() {
  clear();
  enabled_ = false;
}

}  // namespace zhpolicy::cli
