#include "test_util.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace zhpolicy::test {

std::vector<std::string> seed_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(seeds_dir(), ec)) {
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<CorpusDocument> corpus_documents() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(samples_dir())) {
    if (entry.path().filename() != "README.md") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  const std::vector<std::string> seeds = seed_files();
  paths.insert(paths.begin(), seeds.begin(), seeds.end());
  std::vector<CorpusDocument> documents;
  for (const std::string& path : paths) {
    CorpusDocument d{path, {}};
    if (read_file(path, d.bytes)) documents.push_back(std::move(d));
  }
  return documents;
}

namespace {
std::string convert(const std::string& in, const char* from, const char* to) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(in.size() * 4 + 16, '\0');
  const int32_t n = ucnv_convert(to, from, out.data(), static_cast<int32_t>(out.size()), in.data(),
                                 static_cast<int32_t>(in.size()), &err);
  if (U_FAILURE(err)) throw std::runtime_error(std::string("ucnv_convert: ") + u_errorName(err));
  out.resize(static_cast<size_t>(n));
  return out;
}
}  // namespace

std::string encode_as(const std::string& utf8, const char* charset) { return convert(utf8, "UTF-8", charset); }
std::string decode_from(const std::string& bytes, const char* charset) { return convert(bytes, charset, "UTF-8"); }

}  // namespace zhpolicy::test
