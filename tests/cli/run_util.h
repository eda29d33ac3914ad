// Running the built `recital` with its standard output sent somewhere chosen (a file, /dev/full)
// and a time bound: a command that would block or read without end (a FIFO, /dev/zero) is
// killed by SIGALRM after timeout_seconds and reported as exit 128 + SIGALRM, so a regression
// fails the test instead of hanging it.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace recital::testing {

struct BoundedRun {
  int exit_code = -1;
  std::string out;  // when stdout_path was "" (captured)
  std::string err;
};

// address_space_bytes > 0: RLIMIT_AS of the child (with an 8 MiB RLIMIT_STACK, so each thread
// stack costs 8 MiB of it), to make thread creation fail.
inline BoundedRun RunRecitalBounded(const std::vector<std::string>& args,
                                    const std::string& stdout_path = "",
                                    unsigned timeout_seconds = 60,
                                    const std::vector<std::string>& env = {},
                                    uint64_t address_space_bytes = 0) {
  TempDir tmp;
  const std::string out_path = stdout_path.empty() ? tmp.str() + "/out" : stdout_path;
  const std::string err_path = tmp.str() + "/err";
  pid_t pid = fork();
  if (pid < 0) return {};
  if (pid == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || in < 0) _exit(127);
    dup2(out, 1);
    dup2(err, 2);
    dup2(in, 0);
    for (const auto& kv : env) putenv(const_cast<char*>(kv.c_str()));
    if (address_space_bytes > 0) {
      struct rlimit stack = {8u << 20, 8u << 20}, as = {address_space_bytes, address_space_bytes};
      if (setrlimit(RLIMIT_STACK, &stack) != 0 || setrlimit(RLIMIT_AS, &as) != 0) _exit(126);
    }
    alarm(timeout_seconds);  // survives exec: the default action of SIGALRM ends the process
    std::vector<char*> argv;
    std::string bin = RECITAL_BINARY;
    argv.push_back(bin.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  BoundedRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (stdout_path.empty()) r.out = ReadFile(out_path);
  r.err = ReadFile(err_path);
  return r;
}

}  // namespace recital::testing
