// The series index kept in the ingest transaction (history::DeriveIndexes, the
// IngestOptions::derive of `recital ingest`): fresh after every batch, equal to detection run
// afresh, when members arrive out of session order, one per transaction, when a new version
// changes a document's title and when the user makes an older version current again.
// Expected groupings are those of history_test_util.h's records, read by hand: lighthouses
// 60/7, 61/7, 62/7 (one title); fisheries 60/20, 61/30 (61/30 recalls 60/20 under a longer
// title); 61/99 alone ("Safety of navigation": it cites 60/7 without recalling it as its own).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <utility>
#include <algorithm>
#include <string>
#include <vector>

#include "history/history.h"
#include "tests/history/history_test_util.h"

namespace recital {
namespace {

using Symbols = std::vector<std::string>;

class SeriesDeriveTest : public ::testing::Test {
 protected:
  store::Archive& archive() { return archive_.archive(); }
  // The stored series; fails the test when stale or unreadable (derive keeps it fresh).
  std::vector<Series> Stored() {
    auto s = history::StoredArchiveSeries(archive());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return {};
    EXPECT_TRUE(s->has_value()) << "the series index is stale after a derived write";
    return s->value_or(std::vector<Series>());
  }
  // The stored index agrees with detection over the whole archive (recital verify's check).
  void ExpectAgreesWithDetection() {
    auto check = history::CheckSeriesIndex(archive());
    ASSERT_TRUE(check.ok()) << check.status().ToString();
    EXPECT_TRUE(check->empty()) << check->front();
    auto computed = history::ArchiveSeries(archive());  // read from the fresh index
    ASSERT_TRUE(computed.ok());
    std::vector<Series> stored = Stored();
    ASSERT_EQ(stored.size(), computed->size());
  }
  void ExpectTheThreeSeries() {
    std::vector<Series> stored = Stored();
    ASSERT_EQ(stored.size(), 3u);
    Series light = testing::SeriesWith(stored, "A/RES/61/7");
    EXPECT_EQ(light.key, testing::KeyOf("A/RES/60/7"));
    EXPECT_EQ(light.symbols, (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
    EXPECT_EQ(testing::SeriesWith(stored, "A/RES/60/20").symbols,
              (Symbols{"A/RES/60/20", "A/RES/61/30"}));
    EXPECT_EQ(testing::SeriesWith(stored, "A/RES/61/99").symbols, (Symbols{"A/RES/61/99"}));
  }
  testing::RecordArchive archive_;
};

TEST_F(SeriesDeriveTest, OneIngestTransactionLeavesTheIndexFreshAndRight) {
  archive_.Ingest(testing::AllRecords(), /*derive=*/true);
  ExpectTheThreeSeries();
  ExpectAgreesWithDetection();
}

TEST_F(SeriesDeriveTest, OneReleasePerTransactionInAnyOrderGivesTheSameSeries) {
  std::vector<Resolution> all = testing::AllRecords();
  std::reverse(all.begin(), all.end());  // newest first: every series' key moves back
  for (const Resolution& r : all) archive_.Ingest({r}, /*derive=*/true);
  ExpectTheThreeSeries();
  ExpectAgreesWithDetection();
}

// The DeriveCache only saves decoding: one release per transaction with a cache that keeps
// everything, or nothing (a budget smaller than any record), gives the lineage entries of an
// ingest without a cache, byte for byte, and both indexes agree with a recomputation.
TEST_F(SeriesDeriveTest, TheRecordCacheChangesNoDerivedEntry) {
  auto lineage_of = [](testing::RecordArchive& a) {
    auto r = a.archive().ReadDerived(store::kLineageIndex, "");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r.ok() && r->fresh);
    return r.ok() ? r->entries : decltype(r->entries){};
  };
  std::vector<Resolution> all = testing::AllRecords();
  for (const Resolution& r : all) archive_.Ingest({r}, /*derive=*/true);
  const auto plain = lineage_of(archive_);
  ASSERT_EQ(plain.size(), 2u);  // lighthouses and fisheries have pairs; 61/99 is alone
  for (size_t budget : {size_t{1}, size_t{64} << 20}) {
    testing::RecordArchive cached;
    history::DeriveCache cache(budget);
    for (const Resolution& r : all) cached.Ingest({r}, /*derive=*/true, &cache);
    EXPECT_EQ(lineage_of(cached), plain) << "cache budget " << budget;
    auto check = history::CheckLineageIndex(cached.archive());
    ASSERT_TRUE(check.ok()) << check.status().ToString();
    EXPECT_TRUE(check->empty()) << check->front();
    auto series = history::CheckSeriesIndex(cached.archive());
    ASSERT_TRUE(series.ok()) << series.status().ToString();
    EXPECT_TRUE(series->empty()) << series->front();
  }
}

TEST_F(SeriesDeriveTest, AnEarlierMemberArrivingLastBecomesTheSeriesOrigin) {
  archive_.Ingest(testing::AllRecords(), /*derive=*/true);
  archive_.Ingest({testing::Record(59, 7, testing::kLighthouseTitle, {testing::kNoting},
                                   {testing::kRequests})},
                  /*derive=*/true);
  std::vector<Series> stored = Stored();
  ASSERT_EQ(stored.size(), 3u);
  Series light = testing::SeriesWith(stored, "A/RES/62/7");
  EXPECT_EQ(light.key, testing::KeyOf("A/RES/59/7"));
  EXPECT_EQ(light.symbols, (Symbols{"A/RES/59/7", "A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
  EXPECT_EQ(stored.front().key, testing::KeyOf("A/RES/59/7"));  // session 59 lists first
  auto of = history::StoredSeriesOf(archive(), "A/RES/60/7");   // log and blame start here
  ASSERT_TRUE(of.ok());
  ASSERT_TRUE(of->has_value());
  EXPECT_EQ((*of)->key, testing::KeyOf("A/RES/59/7"));
  ExpectAgreesWithDetection();
}

TEST_F(SeriesDeriveTest, ANewCurrentVersionMovesTheDocumentAndChoosingTheOldOneMovesItBack) {
  archive_.Ingest(testing::AllRecords(), /*derive=*/true);
  // Version 2 of 61/99 under the lighthouse title: complete and newest, so current; one title
  // now joins it to the lighthouses.
  archive_.Ingest({testing::Record(61, 99, testing::kLighthouseTitle, {testing::kNoting},
                                   {"Calls upon coastal States to mark wrecks promptly;"})},
                  /*derive=*/true);
  std::vector<Series> stored = Stored();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(testing::SeriesWith(stored, "A/RES/61/99").symbols,
            (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/61/99", "A/RES/62/7"}));
  ExpectAgreesWithDetection();
  // The user makes version 1 ("Safety of navigation") current again, in one transaction with
  // the index.
  auto derive = [this](store::DerivedTxn& txn, const std::vector<std::string>& touched) {
    return history::DeriveIndexes(archive(), txn, touched);
  };
  ASSERT_TRUE(archive().SetCurrentVersion("A/RES/61/99", 1, derive).ok());
  ExpectTheThreeSeries();
  ExpectAgreesWithDetection();
  ASSERT_TRUE(archive().ClearCurrentChoice("A/RES/61/99", "", derive).ok());
  EXPECT_EQ(Stored().size(), 2u);
  ExpectAgreesWithDetection();
}

TEST_F(SeriesDeriveTest, AnIngestAfterAStaleIndexRebuildsItWhole) {
  archive_.Ingest(testing::LighthouseRecords());  // no derive: the index is never built
  auto stale = history::StoredArchiveSeries(archive());
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(stale->has_value());
  archive_.Ingest(testing::OtherRecords(), /*derive=*/true);
  ExpectTheThreeSeries();
  ExpectAgreesWithDetection();
}

TEST_F(SeriesDeriveTest, VerifyFindsATitleTheIngestHookWouldMiss) {
  archive_.Ingest(testing::AllRecords(), /*derive=*/true);
  // Drop the stored titles (t/...) at the same generation: the quick path would take the next
  // lighthouse for the first of a new title.
  auto read = archive().ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->fresh);
  std::vector<std::pair<std::string, std::string>> kept;
  size_t dropped = 0;
  for (const auto& e : read->entries) {
    if (e.first.rfind("t/", 0) == 0) {
      ++dropped;
    } else {
      kept.push_back(e);
    }
  }
  EXPECT_EQ(dropped, 4u);  // lighthouses, two fisheries titles, safety of navigation
  auto replaced = archive().ReplaceDerived(store::kSeriesIndex, read->generation, kept);
  ASSERT_TRUE(replaced.ok());
  ASSERT_TRUE(*replaced);
  auto check = history::CheckSeriesIndex(archive());
  ASSERT_TRUE(check.ok());
  ASSERT_EQ(check->size(), 4u);
  EXPECT_EQ(check->front(), "series index title entry t/ of a title differs from a rebuild");
}

// q/ keeps titles as TitleHashes (format 7). Two titles whose hashes were equal would share
// one t/ entry, and the ingest hook would read both as heading a title when one does: the
// extra title only widens the closure detected, it joins nothing.
TEST_F(SeriesDeriveTest, ATitleSharingAHashWithAHeadJoinsNothing) {
  archive_.Ingest(testing::AllRecords(), /*derive=*/true);
  auto hash_of = [](const std::string& title) {
    return HashBytes(SeriesTitleKey(NormalizeTitle(title))).ToBytes().substr(0, 8);
  };
  const std::string coral = "Protection of coral reefs in small island States";
  auto read = archive().ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->fresh);
  std::map<std::string, std::string> index(read->entries.begin(), read->entries.end());
  const std::string light = "t/" + hash_of(testing::kLighthouseTitle);
  const std::string navigation = "t/" + hash_of("Safety of navigation");
  ASSERT_TRUE(index.count(light) && index.count(navigation));
  // "Safety of navigation" (61/99) put in the lighthouse title's entry too, as if their hashes
  // were equal, and that hash said to be of a title heading the coral reefs title. Neither
  // title heads it (nor does anything else relate them): neither joins the coral reefs
  // resolution.
  index[light] += index[navigation];
  index["q/" + hash_of(coral)] = hash_of(testing::kLighthouseTitle);
  auto replaced = archive().ReplaceDerived(
      store::kSeriesIndex, read->generation,
      std::vector<std::pair<std::string, std::string>>(index.begin(), index.end()));
  ASSERT_TRUE(replaced.ok() && *replaced);
  archive_.Ingest({testing::Record(63, 40, coral, {"Alarmed by the bleaching of coral reefs,"},
                                   {"Calls upon States to protect coral reefs;"})},
                  /*derive=*/true);
  std::vector<Series> stored = Stored();
  EXPECT_EQ(testing::SeriesWith(stored, "A/RES/63/40").symbols, (Symbols{"A/RES/63/40"}));
  EXPECT_EQ(testing::SeriesWith(stored, "A/RES/61/99").symbols, (Symbols{"A/RES/61/99"}));
  EXPECT_EQ(testing::SeriesWith(stored, "A/RES/61/7").symbols,
            (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/62/7"}));
}

TEST_F(SeriesDeriveTest, ADamagedIndexEntryIsRebuiltNotAnObstacleToIngest) {
  archive_.Ingest(testing::LighthouseRecords(), /*derive=*/true);
  // The lighthouse series' entry made unreadable (at the same generation: it reads as fresh).
  auto read = archive().ReadDerived(store::kSeriesIndex, "");
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->fresh);
  for (auto& [k, v] : read->entries) {
    if (k == "s/" + testing::StoredKeyOf("A/RES/60/7")) v = "\xff";
  }
  auto replaced = archive().ReplaceDerived(store::kSeriesIndex, read->generation, read->entries);
  ASSERT_TRUE(replaced.ok() && *replaced);
  // The next lighthouse resolution reads that entry: the ingest rebuilds the index instead.
  archive_.Ingest({testing::Record(63, 7, testing::kLighthouseTitle, {testing::kNoting},
                                   {testing::kRequests})},
                  /*derive=*/true);
  std::vector<Series> stored = Stored();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.front().symbols,
            (Symbols{"A/RES/60/7", "A/RES/61/7", "A/RES/62/7", "A/RES/63/7"}));
  ExpectAgreesWithDetection();
}

}  // namespace
}  // namespace recital
