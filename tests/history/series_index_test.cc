// The stored series membership (format 6; store/FORMAT.md "Format 6"): built from detection,
// read only while fresh, stale after every write that can change it, rebuilt by the
// corrections, and checked against detection run afresh. Expected groupings are those of
// history_test_util.h's records, read by hand: lighthouses 60/7, 61/7, 62/7 (one title);
// fisheries 60/20, 61/30 (61/30 recalls 60/20 under a longer title); 61/99 alone (it cites
// 60/7 without recalling it as its own).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "history/history.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

using Symbols = std::vector<std::string>;

class SeriesIndexTest : public ::testing::Test {
 protected:
  void SetUp() override { archive_.Ingest(testing::AllRecords()); }
  store::Archive& archive() { return archive_.archive(); }
  // The stored series (fails the test when the read fails); nullopt when stale.
  std::optional<std::vector<Series>> Stored() {
    auto s = history::StoredArchiveSeries(archive());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : std::nullopt;
  }
  void Refresh(bool expect_written) {
    auto r = history::RefreshSeriesIndex(archive());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, expect_written);
  }
  testing::RecordArchive archive_;
};

TEST_F(SeriesIndexTest, AnIngestWithoutRefreshLeavesNoFreshIndex) {
  EXPECT_FALSE(Stored().has_value());
  auto probe = archive().GetDerived(store::kSeriesIndex, {"m/A/RES/60/7"});
  ASSERT_TRUE(probe.ok());
  EXPECT_FALSE(probe->fresh);
  EXPECT_TRUE(probe->values.empty());  // a stale read returns nothing
}

TEST_F(SeriesIndexTest, RefreshStoresTheDetectedSeries) {
  Refresh(true);
  auto stored = Stored();
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->size(), 3u);
  Series light = testing::SeriesWith(*stored, "A/RES/61/7");
  EXPECT_EQ(light.key, testing::KeyOf("A/RES/60/7"));
  EXPECT_EQ(light.name, testing::kLighthouseTitle);
  EXPECT_EQ(light.symbols, (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
  Series fish = testing::SeriesWith(*stored, "A/RES/60/20");
  EXPECT_EQ(fish.key, testing::KeyOf("A/RES/60/20"));
  EXPECT_EQ(fish.name, "Cooperation on sustainable fisheries and aquaculture");  // the newest's
  EXPECT_EQ(fish.symbols, (Symbols{"A/RES/60/20", "A/RES/61/30"}));
  EXPECT_EQ(testing::SeriesWith(*stored, "A/RES/61/99").symbols, (Symbols{"A/RES/61/99"}));
  // Lookup by member, as log and blame start.
  auto of = history::StoredSeriesOf(archive(), "A/RES/62/7");
  ASSERT_TRUE(of.ok());
  ASSERT_TRUE(of->has_value());
  EXPECT_EQ((*of)->symbols, light.symbols);
  auto none = history::StoredSeriesOf(archive(), "A/RES/1/1");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  Refresh(false);  // already fresh: nothing written
}

// ForEachArchiveSeries (`recital series`) hands over the series ArchiveSeries lists, in its
// order, computed while the index is stale and read from it once fresh: the three series read
// by hand above, in session order (60/7's and 60/20's series begin at session 60, by key; 61/99
// at 61). An error from the callback stops the walk.
TEST_F(SeriesIndexTest, ForEachArchiveSeriesHandsOverArchiveSeriesInOrder) {
  auto walk = [&] {
    std::vector<Series> seen;
    Status st = history::ForEachArchiveSeries(archive(), [&](const Series& s) {
      seen.push_back(s);
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return seen;
  };
  for (bool fresh : {false, true}) {
    if (fresh) Refresh(true);
    EXPECT_EQ(Stored().has_value(), fresh);
    auto all = history::ArchiveSeries(archive());
    ASSERT_TRUE(all.ok());
    std::vector<Series> seen = walk();
    ASSERT_EQ(seen.size(), 3u);
    ASSERT_EQ(seen.size(), all->size());
    for (size_t i = 0; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i].key, (*all)[i].key) << i;
      EXPECT_EQ(seen[i].name, (*all)[i].name) << i;
      EXPECT_EQ(seen[i].symbols, (*all)[i].symbols) << i;
    }
    EXPECT_EQ(seen[2].symbols, (Symbols{"A/RES/61/99"}));
    EXPECT_EQ(seen[0].key,
              std::min(testing::KeyOf("A/RES/60/7"), testing::KeyOf("A/RES/60/20")));
  }
  int calls = 0;
  Status stop = history::ForEachArchiveSeries(archive(), [&](const Series&) {
    ++calls;
    return Status::InvalidInput("enough");
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(stop.message(), "enough");
}

TEST_F(SeriesIndexTest, TheIndexKeepsKeysAsBytesAndSymbolsFrontCoded) {
  Refresh(true);
  auto read = archive().ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->fresh);
  std::map<std::string, std::string> index(read->entries.begin(), read->entries.end());
  // s/ + the series key's 12 hex digits as 6 bytes; one entry per series.
  const std::string light = testing::StoredKeyOf("A/RES/60/7");
  EXPECT_TRUE(index.count("s/" + light));
  EXPECT_TRUE(index.count("s/" + testing::StoredKeyOf("A/RES/60/20")));
  EXPECT_TRUE(index.count("s/" + testing::StoredKeyOf("A/RES/61/99")));
  // A member: the 6-byte key, then its title's 8-byte hash (the same for one title).
  const std::string m61 = index["m/A/RES/61/7"];
  ASSERT_EQ(m61.size(), 14u);
  EXPECT_EQ(m61.substr(0, 6), light);
  EXPECT_EQ(index["m/A/RES/62/7"], m61);
  // The lighthouse series: session 60 (1 byte), the name (1 + 63), 3 members (1), one title
  // (1 + 8), then "A/RES/60/7" whole (1 + 1 + 10), "1/7" and "2/7" after the 7 bytes they
  // share with the one before (1 + 1 + 3 each), each with session and title (1 + 1).
  const std::string value = index["s/" + light];
  EXPECT_EQ(value.size(), 1u + 64 + 1 + 9 + 14 + 7 + 7);
  EXPECT_EQ(value.substr(2, 63), testing::kLighthouseTitle);
  EXPECT_EQ(value.substr(67, 8), m61.substr(6));
  // The listed key is the one users see.
  auto of = history::StoredSeriesOf(archive(), "A/RES/61/7");
  ASSERT_TRUE(of.ok());
  ASSERT_TRUE(of->has_value());
  EXPECT_EQ((*of)->key, testing::KeyOf("A/RES/60/7"));
  EXPECT_EQ((*of)->symbols, (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
}

TEST_F(SeriesIndexTest, ANewMemberMakesTheIndexStaleAndReadersComputeIt) {
  Refresh(true);
  // A lighthouse resolution of session 59 arrives: it becomes the earliest member, so the
  // series' key changes to 59/7's.
  archive_.Ingest({testing::Record(59, 7, testing::kLighthouseTitle, {testing::kNoting},
                                   {testing::kRequests})});
  EXPECT_FALSE(Stored().has_value());
  auto all = history::ArchiveSeries(archive());
  ASSERT_TRUE(all.ok());
  Series light = testing::SeriesWith(*all, "A/RES/59/7");
  EXPECT_EQ(light.key, testing::KeyOf("A/RES/59/7"));
  EXPECT_EQ(light.symbols, (Symbols{"A/RES/59/7", "A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
  auto found = history::SeriesOfSymbol(archive(), "A/RES/61/7");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->symbols, light.symbols);
  Refresh(true);
  auto stored = Stored();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(testing::SeriesWith(*stored, "A/RES/62/7").key, testing::KeyOf("A/RES/59/7"));
}

TEST_F(SeriesIndexTest, CorrectionsRebuildTheIndex) {
  Refresh(true);
  const std::string light = testing::KeyOf("A/RES/60/7");
  ASSERT_TRUE(history::SeriesCorrections::Rename(archive(), light, "Lighthouses").ok());
  auto stored = Stored();
  ASSERT_TRUE(stored.has_value());  // the rename refreshed it
  EXPECT_EQ(testing::SeriesWith(*stored, "A/RES/60/7").name, "Lighthouses");
  ASSERT_TRUE(history::SeriesCorrections::SplitOut(archive(), "A/RES/62/7").ok());
  stored = Stored();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(testing::SeriesWith(*stored, "A/RES/60/7").symbols,
            (Symbols{"A/RES/60/7", "A/RES/61/7"}));
  EXPECT_EQ(testing::SeriesWith(*stored, "A/RES/62/7").symbols, (Symbols{"A/RES/62/7"}));
  ASSERT_TRUE(history::SeriesCorrections::JoinMembers(archive(), "A/RES/60/20", "A/RES/61/99")
                  .ok());
  stored = Stored();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(testing::SeriesWith(*stored, "A/RES/61/99").symbols,
            (Symbols{"A/RES/60/20", "A/RES/61/30", "A/RES/61/99"}));
  auto check = history::CheckSeriesIndex(archive());
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->empty()) << check->front();
}

TEST_F(SeriesIndexTest, CheckFindsAStoredMembershipDetectionDoesNotGive) {
  Refresh(true);
  auto check = history::CheckSeriesIndex(archive());
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->empty());
  // Rewrite the index at the same generation with 61/99 said to be in the lighthouse series.
  auto read = archive().ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->fresh);
  bool changed = false;
  for (auto& [k, v] : read->entries) {
    if (k == "m/A/RES/61/99") {
      v = testing::StoredKeyOf("A/RES/60/7");
      changed = true;
    }
  }
  ASSERT_TRUE(changed);
  auto replaced = archive().ReplaceDerived(store::kSeriesIndex, read->generation, read->entries);
  ASSERT_TRUE(replaced.ok());
  ASSERT_TRUE(*replaced);
  check = history::CheckSeriesIndex(archive());
  ASSERT_TRUE(check.ok());
  ASSERT_EQ(check->size(), 1u);
  EXPECT_EQ(check->front(),
            "series index puts A/RES/61/99 in series " + testing::KeyOf("A/RES/60/7"));
}

}  // namespace
}  // namespace recital
