// The 100 follow-up series of the PDF corpus (SOURCES.tsv `series`), each in sessions 78, 79
// and 80: diffing consecutive members must show no change that the page layout caused.
//
// A change is counted as caused by layout when
//   - its two sides (every paragraph on each side, joined) read the same once whitespace and
//     hyphens are dropped and digit runs glued to a word or to closing punctuation are removed:
//     a word split by justification ("post -conflict"), a line-end hyphen handled differently,
//     a footnote marker left in the text, a paragraph cut at a page break and split or merged;
//   - it adds or removes a paragraph whose text is a piece of a paragraph on the other side
//     (a paragraph cut in two at a page break or by a footnote block);
//   - its wording is the same on both sides but the lead phrase differs (an italic run read
//     differently).
// Real rewording (a new date, another session, new words) never reads the same that way.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "tests/ingest/pdf_test_util.h"

namespace recital {
namespace {

// A footnote marker left in the text sits right after a word ("Secretary-General5") or after
// the punctuation that ends one ("Agenda,3"); "1,088" and "IV.63" are numbers.
bool GluedMarkerAt(const std::string& t, size_t i) {
  if (i == 0) return false;
  const unsigned char p = static_cast<unsigned char>(t[i - 1]);
  if ((p >= 'a' && p <= 'z') || p == ')') return true;
  if ((p == ',' || p == ';') && i >= 2) {
    const unsigned char q = static_cast<unsigned char>(t[i - 2]);
    return (q >= 'a' && q <= 'z') || q == ')' || q >= 0x80;
  }
  return false;
}

// Text with the differences layout can make undone: spaces next to a hyphen dropped ("post
// -conflict", "drug- resistant"), digit runs glued to a word or to closing punctuation removed
// (footnote markers left in the text: "Agenda,3"), runs of spaces made one. With all_spaces,
// every space is dropped (a word cut in two by justification: "framew ork").
std::string Squash(const std::string& t, bool all_spaces) {
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\n') {
      const bool by_hyphen =
          (!out.empty() && out.back() == '-') || (i + 1 < t.size() && t[i + 1] == '-');
      if (all_spaces || by_hyphen || out.empty() || out.back() == ' ') continue;
      out += ' ';
      continue;
    }
    if (c >= '0' && c <= '9' && GluedMarkerAt(t, i)) {
      size_t e = i;
      while (e < t.size() && t[e] >= '0' && t[e] <= '9') ++e;
      if (e - i <= 3 &&
          (e == t.size() || t[e] == ' ' || t[e] == ',' || t[e] == ';' || t[e] == '.')) {
        i = e - 1;
        continue;
      }
    }
    out += char(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> Words(const std::string& t) {
  std::vector<std::string> out;
  std::string w;
  for (char c : t + " ") {
    if (c == ' ') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  return out;
}

// Words of every record in the corpus, with their counts: a piece of a word that
// justification cut off ("framew", "ork,") is no word of its own; "health" and "care" are.
using Vocabulary = std::map<std::string, size_t>;

std::string Side(const std::vector<ParagraphRef>& refs) {
  std::string s;
  for (const ParagraphRef& r : refs) s += r.text + " ";
  return s;
}

// True when the two sides differ only in spaces, and each word found on one side only is a
// piece of a word (rare in the corpus) rather than a word of its own ("health care" ->
// "healthcare" is an editor's change).
bool OnlyWordsCut(const std::string& a, const std::string& b, const Vocabulary& vocabulary) {
  if (Squash(a, true) != Squash(b, true)) return false;
  const std::vector<std::string> wa = Words(Squash(a, false)), wb = Words(Squash(b, false));
  std::map<std::string, int> surplus;  // words of the side with more words, less the other's
  for (const std::string& w : wa.size() > wb.size() ? wa : wb) ++surplus[w];
  for (const std::string& w : wa.size() > wb.size() ? wb : wa) --surplus[w];
  for (const auto& [w, n] : surplus) {
    if (n <= 0) continue;
    auto it = vocabulary.find(w);
    if (it != vocabulary.end() && it->second >= 5) return false;
  }
  return true;
}

// Why the change is layout-caused, or "" when it is a real change.
std::string LayoutCause(const Change& c, const std::vector<std::string>& old_texts,
                        const std::vector<std::string>& new_texts, const Vocabulary& vocabulary) {
  if (c.status == ChangeStatus::kUnchanged) {
    return c.lead_changed ? "lead phrase read differently" : "";
  }
  if (!c.from.empty() && !c.to.empty()) {
    const std::string a = Side(c.from), b = Side(c.to);
    if (Squash(a, false) == Squash(b, false))
      return "same words once hyphen spacing and markers are ignored";
    if (OnlyWordsCut(a, b, vocabulary)) return "words cut in pieces";
    return "";
  }
  const std::string piece = Squash(Side(c.from.empty() ? c.to : c.from), false);
  if (piece.size() < 12) return "";
  for (const std::string& t : c.from.empty() ? old_texts : new_texts) {
    if (t.size() > piece.size() && t.find(piece) != std::string::npos) {
      return "a piece of a paragraph on the other side";
    }
  }
  return "";
}

std::vector<std::string> SquashedTexts(const Resolution& r) {
  std::vector<std::string> out;
  for (const auto* list : {&r.preamble, &r.operative, &r.annex}) {
    for (const Paragraph& p : *list) out.push_back(Squash(ParagraphFullText(p), false));
  }
  return out;
}

TEST(PdfSeriesTest, ConsecutiveSessionsDiffWithoutLayoutCausedChanges) {
  RECITAL_REQUIRE_PDF_CORPUS();
  std::map<std::string, std::vector<testing::PdfSource>> series;
  for (const testing::PdfSource& s : testing::PdfSources()) {
    if (!s.series.empty()) series[s.series].push_back(s);
  }
  ASSERT_EQ(series.size(), 100u);
  size_t diffs = 0, changes = 0;
  std::vector<std::string> false_changes;
  std::vector<std::pair<std::vector<testing::PdfSource>, std::vector<Resolution>>> all;
  for (auto& [key, members] : series) {
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return a.session < b.session; });
    std::vector<Resolution> records;
    for (const testing::PdfSource& m : members) {
      Result<Resolution> r = testing::ParsePdf(m.file);
      ASSERT_TRUE(r.ok()) << r.status().message();
      records.push_back(std::move(*r));
    }
    all.push_back({members, std::move(records)});
  }
  Vocabulary vocabulary;
  for (const auto& [members, records] : all) {
    for (const Resolution& r : records) {
      for (const std::string& t : SquashedTexts(r)) {
        for (const std::string& w : Words(t)) ++vocabulary[w];
      }
    }
  }
  for (const auto& [members, records] : all) {
    for (size_t i = 0; i + 1 < records.size(); ++i) {
      // Two resolutions of one session sharing a title are not each other's successors.
      if (members[i].session == members[i + 1].session) continue;
      const DiffResult d = DiffResolutions(records[i], records[i + 1]);
      ++diffs;
      const std::vector<std::string> old_texts = SquashedTexts(records[i]);
      const std::vector<std::string> new_texts = SquashedTexts(records[i + 1]);
      for (const Change& c : d.changes) {
        changes += c.status != ChangeStatus::kUnchanged;
        const std::string cause = LayoutCause(c, old_texts, new_texts, vocabulary);
        if (cause.empty()) continue;
        const ParagraphRef& ref = !c.to.empty() ? c.to.front() : c.from.front();
        false_changes.push_back(members[i].file + " -> " + members[i + 1].file + " " +
                                ChangeStatusName(c.status) + " " + SectionName(ref.section) + " " +
                                ref.number + ": " + cause + ": " + ref.text.substr(0, 80));
      }
    }
  }
  EXPECT_GE(diffs, 190u);
  EXPECT_GT(changes, 0u);  // the sessions do change: the check is not vacuous
  for (const std::string& f : false_changes) ADD_FAILURE() << f;
  EXPECT_EQ(false_changes.size(), 0u) << "of " << changes << " changes in " << diffs << " diffs";
}

}  // namespace
}  // namespace recital
