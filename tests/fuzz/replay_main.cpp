// main() for the fuzz targets outside libFuzzer: replays files through LLVMFuzzerTestOneInput.
//
// The same target sources build two ways. With clang and -fsanitize=fuzzer (scripts/fuzz.sh,
// ZHPOLICY_FUZZ=ON) libFuzzer provides main() and mutates. In the normal build, with any
// compiler, this file provides main(): every argument is a file or a directory (walked
// recursively, in name order), and each file is run once. ctest runs each target over its
// corpus (tests/fuzz/corpus/<target>/), the shared crafted cases (tests/fuzz/corpus/common/),
// the seeds and samples, and every crash ever found (tests/fuzz/regressions/), so a fixed
// crash stays fixed in every build, the sanitizer build included.
//
// Usage: <target> [--quiet] PATH...    Missing paths are skipped with a note (the shared
// seeds are optional). Exit 0 when every input ran; an invariant failure or a crash aborts.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  bool quiet = false;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quiet") {
      quiet = true;
      continue;
    }
    std::error_code ec;
    const fs::path p(arg);
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().filename() != "README.md") found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      std::fprintf(stderr, "replay: %s: not found, skipped\n", arg.c_str());
    }
  }
  size_t bytes = 0;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::fprintf(stderr, "replay: %s: cannot read\n", f.c_str());
      return 1;
    }
    const std::string name = f.string();
    zhpolicy::fuzz::g_current_input = name.c_str();
    if (!quiet) std::fprintf(stderr, "replay: %s (%zu bytes)\n", name.c_str(), data.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    bytes += data.size();
  }
  zhpolicy::fuzz::g_current_input = nullptr;
  std::printf("replay: %zu inputs, %zu bytes, all passed\n", files.size(), bytes);
  return 0;
}
