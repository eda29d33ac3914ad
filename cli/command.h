// Subcommand registry of the `recital` executable. Each cmd_<name>.cc registers itself with
// RECITAL_COMMAND, so adding a command never touches main.cc.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace recital::cli {

// Shared, per-invocation state. Commands set exit_code in their callback.
struct Context {
  int exit_code = 0;
};

// Registers the subcommand on app. The callback of the subcommand does the work.
using CommandSetup = std::function<void(CLI::App& app, Context& ctx)>;

struct CommandEntry {
  std::string name;
  int order;  // position in `recital --help`
  CommandSetup setup;
};

std::vector<CommandEntry>& CommandRegistry();

struct CommandRegistrar {
  CommandRegistrar(std::string name, int order, CommandSetup setup) {
    CommandRegistry().push_back({std::move(name), order, std::move(setup)});
  }
};

#define RECITAL_COMMAND(name, order, fn) \
  static ::recital::cli::CommandRegistrar recital_cmd_registrar_##name(#name, order, fn)

}  // namespace recital::cli
