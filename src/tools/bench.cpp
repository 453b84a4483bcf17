// zhpolicy_bench: throughput of pipeline stages on files already in memory, so that
// scripts/bench.sh can compare them with baselines measured in the same run.
//   zhpolicy_bench MODE FILES...    MODE: utf8-loop | decode | clean | segment | targets
//   zhpolicy_bench read LIST         reads every file named in LIST (one path a line) with
//                                    zhpolicy's reader and does nothing else: the floor of
//                                    an end-to-end run, what reading the files alone costs
// Prints "MODE bytes seconds MB/s". MB = 10^6 bytes.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "zhpolicy/pipeline.hpp"

namespace {

// The baseline the issue names: a plain scalar UTF-8 validate-and-decode loop.
uint64_t utf8_loop(const std::string& s) {
  uint64_t sum = 0;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto b = static_cast<unsigned char>(s[i]);
    uint32_t c;
    size_t len;
    if (b < 0x80) { c = b; len = 1; }
    else if ((b & 0xE0) == 0xC0) { c = b & 0x1F; len = 2; }
    else if ((b & 0xF0) == 0xE0) { c = b & 0x0F; len = 3; }
    else if ((b & 0xF8) == 0xF0) { c = b & 0x07; len = 4; }
    else { ++i; sum += 0xFFFD; continue; }
    if (i + len > n) { sum += 0xFFFD; break; }
    bool ok = true;
    for (size_t k = 1; k < len; ++k) {
      const auto cb = static_cast<unsigned char>(s[i + k]);
      ok &= (cb & 0xC0) == 0x80;
      c = (c << 6) | (cb & 0x3F);
    }
    sum += ok ? c : 0xFFFD;
    i += ok ? len : 1;
  }
  return sum;
}

int read_files(const char* list_path) {
  std::ifstream list(list_path);
  std::vector<std::string> paths;
  for (std::string line; std::getline(list, line);) {
    if (!line.empty()) paths.push_back(line);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "zhpolicy_bench: %s: no paths\n", list_path);
    return 1;
  }
  uint64_t total = 0, sink = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (const std::string& path : paths) {
    zhpolicy::Result<std::string> r = zhpolicy::read_input(path, uint64_t{1} << 32);
    if (!r.ok()) {
      std::fprintf(stderr, "zhpolicy_bench: %s\n", r.status().message().c_str());
      return 1;
    }
    total += r->size();
    sink += r->empty() ? 0 : static_cast<unsigned char>(r->back());
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("read %llu %.4f %.1f\n", static_cast<unsigned long long>(total), secs, total / 1e6 / secs);
  return sink == 42 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  zhpolicy::tune_allocator_for_batch();
  if (argc < 3) {
    std::fprintf(stderr, "usage: zhpolicy_bench utf8-loop|decode|clean|segment|targets FILES... | read LIST\n");
    return 2;
  }
  const std::string mode = argv[1];
  if (mode == "read") return read_files(argv[2]);
  std::vector<std::string> files;
  uint64_t total = 0;
  for (int i = 2; i < argc; ++i) {
    zhpolicy::Result<std::string> r = zhpolicy::read_input(argv[i], uint64_t{1} << 32);
    if (!r.ok()) {
      std::fprintf(stderr, "zhpolicy_bench: %s\n", r.status().message().c_str());
      return 1;
    }
    total += r->size();
    files.push_back(std::move(r).value());
  }
  uint64_t sink = 0;
  // Touch every input once so that no mode pays for first-touch page faults of the buffers.
  for (const std::string& f : files) {
    for (size_t i = 0; i < f.size(); i += 64) sink += static_cast<unsigned char>(f[i]);
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (const std::string& f : files) {
    if (mode == "utf8-loop") {
      sink += utf8_loop(f);
    } else if (mode == "decode") {
      auto d = zhpolicy::decode(f, "bench");
      sink += d.ok() ? d->text.size() : 0;
    } else if (mode == "clean" || mode == "segment" || mode == "targets") {
      zhpolicy::PipelineOptions o;
      o.last_stage = mode == "clean"     ? zhpolicy::Stage::kClean
                     : mode == "segment" ? zhpolicy::Stage::kSegment
                                         : zhpolicy::Stage::kExtract;
      auto d = zhpolicy::process_document(f, "bench", o);
      sink += d.ok() ? d->normalized.size() + d->targets.size() : 0;
    } else {
      std::fprintf(stderr, "zhpolicy_bench: unknown mode %s\n", mode.c_str());
      return 2;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s %llu %.4f %.1f\n", mode.c_str(), static_cast<unsigned long long>(total), secs,
              total / 1e6 / secs);
  return sink == 42 ? 1 : 0;  // use the result so the work cannot be optimised away
}
