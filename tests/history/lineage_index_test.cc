// The stored paragraph lineage (format 6; store/FORMAT.md "Format 6", `lineage`): built from
// the pairs of every series, read by log and blame while fresh, kept by UpdateLineageIndex
// inside a derived transaction, checked by CheckLineageIndex. Expected values are those of the
// lighthouse records (history_test_util.h, read by hand):
//   60/7 -> 61/7: P1, O2, O3 unchanged; P2 reworded (lead Aware -> Concerned); O1 reworded
//                 (+ "and best practices"); P3 removed.
//   61/7 -> 62/7: P1, P2 unchanged; O1 reworded (Encourages -> Urges); O2 added; O3, O4 = old
//                 O2, O3 unchanged.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "history/history.h"
#include "history/internal.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

// An in-memory DerivedTxn: one map per index, counting the writes.
class FakeDerivedTxn : public store::DerivedTxn {
 public:
  std::map<std::string, std::map<std::string, std::string>> data;
  int puts = 0, deletes = 0;
  Result<bool> WasFresh(std::string_view) override { return true; }
  Result<std::optional<std::string>> Get(std::string_view index, std::string_view key) override {
    auto& m = data[std::string(index)];
    auto it = m.find(std::string(key));
    if (it == m.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Result<std::vector<std::pair<std::string, std::string>>> Scan(std::string_view index,
                                                                std::string_view prefix) override {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : data[std::string(index)]) {
      if (k.compare(0, prefix.size(), prefix) == 0) out.emplace_back(k, v);
    }
    return out;
  }
  Status Put(std::string_view index, std::string_view key, std::string_view value) override {
    ++puts;
    data[std::string(index)][std::string(key)] = std::string(value);
    return Status::Ok();
  }
  Status Delete(std::string_view index, std::string_view key) override {
    ++deletes;
    if (data[std::string(index)].erase(std::string(key)) == 0) {
      return Status::NotFound("no such key");  // a caller must not delete what is absent
    }
    return Status::Ok();
  }
  Status Clear(std::string_view index) override {
    data[std::string(index)].clear();
    return Status::Ok();
  }
  Status MarkFresh(std::string_view) override { return Status::Ok(); }
};

Series Of(std::string key, std::vector<std::string> symbols) {
  Series s;
  s.key = std::move(key);
  s.name = "test";
  s.symbols = std::move(symbols);
  return s;
}

history::SeriesLineage Decoded(const std::string& value) {
  history::SeriesLineage l;
  EXPECT_TRUE(history::DecodeSeriesLineage(value, &l).ok());
  return l;
}

const std::vector<std::string> kLight = {"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"};

class LineageIndexTest : public ::testing::Test {
 protected:
  void SetUp() override { archive_.Ingest(testing::AllRecords()); }
  store::Archive& archive() { return archive_.archive(); }
  void RefreshBoth() {
    auto s = history::RefreshSeriesIndex(archive());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    auto l = history::RefreshLineageIndex(archive());
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    EXPECT_TRUE(*l);
  }
  testing::RecordArchive archive_;
};

TEST_F(LineageIndexTest, EntriesHoldOnePairPerConsecutiveMembers) {
  auto all = history::ArchiveSeries(archive());
  ASSERT_TRUE(all.ok());
  auto entries = history::LineageIndexEntries(archive(), *all);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  std::map<std::string, std::string> m(entries->begin(), entries->end());
  // lighthouses and fisheries; 61/99 alone has no pair, so no entry.
  EXPECT_EQ(m.size(), 2u);
  const std::string light_key = "l/" + testing::KeyOf("A/RES/60/7");
  ASSERT_TRUE(m.count(light_key));
  ASSERT_TRUE(m.count("l/" + testing::KeyOf("A/RES/60/20")));
  const history::SeriesLineage light = Decoded(m[light_key]);
  EXPECT_EQ(light.symbols, kLight);
  EXPECT_EQ(light.versions, (std::vector<uint32_t>{1, 1, 1}));
  ASSERT_EQ(light.pairs.size(), 2u);
  history::StoredPair p;
  ASSERT_TRUE(history::DecodeLineagePair(light.pairs[0], &p).ok());
  EXPECT_EQ(p.older_version, 1u);
  EXPECT_EQ(p.newer_version, 1u);
  EXPECT_EQ(p.summary.unchanged, 3u);
  EXPECT_EQ(p.summary.reworded, 2u);
  EXPECT_EQ(p.summary.removed, 1u);
  EXPECT_EQ(p.summary.added, 0u);
  // 61/7 has 2 preamble and 3 operative paragraphs.
  EXPECT_EQ(p.counts[0], 2u);
  EXPECT_EQ(p.counts[1], 3u);
  ASSERT_EQ(p.slots.size(), 5u);
  EXPECT_TRUE(p.slots[0].exact);  // P1 unchanged
  EXPECT_EQ(p.slots[1].kind, history::StoredPair::Slot::kStep);  // P2 reworded from old P2
  EXPECT_FALSE(p.slots[1].unchanged);
  EXPECT_EQ(p.slots[1].from_index, 1u);
  EXPECT_FALSE(p.slots[2].unchanged);  // O1 reworded from old O1
  EXPECT_EQ(p.slots[2].from_section, Section::kOperative);
  EXPECT_EQ(p.slots[2].from_index, 0u);
  EXPECT_TRUE(p.slots[3].exact);
  EXPECT_EQ(p.slots[4].from_index, 2u);
}

TEST_F(LineageIndexTest, LogReadsTheStoredCountsWhenFresh) {
  EXPECT_FALSE(history::StoredLogOf(archive(), "62/7")->has_value());  // stale: computes
  RefreshBoth();
  auto stored = history::StoredLogOf(archive(), "62/7");
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_TRUE(stored->has_value());
  const history::LogView& log = **stored;
  ASSERT_EQ(log.rows.size(), 3u);
  EXPECT_FALSE(log.rows[0].has_previous);
  EXPECT_EQ(log.rows[0].adoption_date, "2005-12-01");
  EXPECT_EQ(log.rows[2].symbol, "A/RES/62/7");
  EXPECT_EQ(log.rows[2].title, testing::kLighthouseTitle);
  EXPECT_EQ(log.rows[2].session, 62u);
  EXPECT_EQ(log.rows[2].summary.unchanged, 4u);
  EXPECT_EQ(log.rows[2].summary.reworded, 1u);
  EXPECT_EQ(log.rows[2].summary.added, 1u);
  EXPECT_EQ(log.rows[2].summary.removed, 0u);
  // The same as computing, row by row.
  auto computed = history::LogOf(archive(), "62/7", DiffOptions{.reword_threshold = 0.5000001});
  ASSERT_TRUE(computed.ok());
  ASSERT_EQ(computed->rows.size(), log.rows.size());
  for (size_t i = 0; i < log.rows.size(); ++i) {
    EXPECT_EQ(computed->rows[i].symbol, log.rows[i].symbol);
    EXPECT_EQ(computed->rows[i].title, log.rows[i].title);
    EXPECT_EQ(computed->rows[i].summary.unchanged, log.rows[i].summary.unchanged);
    EXPECT_EQ(computed->rows[i].summary.reworded, log.rows[i].summary.reworded);
    EXPECT_EQ(computed->rows[i].summary.moved, log.rows[i].summary.moved);
  }
  // A series key and a name read the same rows.
  auto by_key = history::StoredLogOf(archive(), testing::KeyOf("A/RES/60/7"));
  ASSERT_TRUE(by_key.ok() && by_key->has_value());
  EXPECT_EQ((*by_key)->rows.size(), 3u);
}

TEST_F(LineageIndexTest, BlameWalksTheStoredSteps) {
  RefreshBoth();
  auto stored = history::StoredBlameOf(archive(), "A/RES/62/7");
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_TRUE(stored->has_value());
  const auto& ps = (*stored)->paragraphs;
  ASSERT_EQ(ps.size(), 6u);  // P1, P2, O1..O4
  EXPECT_EQ(ps[0].since, "A/RES/60/7");
  EXPECT_TRUE(ps[0].lineage.empty());
  EXPECT_EQ(ps[1].since, "A/RES/61/7");  // Concerned since 61/7, Aware before
  ASSERT_EQ(ps[1].lineage.size(), 1u);
  EXPECT_EQ(ps[1].lineage[0].symbol, "A/RES/60/7");
  EXPECT_EQ(ps[1].lineage[0].text, testing::kAware);
  EXPECT_EQ(ps[2].since, "A/RES/62/7");  // Urges: 62/7, then Encourages 61/7, then 60/7's
  ASSERT_EQ(ps[2].lineage.size(), 2u);
  EXPECT_EQ(ps[2].lineage[0].symbol, "A/RES/61/7");
  EXPECT_EQ(ps[2].lineage[0].text, testing::kEncourages61);
  EXPECT_EQ(ps[2].lineage[1].symbol, "A/RES/60/7");
  EXPECT_EQ(ps[2].lineage[1].text, testing::kEncourages60);
  EXPECT_EQ(ps[3].since, "A/RES/62/7");  // Invites: added
  EXPECT_TRUE(ps[3].lineage.empty());
  EXPECT_EQ(ps[4].since, "A/RES/60/7");  // Requests, renumbered only
  EXPECT_EQ(ps[5].since, "A/RES/60/7");
  // The header of the earlier records, the whole last one.
  const auto& records = (*stored)->history.records;
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].symbol, "A/RES/60/7");
  EXPECT_TRUE(records[0].operative.empty());
  EXPECT_EQ(records[2].operative.size(), 4u);
  // BlameSymbol reads them; with all records it computes the same paragraphs.
  auto computed = history::BlameSymbol(archive(), "62/7", {}, /*all_records=*/true);
  ASSERT_TRUE(computed.ok());
  EXPECT_EQ(computed->history.records[0].operative.size(), 3u);
  ASSERT_EQ(computed->paragraphs.size(), ps.size());
  for (size_t i = 0; i < ps.size(); ++i) {
    EXPECT_EQ(computed->paragraphs[i].since, ps[i].since);
    EXPECT_EQ(computed->paragraphs[i].wording_since, ps[i].wording_since);
    EXPECT_EQ(computed->paragraphs[i].text, ps[i].text);
    ASSERT_EQ(computed->paragraphs[i].lineage.size(), ps[i].lineage.size());
    for (size_t j = 0; j < ps[i].lineage.size(); ++j) {
      EXPECT_EQ(computed->paragraphs[i].lineage[j].text, ps[i].lineage[j].text);
      EXPECT_EQ(computed->paragraphs[i].lineage[j].technical, ps[i].lineage[j].technical);
    }
  }
  // The middle of the series looks only backwards.
  auto middle = history::StoredBlameOf(archive(), "A/RES/61/7");
  ASSERT_TRUE(middle.ok() && middle->has_value());
  EXPECT_EQ((*middle)->history.records.size(), 2u);
}

TEST_F(LineageIndexTest, AWriteMakesReadersComputeUntilRebuilt) {
  RefreshBoth();
  archive_.Ingest({testing::Record(63, 7, testing::kLighthouseTitle,
                                   {testing::kNoting, testing::kConcerned},
                                   {testing::kUrges62, testing::kRequests, testing::kDecides})});
  EXPECT_FALSE(history::StoredLogOf(archive(), "62/7")->has_value());
  EXPECT_FALSE(history::StoredBlameOf(archive(), "A/RES/62/7")->has_value());
  auto log = history::LogOf(archive(), "62/7");  // computed
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->rows.size(), 4u);
  RefreshBoth();
  auto stored = history::StoredLogOf(archive(), "62/7");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  ASSERT_EQ((*stored)->rows.size(), 4u);
  EXPECT_EQ((*stored)->rows[3].summary.removed, 1u);  // Invites dropped in 63/7
  EXPECT_EQ((*stored)->rows[3].summary.unchanged, 5u);
}

TEST_F(LineageIndexTest, VerifyFindsNoProblemThenEveryTamperedEntry) {
  RefreshBoth();
  auto check = history::CheckLineageIndex(archive());
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->empty());
  // Replace the index, at the same generation, with one wrong, one missing and one extra pair.
  auto all = history::ArchiveSeries(archive());
  auto entries = history::LineageIndexEntries(archive(), *all);
  ASSERT_TRUE(entries.ok());
  const std::string light_key = "l/" + testing::KeyOf("A/RES/60/7");
  const std::string fish_key = "l/" + testing::KeyOf("A/RES/60/20");
  std::map<std::string, std::string> m(entries->begin(), entries->end());
  history::SeriesLineage light = Decoded(m[light_key]);
  std::swap(light.pairs[0], light.pairs[1]);
  std::vector<std::pair<std::string, std::string>> tampered = {
      {light_key, history::EncodeSeriesLineage(light)}, {"l/s-000000000000", m[fish_key]}};
  auto gen = archive().InputGeneration();
  ASSERT_TRUE(gen.ok());
  auto done = archive().ReplaceDerived(store::kLineageIndex, *gen, tampered);
  ASSERT_TRUE(done.ok() && *done);
  check = history::CheckLineageIndex(archive());
  ASSERT_TRUE(check.ok());
  ASSERT_EQ(check->size(), 3u);
  std::string all_problems;
  for (const std::string& p : *check) all_problems += p + "\n";
  EXPECT_NE(all_problems.find("another lineage for series " + testing::KeyOf("A/RES/60/7")),
            std::string::npos)
      << all_problems;
  EXPECT_NE(all_problems.find("lacks series " + testing::KeyOf("A/RES/60/20")), std::string::npos);
  EXPECT_NE(all_problems.find("holds series s-000000000000, which detection does not give"),
            std::string::npos);
}

TEST_F(LineageIndexTest, UpdateComputesNewPairsAndReusesKeptOnes) {
  // The bodies of a full build, for comparison.
  auto full = history::LineageIndexEntries(
      archive(), {Of("s-a", kLight), Of("s-b", {"A/RES/60/7", "A/RES/62/7"})});
  ASSERT_TRUE(full.ok());
  std::map<std::string, std::string> want(full->begin(), full->end());
  const history::SeriesLineage want_a = Decoded(want["l/s-a"]);
  const history::SeriesLineage want_b = Decoded(want["l/s-b"]);
  FakeDerivedTxn txn;
  auto& lineage = txn.data[std::string(store::kLineageIndex)];
  ASSERT_TRUE(history::UpdateLineageIndex(archive(), txn, {}, {Of("s-a", {kLight[0], kLight[1]})})
                  .ok());
  EXPECT_EQ(txn.puts, 1);
  ASSERT_EQ(Decoded(lineage["l/s-a"]).pairs.size(), 1u);
  EXPECT_EQ(Decoded(lineage["l/s-a"]).pairs[0], want_a.pairs[0]);
  // Mark the held body: a kept pair is copied, not computed again.
  history::SeriesLineage held = Decoded(lineage["l/s-a"]);
  held.pairs[0] = "kept";
  lineage["l/s-a"] = history::EncodeSeriesLineage(held);
  // A new member joins.
  ASSERT_TRUE(history::UpdateLineageIndex(archive(), txn, {Of("s-a", {kLight[0], kLight[1]})},
                                          {Of("s-a", kLight)})
                  .ok());
  history::SeriesLineage now = Decoded(lineage["l/s-a"]);
  EXPECT_EQ(now.symbols, kLight);
  ASSERT_EQ(now.pairs.size(), 2u);
  EXPECT_EQ(now.pairs[0], "kept");
  EXPECT_EQ(now.pairs[1], want_a.pairs[1]);
  // The same membership again: nothing to write.
  const int puts = txn.puts;
  ASSERT_TRUE(history::UpdateLineageIndex(archive(), txn, {Of("s-a", kLight)}, {Of("s-a", kLight)})
                  .ok());
  EXPECT_EQ(txn.puts, puts);
  // 61/7 leaves (a split) and the series takes another key: the old entry goes, the new one
  // holds 60/7 -> 62/7; 61/7 alone has none.
  ASSERT_TRUE(history::UpdateLineageIndex(archive(), txn, {Of("s-a", kLight)},
                                          {Of("s-b", {kLight[0], kLight[2]}), Of("s-c", {kLight[1]})})
                  .ok());
  EXPECT_EQ(txn.deletes, 1);
  ASSERT_EQ(lineage.size(), 1u);
  EXPECT_EQ(Decoded(lineage["l/s-b"]).pairs, want_b.pairs);
}

TEST_F(LineageIndexTest, UpdateRecomputesAPairWhoseMemberHasANewCurrentVersion) {
  FakeDerivedTxn txn;
  auto& lineage = txn.data[std::string(store::kLineageIndex)];
  ASSERT_TRUE(history::UpdateLineageIndex(archive(), txn, {}, {Of("s-a", kLight)}).ok());
  history::SeriesLineage held = Decoded(lineage["l/s-a"]);
  held.pairs[0] = "kept";
  lineage["l/s-a"] = history::EncodeSeriesLineage(held);
  // A corrected 62/7 (version 2, complete, so current): O2 "Invites" dropped.
  archive_.Ingest({testing::Record(62, 7, testing::kLighthouseTitle,
                                   {testing::kNoting, testing::kConcerned},
                                   {testing::kUrges62, testing::kRequests, testing::kDecides})});
  ASSERT_TRUE(history::UpdateLineageIndex(archive(), txn, {Of("s-a", kLight)}, {Of("s-a", kLight)})
                  .ok());
  const history::SeriesLineage now = Decoded(lineage["l/s-a"]);
  EXPECT_EQ(now.versions, (std::vector<uint32_t>{1, 1, 2}));
  EXPECT_EQ(now.pairs[0], "kept");  // 60/7 -> 61/7 unchanged
  history::StoredPair p;
  ASSERT_TRUE(history::DecodeLineagePair(now.pairs[1], &p).ok());
  EXPECT_EQ(p.newer_version, 2u);
  EXPECT_EQ(p.summary.added, 0u);
  EXPECT_EQ(p.summary.reworded, 1u);
  EXPECT_EQ(p.summary.unchanged, 4u);
}

TEST(LineagePairCodecTest, RejectsTruncatedValues) {
  // The series entry too: every cut of a stored (uncompressed) one fails.
  history::SeriesLineage one;
  one.symbols = {"A/RES/60/7", "A/RES/61/7"};
  one.versions = {1, 1};
  one.pairs = {"x"};
  const std::string e = history::EncodeSeriesLineage(one);
  history::SeriesLineage back;
  ASSERT_TRUE(history::DecodeSeriesLineage(e, &back).ok());
  EXPECT_EQ(back.symbols, one.symbols);
  for (size_t n = 0; n < e.size(); ++n) {
    EXPECT_FALSE(history::DecodeSeriesLineage(std::string_view(e).substr(0, n), &back).ok()) << n;
  }
  Resolution a = testing::LighthouseRecords()[0];
  Resolution b = testing::LighthouseRecords()[1];
  const std::string v = history::EncodeLineagePair(1, 1, b, DiffResolutions(a, b));
  history::StoredPair p;
  ASSERT_TRUE(history::DecodeLineagePair(v, &p).ok());
  for (size_t n = 0; n < v.size(); ++n) {
    EXPECT_FALSE(history::DecodeLineagePair(std::string_view(v).substr(0, n), &p).ok()) << n;
  }
}

}  // namespace
}  // namespace recital
