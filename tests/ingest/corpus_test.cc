// Every file of the real corpus: parsed (or refused with a reason naming it), symbol and
// session as SOURCES.tsv says wherever the text carries them, no layout debris in any
// paragraph, and the same resolution from two sites gives the same paragraph texts.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "tests/test_util.h"

namespace recital {
namespace {

struct Source {
  std::string symbol;
  uint32_t session = 0;
};

std::map<std::string, Source> ReadSources() {
  std::map<std::string, Source> out;
  std::istringstream in(testing::ReadFile(testing::CorpusDir() + "/SOURCES.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cell;
    std::istringstream cells(line);
    while (std::getline(cells, cell, '\t')) f.push_back(cell);
    if (f.size() < 4) continue;
    out[f[0]] = {f[1], uint32_t(std::stoul(f[3]))};
  }
  return out;
}

Result<Resolution> ParseFile(const std::string& path) {
  ParseOptions opts;
  opts.source_name = path;
  return ParseRelease(testing::ReadFile(path), opts);
}

std::vector<const std::string*> Texts(const Resolution& r) {
  std::vector<const std::string*> t;
  for (const auto* list : {&r.preamble, &r.operative}) {
    for (const Paragraph& p : *list) {
      t.push_back(&p.text);
      for (const SubParagraph& s : p.subparagraphs) t.push_back(&s.text);
    }
  }
  return t;
}

TEST(CorpusTest, EveryFileParsesOrIsRefusedWithAReason) {
  RECITAL_REQUIRE_CORPUS();
  const auto files = testing::CorpusFiles();
  ASSERT_GE(files.size(), 60u);
  size_t parsed = 0;
  for (const std::string& f : files) {
    auto r = ParseFile(f);
    if (!r.ok()) {
      EXPECT_EQ(r.status().message().rfind(f + ": ", 0), 0u) << r.status().message();
      EXPECT_GT(r.status().message().size(), f.size() + 10);
      continue;
    }
    ++parsed;
    EXPECT_FALSE(r->preamble.empty() && r->operative.empty()) << f;
    EXPECT_FALSE(r->layout.empty()) << f;
  }
  // All of today's corpus is parseable; a refusal here would be a regression.
  EXPECT_EQ(parsed, files.size());
}

TEST(CorpusTest, SymbolAndSessionMatchSourcesWhereTheTextHasThem) {
  RECITAL_REQUIRE_CORPUS();
  const auto sources = ReadSources();
  for (const std::string& f : testing::CorpusFiles()) {
    const std::string name = std::filesystem::path(f).filename().string();
    auto it = sources.find(name);
    ASSERT_NE(it, sources.end()) << name << " missing from SOURCES.tsv";
    auto r = ParseFile(f);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const std::string raw = testing::ReadFile(f);
    if (raw.find(it->second.symbol) != std::string::npos) {
      EXPECT_EQ(r->symbol, it->second.symbol) << name << ": the text carries the symbol";
    }
    if (!r->symbol.empty()) {
      EXPECT_EQ(r->symbol, it->second.symbol) << name;
    }
    if (r->session != 0) {
      EXPECT_EQ(r->session, it->second.session) << name;
    }
    if (r->symbol.empty()) {
      EXPECT_NE(std::find(r->warnings.begin(), r->warnings.end(), "no symbol found"), r->warnings.end()) << name;
    }
  }
}

TEST(CorpusTest, NoParagraphContainsLayoutOrSiteDebris) {
  RECITAL_REQUIRE_CORPUS();
  const std::vector<std::string> debris = {
      "<<ODS", "[hj", "Page ", "(E)", "/...", "http", "www.", "Close sites", "Search form",
      "Country profile", "Country website", "Select target", "You are on page",
      "Executive Committee Meetings", "This is not a UNHCR", "URL for areas", "_____", "\f", "\t",
      "  ", "Get Acrobat", "Department of State", "Prima Pagina", "G.A. res.", "Author:"};
  for (const std::string& f : testing::CorpusFiles()) {
    auto r = ParseFile(f);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const std::string* t : Texts(*r)) {
      for (const std::string& d : debris) EXPECT_EQ(t->find(d), std::string::npos) << f << ": '" << d << "' in: " << *t;
      // Running headers and barcodes: the document's own symbol and "*1922535*".
      if (!r->symbol.empty()) {
        EXPECT_EQ(t->find(r->symbol), std::string::npos) << f << ": " << *t;
      }
      for (size_t p = t->find('*'); p != std::string::npos; p = t->find('*', p + 1)) {
        EXPECT_FALSE(p + 1 < t->size() && isdigit(static_cast<unsigned char>((*t)[p + 1]))) << f << ": " << *t;
      }
      EXPECT_FALSE(t->empty()) << f;
    }
  }
}

// Last paragraph of a copy that stops mid-paragraph: comparable only as a prefix.
bool IsCutOff(const Resolution& r, const Paragraph& p, Section s) {
  const auto& list = s == Section::kPreamble ? r.preamble : r.operative;
  const bool last = !list.empty() && &list.back() == &p && (s == Section::kOperative || r.operative.empty());
  return last && std::find(r.warnings.begin(), r.warnings.end(), "text ends mid-paragraph (cut off)") != r.warnings.end();
}

// Pairs paragraphs of two copies (preamble by position, operative by number) and counts the
// pairs compared. Differences are returned as "section index".
std::vector<std::string> ComparePair(const Resolution& a, const Resolution& b, size_t* compared) {
  std::vector<std::string> diffs;
  auto compare = [&](const Paragraph& x, const Paragraph& y, Section s, const std::string& where) {
    const bool xcut = IsCutOff(a, x, s), ycut = IsCutOff(b, y, s);
    if (xcut || ycut) {
      // Both cut: the shorter must be a prefix of the longer.
      const bool x_is_cut = xcut && (!ycut || x.text.size() <= y.text.size());
      const std::string& cut = x_is_cut ? x.text : y.text;
      const std::string& full = x_is_cut ? y.text : x.text;
      const std::string stem = cut.substr(0, cut.rfind(' ') == std::string::npos ? 0 : cut.rfind(' '));
      if (full.compare(0, stem.size(), stem) != 0) diffs.push_back(where);
      ++*compared;
      return;
    }
    if (x.text != y.text || x.lead != y.lead || WordingHash(x) != WordingHash(y)) diffs.push_back(where);
    ++*compared;
  };
  // Preamble paragraphs line up only when both copies start at the opening.
  const bool a_full = std::find(a.warnings.begin(), a.warnings.end(), "starts mid-document (no cover block)") == a.warnings.end();
  const bool b_full = std::find(b.warnings.begin(), b.warnings.end(), "starts mid-document (no cover block)") == b.warnings.end();
  if (a_full && b_full) {
    for (size_t i = 0; i < a.preamble.size() && i < b.preamble.size(); ++i) {
      compare(a.preamble[i], b.preamble[i], Section::kPreamble, "preamble " + std::to_string(i));
    }
  }
  for (const Paragraph& x : a.operative) {
    for (const Paragraph& y : b.operative) {
      if (!x.number.empty() && x.number == y.number) compare(x, y, Section::kOperative, "operative " + x.number);
    }
  }
  return diffs;
}

TEST(CorpusTest, SameResolutionFromTwoSitesGivesIdenticalParagraphs) {
  RECITAL_REQUIRE_CORPUS();
  struct Pair {
    std::string a, b;
    std::vector<std::string> real_differences;  // checked by reading both files
  };
  const std::vector<Pair> pairs = {
      {"A-RES-51-70.unorg.txt", "A-RES-51-70.humanrts.txt", {}},
      // The edscuola copy of the third preamble paragraph lacks "adopted by ... held at Vienna
      // from 14 to 25 June 1993,": a real difference between the two sources, not layout.
      {"A-RES-51-77.humanrts.txt", "A-RES-51-77.edscuola.txt", {"preamble 2"}},
      {"A-RES-50-149.unorg.txt", "A-RES-50-149.humanrts.txt", {}},
      {"A-RES-50-152.unorg.txt", "A-RES-50-152.humanrts.txt", {}},
      {"A-RES-49-128.humanrts-mirror.txt", "A-RES-49-128.humanrts-mirror-v2.txt", {}},
      {"A-RES-33-26.refworld.txt", "A-RES-33-26.unhcr.txt", {}},
      {"A-RES-57-302.dirco-v1.txt", "A-RES-57-302.dirco-v2.txt", {}},
      {"A-RES-77-199.girlsrights.txt", "A-RES-77-199.scribd.txt", {}},
  };
  const std::string dir = testing::CorpusDir() + "/";
  for (const Pair& p : pairs) {
    auto a = ParseFile(dir + p.a);
    auto b = ParseFile(dir + p.b);
    ASSERT_TRUE(a.ok() && b.ok()) << p.a << " / " << p.b;
    size_t compared = 0;
    const auto diffs = ComparePair(*a, *b, &compared);
    EXPECT_GE(compared, 1u) << p.a << " / " << p.b << ": nothing compared";
    EXPECT_EQ(diffs, p.real_differences) << p.a << " / " << p.b;
  }
}

}  // namespace
}  // namespace recital
