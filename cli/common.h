// Helpers shared by the subcommands: archive location, terminal detection, file reading,
// standard output, and option checks whose messages a person can read.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

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

// Reads a whole regular file of at most max_bytes, reading no more than max_bytes + 1 bytes
// whatever the file claims. Errors name the path:
//   NotFound           it does not exist ("PATH: No such file or directory")
//   InvalidInput       not a regular file (a directory, FIFO, device, socket): refused at once,
//                      without reading or blocking
//   ResourceExhausted  larger than max_bytes
//   IOError            it cannot be opened or read (the errno text)
Result<std::string> ReadFileLimited(const std::string& path, size_t max_bytes);

// Prints "recital: <message>" to stderr.
void PrintError(const std::string& message);

// Data goes to stdout through these two: they remember why the first failed write failed (the
// errno is gone by the time the command ends), for FlushStandardOutput's message.
void Out(std::string_view text);
void OutF(const char* format, ...) __attribute__((format(printf, 1, 2)));
// Records the errno of a write to stdout made another way (CLI11's help through std::cout) if
// stdout's error flag is set and no reason is known yet. Call right after such a write.
void NoteStandardOutputError();

// Flushes stdout and checks that everything written to it arrived. When not (a full disk, a
// closed descriptor, EPIPE with SIGPIPE ignored) prints "recital: cannot write to standard
// output: REASON" (the errno text) and returns false; the command then exits 2. main() calls
// it after every command, so a command need not check each write.
bool FlushStandardOutput();

// Option checks for CLI11 whose messages name the accepted range in plain numbers (CLI11's own
// print doubles with 300 digits): "--version: expected a whole number from 1 to 4294967295,
// not 0". Use one on every numeric option.
CLI::Validator WholeNumber(uint64_t min, uint64_t max);
// A finite number from min to max ("nan", "inf" refused).
CLI::Validator NumberBetween(double min, double max);

}  // namespace recital::cli
