// Inputs: operands -> paths (directory walks with name filters), --files-from lists, and
// the JSON Lines records that let zhpolicy run as a map step (Spark RDD.pipe, Hadoop
// Streaming, GNU parallel --pipe), where documents arrive as {"id":..,"text":..} lines.
//
// The JSON reader is deliberately small: one object per line, members looked up by name,
// everything else skipped by a validating skipper. It is strict (RFC 8259: no comments, no
// trailing commas, no raw control characters in strings) so that a truncated or mangled
// record is reported as a failed document, never half-read.
#include "zhpolicy/inputs.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "internal/utf8.hpp"

namespace zhpolicy {

namespace fs = std::filesystem;

namespace {

// Walks one directory level by level so that an unreadable subdirectory is reported and
// skipped while its siblings are still listed.
void walk(const fs::path& dir, const InputFilter& filter, InputList& list) {
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
    } else if (filter.keeps(it->path().filename().string())) {
      files.push_back(it->path());  // includes dangling/looping links: reading reports them
    }
  }
  std::sort(files.begin(), files.end());
  std::sort(subdirs.begin(), subdirs.end());
  for (const fs::path& f : files) list.paths.push_back(f.string());
  for (const fs::path& d : subdirs) walk(d, filter, list);
}

// A cursor over one JSON text.
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  size_t pos() const { return i_; }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    space();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool peek(char c) {
    space();
    return i_ < s_.size() && s_[i_] == c;
  }
  bool at_end() {
    space();
    return i_ == s_.size();
  }

  bool string(std::string& out) {
    out.clear();
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          char32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            char32_t lo = 0;
            if (i_ + 1 < s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
              i_ += 2;
              if (!hex4(lo)) return false;
              if (lo >= 0xDC00 && lo <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              else {
                detail::append_utf8(out, 0xFFFD);
                cp = lo >= 0xD800 && lo <= 0xDFFF ? 0xFFFD : lo;
              }
            } else {
              cp = 0xFFFD;  // a lone surrogate cannot be UTF-8
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          detail::append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  // A number's literal as written.
  bool number(std::string& out) {
    space();
    const size_t b = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    const size_t digits = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    if (i_ == digits) return false;
    if (s_[digits] == '0' && i_ - digits > 1) return false;
    if (i_ < s_.size() && s_[i_] == '.') {
      const size_t f = ++i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      if (i_ == f) return false;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      const size_t e = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      if (i_ == e) return false;
    }
    out.assign(s_.substr(b, i_ - b));
    return true;
  }

  bool skip_value(int depth = 0) {
    if (depth > 64) return false;
    space();
    if (i_ >= s_.size()) return false;
    std::string tmp;
    const char c = s_[i_];
    if (c == '"') return string(tmp);
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i_;
      if (eat(close)) return true;
      do {
        if (c == '{' && (!string(tmp) || !eat(':'))) return false;
        if (!skip_value(depth + 1)) return false;
      } while (eat(','));
      return eat(close);
    }
    for (const char* word : {"true", "false", "null"}) {
      const std::string_view w(word);
      if (s_.substr(i_, w.size()) == w) {
        i_ += w.size();
        return true;
      }
    }
    return number(tmp);
  }

 private:
  bool hex4(char32_t& cp) {
    if (i_ + 4 > s_.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= static_cast<char32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= static_cast<char32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= static_cast<char32_t>(h - 'A' + 10);
      else return false;
    }
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

bool InputFilter::keeps(std::string_view file_name) const {
  const std::string name(file_name);
  auto any = [&](const std::vector<std::string>& patterns) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return ::fnmatch(p.c_str(), name.c_str(), 0) == 0; });
  };
  return (include.empty() || any(include)) && !any(exclude);
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find(',', b);
    if (e == std::string_view::npos) e = text.size();
    if (e > b) out.emplace_back(text.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

InputList expand_inputs(const std::vector<std::string>& operands, const InputFilter& filter) {
  InputList list;
  for (const std::string& op : operands) {
    std::error_code ec;
    if (op == "-" || !fs::is_directory(op, ec)) {
      list.paths.push_back(op);
    } else {
      walk(op, filter, list);
    }
  }
  return list;
}

std::vector<std::string> read_path_list(std::istream& in) {
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) paths.push_back(line);
  }
  return paths;
}

Result<JsonlRecord> parse_jsonl_record(std::string_view line, const std::string& id_field,
                                       const std::string& text_field) {
  JsonReader r(line);
  auto invalid = [&](const std::string& why) {
    return Status(ErrorCode::kInvalidArgument, why + " at byte " + std::to_string(r.pos()));
  };
  if (!r.eat('{')) return invalid("not a JSON object");
  JsonlRecord rec;
  bool have_text = false;
  if (!r.eat('}')) {
    std::string key;
    do {
      if (!r.string(key) || !r.eat(':')) return invalid("invalid JSON member name");
      if (key == text_field) {
        if (!r.peek('"')) return invalid("the \"" + text_field + "\" member is not a string");
        if (!r.string(rec.text)) return invalid("invalid JSON string");
        have_text = true;
      } else if (key == id_field && (r.peek('"'))) {
        if (!r.string(rec.id)) return invalid("invalid JSON string");
      } else if (key == id_field && !r.peek('{') && !r.peek('[') && !r.peek('t') && !r.peek('f') &&
                 !r.peek('n')) {
        if (!r.number(rec.id)) return invalid("invalid JSON number");
      } else if (!r.skip_value()) {
        return invalid("invalid JSON value");
      }
    } while (r.eat(','));
    if (!r.eat('}')) return invalid("invalid JSON object");
  }
  if (!r.at_end()) return invalid("text after the JSON object");
  if (!have_text) return Status(ErrorCode::kInvalidArgument, "no \"" + text_field + "\" member");
  return rec;
}

}  // namespace zhpolicy
