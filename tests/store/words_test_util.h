// Test helper for the word index: rewrites an archive's `words` database in the format-4 layout
// (store/words.h), built from the records the way migration 0004 builds it, so the format-4
// code can be tested on archives whatever layout ingest writes. Store-private API.
#pragma once

#include <string>
#include <utility>

#include "schema/status.h"
#include "store/archive_impl.h"
#include "store/indexes.h"
#include "store/lmdb_env.h"
#include "store/words.h"

namespace recital::testing {

// Drops `words` and creates it again as a plain database; when `fill`, with the postings of
// every wording at the first document (by number, versions in order) that uses it. No Archive
// may be open on dir in this process.
inline Status RewriteWordsAsFormat4(const std::string& dir, bool fill = true) {
  auto env = store::Env::Open(dir, false, false, 0, nullptr);
  if (!env.ok()) return env.status();
  auto txn = store::Txn::Begin(**env, true);
  if (!txn.ok()) return txn.status();
  const store::Dbis& d = (*env)->dbis();
  store::WordPostingsBuilder builder;
  auto names = store::ReadDocSymbols(*txn, d);
  if (!names.ok()) return names.status();
  {
    store::ObjectReader reader(*txn, d.objects);
    for (const auto& [number, symbol] : *names) {
      auto versions = store::ReadDocVersions(*txn, d, symbol);
      if (!versions.ok()) return versions.status();
      if (!versions->has_value()) return Status::Corruption("no versions of " + symbol);
      for (const auto& v : **versions) {
        auto record = store::LoadResolution(reader, v.record_hash);
        if (!record.ok()) return record.status();
        for (const auto* list : {&record->preamble, &record->operative, &record->annex}) {
          for (const Paragraph& p : *list) {
            if (fill) builder.Add(number, WordingHash(p), p);
          }
        }
      }
    }
  }
  MDB_dbi words = d.words;
  RECITAL_RETURN_IF_ERROR(store::LmdbStatus(mdb_drop(txn->get(), words, 1), "drop words"));
  RECITAL_RETURN_IF_ERROR(
      store::LmdbStatus(mdb_dbi_open(txn->get(), "words", MDB_CREATE, &words), "create words"));
  for (const auto& [k, v] : store::EncodeWordIndex(std::move(builder).Finish())) {
    RECITAL_RETURN_IF_ERROR(txn->Put(words, k, v, MDB_APPEND));
  }
  return txn->Commit();
}

}  // namespace recital::testing
