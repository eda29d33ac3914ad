// `recital grep` read from uses (format 7's use postings, one decode per document, the paragraphs
// placed from the records FindPhrase decoded) gives what it gives from wordings (first-use
// postings, paragraph_uses, a second decode to place each paragraph), text and JSON byte for
// byte, on the real corpus (../shared/corpus/*.txt) and on generated series (gen/). Each place
// it prints (PP3, OP6) is checked against the record itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "gen/gen.h"
#include "history/history.h"
#include "ingest/ingest.h"
#include "render/render.h"
#include "tests/test_util.h"

namespace recital {
namespace {

using Method = store::PhraseOptions::Method;

class GrepCorpusTest : public ::testing::Test {
 protected:
  void Ingest(std::vector<store::ReleaseInput> inputs) {
    store::OpenOptions open;
    open.read_only = false;
    open.create_if_missing = true;
    auto a = store::Archive::Open(dir_.str() + "/archive", open);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    archive_ = std::move(a).value();
    store::IngestOptions o;
    o.ingest_time = 1700000000;
    o.parse = [](std::string_view bytes, const std::string& name) {
      ParseOptions po;
      po.source_name = name;
      return ParseRelease(bytes, po);
    };
    ASSERT_TRUE(archive_->IngestBatch(std::move(inputs), o, [](const store::IngestResult&) {}).ok());
  }

  std::string Rendered(std::string_view phrase, Method method) {
    auto grep = history::Grep(*archive_, phrase, {}, method);
    if (!grep.ok()) return "error " + grep.status().ToString();
    return render::GrepText(*grep, false) + render::GrepJson(*grep).dump();
  }

  // Every paragraph the grep lists is where it says: its version's record has, at that
  // section and index, a paragraph with that number holding the phrase, and `position`
  // counts the paragraphs before it in document order. Returns how many were checked.
  size_t ExpectPlacesMatchTheRecords(std::string_view phrase) {
    auto grep = history::Grep(*archive_, phrase, {}, Method::kFromUses);
    EXPECT_TRUE(grep.ok()) << grep.status().ToString();
    if (!grep.ok()) return 0;
    const std::vector<std::string> words = store::SplitWordsForIndex(phrase);
    size_t checked = 0;
    for (const history::GrepSeries& s : grep->series) {
      for (const history::GrepParagraph& p : s.paragraphs) {
        auto r = archive_->GetResolution(p.symbol, p.version);
        EXPECT_TRUE(r.ok()) << p.symbol;
        if (!r.ok()) continue;
        const std::vector<Paragraph>* lists[] = {&r->preamble, &r->operative, &r->annex};
        const size_t section = static_cast<size_t>(p.section);
        EXPECT_LT(p.index, lists[section]->size()) << p.symbol;
        if (p.index >= lists[section]->size()) continue;
        size_t before = p.index;
        for (size_t i = 0; i < section; ++i) before += lists[i]->size();
        EXPECT_EQ(p.position, before) << p.symbol;
        const Paragraph& at = (*lists[section])[p.index];
        EXPECT_EQ(p.number, at.number) << p.symbol;
        std::string text = at.text;
        for (const auto& sub : at.subparagraphs) text += " " + sub.text;
        const std::vector<std::string> held = store::SplitWordsForIndex(text);
        EXPECT_NE(std::search(held.begin(), held.end(), words.begin(), words.end()), held.end())
            << p.symbol << " " << p.position << ": " << text;
        ++checked;
      }
    }
    return checked;
  }

  // From uses equals from wordings: decoding by number (the series index stale), then series
  // by series (store::PhraseOptions::order, once the index is fresh).
  void ExpectSameOutputs(const std::vector<std::string>& phrases) {
    std::vector<std::string> by_number;
    for (const std::string& phrase : phrases) {
      const std::string wordings = Rendered(phrase, Method::kFromWordings);
      EXPECT_EQ(Rendered(phrase, Method::kFromUses), wordings) << phrase;
      EXPECT_EQ(Rendered(phrase, Method::kAuto), wordings) << phrase;
      by_number.push_back(wordings);
    }
    auto refreshed = history::RefreshSeriesIndex(*archive_);
    ASSERT_TRUE(refreshed.ok() && *refreshed);
    for (size_t i = 0; i < phrases.size(); ++i) {
      EXPECT_EQ(Rendered(phrases[i], Method::kFromUses), by_number[i]) << phrases[i];
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Archive> archive_;
};

TEST_F(GrepCorpusTest, RealCorpusFromUsesEqualsFromWordings) {
  RECITAL_REQUIRE_CORPUS();
  std::vector<store::ReleaseInput> inputs;
  for (const std::string& path : testing::CorpusFiles()) inputs.push_back({path, std::nullopt});
  Ingest(std::move(inputs));
  // Common words, a recall chain's wording, phrases of a few resolutions, and no match.
  ExpectSameOutputs({"General Assembly", "countries", "Recalling its resolution", "refugees",
                     "human rights", "Secretary-General to submit", "Palestine refugees",
                     "remain seized of the matter", "lighthouse keepers of the moon"});
  // Most copies name the General Assembly in their headings, which are no paragraphs; some
  // paragraphs do ("Noting with appreciation that since the seventeenth session of the General
  // Assembly ...", 1959 (XVIII)). Refugees are in most paragraphs of the UNHCR series.
  EXPECT_GT(ExpectPlacesMatchTheRecords("General Assembly"), 0u);
  EXPECT_GT(ExpectPlacesMatchTheRecords("refugees"), 0u);
}

TEST_F(GrepCorpusTest, GeneratedSeriesFromUsesEqualsFromWordings) {
  gen::GenOptions g;
  g.seed = 7;
  g.series = 6;
  g.sessions = 5;
  auto releases = gen::GenerateSeriesVector(g);
  ASSERT_TRUE(releases.ok());
  std::vector<store::ReleaseInput> inputs;
  for (const gen::GeneratedRelease& r : *releases) inputs.push_back({r.filename, r.text});
  Ingest(std::move(inputs));
  ExpectSameOutputs({"General Assembly", "countries", "Recalling", "including",
                     "the Secretary-General", "international cooperation"});
  EXPECT_GT(ExpectPlacesMatchTheRecords("General Assembly"), 0u);
  EXPECT_GT(ExpectPlacesMatchTheRecords("countries"), 0u);
}

}  // namespace
}  // namespace recital
