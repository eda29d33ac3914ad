// Real consecutive series members whose "Recalling its resolution ..." paragraph changed only in
// symbols and dates (the session's rollover): every such pair is paired and marked technical.
// The list was found with an independent regular expression over the corpus (symbols, dates,
// and the list words between them replaced by one mark) and each pair read by hand.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital {
namespace {

using nlohmann::json;
using testing::RunRecital;

struct RecallPair {
  const char* from_file;
  const char* to_file;
  size_t index;  // preamble index of the recall paragraph, the same on both sides
};

// e.g. 39/140 PP2 "Recalling its resolution 38/121 of 16 December 1983," -> 40/118 PP2
// "Recalling its resolution 39/140 of 14 December 1984,".
const RecallPair kPairs[] = {
    {"A-RES-47-107.unhcr.txt", "A-RES-50-149.humanrts.txt", 0},
    {"A-RES-47-107.unhcr.txt", "A-RES-50-149.unorg.txt", 0},
    {"A-RES-50-149.humanrts.txt", "A-RES-51-71.unorg.txt", 0},
    {"A-RES-50-149.unorg.txt", "A-RES-51-71.unorg.txt", 0},
    {"A-RES-51-70.humanrts.txt", "A-RES-54-144.ods.txt", 0},
    {"A-RES-51-70.unorg.txt", "A-RES-54-144.ods.txt", 0},
    {"A-RES-34-60.refworld.txt", "A-RES-35-41.unhcr.txt", 1},
    {"A-RES-39-140.unhcr.txt", "A-RES-40-118.refworld-archive.txt", 1},
    {"A-RES-40-118.refworld-archive.txt", "A-RES-41-124.refworld.txt", 1},
    {"A-RES-41-124.refworld.txt", "A-RES-42-109.unhcr.txt", 1},
    {"A-RES-42-109.unhcr.txt", "A-RES-43-117.unhcr.txt", 1},
    {"A-RES-43-117.unhcr.txt", "A-RES-45-140.unhcr.txt", 1},
    {"A-RES-45-140.unhcr.txt", "A-RES-48-116.humanrts.txt", 1},
    {"A-RES-48-116.humanrts.txt", "A-RES-49-169.unorg.txt", 1},
    {"A-RES-49-169.unorg.txt", "A-RES-50-152.humanrts.txt", 1},
    {"A-RES-49-169.unorg.txt", "A-RES-50-152.unorg.txt", 1},
    {"A-RES-50-152.humanrts.txt", "A-RES-51-75.unorg.txt", 1},
    {"A-RES-50-152.unorg.txt", "A-RES-51-75.unorg.txt", 1},
};

json AsList(const json& side) {
  if (side.is_null()) return json::array();
  return side.is_array() ? side : json::array({side});
}

TEST(TechnicalCorpusTest, EveryRecallRolloverIsPairedAndTechnical) {
  RECITAL_REQUIRE_CORPUS();
  const std::string dir = testing::CorpusDir() + "/";
  size_t checked = 0;
  for (const RecallPair& p : kPairs) {
    auto r = RunRecital({"diff", dir + p.from_file, dir + p.to_file, "--format", "json", "--all"});
    ASSERT_LE(r.exit_code, 1) << r.err;
    json d = json::parse(r.out);
    const json* found = nullptr;
    for (const json& c : d["changes"]) {
      json from = AsList(c["from"]), to = AsList(c["to"]);
      if (from.size() == 1 && to.size() == 1 && from[0]["section"] == "preamble" &&
          from[0]["index"] == p.index && to[0]["section"] == "preamble" && to[0]["index"] == p.index)
        found = &c;
    }
    ASSERT_NE(found, nullptr) << p.from_file << " -> " << p.to_file << ": recall not paired";
    EXPECT_EQ((*found)["status"], "reworded") << p.from_file << " -> " << p.to_file;
    EXPECT_EQ((*found)["technical"], true) << p.from_file << " -> " << p.to_file;
    EXPECT_GE(d["summary"]["technical"].get<int>(), 1);
    ++checked;
  }
  EXPECT_EQ(checked, std::size(kPairs));
}

}  // namespace
}  // namespace recital
