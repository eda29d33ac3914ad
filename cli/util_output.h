// Writing output files without destroying what Recital does not own.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "schema/status.h"

namespace recital::cli {

// Writes contents to path so that the file is whole or untouched: into a new temporary file
// beside it, fsync'd, then renamed over path. Symbolic links are followed (the file they name is
// replaced; the link stays). Refuses, writing nothing (InvalidInput, the message naming path and
// what to do):
//   - a path in an archive directory (one holding data.mdb, lock.mdb or recital.lock);
//   - an existing directory;
//   - an existing file that is not empty and not ours: is_ours(its contents) false, or larger
//     than 64 MiB. `what` names what ours are in the message ("a Recital report").
// A FIFO, terminal or other device (/dev/null, /dev/stdout on a pipe) is written directly:
// there is nothing to replace. IOError (with the errno text) when the OS refuses.
Status WriteOutputFile(const std::string& path, std::string_view contents,
                       const std::function<bool(std::string_view existing)>& is_ours,
                       const std::string& what);
// The refusals of WriteOutputFile alone, writing nothing: to refuse before long work.
Status CheckOutputFile(const std::string& path,
                       const std::function<bool(std::string_view existing)>& is_ours,
                       const std::string& what);

// True when dir holds an archive's files (data.mdb, lock.mdb or recital.lock).
bool LooksLikeArchiveDir(const std::string& dir);

}  // namespace recital::cli
