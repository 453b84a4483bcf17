#include "zhpolicy/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace zhpolicy {

namespace fs = std::filesystem;

namespace {

// Walks one directory level by level so that an unreadable subdirectory is reported and
// skipped while its siblings are still listed.
void walk(const fs::path& dir, InputList& list) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    list.errors.emplace_back(ErrorCode::kUnreadable, dir.string() + ": " + ec.message());
    return;
  }
  std::vector<fs::path> files, subdirs;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      list.errors.emplace_back(ErrorCode::kUnreadable, dir.string() + ": " + ec.message());
      break;
    }
    std::error_code ec2;
    const fs::file_status st = it->symlink_status(ec2);
    if (fs::is_directory(st)) {
      subdirs.push_back(it->path());
    } else if (fs::is_symlink(st) && fs::is_directory(it->path(), ec2)) {
      continue;  // never follow links to directories: no loops, no escaping the tree
    } else {
      files.push_back(it->path());  // includes dangling/looping links: reading reports them
    }
  }
  std::sort(files.begin(), files.end());
  std::sort(subdirs.begin(), subdirs.end());
  for (const fs::path& f : files) list.paths.push_back(f.string());
  for (const fs::path& d : subdirs) walk(d, list);
}

}  // namespace

InputList expand_inputs(const std::vector<std::string>& operands) {
  InputList list;
  for (const std::string& op : operands) {
    std::error_code ec;
    if (op == "-" || !fs::is_directory(op, ec)) {
      list.paths.push_back(op);
    } else {
      walk(op, list);
    }
  }
  return list;
}

}  // namespace zhpolicy
