// The fault-injection shim (tests/fault/fault_shim.h).
#define _GNU_SOURCE
#include "tests/fault/fault_shim.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char g_root[4096];
static size_t g_root_len = 0;
static long g_fail_at = 0;
static int g_kind = 0;
static int g_persistent = 0;
static long g_calls = 0;
static long g_failed = 0;

void FaultShimArm(const char* root, long fail_at, int kind, int persistent) {
  g_root_len = strlen(root);
  if (g_root_len >= sizeof g_root) g_root_len = sizeof g_root - 1;
  memcpy(g_root, root, g_root_len);
  g_root[g_root_len] = '\0';
  g_fail_at = fail_at;
  g_kind = kind;
  g_persistent = persistent;
  g_calls = 0;
  g_failed = 0;
}

void FaultShimDisarm(void) { g_root_len = 0; }
long FaultShimCalls(void) { return g_calls; }
long FaultShimFailed(void) { return g_failed; }

static int UnderRoot(const char* path) {
  return g_root_len > 0 && path != NULL && strncmp(path, g_root, g_root_len) == 0 &&
         (path[g_root_len] == '/' || path[g_root_len] == '\0');
}

static int FdUnderRoot(int fd) {
  if (g_root_len == 0) return 0;
  char link[64], target[4096];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = syscall(SYS_readlink, link, target, sizeof target - 1);
  if (n <= 0) return 0;
  target[n] = '\0';
  return UnderRoot(target);
}

static int AtUnderRoot(int dirfd, const char* path) {
  if (path == NULL) return 0;
  if (path[0] == '/' || dirfd == AT_FDCWD) return UnderRoot(path);
  return FdUnderRoot(dirfd);
}

// What happens to a counted call: 0 pass, else the fault kind.
static int Decide(int counted) {
  if (!counted) return 0;
  long n = ++g_calls;
  if (g_fail_at <= 0) return 0;
  if (n == g_fail_at || (g_persistent && n > g_fail_at)) {
    ++g_failed;
    if (g_kind == kFaultKill) {
      syscall(SYS_kill, syscall(SYS_getpid), SIGKILL);
    }
    return g_kind;
  }
  return 0;
}

static long Fail(int kind) {
  errno = kind == kFaultNoSpace ? ENOSPC : EIO;
  return -1;
}

ssize_t write(int fd, const void* buf, size_t count) {
  int fault = Decide(FdUnderRoot(fd));
  if (fault == kFaultShort && count > 1) return syscall(SYS_write, fd, buf, count / 2);
  if (fault != 0) return Fail(fault);
  return syscall(SYS_write, fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  int fault = Decide(FdUnderRoot(fd));
  if (fault == kFaultShort && count > 1) return syscall(SYS_pwrite64, fd, buf, count / 2, offset);
  if (fault != 0) return Fail(fault);
  return syscall(SYS_pwrite64, fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  return pwrite(fd, buf, count, (off_t)offset);
}

// The first half of the bytes of iov (at least one byte short of all of them).
static int HalfOf(const struct iovec* iov, int n, struct iovec* out) {
  size_t total = 0;
  for (int i = 0; i < n; ++i) total += iov[i].iov_len;
  size_t want = total / 2;
  int m = 0;
  for (int i = 0; i < n && want > 0 && m < 1024; ++i) {
    out[m] = iov[i];
    if (out[m].iov_len > want) out[m].iov_len = want;
    want -= out[m].iov_len;
    ++m;
  }
  return m;
}

ssize_t writev(int fd, const struct iovec* iov, int n) {
  int fault = Decide(FdUnderRoot(fd));
  if (fault == kFaultShort && n <= 1024) {
    struct iovec half[1024];
    int m = HalfOf(iov, n, half);
    if (m > 0) return syscall(SYS_writev, fd, half, m);
  }
  if (fault != 0) return Fail(fault);
  return syscall(SYS_writev, fd, iov, n);
}

ssize_t pwritev(int fd, const struct iovec* iov, int n, off_t offset) {
  int fault = Decide(FdUnderRoot(fd));
  if (fault == kFaultShort && n <= 1024) {
    struct iovec half[1024];
    int m = HalfOf(iov, n, half);
    if (m > 0) return syscall(SYS_pwritev, fd, half, m, (long)offset, 0L);
  }
  if (fault != 0) return Fail(fault);
  return syscall(SYS_pwritev, fd, iov, n, (long)offset, 0L);
}

ssize_t pwritev64(int fd, const struct iovec* iov, int n, off64_t offset) {
  return pwritev(fd, iov, n, (off_t)offset);
}

int fsync(int fd) {
  int fault = Decide(FdUnderRoot(fd));
  if (fault != 0) return (int)Fail(fault);
  return (int)syscall(SYS_fsync, fd);
}

int fdatasync(int fd) {
  int fault = Decide(FdUnderRoot(fd));
  if (fault != 0) return (int)Fail(fault);
  return (int)syscall(SYS_fdatasync, fd);
}

int renameat2(int olddirfd, const char* oldpath, int newdirfd, const char* newpath,
              unsigned int flags) {
  int fault = Decide(AtUnderRoot(olddirfd, oldpath) || AtUnderRoot(newdirfd, newpath));
  if (fault != 0) return (int)Fail(fault);
  return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, flags);
}

int renameat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath) {
  return renameat2(olddirfd, oldpath, newdirfd, newpath, 0);
}

int rename(const char* oldpath, const char* newpath) {
  return renameat2(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

int linkat(int olddirfd, const char* oldpath, int newdirfd, const char* newpath, int flags) {
  int fault = Decide(AtUnderRoot(olddirfd, oldpath) || AtUnderRoot(newdirfd, newpath));
  if (fault != 0) return (int)Fail(fault);
  return (int)syscall(SYS_linkat, olddirfd, oldpath, newdirfd, newpath, flags);
}

int link(const char* oldpath, const char* newpath) {
  return linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}
