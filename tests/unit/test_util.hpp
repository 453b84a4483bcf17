// Helpers shared by the unit tests: reading the seeds, converting with ICU.
#pragma once

#include <unicode/ucnv.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace zhpolicy::test {

inline std::string seeds_dir() { return std::string(ZHPOLICY_SHARED_DIR) + "/seeds"; }
inline std::string samples_dir() { return std::string(ZHPOLICY_DATA_DIR) + "/samples"; }

inline bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

// The five seed file names (sorted); empty when ../shared/seeds is missing.
std::vector<std::string> seed_files();

// A file the end-to-end tests read, with its bytes.
struct CorpusDocument {
  std::string path;
  std::string bytes;
};
// The seeds (when ../shared is there) and the samples (all but their README), sorted by path.
std::vector<CorpusDocument> corpus_documents();

// Converts UTF-8 to `charset` with ICU (unencodable characters become the charset's
// substitution character).
std::string encode_as(const std::string& utf8, const char* charset);
// Converts bytes in `charset` to UTF-8 with ICU.
std::string decode_from(const std::string& bytes, const char* charset);

}  // namespace zhpolicy::test
