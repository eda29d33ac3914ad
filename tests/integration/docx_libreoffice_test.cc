// The Word export of A/RES/54/144 (the corpus release, parsed) against a successor made from it
// with known edits, opened by LibreOffice (headless): converted to flat ODF its tracked changes
// are exactly those edits, by Recital on the successor's adoption date, and it converts to PDF.
// Skips when LibreOffice (Debian libreoffice-writer-nogui) or the corpus is absent.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ingest/ingest.h"
#include "render/render.h"
#include "tests/test_util.h"

namespace recital {
namespace {

namespace fs = std::filesystem;

std::string FindSoffice() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (size_t start = 0; start <= dirs.size();) {
    const size_t end = std::min(dirs.find(':', start), dirs.size());
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / "soffice";
    std::error_code ec;
    if (!candidate.parent_path().empty() && fs::exists(candidate, ec)) return candidate.string();
    start = end + 1;
  }
  return "";
}

// Replaces the first `from` in p's text by `to`, moving the footnote markers after it.
void Replace(Paragraph* p, const std::string& from, const std::string& to) {
  const size_t at = p->text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  p->text.replace(at, from.size(), to);
  for (FootnoteRef& f : p->footnotes) {
    if (f.byte_offset > at) f.byte_offset = f.byte_offset + to.size() - from.size();
  }
  if (p->lead.starts_with(from)) p->lead = to + p->lead.substr(from.size());
}

const char* const kRemoved =
    "Taking note of the positive results emanating from the implementation of the Programme of "
    "Action adopted by the Conference,";
const char* const kAdded =
    "Encourages the international community to continue its support for the follow-up to the "
    "Conference;";

// 54/144's successor: operative 1's lead "Takes note of" -> "Welcomes"; preambular paragraph 7
// removed; "broad consensus" -> "wide consensus" in operative 3; a new operative 5 (the old 5
// and after renumbered); adopted at the 81st meeting on 4 December 2000.
Resolution Successor(const Resolution& old) {
  Resolution r = old;
  r.symbol = "A/RES/55/1";
  r.session = 55;
  r.number = 1;
  r.meeting = 81;
  r.adoption_date = "2000-12-04";
  Replace(&r.operative[0], "Takes note of", "Welcomes");
  Replace(&r.operative[2], "broad consensus", "wide consensus");
  std::erase_if(r.preamble, [](const Paragraph& p) { return p.text == kRemoved; });
  EXPECT_EQ(r.preamble.size() + 1, old.preamble.size());
  Paragraph added;
  added.section = Section::kOperative;
  added.number = "5";
  added.lead = "Encourages";
  added.text = kAdded;
  r.operative.insert(r.operative.begin() + 4, added);
  for (size_t i = 5; i < r.operative.size(); ++i) r.operative[i].number = std::to_string(i + 1);
  return r;
}

struct Region {
  std::string kind;  // "insertion" / "deletion"
  std::string text;
  std::string creator, date;
};

void Gather(pugi::xml_node n, std::vector<std::string>* active,
            std::map<std::string, std::string>* text) {
  for (pugi::xml_node c : n.children()) {
    const std::string_view name = c.name();
    if (c.type() == pugi::node_pcdata) {
      for (const std::string& id : *active) (*text)[id] += c.value();
    } else if (name == "text:change-start") {
      active->push_back(c.attribute("text:change-id").value());
    } else if (name == "text:change-end") {
      std::erase(*active, std::string(c.attribute("text:change-id").value()));
    } else if (name == "text:tab") {
      for (const std::string& id : *active) (*text)[id] += '\t';
    } else if (name == "text:s") {
      const int n_spaces = std::max(1, c.attribute("text:c").as_int());
      for (const std::string& id : *active) (*text)[id] += std::string(n_spaces, ' ');
    } else {
      Gather(c, active, text);
    }
  }
}

// The tracked changes of a flat ODF text document, in the order they start in the text.
std::vector<Region> Regions(const std::string& fodt) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(fodt.c_str()));
  pugi::xml_node text = doc.child("office:document").child("office:body").child("office:text");
  std::map<std::string, Region> by_id;
  for (pugi::xml_node r : text.child("text:tracked-changes").children("text:changed-region")) {
    pugi::xml_node change = r.first_child();
    pugi::xml_node info = change.child("office:change-info");
    by_id[r.attribute("text:id").value()] = {std::string(change.name()).substr(5), "",
                                             info.child_value("dc:creator"),
                                             info.child_value("dc:date")};
  }
  std::vector<std::string> active;
  std::map<std::string, std::string> texts;
  Gather(text, &active, &texts);
  std::vector<Region> out;
  std::set<std::string> seen;
  for (const pugi::xpath_node& x : text.select_nodes(".//text:change-start")) {
    const std::string id = x.node().attribute("text:change-id").value();
    if (!seen.insert(id).second || !by_id.count(id)) continue;
    Region r = by_id[id];
    r.text = texts[id];
    out.push_back(r);
  }
  return out;
}

TEST(DocxLibreOfficeTest, SuccessorOf54_144ShowsExactlyItsEditsAsTrackedChanges) {
  RECITAL_REQUIRE_CORPUS();
  const std::string soffice = FindSoffice();
  if (soffice.empty()) {
    GTEST_SKIP() << "LibreOffice (soffice) not found: install libreoffice-writer-nogui to open "
                    "the Word exports in a word processor";
  }
  ParseOptions po;
  po.source_name = "A-RES-54-144.ods.txt";
  Result<Resolution> old =
      ParseRelease(testing::ReadFile(testing::CorpusDir() + "/A-RES-54-144.ods.txt"), po);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  const Resolution next = Successor(*old);
  Result<std::string> docx = render::DiffDocx(*old, next, DiffResolutions(*old, next));
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();

  testing::TempDir dir;
  const std::string file = dir.str() + "/changes.docx";
  testing::WriteFile(file, *docx);
  for (const char* format : {"fodt", "pdf"}) {
    const std::string command = "cd '" + dir.str() + "' && HOME='" + dir.str() + "' '" + soffice +
                                "' -env:UserInstallation=file://" + dir.str() +
                                "/profile --headless --convert-to " + format +
                                " --outdir out changes.docx >lo.log 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << testing::ReadFile(dir.str() + "/lo.log");
  }
  EXPECT_EQ(testing::ReadFile(dir.str() + "/out/changes.pdf").substr(0, 5), "%PDF-");

  std::vector<std::pair<std::string, std::string>> changes;
  for (const Region& r : Regions(testing::ReadFile(dir.str() + "/out/changes.fodt"))) {
    EXPECT_EQ(r.creator, "Recital");
    EXPECT_EQ(r.date.substr(0, 10), "2000-12-04");
    changes.emplace_back(r.kind, r.text);
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"deletion", kRemoved},    {"deletion", "Takes note of"},
      {"insertion", "Welcomes"}, {"deletion", "broad"},
      {"insertion", "wide"},     {"insertion", std::string("5.\t") + kAdded},
      {"deletion", "83rd"},      {"insertion", "81st"},
      {"deletion", "17"},        {"insertion", "4"},
      {"deletion", "1999"},      {"insertion", "2000"}};
  EXPECT_EQ(changes, expected);
}

}  // namespace
}  // namespace recital
