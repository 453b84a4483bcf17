// Writing a generated file for the build: through a temporary file and a rename, so that
// a generator stopped halfway leaves no truncated table for the next build to trust.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace zhpolicy::tools {

// Writes `content` to `path`; on failure says so as `tool` and exits with status 1.
inline void write_generated_file(const char* tool, const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  std::string failure;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !(out << content) || !out.flush()) failure = "cannot write " + tmp;
  }
  if (failure.empty() && std::rename(tmp.c_str(), path.c_str()) != 0) failure = "cannot rename " + tmp + " to " + path;
  if (failure.empty()) return;
  std::fprintf(stderr, "%s: %s\n", tool, failure.c_str());
  std::exit(1);
}

}  // namespace zhpolicy::tools
