// The generator (gen/gen.h), by its own measure only: this binary links recital::gen and
// nothing that parses or diffs. Seeds are fixed and printed.
#include "gen/gen.h"

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace recital {
namespace {

const Paragraph& At(const Resolution& r, const gen::TruthRef& ref) {
  return ref.section == Section::kPreamble ? r.preamble[ref.index] : r.operative[ref.index];
}

std::vector<gen::GeneratedRelease> Generate(uint64_t seed, uint32_t series, uint32_t sessions) {
  gen::GenOptions opt;
  opt.seed = seed;
  opt.series = series;
  opt.sessions = sessions;
  std::printf("seed %llu, %u series x %u sessions\n", static_cast<unsigned long long>(seed), series,
              sessions);
  auto releases = gen::GenerateSeriesVector(opt);
  EXPECT_TRUE(releases.ok()) << releases.status().ToString();
  return releases.ok() ? std::move(releases).value() : std::vector<gen::GeneratedRelease>{};
}

// ---- the measure ----------------------------------------------------------------------------

TEST(MeasureTest, ContentWordsDropFunctionWordsAndSplitAtPunctuation) {
  EXPECT_EQ(gen::ContentWords("Requests the Secretary-General to report to it in 1999;"),
            (std::vector<std::string>{"requests", "secretary", "general", "report", "1999"}));
  EXPECT_EQ(gen::ContentWords("Réaffirme la résolution"),
            (std::vector<std::string>{"réaffirme", "la", "résolution"}));
  EXPECT_TRUE(gen::ContentWords("of the, and, to: in.").empty());
}

TEST(MeasureTest, EditsCountWordsSubstitutedInsertedOrDeleted) {
  // 6 content words: urges member states promote peace region.
  const char* a = "Urges Member States to promote peace in the region;";
  EXPECT_EQ(gen::ContentWordEdits(a, a), 0u);
  EXPECT_EQ(gen::ContentWordEdits(a, "Urges Member States to further promote peace in the region;"), 1u);
  // "upon" is a function word: "Urges" -> "Calls upon" is one substitution.
  EXPECT_EQ(gen::ContentWordEdits(a, "Calls upon Member States to promote peace in the region;"), 1u);
  EXPECT_EQ(gen::ContentWordEdits(a, "Urges Member States to promote peace;"), 1u);
  EXPECT_EQ(gen::ContentWordEdits("", a), 6u);
  EXPECT_FALSE(gen::IsBoundedRewording(a, a));  // nothing edited is no rewording
  EXPECT_TRUE(gen::IsBoundedRewording(a, "Calls upon Member States to promote peace in the region;"));
  EXPECT_FALSE(gen::IsBoundedRewording(a, "Invites all Governments to promote peace in the region;"));
  EXPECT_TRUE(gen::SharesNoContentWord("Welcomes the plan", "Notes the report of the meeting"));
  EXPECT_FALSE(gen::SharesNoContentWord("Welcomes the plan", "the plan of action"));
}

// ---- the truth --------------------------------------------------------------------------------

TEST(TruthTest, RewordedParagraphsStayWithinAThirdOfTheirWords) {
  auto releases = Generate(20261128, 6, 30);
  size_t checked = 0, bound = 0, leads = 0;
  for (size_t i = 1; i < releases.size(); ++i) {
    const auto& rel = releases[i];
    if (rel.previous_symbol.empty()) continue;
    const Resolution& before = releases[i - 1].truth_record;
    for (const auto& c : rel.changes) {
      if (c.status != "reworded") continue;
      ASSERT_EQ(c.from.size(), 1u);
      ASSERT_EQ(c.to.size(), 1u);
      const std::string& a = At(before, c.from[0]).text;
      const std::string& b = At(rel.truth_record, c.to[0]).text;
      if (c.session_bound) {
        // Only the clauses restated for each session.
        ++bound;
        EXPECT_TRUE(b.starts_with("Recalling its resolution") ||
                    b.starts_with("Requests the Secretary-General to report") ||
                    b.starts_with("Decides to include"))
            << b;
        continue;
      }
      ++checked;
      leads += c.lead_changed;
      EXPECT_TRUE(gen::IsBoundedRewording(a, b))
          << rel.filename << "\n  " << a << "\n  " << b << "\n  edits "
          << gen::ContentWordEdits(a, b) << " of " << gen::ContentWords(a).size();
      if (c.lead_changed) {
        EXPECT_NE(At(before, c.from[0]).lead, At(rel.truth_record, c.to[0]).lead);
      }
    }
  }
  std::printf("%zu free rewordings (%zu lead changes), %zu session-bound\n", checked, leads, bound);
  // Defaults: 2 rewordings and 1 lead change per session, 29 sessions after the first, 6 series.
  EXPECT_GT(checked, 6u * 29u * 2u);
  EXPECT_GT(leads, 0u);
  EXPECT_GT(bound, 0u);
}

TEST(TruthTest, AddedParagraphsShareNoWordWithEitherSession) {
  auto releases = Generate(77, 6, 30);
  size_t added = 0, pairs = 0;
  for (size_t i = 1; i < releases.size(); ++i) {
    const auto& rel = releases[i];
    if (rel.previous_symbol.empty()) continue;
    ++pairs;
    const Resolution& before = releases[i - 1].truth_record;
    const Resolution& now = rel.truth_record;
    for (const auto& c : rel.changes) {
      if (c.status != "added") continue;
      ++added;
      ASSERT_TRUE(c.from.empty());
      ASSERT_EQ(c.to.size(), 1u);
      const std::string& text = At(now, c.to[0]).text;
      for (const auto* section : {&before.preamble, &before.operative}) {
        for (const Paragraph& p : *section) {
          EXPECT_TRUE(gen::SharesNoContentWord(text, p.text)) << rel.filename << "\n  " << text
                                                              << "\n  previous: " << p.text;
        }
      }
      for (const auto* section : {&now.preamble, &now.operative}) {
        for (const Paragraph& p : *section) {
          if (&p == &At(now, c.to[0])) continue;
          EXPECT_TRUE(gen::SharesNoContentWord(text, p.text)) << rel.filename << "\n  " << text
                                                              << "\n  new: " << p.text;
        }
      }
    }
  }
  std::printf("%zu additions in %zu consecutive pairs\n", added, pairs);
  // One addition per session by default, while the addition vocabulary lasts: it is large
  // enough that 30 sessions never use it up.
  EXPECT_EQ(added, pairs);
}

TEST(TruthTest, NoEditMakesAParagraphWordForWordLikeAnother) {
  auto releases = Generate(20261128, 6, 30);
  size_t checked = 0;
  for (size_t i = 1; i < releases.size(); ++i) {
    const auto& rel = releases[i];
    if (rel.previous_symbol.empty()) continue;
    const Resolution& before = releases[i - 1].truth_record;
    const Resolution& now = rel.truth_record;
    for (const auto& c : rel.changes) {
      if (c.status == "unchanged" || c.session_bound) continue;  // moves keep their wording
      for (const auto& ref : c.to) {
        const Paragraph& made = At(now, ref);
        const std::vector<std::string> words = gen::ContentWords(made.text);
        ++checked;
        for (const auto* r : {&before, &now}) {
          for (const auto* section : {&r->preamble, &r->operative}) {
            for (const Paragraph& p : *section) {
              if (&p == &made) continue;
              EXPECT_NE(gen::ContentWords(p.text), words) << rel.filename << " " << c.status << ": "
                                                          << made.text;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 0u);
}

TEST(TruthTest, EveryChangeNamesParagraphsThatExist) {
  auto releases = Generate(5, 3, 20);
  for (size_t i = 1; i < releases.size(); ++i) {
    const auto& rel = releases[i];
    if (rel.previous_symbol.empty()) {
      EXPECT_TRUE(rel.changes.empty());
      continue;
    }
    EXPECT_EQ(rel.previous_symbol, releases[i - 1].truth_record.symbol);
    for (const auto& c : rel.changes) {
      for (const auto& ref : c.from) {
        const auto& v = ref.section == Section::kPreamble ? releases[i - 1].truth_record.preamble
                                                           : releases[i - 1].truth_record.operative;
        EXPECT_LT(ref.index, v.size()) << rel.filename << " " << c.status;
      }
      for (const auto& ref : c.to) {
        const auto& v = ref.section == Section::kPreamble ? rel.truth_record.preamble
                                                           : rel.truth_record.operative;
        EXPECT_LT(ref.index, v.size()) << rel.filename << " " << c.status;
      }
      if (c.status == "split") {
        EXPECT_EQ(c.to.size(), 2u);
      }
      if (c.status == "merged") {
        EXPECT_EQ(c.from.size(), 2u);
      }
      if (c.status == "unchanged") {
        EXPECT_TRUE(c.moved);  // only moves are listed unchanged
      }
    }
  }
}

// ---- determinism and naming -------------------------------------------------------------------

TEST(GenTest, SameSeedSameBytesOtherSeedOtherText) {
  auto a = Generate(9, 2, 6), b = Generate(9, 2, 6), c = Generate(10, 2, 6);
  ASSERT_EQ(a.size(), 12u);
  ASSERT_EQ(b.size(), a.size());
  ASSERT_EQ(c.size(), a.size());
  bool any_different = false;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].text, b[i].text) << i;
    EXPECT_EQ(gen::TruthJson(a[i]), gen::TruthJson(b[i])) << i;
    any_different = any_different || a[i].text != c[i].text;
  }
  EXPECT_TRUE(any_different);
}

TEST(GenTest, SeriesAreGeneratedIndependently) {
  auto two = Generate(3, 2, 4), three = Generate(3, 3, 4);
  ASSERT_EQ(two.size(), 8u);
  ASSERT_EQ(three.size(), 12u);
  for (size_t i = 0; i < two.size(); ++i) EXPECT_EQ(two[i].text, three[i].text) << i;
}

TEST(GenTest, ReleasesAreNamedAndNumberedBySeriesAndSession) {
  auto releases = Generate(1, 2, 3);
  ASSERT_EQ(releases.size(), 6u);
  // Series i is resolution 101 + i of every session, from session 50.
  EXPECT_EQ(releases[0].filename, "A-RES-50-101.ods.txt");
  EXPECT_EQ(releases[0].truth_record.symbol, "A/RES/50/101");
  EXPECT_EQ(releases[2].filename, "A-RES-52-101.ods.txt");
  EXPECT_EQ(releases[2].previous_symbol, "A/RES/51/101");
  EXPECT_EQ(releases[3].truth_record.symbol, "A/RES/50/102");
  EXPECT_EQ(releases[3].previous_symbol, "");
  EXPECT_NE(releases[0].text.find("Fiftieth session"), std::string::npos);
  EXPECT_NE(releases[1].text.find("at its fifty-second session"), std::string::npos);
}

TEST(GenTest, BadOptionsAreInvalidInput) {
  gen::GenOptions opt;
  opt.layout = "pdf";
  EXPECT_EQ(gen::GenerateSeriesVector(opt).status().code(), StatusCode::kInvalidInput);
  opt.layout = "ods";
  opt.sessions = 0;
  EXPECT_EQ(gen::GenerateSeriesVector(opt).status().code(), StatusCode::kInvalidInput);
}

TEST(GenTest, SeedRecordParagraphsOpenTheSeries) {
  Resolution seed;
  seed.title = "Cooperation on lighthouse maintenance";
  Paragraph p;
  p.section = Section::kPreamble;
  p.lead = "Noting";
  p.text = "Noting the work of harbour pilots, in all weathers,";
  seed.preamble.push_back(p);
  Paragraph o;
  o.section = Section::kOperative;
  o.number = "1";
  o.lead = "Encourages";
  o.text = "Encourages coastal States to keep their lights burning;";
  seed.operative.push_back(o);
  gen::GenOptions opt;
  opt.seed_record = &seed;
  opt.sessions = 1;
  auto releases = gen::GenerateSeriesVector(opt);
  ASSERT_TRUE(releases.ok());
  const Resolution& r = releases->front().truth_record;
  EXPECT_EQ(r.title, seed.title);
  // The recall and "Having considered" clauses come first, then the seed's paragraphs.
  ASSERT_EQ(r.preamble.size(), 3u);
  EXPECT_EQ(r.preamble[2].text, "Noting the work of harbour pilots, in all weathers,");
  ASSERT_GE(r.operative.size(), 1u);
  EXPECT_EQ(r.operative[0].text, "Encourages coastal States to keep their lights burning;");
}

}  // namespace
}  // namespace recital
