// The table writers: escaping per format, spreadsheet neutralisation, field selection,
// script conversion, BOM, streaming, xlsx.
#include "zhpolicy/table.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "internal/tsv_scan.hpp"
#include "json_mini.hpp"
#include "zhpolicy/report.hpp"

using namespace zhpolicy;

namespace {

Table sample() {
  return Table{"t",
               {{"doc"}, {"text"}, {"comparator", ColumnType::kSymbol}, {"value", ColumnType::kDecimal},
                {"n", ColumnType::kInteger}},
               {{"a.txt", "达到92%", ">=", "92", "1"}}};
}

std::string written(const Table& t, Format f, WriteOptions o = {}) {
  std::ostringstream out;
  const Status s = write_table(t, f, out, o);
  REQUIRE(s.ok());
  return out.str();
}

}  // namespace

TEST_CASE("table: CSV quotes commas, quotes, line breaks and edge spaces, rows end in CRLF", "[table]") {
  Table t{"t", {{"a"}, {"b"}}, {{"x,y", "say \"hi\""}, {"line1\nline2", " pad"}, {"plain", "中文"}}};
  CHECK(written(t, Format::kCsv) ==
        "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"line1\nline2\",\" pad\"\r\nplain,中文\r\n");
}

TEST_CASE("table: TSV escapes tab, newline, CR and backslash as Miller does", "[table]") {
  Table t{"t", {{"a"}, {"b"}}, {{"x\ty", "1\\2\r\n"}}};
  CHECK(written(t, Format::kTsv) == "a\tb\nx\\ty\t1\\\\2\\r\\n\n");
}

namespace {

// Random text over the bytes TSV escapes, ASCII, the bytes of 中 (E4 B8 AD) and two bytes
// that are \\ and \t with the high bit set.
std::string random_tsv_text(std::mt19937& random, size_t max_length) {
  static const char kBytes[] = {'\t', '\n', '\r', '\\', 'a', 'Z', '0', ' ', '\xE4', '\xB8', '\xAD', '\xDC', '\x89'};
  std::string s(random() % (max_length + 1), 'x');
  const bool sparse = random() % 2 == 0;  // mostly clean text, as in real rows
  for (char& c : s) {
    const size_t k = random() % sizeof kBytes;
    c = sparse && k < 4 && random() % 16 != 0 ? 'x' : kBytes[k];
  }
  return s;
}

size_t first_tsv_escaped_reference(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\\') ++i;
  return i;
}

std::string tsv_escaped_reference(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("table: the TSV byte scans find the first escaped byte as a byte loop does", "[table]") {
  std::mt19937 random(20250611);
  for (int round = 0; round < 5000; ++round) {
    const std::string text = random_tsv_text(random, round < 4000 ? 40 : 300);
    const size_t from = text.empty() ? 0 : random() % text.size();  // unaligned starts
    const std::string_view s = std::string_view(text).substr(from);
    INFO("round " << round);
    CHECK(detail::find_tsv_escaped(s) == first_tsv_escaped_reference(s));
    CHECK(detail::find_tsv_escaped_portable(s) == first_tsv_escaped_reference(s));
  }
}

TEST_CASE("table: the row scan counts control bytes and backslashes as a byte loop does", "[table]") {
  std::mt19937 random(20250613);
  for (int round = 0; round < 5000; ++round) {
    // Some texts past 255 blocks of sixteen bytes, where the lane counts are summed.
    std::string text = random_tsv_text(random, round < 4000 ? 40 : round < 4900 ? 300 : 5000);
    if (round % 3 == 0 && !text.empty()) text[random() % text.size()] = static_cast<char>(random() % 0x20);
    const size_t from = text.empty() ? 0 : random() % text.size();  // unaligned starts
    const std::string_view s = std::string_view(text).substr(from);
    size_t reference = 0;
    for (const char c : s) reference += static_cast<unsigned char>(c) < 0x20 || c == '\\';
    INFO("round " << round);
    CHECK(detail::count_control_or_backslash(s) == reference);
    CHECK(detail::count_control_or_backslash_portable(s) == reference);
    if (detail::cpu_features().avx2) CHECK(detail::count_control_or_backslash_avx2(s) == reference);
  }
  // Every byte a hit: a lane would wrap past 255 if the lanes were not summed in time.
  CHECK(detail::count_control_or_backslash(std::string(5000, '\t')) == 5000);
}

// Rows with nothing to escape are copied whole, the others cell by cell: both must escape
// and neutralise as the reference does.
TEST_CASE("table: TSV rows of random cells are escaped cell by cell", "[table]") {
  std::mt19937 random(20250612);
  for (const bool neutralize : {false, true}) {
    WriteOptions options;
    options.header = false;
    options.neutralize_formulas = neutralize;
    for (int round = 0; round < 500; ++round) {
      Table t{"t", {{"a"}, {"b"}, {"c"}}, {}};
      std::string expected;
      for (int r = 0; r < 3; ++r) {
        std::vector<std::string> cells;
        for (int c = 0; c < 3; ++c) {
          std::string cell = random_tsv_text(random, 50);
          if (random() % 4 == 0) cell.insert(0, random() % 2 ? "=" : "-");
          const bool formula = neutralize && !cell.empty() && cell != "-" &&
                               std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos;
          expected += (c ? "\t" : "") + std::string(formula ? "'" : "") + tsv_escaped_reference(cell);
          cells.push_back(cell);
        }
        expected += "\n";
        t.rows.emplace_back(cells);
      }
      INFO("round " << round << (neutralize ? ", neutralised" : ""));
      CHECK(written(t, Format::kTsv, options) == expected);
    }
  }
}

TEST_CASE("table: JSON Lines escapes strings, writes numbers bare and empty numbers as null", "[table]") {
  Table t{"t", {{"s"}, {"v", ColumnType::kDecimal}, {"w", ColumnType::kDecimal}, {"i", ColumnType::kInteger}},
          {{"q\"\\\x01\n", "-14.9", "", "007"}}};
  CHECK(written(t, Format::kJsonl) == "{\"s\":\"q\\\"\\\\\\u0001\\n\",\"v\":-14.9,\"w\":null,\"i\":\"007\"}\n");
}

TEST_CASE("table: JSON is one object with the schema version, the table name and the rows", "[table]") {
  const std::string json = written(sample(), Format::kJson);
  test::JsonValue v;
  std::string error;
  REQUIRE(test::JsonReader::parse(json, &v, &error));
  REQUIRE(v.type == test::JsonValue::Type::kObject);
  CHECK(v.find("schema_version")->text == std::to_string(kTableSchemaVersion));
  CHECK(v.find("table")->text == "t");
  REQUIRE(v.find("rows")->items.size() == 1);
  CHECK(v.find("rows")->items[0].find("value")->type == test::JsonValue::Type::kNumber);
  const Table empty{"t", {{"a"}}, {}};
  CHECK(written(empty, Format::kJson) == "{\"schema_version\":1,\"table\":\"t\",\"rows\":[]}\n");
}

TEST_CASE("table: markdown escapes pipes, aligns CJK by display width, right-aligns numbers", "[table]") {
  Table t{"t", {{"名称"}, {"n", ColumnType::kInteger}}, {{"a|b", "5"}, {"中文", "12"}}};
  CHECK(written(t, Format::kMarkdown) ==
        "| 名称 | n   |\n"
        "| ---- | --: |\n"
        "| a\\|b |   5 |\n"
        "| 中文 |  12 |\n");
  CHECK(display_width("中文ab") == 6);
}

TEST_CASE("table: formula-like text cells are neutralised in CSV/TSV, numbers and symbols are not",
          "[table]") {
  Table t{"t", {{"text"}, {"value", ColumnType::kDecimal}, {"cmp", ColumnType::kSymbol}},
          {{"=HYPERLINK(\"x\")", "-3.5", "="}, {"+1", "2", ">="}, {"-2", "0", "~"}, {"@SUM(A1)", "1", "="},
           {"\tx", "1", "="}, {"普通", "-0.5", "<="}}};
  CHECK(written(t, Format::kTsv) ==
        "text\tvalue\tcmp\n'=HYPERLINK(\"x\")\t-3.5\t=\n'+1\t2\t>=\n'-2\t0\t~\n'@SUM(A1)\t1\t=\n'\\tx\t1\t=\n普通\t-0.5\t<=\n");
  const std::string csv = written(t, Format::kCsv);
  CHECK(csv.find("\"'=HYPERLINK(\"\"x\"\")\",-3.5,=\r\n") != std::string::npos);
  WriteOptions raw;
  raw.neutralize_formulas = false;
  CHECK(written(t, Format::kTsv, raw).find("\n=HYPERLINK") != std::string::npos);
  // JSON consumers are programs: the text is written as it is.
  CHECK(written(t, Format::kJsonl).find("\"text\":\"=HYPERLINK") != std::string::npos);
}

TEST_CASE("table: the doc name - of standard input is not neutralised, -x is", "[table]") {
  const Table t{"t", {{"doc"}, {"text"}}, {{"-", "-x"}}};
  CHECK(written(t, Format::kTsv) == "doc\ttext\n-\t'-x\n");
  CHECK(written(t, Format::kCsv) == "doc,text\r\n-,'-x\r\n");
}

TEST_CASE("table: --fields selects and orders columns, an unknown field lists the valid ones", "[table]") {
  WriteOptions o;
  o.fields = {"value", "doc"};
  CHECK(written(sample(), Format::kTsv, o) == "value\tdoc\n92\ta.txt\n");
  o.header = false;
  CHECK(written(sample(), Format::kCsv, o) == "92,a.txt\r\n");
  Result<std::vector<size_t>> bad = select_columns(sample().columns, {"doc", "nope"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == ErrorCode::kInvalidArgument);
  CHECK(bad.status().message() == "unknown field 'nope'; valid fields: doc,text,comparator,value,n");
  std::ostringstream out;
  CHECK(write_table(sample(), Format::kTsv, out, o).ok());  // header off, fields still applied
}

TEST_CASE("table: --bom starts text output with EF BB BF", "[table]") {
  WriteOptions o;
  o.bom = true;
  CHECK(written(sample(), Format::kCsv, o).rfind("\xEF\xBB\xBF" "doc,text", 0) == 0);
}

TEST_CASE("table: --script converts text columns, never the doc column or symbols", "[table]") {
  CHECK(convert_script("學校數量達到個", Script::kHans) == "学校数量达到个");
  CHECK(convert_script("学校数量", Script::kHant) == "學校數量");
  CHECK(convert_script("abc", Script::kHant) == "abc");
  Table t{"t", {{"doc"}, {"text"}}, {{"學.txt", "學校"}}};
  WriteOptions o;
  o.script = Script::kHans;
  CHECK(written(t, Format::kTsv, o) == "doc\ttext\n學.txt\t学校\n");
  Script s;
  CHECK(parse_script("hant", s));
  CHECK(s == Script::kHant);
  CHECK_FALSE(parse_script("cn", s));
}

TEST_CASE("table: TableWriter streams rows added a part at a time like one write_table", "[table]") {
  const Table whole{"t", {{"a"}, {"n", ColumnType::kInteger}}, {{"x", "1"}, {"y", "2"}, {"z", "3"}}};
  for (Format f : {Format::kTsv, Format::kCsv, Format::kJsonl, Format::kJson, Format::kMarkdown, Format::kText}) {
    std::ostringstream streamed;
    TableWriter w(Table{"t", whole.columns, {}}, f, streamed);
    w.add(Table{"t", whole.columns, {whole.rows[0]}});
    w.add(Table{"t", whole.columns, {}});
    w.add(Table{"t", whole.columns, {whole.rows[1], whole.rows[2]}});
    REQUIRE(w.finish().ok());
    CHECK(streamed.str() == written(whole, f));
  }
}

TEST_CASE("table: a failed stream is reported as kWriteFailed", "[table]") {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  const Status s = write_table(sample(), Format::kTsv, out);
  CHECK(s.code() == ErrorCode::kWriteFailed);
}

TEST_CASE("table: xlsx is a zip holding one sheet per table", "[table]") {
  const std::string xlsx = written(sample(), Format::kXlsx);
  REQUIRE(xlsx.size() > 1000);
  CHECK(xlsx.rfind("PK\x03\x04", 0) == 0);
  CHECK(written(sample(), Format::kXlsx) == xlsx);  // deterministic bytes
  const Table first = sample();
  const Table other{"summary", {{"doc"}}, {{"b"}}};
  std::ostringstream two;
  REQUIRE(write_xlsx({&first, &other}, two).ok());
  CHECK(two.str().find("xl/worksheets/sheet2.xml") != std::string::npos);
}

TEST_CASE("table: formats parse by name and have extensions", "[table]") {
  Format f;
  CHECK(parse_format("xlsx", f));
  CHECK(f == Format::kXlsx);
  CHECK(std::string(format_extension(f)) == ".xlsx");
  CHECK(parse_format("md", f));
  CHECK(std::string(format_extension(f)) == ".md");
  CHECK_FALSE(parse_format("xls", f));
}

TEST_CASE("report: a failed document has a summary row with its error", "[table]") {
  const Table t = summary_failure_table("x.bin", Status(ErrorCode::kBinary, "x.bin: binary file"));
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0][0] == "x.bin");
  CHECK(t.rows[0][1] == "binary");
  CHECK(t.rows[0][2] == "x.bin: binary file");
  CHECK(t.rows[0].size() == t.columns.size());
}

TEST_CASE("table: TableRow keeps cells, empty ones too, and pads or cuts to a width", "[table]") {
  TableRow r{"a.txt", "", "达到92%", ""};
  REQUIRE(r.size() == 4);
  CHECK(r[0] == "a.txt");
  CHECK(r[1].empty());
  CHECK(r[2] == "达到92%");
  CHECK(r[3].empty());
  CHECK(r == TableRow(std::vector<std::string>{"a.txt", "", "达到92%", ""}));
  CHECK(r != TableRow{"a.txt", "", "达到92", "%"});  // same bytes, other cells
  r.resize(6);
  CHECK(r.size() == 6);
  CHECK(r[5].empty());
  CHECK(r[2] == "达到92%");
  r.resize(1);
  CHECK(r.size() == 1);
  CHECK(r[0] == "a.txt");
  r.push_back("x");
  CHECK(r[1] == "x");
  r.resize(0);
  CHECK(r.empty());
}

// A row's bytes are a block of its own (RowBytes): a copy owns its bytes, assignment copies
// or moves them whole, and a row made again (smaller, then larger) has only its new cells.
TEST_CASE("table: copied, assigned and moved rows keep their own cells", "[table]") {
  TableRow a{"甲.txt", "", "不低于95%"};
  TableRow copy = a;
  a.resize(1);
  a.push_back("x");
  CHECK(copy == TableRow{"甲.txt", "", "不低于95%"});
  CHECK(a == TableRow{"甲.txt", "x"});
  TableRow assigned{"y"};
  assigned = copy;
  CHECK(assigned == copy);
  assigned = TableRow{};
  CHECK(assigned.empty());
  CHECK(assigned.line().empty());
  TableRow moved = std::move(copy);
  CHECK(moved == TableRow{"甲.txt", "", "不低于95%"});
  TableRow reused{"一二三四五六七八九十"};
  reused = TableRow{"", ""};
  CHECK(reused.size() == 2);
  CHECK(reused.line() == "\t\t");
  reused = moved;
  CHECK(reused == moved);
  std::string long_cell(1000, 'z');
  reused.push_back(long_cell);  // grows the block past the size it was made with
  CHECK(reused[3] == long_cell);
  CHECK(reused[2] == "不低于95%");
}

TEST_CASE("table: a row wider than the inline cell ends spills and comes back whole", "[table]") {
  // Cell ends live inline up to CellEnds::kInline cells; a wider row keeps them in a
  // vector. Every width across the edge, grown one cell at a time, cut back, and grown again.
  std::vector<std::string> cells;
  TableRow grown;
  for (size_t n = 1; n <= CellEnds::kInline + 6; ++n) {
    cells.push_back(n % 3 == 0 ? "" : "格" + std::to_string(n));
    grown.push_back(cells.back());
    REQUIRE(grown.size() == n);
    REQUIRE(grown == TableRow(cells));
    for (size_t i = 0; i < n; ++i) REQUIRE(grown[i] == cells[i]);
  }
  TableRow cut = grown;
  cut.resize(CellEnds::kInline - 2);  // back inline from a spilled row
  REQUIRE(cut.size() == CellEnds::kInline - 2);
  CHECK(cut == TableRow(std::vector<std::string>(cells.begin(), cells.begin() + CellEnds::kInline - 2)));
  cut.resize(CellEnds::kInline + 3);  // and out again, padded with empty cells
  for (size_t i = 0; i < cut.size(); ++i) CHECK(cut[i] == (i < CellEnds::kInline - 2 ? cells[i] : ""));
  CHECK(cut != grown);
}

// The TSV writer tests a row for formula prefixes with the row's mask: it must follow the
// cells through every way a row is made, cut and grown, past the 63rd cell too.
TEST_CASE("table: a row notes the cells that start as a formula may", "[table]") {
  const TableRow made{"a.txt", "=1+1", "", "-", "+x", "@y", "\tz", "\rw", "95%"};
  CHECK(made.formula_starts() == 0b011111010);
  TableRow pushed;
  for (size_t i = 0; i < made.size(); ++i) pushed.push_back(made[i]);
  CHECK(pushed.formula_starts() == made.formula_starts());
  pushed.resize(3);
  CHECK(pushed.formula_starts() == 0b010);
  pushed.resize(5);  // empty cells start with nothing
  CHECK(pushed.formula_starts() == 0b010);
  std::vector<std::string> cells(70, "x");
  cells[66] = "=A1";
  const TableRow wide(cells);
  CHECK(wide.formula_starts() == TableRow::cell_bit(63));
  CHECK(TableRow::cell_bit(66) == TableRow::cell_bit(63));
  // And a wide table's formula past the 63rd column is neutralised, the other cells not.
  Table t{"t", std::vector<Column>(70, Column{"c"}), {wide}};
  WriteOptions options;
  options.header = false;
  std::string expected;
  for (size_t c = 0; c < cells.size(); ++c) expected += (c ? "\t" : "") + std::string(c == 66 ? "'" : "") + cells[c];
  CHECK(written(t, Format::kTsv, options) == expected + "\n");
}

// Rows written as they came (no --fields, no --script) and rows that go through the
// projection must give the same bytes: the sample's text is simplified already, so
// --script hans projects every row and changes no cell.
TEST_CASE("table: a projected row and an unprojected row write the same cells", "[table]") {
  const Table t = sample();
  WriteOptions projected;
  projected.script = Script::kHans;
  const std::string as_is = written(t, Format::kTsv);
  CHECK(as_is == "doc\ttext\tcomparator\tvalue\tn\na.txt\t达到92%\t>=\t92\t1\n");
  CHECK(written(t, Format::kTsv, projected) == as_is);
  CHECK(written(t, Format::kJsonl, projected) == written(t, Format::kJsonl));
  WriteOptions reordered;
  reordered.fields = {"n", "doc"};
  CHECK(written(t, Format::kTsv, reordered) == "n\tdoc\n1\ta.txt\n");
}
