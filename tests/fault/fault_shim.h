// A fault-injection shim in the spirit of SQLite's test VFS, built into the fault test binary
// only (tests/fault/fault_shim.c). It defines libc's write, pwrite, writev, pwritev, fsync,
// fdatasync, rename, renameat, renameat2, link and linkat in the executable, so every call of
// them (LMDB's, libstdc++'s, the store's) reaches it first; it passes each to the kernel
// (syscall(2)) unless armed. Armed, it counts the calls that touch a path under `root` (file
// descriptors are resolved through /proc/self/fd) and makes call number `fail_at` fail:
//   kFaultEio       -1 with EIO, nothing done
//   kFaultShort     a write writes half of its bytes and returns that count; other calls EIO
//   kFaultNoSpace   -1 with ENOSPC, nothing done
//   kFaultKill      SIGKILL before the call (a power cut at that point, minus the page cache)
// With `persistent`, every counted call from fail_at on fails (a disk that died). fail_at 0
// only counts. Arm it in a forked child: the parent's gtest output must not be counted.
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

enum { kFaultEio = 1, kFaultShort = 2, kFaultNoSpace = 3, kFaultKill = 4 };

void FaultShimArm(const char* root, long fail_at, int kind, int persistent);
void FaultShimDisarm(void);
// Calls counted since FaultShimArm, and how many of them were made to fail.
long FaultShimCalls(void);
long FaultShimFailed(void);

#ifdef __cplusplus
}
#endif
