// The stored lineage (format 6, history/lineage_index.cc) gives `log` and `blame` the output
// they compute, byte for byte, on the real corpus (../shared/corpus/*.txt, every symbol) and on
// generated series (gen/: rewordings, splits, merges, moves every session). The archive is
// ingested in process; the computed outputs are taken while the lineage index is stale, the
// stored ones after RefreshLineageIndex.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "gen/gen.h"
#include "history/history.h"
#include "history/internal.h"
#include "ingest/ingest.h"
#include "render/render.h"
#include "tests/test_util.h"

namespace recital {
namespace {

class LineageCorpusTest : public ::testing::Test {
 protected:
  void Open() {
    store::OpenOptions o;
    o.read_only = false;
    o.create_if_missing = true;
    auto a = store::Archive::Open(dir_.str() + "/archive", o);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    archive_ = std::move(a).value();
  }
  void Ingest(std::vector<store::ReleaseInput> inputs) {
    store::IngestOptions o;
    o.ingest_time = 1700000000;
    o.parse = [](std::string_view bytes, const std::string& name) {
      ParseOptions po;
      po.source_name = name;
      return ParseRelease(bytes, po);
    };
    ASSERT_TRUE(archive_->IngestBatch(std::move(inputs), o, [](const store::IngestResult&) {}).ok());
    auto s = history::RefreshSeriesIndex(*archive_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }
  // log (text, JSON) and blame (text, JSON) of every symbol, as the commands print them.
  std::map<std::string, std::string> Outputs() {
    std::map<std::string, std::string> out;
    auto docs = archive_->ListDocuments();
    EXPECT_TRUE(docs.ok());
    for (const store::Document& d : *docs) {
      auto log = history::LogOf(*archive_, d.symbol);
      out["log " + d.symbol] = log.ok() ? render::LogText(*log) + render::LogJson(*log).dump()
                                        : "error " + log.status().ToString();
      auto blame = history::BlameSymbol(*archive_, d.symbol);
      out["blame " + d.symbol] =
          blame.ok() ? render::BlameText(*blame, false) + render::BlameJson(*blame).dump()
                     : "error " + blame.status().ToString();
    }
    return out;
  }
  // Computed, then stored: the same; returns how many blames the index served.
  size_t ExpectStoredEqualsComputed() {
    const std::map<std::string, std::string> computed = Outputs();
    auto built = history::RefreshLineageIndex(*archive_);
    EXPECT_TRUE(built.ok() && *built);
    const std::map<std::string, std::string> stored = Outputs();
    EXPECT_EQ(computed.size(), stored.size());
    for (const auto& [k, v] : computed) {
      auto it = stored.find(k);
      EXPECT_TRUE(it != stored.end() && it->second == v) << k << "\ncomputed:\n" << v
                                                         << "\nstored:\n" << it->second;
    }
    size_t served = 0;
    auto docs = archive_->ListDocuments();
    for (const store::Document& d : *docs) {
      auto b = history::StoredBlameOf(*archive_, d.symbol);
      EXPECT_TRUE(b.ok());
      if (b.ok() && b->has_value()) ++served;
      auto l = history::StoredLogOf(*archive_, d.symbol);
      EXPECT_TRUE(l.ok() && l->has_value()) << d.symbol;
    }
    auto check = history::CheckLineageIndex(*archive_);
    EXPECT_TRUE(check.ok() && check->empty());
    return served;
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Archive> archive_;
};

TEST_F(LineageCorpusTest, StoredLogAndBlameEqualComputedOnTheCorpus) {
  RECITAL_REQUIRE_CORPUS();
  Open();
  std::vector<store::ReleaseInput> inputs;
  for (const std::string& path : testing::CorpusFiles()) inputs.push_back({path, std::nullopt});
  Ingest(std::move(inputs));
  const size_t served = ExpectStoredEqualsComputed();
  // Blames whose walk meets a paragraph a partial copy does not reach compute (most of the
  // corpus' copies are 2,000-character excerpts); the whole ones and the first of each series
  // are lookups.
  EXPECT_GT(served, 0u);
  std::printf("blames served by the lineage index: %zu\n", served);
}

// A/RES/728(VIII) (refworld copy, complete) -> A/RES/925(X) (unhcr copy, complete), read by
// hand: 728 has three operative paragraphs (attention to groups of refugees in the next
// report; an appeal for repatriation, resettlement and integration under 538 B (VI); the
// relations with organizations); 925 has four preamble paragraphs (its report and 832 (IX),
// ECOSOC 589 (XX), the Statute's solutions, the 1955 target not reached) and three operative
// ones (continue the efforts under due safeguards; the Fund's emphasis on camps; contributions
// for 1955 and 1956). None continues one of 728's: 3 removed, 7 added, nothing else.
TEST_F(LineageCorpusTest, UnhcrPairOf1953And1955IsReadFromTheIndex) {
  RECITAL_REQUIRE_CORPUS();
  Open();
  std::vector<store::ReleaseInput> inputs;
  for (const std::string& path : testing::CorpusFiles()) inputs.push_back({path, std::nullopt});
  Ingest(std::move(inputs));
  auto built = history::RefreshLineageIndex(*archive_);
  ASSERT_TRUE(built.ok() && *built);
  auto log = history::StoredLogOf(*archive_, "A/RES/925(X)");
  ASSERT_TRUE(log.ok() && log->has_value());
  const auto& rows = (*log)->rows;
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].symbol, "A/RES/728(VIII)");
  EXPECT_EQ(rows[0].session, 8u);
  EXPECT_EQ(rows[1].symbol, "A/RES/925(X)");
  EXPECT_EQ(rows[1].adoption_date, "1955-10-25");
  const DiffSummary& s = rows[1].summary;
  EXPECT_EQ(s.added, 7u);
  EXPECT_EQ(s.removed, 3u);
  EXPECT_EQ(s.unchanged + s.reworded + s.split + s.merged + s.moved, 0u);
  auto blame = history::StoredBlameOf(*archive_, "A/RES/925(X)");
  ASSERT_TRUE(blame.ok() && blame->has_value());
  ASSERT_EQ((*blame)->paragraphs.size(), 7u);
  for (const history::BlameParagraph& p : (*blame)->paragraphs) {
    EXPECT_EQ(p.since, "A/RES/925(X)");
    EXPECT_TRUE(p.lineage.empty());
  }
  EXPECT_EQ((*blame)->paragraphs[4].number, "1");
  EXPECT_EQ((*blame)->paragraphs[4].text.rfind("Requests the United Nations High Commissioner", 0),
            0u);
}

TEST_F(LineageCorpusTest, StoredLogAndBlameEqualComputedOnGeneratedSeries) {
  Open();
  gen::GenOptions g;
  g.seed = 7;
  g.series = 4;
  g.sessions = 8;
  auto releases = gen::GenerateSeriesVector(g);
  ASSERT_TRUE(releases.ok());
  std::vector<store::ReleaseInput> inputs;
  for (const gen::GeneratedRelease& r : *releases) inputs.push_back({r.filename, r.text});
  Ingest(std::move(inputs));
  // Generated copies are whole: every blame is served by the index.
  EXPECT_EQ(ExpectStoredEqualsComputed(), releases->size());
}

}  // namespace
}  // namespace recital
