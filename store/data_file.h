// Private to store/, the bottom layer beside the LMDB env: what an LMDB data file (data.mdb)
// says about itself, read with pread(2) before LMDB maps it; and the file primitives of
// whole-file operations.
//
// LMDB trusts its meta pages: it maps the file and reads every page the newest meta page
// claims. A file cut short (a copy interrupted, a killed backup) then kills whichever process
// reads a missing page with SIGBUS, `recital verify` included. CheckDataFile reads both meta
// pages itself (the layout of LMDB 0.9's MDB_page and MDB_meta, below) and refuses a file that
// does not hold the pages they claim, or whose meta pages LMDB would misread, before any map.
#pragma once

#include <cstdint>
#include <string>

#include "schema/status.h"

namespace recital::store {

struct DataFileInfo {
  uint64_t file_bytes = 0;
  uint32_t page_size = 0;
  uint64_t last_page = 0;  // of the newest meta page (the one LMDB reads): pages 0..last_page
  uint64_t txnid = 0;      // of the newest meta page
};

// Checks the data file at path (data.mdb). Errors:
//   NotFound     no file there
//   Corruption   empty (0 bytes: a damaged archive, never an absent one), not an LMDB data file,
//                a meta page LMDB would misread, or shorter than its newest meta page claims;
//                the message names the file and says what to do
//   IOError      the file cannot be opened or read (permissions, disk)
Result<DataFileInfo> CheckDataFile(const std::string& path);

// File primitives of the archive's whole-file operations (create, gc, backup).
// fsync(2) of a directory, so that a rename or link in it is durable. IOError naming dir.
Status SyncDir(const std::string& dir);
// Moves from to to, never over an existing to: renameat2(RENAME_NOREPLACE), or link(2) and
// unlink(2) where the file system lacks it. When to exists, sets *exists and leaves from
// alone (Ok). IOError naming both otherwise.
Status RenameNoReplace(const std::string& from, const std::string& to, bool* exists);

}  // namespace recital::store
