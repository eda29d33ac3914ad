// Helpers for the migration tests: raw LMDB access to an archive (to age or damage one as a
// test fixture; the layouts are those of store/FORMAT.md) and copying archives around.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "schema/status.h"

namespace recital::testing {

// Copies the archive's data.mdb (only) from one directory into a new one.
void CopyArchive(const std::string& from_dir, const std::string& to_dir);

// Turns a version-3 archive into the version-2 archive the same releases would have given:
// paragraph_uses back to one duplicate per use (symbol NUL version position), words back to
// 16-byte wording hashes, doc_numbers and doc_symbols dropped, format_version 2. No Archive
// may be open on it in this process.
Status DowngradeToV2(const std::string& dir);

// Turns a version-3 (or 2) archive into the version-1 archive the same releases would have
// given: DowngradeToV2, then the words database is dropped and format_version set to 1
// (format 2 = format 1 + words).
Status DowngradeToV1(const std::string& dir);

// Sets meta format_version (to pretend a newer Recital wrote the archive).
Status SetFormatVersion(const std::string& dir, uint32_t version);

// Calls fn for every (key, value) of a named database, duplicates included, in key order.
Status ForEachPair(const std::string& dir, const std::string& db,
                   const std::function<void(const std::string&, const std::string&)>& fn);

// Entries of a named database; -1 when it does not exist.
int64_t CountEntries(const std::string& dir, const std::string& db);

// Deletes one (key, value) pair of a dup-sorted database / adds one.
Status DeletePair(const std::string& dir, const std::string& db, const std::string& key,
                  const std::string& value);
Status PutPair(const std::string& dir, const std::string& db, const std::string& key,
               const std::string& value);

}  // namespace recital::testing
