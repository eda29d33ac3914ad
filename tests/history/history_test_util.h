// Helpers for the history tests: records written by hand and an archive built from them
// through Archive::IngestBatch, with a parse function that hands back those records (no
// parser involved, so these tests depend on history, store and diff only).
//
// The lighthouse series (our own wording), session by session (A/RES/60/7, 61/7, 62/7):
//   60/7  P1 Noting the importance ...            61/7  P1 unchanged
//         P2 Aware that many coastal States ...         P2 lead Aware -> Concerned
//         P3 Welcoming the establishment ...            P3 removed
//         O1 Encourages ... share information on ...    O1 + "and best practices"
//         O2 Requests the Secretary-General ...         O2 unchanged
//         O3 Decides to remain seized ...               O3 unchanged
//   62/7  P1, P2 unchanged; O1 lead Encourages -> Urges; O2 added ("Invites regional ...");
//         O3 = old O2 and O4 = old O3 unchanged (renumbered only).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "history/history.h"
#include "store/store.h"
#include "tests/test_util.h"

namespace recital::testing {

inline const char* const kNoting =
    "Noting the importance of lighthouses for the safety of navigation,";
inline const char* const kAware =
    "Aware that many coastal States lack the means to maintain their lighthouses,";
inline const char* const kConcerned =
    "Concerned that many coastal States lack the means to maintain their lighthouses,";
inline const char* const kWelcoming =
    "Welcoming the establishment of a working group on aids to navigation,";
inline const char* const kEncourages60 =
    "Encourages Member States to share information on lighthouse maintenance;";
inline const char* const kEncourages61 =
    "Encourages Member States to share information and best practices on lighthouse maintenance;";
inline const char* const kUrges62 =
    "Urges Member States to share information and best practices on lighthouse maintenance;";
inline const char* const kInvites =
    "Invites regional organizations to support training programmes for lighthouse keepers;";
inline const char* const kRequests =
    "Requests the Secretary-General to submit a report on the implementation of the present "
    "resolution;";
inline const char* const kDecides = "Decides to remain seized of the matter.";
inline const char* const kLighthouseTitle =
    "Cooperation on the maintenance of lighthouses in coastal States";

inline Paragraph Para(Section section, std::string number, std::string lead, std::string text) {
  Paragraph p;
  p.section = section;
  p.number = std::move(number);
  p.lead = std::move(lead);
  p.text = std::move(text);
  return p;
}

// A record with the header fields series detection and the log read.
inline Resolution Record(uint32_t session, uint32_t number, std::string title,
                         std::vector<std::string> preamble, std::vector<std::string> operative) {
  Resolution r;
  r.session = session;
  r.number = number;
  r.symbol = "A/RES/" + std::to_string(session) + "/" + std::to_string(number);
  r.title = std::move(title);
  r.language = "en";
  for (std::string& t : preamble) {
    std::string lead = t.substr(0, t.find(' '));
    r.preamble.push_back(Para(Section::kPreamble, "", lead, std::move(t)));
  }
  for (std::string& t : operative) {
    std::string lead = t.substr(0, t.find(' '));
    std::string number_text = std::to_string(r.operative.size() + 1);
    r.operative.push_back(Para(Section::kOperative, number_text, lead, std::move(t)));
  }
  return r;
}

inline std::vector<Resolution> LighthouseRecords() {
  std::vector<Resolution> out;
  out.push_back(Record(60, 7, kLighthouseTitle, {kNoting, kAware, kWelcoming},
                       {kEncourages60, kRequests, kDecides}));
  out.push_back(
      Record(61, 7, kLighthouseTitle, {kNoting, kConcerned}, {kEncourages61, kRequests, kDecides}));
  out.push_back(Record(62, 7, kLighthouseTitle, {kNoting, kConcerned},
                       {kUrges62, kInvites, kRequests, kDecides}));
  out[0].adoption_date = "2005-12-01";
  out[1].adoption_date = "2006-12-04";
  out[2].adoption_date = "2007-12-05";
  return out;
}

// A fresh archive in a temp directory, filled with hand-written records.
class RecordArchive {
 public:
  RecordArchive() {
    store::OpenOptions o;
    o.read_only = false;
    o.create_if_missing = true;
    auto a = store::Archive::Open(dir_.str() + "/archive", o);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    if (a.ok()) archive_ = std::move(a).value();
  }
  store::Archive& archive() { return *archive_; }

  // Ingests the records in order, one release each (a record of an archived symbol becomes
  // its next version). Fails the test when one is refused. derive: the derived indexes are
  // kept in the ingest transaction (history::DeriveIndexes), as `recital ingest` keeps them.
  // cache: the DeriveCache the hook keeps between transactions (as `recital ingest` does).
  void Ingest(const std::vector<Resolution>& records, bool derive = false,
              history::DeriveCache* cache = nullptr) {
    std::map<std::string, Resolution> by_name;
    std::vector<store::ReleaseInput> inputs;
    for (const Resolution& r : records) {
      std::string name = "release-" + std::to_string(++serial_) + ".txt";
      by_name[name] = r;
      inputs.push_back({name, "release " + std::to_string(serial_) + " of " + r.symbol});
    }
    store::IngestOptions o;
    o.ingest_time = 1700000000;
    if (derive) {
      o.derive = [this, cache](store::DerivedTxn& txn, const std::vector<std::string>& touched) {
        return history::DeriveIndexes(*archive_, txn, touched, cache);
      };
    }
    o.parse = [&by_name](std::string_view bytes, const std::string& name) -> Result<Resolution> {
      auto it = by_name.find(name);
      if (it == by_name.end()) return Status::InvalidInput(name + ": not a test record");
      Resolution r = it->second;
      r.raw_hash = HashBytes(bytes);
      return r;
    };
    Status st = archive_->IngestBatch(std::move(inputs), o, [](const store::IngestResult& r) {
      EXPECT_NE(r.status, store::IngestStatus::kRefused) << r.source_name << ": " << r.message;
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
  }

 private:
  TempDir dir_;
  std::unique_ptr<store::Archive> archive_;
  int serial_ = 0;
};

}  // namespace recital::testing

namespace recital::testing {

inline const char* const kFisheriesTitle = "Cooperation on sustainable fisheries";

// Two more series beside the lighthouses: fisheries (60/20, then 61/30 under another title,
// joined by its recall of 60/20) and one resolution on its own (61/99) that cites 60/7
// without recalling it as its own (so it is no member of the lighthouse series).
inline std::vector<Resolution> OtherRecords() {
  Resolution f60 = Record(
      60, 20, kFisheriesTitle, {"Recognizing the importance of fisheries for food security,"},
      {"Calls upon Member States to manage fish stocks sustainably;",
       "Decides to include the item in the agenda of its sixty-first session."});
  Resolution f61 =
      Record(61, 30, "Cooperation on sustainable fisheries and aquaculture",
             {"Recalling its resolution 60/20 of 8 December 2005,",
              "Recognizing the importance of fisheries for food security,"},
             {"Calls upon Member States to manage fish stocks sustainably;",
              "Decides to include the item in the agenda of its sixty-second session."});
  f61.citations.push_back({"A/RES/60/20", "8 December 2005"});
  Resolution alone = Record(61, 99, "Safety of navigation",
                            {"Recalling its resolution 59/1 of 1 December 2004,",
                             "Taking note of resolution 60/7 on lighthouses,"},
                            {"Calls upon coastal States to mark wrecks promptly;"});
  alone.citations.push_back({"A/RES/59/1", "1 December 2004"});
  alone.citations.push_back({"A/RES/60/7", ""});
  return {f60, f61, alone};
}

// The lighthouse records and OtherRecords.
inline std::vector<Resolution> AllRecords() {
  std::vector<Resolution> all = LighthouseRecords();
  for (Resolution& r : OtherRecords()) all.push_back(std::move(r));
  return all;
}

// The series holding symbol, or an empty one.
inline Series SeriesWith(const std::vector<Series>& all, const std::string& symbol) {
  for (const Series& s : all) {
    for (const std::string& m : s.symbols) {
      if (m == symbol) return s;
    }
  }
  return {};
}

// The documented key of a series: "s-" + 12 hex digits of the hash of its earliest symbol.
inline std::string KeyOf(const std::string& earliest_symbol) {
  return "s-" + HashBytes(earliest_symbol).ToHex().substr(0, 12);
}
// The same key as the series index stores it (format 7): those 12 hex digits as 6 bytes.
inline std::string StoredKeyOf(const std::string& earliest_symbol) {
  return HashBytes(earliest_symbol).ToBytes().substr(0, 6);
}

}  // namespace recital::testing
