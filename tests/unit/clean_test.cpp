#include "zhpolicy/clean.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "internal/boilerplate.hpp"
#include "internal/utf8.hpp"
#include "test_util.hpp"
#include "zhpolicy/normalize.hpp"
#include "zhpolicy/pipeline.hpp"

using namespace zhpolicy;

namespace {

CleanText clean_string(const std::string& input, CleanOptions options = {}) {
  Result<DecodedText> d = decode(input, "t.txt");
  REQUIRE(d.ok());
  return clean(*d, options);
}

size_t count_kind(const CleanText& c, DiagnosticKind kind) {
  size_t n = 0;
  for (const Diagnostic& d : c.diagnostics) n += d.kind == kind;
  return n;
}

std::string metadata_value(const CleanText& c, const std::string& key) {
  for (const MetadataField& f : c.metadata) {
    if (f.key == key) return f.value;
  }
  return "<none>";
}

// Enough of HTML entity decoding for the samples: the property test compares characters.
std::string decode_entities(const std::string& raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    const size_t semi = raw[i] == '&' ? raw.find(';', i) : std::string::npos;
    if (semi == std::string::npos || semi - i > 10) {
      out += raw[i];
      continue;
    }
    const std::string name = raw.substr(i + 1, semi - i - 1);
    if (name == "nbsp") out += "\xC2\xA0";
    else if (name == "ldquo") out += "“";
    else if (name == "rdquo") out += "”";
    else if (name == "amp") out += "&";
    else if (name == "lt") out += "<";
    else if (name == "gt") out += ">";
    else if (name[0] == '#') out += to_utf8(std::u32string(1, static_cast<char32_t>(std::stoul(name.substr(1)))));
    else out += "&" + name + ";";
    i = semi;
  }
  return out;
}

}  // namespace

TEST_CASE("clean: HTML tags, comments, script and style go and entities are decoded", "[clean]") {
  const std::string html =
      "<html><head><title>通知</title><style>p{color:red}</style>"
      "<script>var a = '<p>不是正文</p>';</script></head><body>"
      "<!-- 导航 --><div>一、目标</div><p>新增学位&nbsp;100&#20010;&amp;&ldquo;示范&rdquo;</p>"
      "第一行<br>第二行<br/>第三行 a<b 不是标签</body></html>";
  CleanText c = clean_string(html);
  CHECK(c.text == "一、目标\n新增学位 100个&“示范”\n第一行\n第二行\n第三行 a<b 不是标签");
  CHECK(metadata_value(c, "网页标题") == "通知");
  CHECK(count_kind(c, DiagnosticKind::kMarkup) == 3);  // style, script, comment
}

TEST_CASE("clean: converter pinyin annotations are removed, real parentheses stay", "[clean]") {
  CleanText c = clean_string(
      "實現(xiàn)目標，記者_(dá)報道，發（fā）展。《條例(試行)》(2010-2020)(含幼儿园、职业学校)(一)(AFS)們(men)");
  CHECK(c.text ==
        "實現目標，記者報道，發展。《條例(試行)》(2010-2020)(含幼儿园、职业学校)(一)(AFS)們");
  CHECK(count_kind(c, DiagnosticKind::kPinyin) == 4);
}

TEST_CASE("clean: whitespace is folded and paragraphs stay lines", "[clean]") {
  CleanText c = clean_string("\xE3\x80\x80\xE3\x80\x80  第一段　内容\xC2\xA0\xC2\xA0结束。\r\n\r\n\r\n\t第二段\u200b文字。  \n");
  CHECK(c.text == "第一段 内容 结束。\n第二段文字。");
}

TEST_CASE("clean: a single space inside a line is kept as it is and an annotation after one still goes", "[clean]") {
  CleanText c = clean_string("實現 (xiàn)目標 abc d  e\tf 學校 2025 年，“計劃” 實施。");
  CHECK(c.text == "實現 目標 abc d e f 學校 2025 年，“計劃” 實施。");
  CHECK(count_kind(c, DiagnosticKind::kPinyin) == 1);
  // After an annotation: a space, two, a second annotation, the line's end.
  CleanText after = clean_string("實(shí)現(xiàn) 目標(biāo)  工作(zuò)(zuò)。\n第二段。");
  CHECK(after.text == "實現 目標 工作。\n第二段。");
  CHECK(count_kind(after, DiagnosticKind::kPinyin) == 5);
}

TEST_CASE("clean: a line cut after a comma continues on the next line", "[clean]") {
  CleanText c = clean_string("正文第一句很长很长,\n\n接着写完。\n下一段。");
  CHECK(c.text == "正文第一句很长很长,接着写完。\n下一段。");
}

TEST_CASE("clean: repeated blocks are dropped after the first, unless kept", "[clean]") {
  const std::string block =
      "切實減輕學生課業負擔\n立足實效,以推進社團活動建設為抓手,科學落實“彈性離校”工作,破解學生課業負擔重的難題。\n";
  const std::string doc = "總體要求\n" + block + "推進依法治教\n" + block + "結束語很短\n";
  CleanText c = clean_string(doc);
  CHECK(c.text ==
        "總體要求\n切實減輕學生課業負擔\n立足實效,以推進社團活動建設為抓手,科學落實“彈性離校”工作,"
        "破解學生課業負擔重的難題。\n推進依法治教\n結束語很短");
  CHECK(count_kind(c, DiagnosticKind::kDuplicate) == 1);  // one grouped removal
  CleanText kept = clean_string(doc, CleanOptions{true});
  CHECK(count_kind(kept, DiagnosticKind::kDuplicate) == 0);
}

TEST_CASE("clean: a short heading repeated in different places is kept", "[clean]") {
  CleanText c = clean_string("一、小学\n工作目标\n小学的目标写在这里，内容很长很长很长很长。\n二、初中\n工作目标\n初中的目标写在这里，内容也很长很长很长。");
  CHECK(c.text.find("工作目标\n初中") != std::string::npos);
}

TEST_CASE("clean: breadcrumbs, bylines, share lines and tail blocks are chrome", "[clean]") {
  const std::string page =
      "某某教育网\n导航 首页 新闻\n\n某市推进教育高质量发展\n\n某某教育网 2021-03-09 09:00 围观2084次\n"
      "  近年来，某市坚持改革，取得了很好的成效，这是正文。\n"
      "  聚力提升质量。新增学位1000个。\n"
      "来源：某市教育局 责任编辑：张三 我要投稿\n校体购终极页\n相关阅读\n  • 另一篇文章\n    摘要内容很长很长\n"
      "版权与免责声明：\n① 凡本网注明的作品……\n";
  CleanText c = clean_string(page);
  CHECK(c.text == "近年来，某市坚持改革，取得了很好的成效，这是正文。\n聚力提升质量。新增学位1000个。");
  CHECK(c.title == "某市推进教育高质量发展");
  CHECK(metadata_value(c, "日期") == "2021-03-09 09:00");
  CHECK(metadata_value(c, "站点") == "某某教育网");
  CHECK(metadata_value(c, "来源") == "某市教育局");
  CHECK(metadata_value(c, "责任编辑") == "张三");
  CHECK(count_kind(c, DiagnosticKind::kRelated) == 1);
  CHECK(count_kind(c, DiagnosticKind::kCopyright) == 1);
}

TEST_CASE("clean: a removal's text is its lines joined by \" | \", shortened to 80 code points and \"…\"", "[clean]") {
  // The reference: the whole joined text, cut after its 80th code point when longer. Tail
  // blocks of lines whose clean texts end at, before and after the limit, lines of several
  // runs (spaces between words, a pinyin annotation taken out of a word), long lines.
  auto shortened = [](const std::string& text) {
    size_t i = 0, n = 0;
    while (i < text.size() && n < 80) {
      i += zhpolicy::detail::utf8_sequence_length(static_cast<unsigned char>(text[i]));
      ++n;
    }
    return i >= text.size() ? text : text.substr(0, i) + "…";
  };
  const std::vector<std::string> words = {"学校", "教育", "质量", "2025", "abc", "学生", "年"};
  std::mt19937 random(20261205);
  for (int round = 0; round < 400; ++round) {
    std::string page = "近年来，全市教育事业取得了很好的成效，这是正文。\n全市新增学位1000个，这也是正文。\n";
    std::string expected = "版权与免责声明：";
    page += expected + "\n";
    const int lines = 1 + static_cast<int>(random() % 6);
    for (int l = 0; l < lines; ++l) {
      std::string line, clean;
      const int count = 1 + static_cast<int>(random() % (random() % 4 == 0 ? 60 : 12));
      for (int w = 0; w < count; ++w) {
        const std::string& word = words[random() % words.size()];
        if (w > 0 && random() % 3 == 0) {
          line += " ";
          clean += " ";
        }
        if (word == "学校" && random() % 2 == 0) {
          line += "学(xué)校";  // the annotation is not in the line's clean text
        } else {
          line += word;
        }
        clean += word;
      }
      page += line + "\n";
      expected += " | " + clean;
    }
    CleanText c = clean_string(page);
    INFO("round " << round << ": " << page);
    REQUIRE(count_kind(c, DiagnosticKind::kCopyright) == 1);
    for (const Diagnostic& d : c.diagnostics) {
      if (d.kind == DiagnosticKind::kCopyright) CHECK(d.text == shortened(expected));
    }
  }
}

TEST_CASE("clean: the line repeating the 信息名称 field is the title, folded and spaces aside", "[clean]") {
  // find_title() compares the field with the compact form of each of the first lines.
  CleanText c = clean_string(
      "某区教育局网站\n信息名称：关于做好2025年招生工作的通知\n发布日期：2025-03-01\n"
      "關於做好 ２０２５年招生工作的通知\n为做好招生工作，现通知如下。\n");
  CHECK(c.title == "關於做好 ２０２５年招生工作的通知");
  CHECK(c.text == "为做好招生工作，现通知如下。");
  CHECK(metadata_value(c, "标题") == "關於做好 ２０２５年招生工作的通知");
  // Another line is no title.
  CleanText other = clean_string("某区教育局网站\n信息名称：关于做好2025年招生工作的通知\n为做好招生工作，现通知如下。\n");
  CHECK(other.title.empty());
}

TEST_CASE("clean: a plain text file's first line is its title when it names a kind of document", "[clean]") {
  CleanText plan = clean_string("澄湖市2025年教育工作要點\n一、總體目標\n新增學位1000個。\n");
  CHECK(plan.title == "澄湖市2025年教育工作要點");
  CHECK(plan.text == "一、總體目標\n新增學位1000個。");
  CHECK(metadata_value(plan, "标题") == "澄湖市2025年教育工作要點");
  // A first line that names no kind of document is body text, not a title.
  CleanText body = clean_string("加强学校体育工作\n新增学位1000个。\n");
  CHECK(body.title.empty());
  CHECK(body.text == "加强学校体育工作\n新增学位1000个。");
}

TEST_CASE("clean: SEO spam lines are removed, policy words are not spam", "[clean]") {
  CleanText c = clean_string(
      "打造精品课程，建设高清录播教室。\n国产精品综合一区二区,亚洲中文制服丝袜欧美精品 久久综合中文无码\n");
  CHECK(c.text == "打造精品课程，建设高清录播教室。");
  CHECK(count_kind(c, DiagnosticKind::kSpam) == 1);
}

TEST_CASE("clean: mojibake becomes damaged spans but questions do not", "[clean]") {
  CleanText c = clean_string("新增市義務教育“新優質學?!?4所。怎么办?我们要努力。这个对吗?是的。");
  REQUIRE(c.damaged.size() == 1);
  const std::u32string t = to_code_points(c.text);
  CHECK(to_utf8(t.substr(c.damaged[0].start, c.damaged[0].end - c.damaged[0].start)) == "?!?");
  CleanText fffd = clean_string("学校\xEF\xBF\xBD\xEF\xBF\xBD建设");
  REQUIRE(fffd.damaged.size() == 1);
  CHECK(fffd.damaged[0].end - fffd.damaged[0].start == 2);
}

TEST_CASE("clean: seed 001 has its 7 damaged spans and 578 pinyin annotations", "[clean][seeds]") {
  std::string bytes;
  if (!test::read_file(test::seeds_dir() + "/001_5005ab334bfea8d6.txt", bytes)) {
    WARN("SKIPPED: " << test::seeds_dir() << " is missing");
    return;
  }
  CleanText c = clean_string(bytes);
  const std::u32string t = to_code_points(c.text);
  std::vector<std::string> spans;
  for (const DamagedSpan& s : c.damaged) spans.push_back(to_utf8(t.substr(s.start, s.end - s.start)));
  CHECK(spans == std::vector<std::string>{"?guī)?", "?!?", "?qū)m椫卫?", "?!焙汀耙婪ㄖ涡O冗M", "?!薄⒓瘓F",
                                          "??茖W", "?qū)嵺`"});
  CHECK(count_kind(c, DiagnosticKind::kPinyin) == 578);
  CHECK(c.text.find("(xiàn)") == std::string::npos);
  CHECK(c.title == "2020年常州教育工作要點");
  CHECK(metadata_value(c, "索引号") == "014109488/2020-00049");
  CHECK(metadata_value(c, "发布机构") == "市教育局");
  CHECK(c.text.rfind("2020年是全面建成小康社會", 0) == 0);
  CHECK(c.text.find("国产精品") == std::string::npos);
  CHECK(c.text.find("掃一掃") == std::string::npos);
}

// Line removals and pinyin annotations are found in order, markup, decoding and damage
// findings after them: the merge must leave every table ordered by input position.
TEST_CASE("clean: diagnostics and metadata come in input order", "[clean][seeds]") {
  std::vector<std::string> inputs = {
      "<p>一、目标</p>\n<script>x</script>實現(xiàn)發展(fā zhǎn)\n新增市義務教育“新優質學?!?4所。\n首页 > 新闻\n"};
  for (const std::string& path : test::seed_files()) {
    std::string bytes;
    REQUIRE(test::read_file(path, bytes));
    inputs.push_back(bytes);
  }
  for (const std::string& input : inputs) {
    const CleanText c = clean_string(input);
    CHECK_FALSE(c.diagnostics.empty());
    auto by_position = [](const auto& a, const auto& b) { return a.bytes.begin < b.bytes.begin; };
    CHECK(std::is_sorted(c.diagnostics.begin(), c.diagnostics.end(), by_position));
    CHECK(std::is_sorted(c.metadata.begin(), c.metadata.end(), by_position));
  }
}

TEST_CASE("clean: no false damage alarms on the other seeds", "[clean][seeds]") {
  for (const std::string& path : test::seed_files()) {
    if (path.find("/001_") != std::string::npos) continue;
    std::string bytes;
    REQUIRE(test::read_file(path, bytes));
    INFO(path);
    CHECK(clean_string(bytes).damaged.empty());
  }
}

TEST_CASE("clean: seed 004 drops its pasted block", "[clean][seeds]") {
  std::string bytes;
  if (!test::read_file(test::seeds_dir() + "/004_a17b4227efebd22b.txt", bytes)) {
    WARN("SKIPPED: " << test::seeds_dir() << " is missing");
    return;
  }
  CleanText c = clean_string(bytes);
  auto count = [&](const std::string& s) {
    size_t n = 0;
    for (size_t p = c.text.find(s); p != std::string::npos; p = c.text.find(s, p + 1)) ++n;
    return n;
  };
  CHECK(count("切實減輕學生課業負擔") == 1);
  CHECK(count("深入實施省現代職業教育體系建設試點專案") == 1);
  CHECK(count("推進依法治教") == 1);
  CHECK(c.text.find("Next Article") == std::string::npos);
}

// The offset map: the input bytes behind any span of clean text, decoded, are that text
// once removed material (pinyin annotations, folded whitespace, tags) is taken out.
TEST_CASE("clean: every span of clean text maps back to its input bytes", "[clean][seeds]") {
  std::vector<std::string> files = test::seed_files();
  for (const auto& e : {"/2025_district_notice.html", "/2022_news_report.txt"}) files.push_back(test::samples_dir() + e);
  std::mt19937 rng(20261122);
  for (const std::string& path : files) {
    std::string bytes;
    if (!test::read_file(path, bytes)) continue;
    Result<Document> doc = process_document(bytes, path);
    REQUIRE(doc.ok());
    const CleanText& c = doc->clean;
    const std::u32string& t = doc->original;
    INFO(path);
    REQUIRE(t.size() == c.code_points);
    // Untouched text: a span inside one line with no annotation, entity or space in it maps
    // to byte-identical input.
    size_t identical = 0, checked = 0;
    for (int trial = 0; trial < 300 && !t.empty(); ++trial) {
      const uint32_t a = static_cast<uint32_t>(rng() % t.size());
      const uint32_t b = std::min<uint32_t>(static_cast<uint32_t>(t.size()), a + 1 + rng() % 12);
      const std::string text = to_utf8(t.substr(a, b - a));
      const ByteRange r = c.source_bytes(a, b);
      REQUIRE(r.begin <= r.end);
      REQUIRE(r.end <= bytes.size());
      const std::string raw = bytes.substr(r.begin, r.end - r.begin);
      ++checked;
      if (raw == text) {
        ++identical;
        continue;
      }
      // Otherwise the input holds the same non-space characters in order, with only
      // removed material between them.
      const std::u32string raw_cps = to_code_points(decode_entities(raw));
      size_t k = 0;
      for (char32_t ch : t.substr(a, b - a)) {
        if (ch == ' ' || ch == '\n') continue;
        while (k < raw_cps.size() && raw_cps[k] != ch) ++k;
        REQUIRE(k < raw_cps.size());
        ++k;
      }
    }
    CHECK(identical * 2 > checked);  // most spans are untouched text
  }
}

// text_between() slices clean.text through the piece map; it must agree with slicing the
// code points, at every kind of piece boundary (line breaks, folded spaces, entities).
TEST_CASE("clean: text_between equals the code points of the same range", "[clean][seeds]") {
  std::mt19937 rng(20261202);
  const std::vector<test::CorpusDocument> corpus = test::corpus_documents();
  for (const test::CorpusDocument& c : corpus) {
    Result<Document> doc = process_document(c.bytes, c.path);
    REQUIRE(doc.ok());
    const std::u32string& t = doc->original;
    INFO(c.path);
    CHECK(doc->clean.text_between(0, static_cast<uint32_t>(t.size())) == doc->clean.text);
    CHECK(doc->clean.text_between(static_cast<uint32_t>(t.size()), static_cast<uint32_t>(t.size()) + 5).empty());
    for (int trial = 0; trial < 500 && !t.empty(); ++trial) {
      const uint32_t a = static_cast<uint32_t>(rng() % t.size());
      const uint32_t b = std::min<uint32_t>(static_cast<uint32_t>(t.size()), a + rng() % 300);
      REQUIRE(std::string(doc->clean.text_between(a, b)) == to_utf8(t.substr(a, b - a)));
    }
  }
  CHECK(corpus.size() >= 6);  // the samples at least (seeds, GB18030, Big5, HTML)
}

// Without diagnostics clean does the same work: same text, metadata, title and damage.
TEST_CASE("clean: turning diagnostics off changes nothing else", "[clean][seeds]") {
  for (const std::string& path : test::seed_files()) {
    std::string bytes;
    REQUIRE(test::read_file(path, bytes));
    Result<DecodedText> decoded = decode(bytes, path);
    REQUIRE(decoded.ok());
    CleanOptions quiet;
    quiet.diagnostics = false;
    const CleanText with = clean(*decoded);
    const CleanText without = clean(*decoded, quiet);
    INFO(path);
    CHECK_FALSE(with.diagnostics.empty());
    CHECK(without.diagnostics.empty());
    CHECK(without.text == with.text);
    CHECK(without.title == with.title);
    CHECK(without.metadata.size() == with.metadata.size());
    CHECK(without.damaged.size() == with.damaged.size());
    CHECK(without.pieces.size() == with.pieces.size());
  }
}

TEST_CASE("clean: scan_markers finds the marker kinds and spam score the lexicon's own matchers do", "[clean]") {
  // scan_markers() jumps from one code point that may start a marker to the next, two at a
  // time; lines of marker patterns and filler, cut anywhere, must give what find_marker()
  // and spam_score() give marker by marker.
  using namespace zhpolicy::detail;
  std::vector<std::u32string> parts;
  for (const Marker& m : boilerplate_markers()) parts.push_back(m.pattern);
  for (const char32_t* filler : {U"教育", U"a", U"1", U"的", U"：", U"😀", U"x"}) parts.emplace_back(filler);
  std::mt19937 random(20261205);
  for (int round = 0; round < 3000; ++round) {
    std::u32string line;
    const int count = static_cast<int>(random() % 6);
    for (int k = 0; k < count; ++k) line += parts[random() % parts.size()];
    if (!line.empty() && random() % 3 == 0) line.erase(0, random() % line.size());
    const MarkerHits hits = scan_markers(line);
    INFO("round " << round << ", " << to_utf8(line));
    for (size_t kind = 0; kind < kMarkerKinds; ++kind) {
      const auto k = static_cast<MarkerKind>(kind);
      if (k == MarkerKind::kSpam || k == MarkerKind::kSpamStrong) continue;
      REQUIRE((hits.find(k) != nullptr) == (find_marker(k, line) != nullptr));
    }
    REQUIRE(hits.spam == spam_score(line));
  }
}

TEST_CASE("clean: a pasted block goes with its short heading and leading fragment while a heading repeated alone stays", "[clean]") {
  const std::string preface = "前言段落的内容，后面是被粘贴的结尾部分内容，这一句足够长足够长。\n";
  const std::string block =
      "第一段落的内容比较长，超过二十个字符以便识别重复段落。\n一、总体要求\n第二段落的内容同样比较长，超过二十个字符用于测试。\n";
  CleanText c = clean_string("附件\n" + preface + block + "附件\n后面是被粘贴的结尾部分内容，这一句足够长足够长。\n" + block +
                             "结束段落，不重复，内容也足够长足够长足够长。\n");
  CHECK(c.text == "附件\n" + preface + block + "附件\n结束段落，不重复，内容也足够长足够长足够长。");
  CHECK(count_kind(c, DiagnosticKind::kDuplicate) == 2);  // the fragment, and the block (three lines) merged
  CleanOptions kept;
  kept.keep_duplicates = true;
  CHECK(clean_string("附件\n" + block + block, kept).text == "附件\n" + block + block.substr(0, block.size() - 1));
}

TEST_CASE("clean: short lines after the article's source line are footer up to one with a full stop", "[clean]") {
  const std::string body = "某市教育局关于做好招生工作的通知正文第一段的内容比较长。\n来源：教育局\n扫码关注\n";
  CHECK(clean_string(body + "本文完。\n另见其他\n").text ==
        "某市教育局关于做好招生工作的通知正文第一段的内容比较长。\n本文完。\n另见其他");
  CHECK(clean_string(body + "本文完\n另见其他\n").text == "某市教育局关于做好招生工作的通知正文第一段的内容比较长。");
}
