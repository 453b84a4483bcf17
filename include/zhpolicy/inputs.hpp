// Turning command-line operands into a list of documents to read: files, directories,
// standard input, lists of paths, and JSON Lines records carrying the text inline.
#pragma once

#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "zhpolicy/status.hpp"

namespace zhpolicy {

struct InputList {
  std::vector<std::string> paths;  // files in a stable order; "-" for standard input
  std::vector<Status> errors;      // operands that could not be listed (missing, unreadable dir)
};

// Which files a directory walk keeps: fnmatch(3) glob patterns on the file *name* (not the
// path). A file is kept when `include` is empty or one include pattern matches, and no
// exclude pattern matches. Operands naming a file directly are always kept.
struct InputFilter {
  std::vector<std::string> include;  // e.g. {"*.txt", "*.html"}
  std::vector<std::string> exclude;
  bool keeps(std::string_view file_name) const;
};

// Splits "a,b,c" into {"a", "b", "c"} (empty pieces dropped): --include, --fields.
std::vector<std::string> split_list(std::string_view text);

// Expands operands: a file stays as it is (even if it does not exist: reading it reports
// the error, so it is never silently dropped), "-" is standard input, a directory is
// walked recursively in name order without following symbolic links to directories (so a
// link loop cannot hang the walk), keeping the files `filter` keeps. Unreadable
// directories are reported in `errors`.
InputList expand_inputs(const std::vector<std::string>& operands, const InputFilter& filter = {});

// Reads a --files-from list: one path per line; a trailing '\r' is dropped; empty lines
// are skipped. Paths are not checked here (reading them reports errors).
std::vector<std::string> read_path_list(std::istream& in);

// One document of a JSON Lines input: {"id": "...", "text": "...", ...} on one line.
struct JsonlRecord {
  std::string id;    // the id field (a string, or a number as written); empty if absent
  std::string text;  // the text field, UTF-8
};

// Parses one JSON Lines line: an object whose `text_field` member is a string; the
// `id_field` member may be a string or a number. Other members are skipped whatever their
// type. Errors (kInvalidArgument): not a JSON object, invalid JSON (the message gives the
// byte offset), no text member or a text that is not a string.
Result<JsonlRecord> parse_jsonl_record(std::string_view line, const std::string& id_field = "id",
                                       const std::string& text_field = "text");

}  // namespace zhpolicy
