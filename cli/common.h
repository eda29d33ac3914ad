// Helpers shared by the subcommands: archive location, terminal detection, file reading.
#pragma once

#include <cstdio>
#include <string>

#include "schema/status.h"

namespace recital::cli {

// Default archive directory when neither --archive nor RECITAL_ARCHIVE is given.
inline constexpr const char* kDefaultArchive = "recital-archive";

// --archive DIR if given, else $RECITAL_ARCHIVE if set and non-empty, else ./recital-archive.
std::string ResolveArchivePath(const std::string& flag_value);

// True when the stream is a terminal.
bool IsTerminal(FILE* stream);
// Colour is used only on a terminal, never with NO_COLOR set or TERM=dumb.
bool UseColour(FILE* stream);

// Reads a whole file; InvalidInput naming the path when it cannot be read or is larger than
// max_bytes (ResourceExhausted).
Result<std::string> ReadFileLimited(const std::string& path, size_t max_bytes);

// Prints "recital: <message>" to stderr.
void PrintError(const std::string& message);

}  // namespace recital::cli
