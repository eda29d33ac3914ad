// Test helpers for the word index (store/words.h), through the store's private layers: rewrite
// an archive's `words` database in the format-4 layout built from the records the way migration
// 0004 builds it (so the format-4 code can be tested whatever layout ingest writes), read it,
// and edit it behind the store's back. No Archive may be open on dir in this process while
// they write.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "schema/status.h"
#include "store/archive_impl.h"
#include "store/catalogue.h"
#include "store/indexes.h"
#include "store/lmdb_env.h"
#include "store/words.h"

namespace recital::testing {

inline Result<store::ArchiveEnv> OpenArchiveEnvForTest(const std::string& dir, bool write) {
  store::ArchiveEnvOptions options;
  options.read_only = !write;
  return store::OpenArchiveEnv(dir, options);
}

// Drops `words` and creates it again as a plain database; when `fill`, with the postings of
// every wording at the first document (by number, versions in order) that uses it.
inline Status RewriteWordsAsFormat4(const std::string& dir, bool fill = true) {
  auto env = OpenArchiveEnvForTest(dir, true);
  if (!env.ok()) return env.status();
  auto txn = store::Txn::Begin(*env->env, true);
  if (!txn.ok()) return txn.status();
  const store::Dbis& d = env->dbis;
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

// Every (key, value) of the words database.
inline std::map<std::string, std::string> WordsContents(const std::string& dir) {
  std::map<std::string, std::string> out;
  auto env = OpenArchiveEnvForTest(dir, false);
  if (!env.ok()) return out;
  auto txn = store::Txn::Begin(*env->env, false);
  if (!txn.ok()) return out;
  auto cur = store::Cursor::Open(*txn, env->dbis.words);
  if (!cur.ok()) return out;
  std::string_view k, v;
  for (auto more = cur->Get(MDB_FIRST, &k, &v); more.ok() && *more;
       more = cur->Get(MDB_NEXT, &k, &v)) {
    out[std::string(k)] = std::string(v);
  }
  return out;
}

// Puts (value set) or deletes (nullopt) one words entry.
inline Status EditWords(const std::string& dir, const std::string& key,
                        const std::optional<std::string>& value) {
  auto env = OpenArchiveEnvForTest(dir, true);
  if (!env.ok()) return env.status();
  auto txn = store::Txn::Begin(*env->env, true);
  if (!txn.ok()) return txn.status();
  RECITAL_RETURN_IF_ERROR(value ? txn->Put(env->dbis.words, key, *value)
                                : txn->Del(env->dbis.words, key));
  return txn->Commit();
}

}  // namespace recital::testing
