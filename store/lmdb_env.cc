#include "store/lmdb_env.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace recital::store {
namespace {

// Start small: LMDB's file grows with use, the map is only address space. Grow() doubles it.
constexpr size_t kInitialMapBytes = 64u << 20;
constexpr unsigned kMaxReaders = 256;
// A write that fails with EIO while the file system has less than this free was cut short by
// a full disk (LMDB reports short writes as EIO).
constexpr uint64_t kNearlyFullBytes = 1u << 20;
// Every leaf node takes at least this many bytes of a page (node header and index slot): a walk
// that returns more entries than file_bytes / this is going round a damaged tree.
constexpr uint64_t kMinEntryBytes = 8;

std::atomic<WriteHook> g_write_hook{nullptr};
std::atomic<uint64_t> g_writes{0};

void BeforeWrite() {
  if (WriteHook hook = g_write_hook.load(std::memory_order_relaxed)) hook(++g_writes);
}

// ---- the fault guard (store/lmdb_env.h) ----------------------------------------------------

struct FaultFrame {
  sigjmp_buf buf;
  volatile sig_atomic_t signal = 0;
};
thread_local FaultFrame* t_fault_frame = nullptr;
struct sigaction g_prev_segv, g_prev_bus;
std::once_flag g_guard_once;

// Whoever handled the signal before us gets it; with nobody, the default action (the faulting
// instruction runs again, or the signal is raised again, and the process dies as it would have).
void ChainFault(int sig, siginfo_t* info, void* context) {
  const struct sigaction& prev = sig == SIGBUS ? g_prev_bus : g_prev_segv;
  if ((prev.sa_flags & SA_SIGINFO) != 0 && prev.sa_sigaction != nullptr) {
    prev.sa_sigaction(sig, info, context);
    return;
  }
  if ((prev.sa_flags & SA_SIGINFO) == 0 && prev.sa_handler != SIG_DFL &&
      prev.sa_handler != SIG_IGN) {
    prev.sa_handler(sig);
    return;
  }
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  raise(sig);
}

void OnFault(int sig, siginfo_t* info, void* context) {
  FaultFrame* frame = t_fault_frame;
  if (frame != nullptr) {
    t_fault_frame = nullptr;
    frame->signal = sig;
    siglongjmp(frame->buf, 1);
  }
  ChainFault(sig, info, context);
}

// LMDB's assertions (when built with them) call this before abort(): inside a guarded call it
// is damage like a fault; elsewhere LMDB aborts as before.
void OnLmdbAssert(MDB_env*, const char*) {
  FaultFrame* frame = t_fault_frame;
  if (frame != nullptr) {
    t_fault_frame = nullptr;
    frame->signal = SIGABRT;
    siglongjmp(frame->buf, 1);
  }
}

void InstallFaultGuard() {
  std::call_once(g_guard_once, [] {
    struct sigaction sa;
    std::memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = OnFault;
    sigemptyset(&sa.sa_mask);
    // NODEFER: the signal stays deliverable after the jump out of the handler (the jump does
    // not restore a mask). ONSTACK: a sanitizer's alternate stack, when there is one, still
    // serves stack overflows.
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, &g_prev_segv);
    sigaction(SIGBUS, &sa, &g_prev_bus);
  });
}

// LMDB's default key order (mdb_cmp_memn), counted: a damaged page can send LMDB's binary
// search round in circles (a page header whose key count underflows), and every such loop
// compares keys. Inside a guarded call, more comparisons than any search of a sound tree makes
// end the call as damage (kLooped).
constexpr uint64_t kMaxComparesPerCall = 1u << 20;
constexpr int kLooped = -1;
thread_local uint64_t t_compares = 0;

int CountedCompare(const MDB_val* a, const MDB_val* b) {
  FaultFrame* frame = t_fault_frame;
  if (frame != nullptr && ++t_compares > kMaxComparesPerCall) {
    t_fault_frame = nullptr;
    frame->signal = kLooped;
    siglongjmp(frame->buf, 1);
  }
  size_t n = a->mv_size < b->mv_size ? a->mv_size : b->mv_size;
  int c = n == 0 ? 0 : std::memcmp(a->mv_data, b->mv_data, n);
  if (c != 0) return c;
  return a->mv_size < b->mv_size ? -1 : a->mv_size > b->mv_size ? 1 : 0;
}

// Runs fn(arg); a fault inside it returns kFaulted with *signal set. Not inlined, and no
// variable of it changes between sigsetjmp and the jump, so none is clobbered.
constexpr int kFaulted = MDB_LAST_ERRCODE + 1000;
[[gnu::noinline]] int RunGuarded(int (*fn)(void*), void* arg, int* signal_out) {
  FaultFrame frame;
  FaultFrame* const outer = t_fault_frame;
  int* const out = signal_out;
  t_fault_frame = &frame;
  t_compares = 0;
  if (sigsetjmp(frame.buf, 0) != 0) {
    t_fault_frame = outer;
    *out = frame.signal;
    // The jump left a signal handler's frame without restoring the mask. Ours does not block
    // the signal (SA_NODEFER), but a handler installed after ours that hands faults on to it
    // (libFuzzer's does) runs with it blocked, and a blocked SIGSEGV kills at the next fault.
    sigset_t faults;
    sigemptyset(&faults);
    sigaddset(&faults, SIGSEGV);
    sigaddset(&faults, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &faults, nullptr);
    return kFaulted;
  }
  int rc = fn(arg);
  t_fault_frame = outer;
  *out = 0;
  return rc;
}

template <typename F>
int Guarded(F& f, int* signal_out) {
  return RunGuarded([](void* p) { return (*static_cast<F*>(p))(); }, &f, signal_out);
}

Status FaultStatus(int sig, std::string_view operation) {
  if (sig == kLooped) {
    return Status::Corruption("the archive's B-tree is damaged: LMDB " + std::string(operation) +
                              " went round in circles reading it; run `recital verify`, and "
                              "restore the archive from a backup");
  }
  const char* what = sig == SIGBUS ? "SIGBUS" : sig == SIGSEGV ? "SIGSEGV" : "an LMDB assertion";
  return Status::Corruption("the archive's B-tree is damaged: LMDB " + std::string(operation) +
                            " faulted reading it (" + what +
                            "); run `recital verify`, and restore the archive from a backup");
}

Status OutsideFile(std::string_view operation) {
  return Status::Corruption("the archive's B-tree is damaged: LMDB " + std::string(operation) +
                            " returned a value outside the file; run `recital verify`, and "
                            "restore the archive from a backup");
}

}  // namespace

void SetWriteHookForTesting(WriteHook hook) {
  g_writes = 0;
  g_write_hook = hook;
}

Status LmdbStatus(int rc, std::string_view operation) {
  if (rc == MDB_SUCCESS) return Status::Ok();
  std::string msg = "LMDB " + std::string(operation) + ": " + mdb_strerror(rc);
  switch (rc) {
    case MDB_NOTFOUND:
      return Status::NotFound(msg);
    case MDB_MAP_FULL:
    case MDB_READERS_FULL:
    case MDB_TXN_FULL:
    case MDB_DBS_FULL:
      return Status::ResourceExhausted(msg);
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INVALID:
    case MDB_VERSION_MISMATCH:
    case MDB_BAD_DBI:
    case MDB_CURSOR_FULL:  // deeper than any B-tree LMDB writes: a damaged one
      return Status::Corruption(msg);
    case ENOENT:
      return Status::NotFound(msg);
    case EACCES:
    case EROFS:
    case ENOSPC:
    case EIO:
    case ENOMEM:
      return Status::IOError(msg);
    default:
      return rc > 0 ? Status::IOError(msg) : Status::Internal(msg);
  }
}

Result<std::unique_ptr<Env>> Env::Open(const std::string& dir, const EnvOptions& options) {
  InstallFaultGuard();
  std::unique_ptr<Env> env(new Env());
  env->read_only_ = options.read_only;
  env->lockless_ = options.lockless;
  env->dir_ = dir;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_create(&env->env_), "env_create"));
  mdb_env_set_assert(env->env_, OnLmdbAssert);
  RECITAL_RETURN_IF_ERROR(
      LmdbStatus(mdb_env_set_maxdbs(env->env_, options.max_dbs), "env_set_maxdbs"));
  RECITAL_RETURN_IF_ERROR(
      LmdbStatus(mdb_env_set_maxreaders(env->env_, kMaxReaders), "set_maxreaders"));
  // The map must cover the file; a file grown by another process is picked up at open.
  struct stat st;
  size_t map = options.initial_map_bytes != 0 ? options.initial_map_bytes : kInitialMapBytes;
  if (::stat((dir + "/data.mdb").c_str(), &st) == 0) {
    while (map < static_cast<size_t>(st.st_size) * 2) map *= 2;
  }
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_set_mapsize(env->env_, map), "env_set_mapsize"));
  // MDB_NOTLS: read transactions are not tied to a thread slot, so worker threads and nested
  // helpers may each hold one. MDB_NOLOCK only where the caller guarantees what lock.mdb would
  // (EnvOptions::lockless).
  unsigned flags = MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0) |
                   (options.lockless ? MDB_NOLOCK : 0);
  int rc = mdb_env_open(env->env_, dir.c_str(), flags, 0644);
  if (rc != 0) {
    if (!options.read_only) return env->WriteError(rc, "env_open " + dir);
    return LmdbStatus(rc, "env_open " + dir);
  }
  int dead = 0;
  mdb_reader_check(env->env_, &dead);  // clear reader slots of killed processes
  return env;
}

Env::~Env() {
  if (env_ != nullptr) mdb_env_close(env_);
}

Status Env::Grow() {
  MDB_envinfo info;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_, &info), "env_info"));
  return LmdbStatus(mdb_env_set_mapsize(env_, info.me_mapsize * 2), "env_set_mapsize");
}

Result<uint64_t> Env::UsedBytes() const {
  MDB_envinfo info;
  MDB_stat st;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_info(env_, &info), "env_info"));
  RECITAL_RETURN_IF_ERROR(LmdbStatus(mdb_env_stat(env_, &st), "env_stat"));
  return static_cast<uint64_t>(info.me_last_pgno + 1) * st.ms_psize;
}

Status Env::CopyCompactedToFd(int fd) const {
  // The copy reads in a transaction of its own: a lockless env must keep writers out meanwhile.
  if (gate_) RECITAL_RETURN_IF_ERROR(gate_->Enter(false));
  // Guarded: the compacting copy walks every page. (A fault leaves LMDB's copy thread waiting
  // and its read transaction open until the process ends; the backup has failed anyway.)
  auto call = [&] { return mdb_env_copyfd2(env_, fd, MDB_CP_COMPACT); };
  int sig = 0;
  int rc = Guarded(call, &sig);
  if (gate_) gate_->Leave(false);
  if (sig != 0) return FaultStatus(sig, "env_copyfd2");
  if (rc == EIO || rc == ENOSPC || rc == EDQUOT) return WriteError(rc, "env_copyfd2");
  return LmdbStatus(rc, "env_copyfd2");
}

Status Env::WriteError(int rc, std::string_view operation) const {
  Status st = LmdbStatus(rc, operation);
  if (rc != EIO && rc != ENOSPC && rc != EDQUOT) return st;
  struct statvfs vfs;
  if (::statvfs(dir_.c_str(), &vfs) != 0) return st;
  const uint64_t free_bytes = static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize;
  if (rc == EIO && free_bytes >= kNearlyFullBytes) return st;
  return Status::IOError("no space left on device for the archive in " + dir_ + " (" +
                         std::to_string(free_bytes) + " bytes free; " + st.message() + ")");
}

namespace {

// The start of the mapping of /proc/self/maps that holds p, as if mapped from file offset 0.
uintptr_t MappingStart(const void* p) {
  FILE* maps = std::fopen("/proc/self/maps", "re");
  if (maps == nullptr) return 0;
  const auto addr = reinterpret_cast<uintptr_t>(p);
  uintptr_t found = 0;
  char line[512];
  while (std::fgets(line, sizeof line, maps) != nullptr) {
    unsigned long start = 0, end = 0, offset = 0;
    if (std::sscanf(line, "%lx-%lx %*s %lx", &start, &end, &offset) != 3) continue;
    if (addr >= start && addr < end) {
      if (offset <= start) found = start - offset;
      break;
    }
  }
  std::fclose(maps);
  return found;
}

}  // namespace

uintptr_t Env::MapBase(MDB_txn* read_txn, size_t map_size) const {
  std::lock_guard<std::mutex> lock(map_mu_);
  if (map_base_ != 0 && map_base_size_ == map_size) return map_base_;
  // Any page of the file will do: the first key of the main database (never empty in an
  // archive; an empty environment has nothing to bound).
  MDB_cursor* cursor = nullptr;
  if (mdb_cursor_open(read_txn, 1 /* MAIN_DBI */, &cursor) != 0) return 0;
  MDB_val k{0, nullptr}, v{0, nullptr};
  auto call = [&] { return mdb_cursor_get(cursor, &k, &v, MDB_FIRST); };
  int sig = 0;
  int rc = Guarded(call, &sig);
  mdb_cursor_close(cursor);
  if (sig != 0 || rc != 0 || k.mv_data == nullptr) return 0;
  map_base_ = MappingStart(k.mv_data);
  map_base_size_ = map_size;
  return map_base_;
}

namespace {

// LMDB's default order, counted (CountedCompare), for a database of the transaction: the same
// order, so other processes and the file agree. Only databases in the default order (all of
// ours) get it.
void UseCountedOrder(MDB_txn* txn, MDB_dbi dbi) {
  unsigned flags = 0;
  if (mdb_dbi_flags(txn, dbi, &flags) != 0) return;
  if ((flags & (MDB_REVERSEKEY | MDB_INTEGERKEY)) == 0) mdb_set_compare(txn, dbi, CountedCompare);
  if ((flags & MDB_DUPSORT) != 0 && (flags & (MDB_REVERSEDUP | MDB_INTEGERDUP)) == 0) {
    mdb_set_dupsort(txn, dbi, CountedCompare);
  }
}

}  // namespace

Result<Txn> Txn::Begin(const Env& env, bool write) {
  TxnGate* gate = env.gate();
  if (gate != nullptr) RECITAL_RETURN_IF_ERROR(gate->Enter(write));
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env.get(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  if (rc == MDB_MAP_RESIZED) {
    // Another process grew the map: adopt its size and retry once.
    rc = mdb_env_set_mapsize(env.get(), 0);
    if (rc == 0) rc = mdb_txn_begin(env.get(), nullptr, write ? 0 : MDB_RDONLY, &txn);
  }
  if (rc != 0) {
    if (gate != nullptr) gate->Leave(write);
    return LmdbStatus(rc, write ? "txn_begin (write)" : "txn_begin (read)");
  }
  Txn out(txn, write, &env);
  out.gate_ = gate;
  UseCountedOrder(txn, 1);  // MAIN_DBI, which names the others
  if (!write) {
    // The pages of the file as the newest meta page counts them: every page of this snapshot
    // is among them, and the file holds them all (checked at open, and LMDB writes pages
    // before the meta page that counts them).
    MDB_envinfo info;
    MDB_stat st;
    if (mdb_env_info(env.get(), &info) == 0 && mdb_env_stat(env.get(), &st) == 0) {
      uint64_t bytes = static_cast<uint64_t>(info.me_last_pgno + 1) * st.ms_psize;
      if (bytes > info.me_mapsize) bytes = info.me_mapsize;
      out.file_lo_ = env.MapBase(txn, info.me_mapsize);
      out.file_hi_ = out.file_lo_ == 0 ? 0 : out.file_lo_ + bytes;
      out.max_steps_ = bytes / kMinEntryBytes + 1024;
    }
  }
  return out;
}

Txn Txn::Borrow(const Txn& owner) {
  Txn out(owner.txn_, owner.write_, owner.env_);
  out.borrowed_ = true;
  out.file_lo_ = owner.file_lo_;
  out.file_hi_ = owner.file_hi_;
  out.max_steps_ = owner.max_steps_;
  return out;
}

Txn::Txn(Txn&& other) noexcept
    : txn_(other.txn_), write_(other.write_), map_full_(other.map_full_), env_(other.env_),
      borrowed_(other.borrowed_), gate_(other.gate_), file_lo_(other.file_lo_), file_hi_(other.file_hi_),
      max_steps_(other.max_steps_) {
  other.txn_ = nullptr;
  other.gate_ = nullptr;
}

Txn& Txn::operator=(Txn&& other) noexcept {
  if (this != &other) {
    Abort();
    txn_ = other.txn_;
    write_ = other.write_;
    map_full_ = other.map_full_;
    env_ = other.env_;
    borrowed_ = other.borrowed_;
    gate_ = other.gate_;
    file_lo_ = other.file_lo_;
    file_hi_ = other.file_hi_;
    max_steps_ = other.max_steps_;
    other.txn_ = nullptr;
    other.gate_ = nullptr;
  }
  return *this;
}

Txn::~Txn() { Abort(); }

void Txn::Release() {
  if (gate_ != nullptr) gate_->Leave(write_);
  gate_ = nullptr;
}

void Txn::Abort() {
  if (txn_ != nullptr && !borrowed_) mdb_txn_abort(txn_);
  txn_ = nullptr;
  Release();
}

Status Txn::Commit() {
  if (borrowed_) return Status::Internal("a borrowed transaction cannot commit");
  if (write_) BeforeWrite();
  MDB_txn* t = txn_;
  txn_ = nullptr;  // commit frees the txn even when it fails
  int rc = mdb_txn_commit(t);
  Release();
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0 && write_ && env_ != nullptr) return env_->WriteError(rc, "txn_commit");
  return LmdbStatus(rc, "txn_commit");
}

bool Txn::InFile(const MDB_val& v) const {
  if (write_ || v.mv_size == 0 || file_hi_ == 0) return true;
  const auto p = reinterpret_cast<uintptr_t>(v.mv_data);
  return p >= file_lo_ && p <= file_hi_ && v.mv_size <= file_hi_ - p;
}

Result<std::optional<std::string_view>> Txn::Get(MDB_dbi dbi, std::string_view key) const {
  MDB_val k = ToVal(key), v{0, nullptr};
  auto call = [&] { return mdb_get(txn_, dbi, &k, &v); };
  int sig = 0;
  int rc = Guarded(call, &sig);
  if (sig != 0) return FaultStatus(sig, "get");
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "get"));
  if (!InFile(v)) return OutsideFile("get");
  return std::optional<std::string_view>(FromVal(v));
}

Status Txn::Put(MDB_dbi dbi, std::string_view key, std::string_view value, unsigned flags) {
  BeforeWrite();
  MDB_val k = ToVal(key), v = ToVal(value);
  int rc = mdb_put(txn_, dbi, &k, &v, flags);
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc == MDB_KEYEXIST && (flags & (MDB_NODUPDATA | MDB_NOOVERWRITE))) return Status::Ok();
  if (rc != 0 && env_ != nullptr) return env_->WriteError(rc, "put");
  return LmdbStatus(rc, "put");
}

Status Txn::Del(MDB_dbi dbi, std::string_view key, std::optional<std::string_view> value) {
  BeforeWrite();
  MDB_val k = ToVal(key), v;
  if (value) v = ToVal(*value);
  int rc = mdb_del(txn_, dbi, &k, value ? &v : nullptr);
  if (rc == MDB_NOTFOUND) return Status::Ok();
  // A delete can need pages too (copy-on-write of the path, rebalancing): a full map here
  // must make the writer grow the map as a full map in Put does, not stop the ingest.
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0 && env_ != nullptr) return env_->WriteError(rc, "del");
  return LmdbStatus(rc, "del");
}

Status Txn::Empty(MDB_dbi dbi, std::string_view what) {
  BeforeWrite();
  int rc = mdb_drop(txn_, dbi, 0);
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0 && env_ != nullptr) return env_->WriteError(rc, what);
  return LmdbStatus(rc, what);
}

Result<std::optional<MDB_dbi>> Txn::OpenDbi(const char* name, unsigned flags) const {
  MDB_dbi dbi = 0;
  auto call = [&] { return mdb_dbi_open(txn_, name, flags, &dbi); };
  int sig = 0;
  int rc = Guarded(call, &sig);
  const std::string op = std::string("dbi_open ") + (name != nullptr ? name : "(main)");
  if (sig != 0) return FaultStatus(sig, op);
  if (rc == MDB_NOTFOUND) return std::optional<MDB_dbi>();
  if (rc == MDB_INCOMPATIBLE) {
    return Status::Corruption("LMDB " + op + ": " + mdb_strerror(rc) +
                              " (the name is a plain key of the main database, or damaged)");
  }
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, op));
  UseCountedOrder(txn_, dbi);
  return std::optional<MDB_dbi>(dbi);
}

Result<MDB_stat> Txn::Stat(MDB_dbi dbi) const {
  MDB_stat st;
  auto call = [&] { return mdb_stat(txn_, dbi, &st); };
  int sig = 0;
  int rc = Guarded(call, &sig);
  if (sig != 0) return FaultStatus(sig, "stat");
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "stat"));
  return st;
}

Result<Cursor> Cursor::Open(const Txn& txn, MDB_dbi dbi) {
  // mdb_cursor_open allocates the cursor and then reads the database's root when the
  // transaction has not used it yet: a fault there would lose the allocation. mdb_stat does the
  // same reading with a cursor on the stack, so it goes first.
  auto stat = txn.Stat(dbi);
  if (!stat.ok()) return stat.status();
  MDB_cursor* c = nullptr;
  MDB_txn* t = txn.get();
  auto call = [&] { return mdb_cursor_open(t, dbi, &c); };
  int sig = 0;
  int rc = Guarded(call, &sig);
  if (sig != 0) return FaultStatus(sig, "cursor_open");
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "cursor_open"));
  Bounds b;
  b.check = !txn.write_ && txn.file_hi_ != 0;
  b.lo = txn.file_lo_;
  b.hi = txn.file_hi_;
  b.max_steps = txn.write_ ? 0 : txn.max_steps_;
  return Cursor(c, b);
}

Cursor::~Cursor() {
  if (cur_ != nullptr) mdb_cursor_close(cur_);
}

Result<bool> Cursor::Get(MDB_cursor_op op, std::string_view* key, std::string_view* value) {
  MDB_val k{0, nullptr}, v{0, nullptr};
  if (key != nullptr) k = ToVal(*key);
  if (value != nullptr) v = ToVal(*value);
  const void* key_in = k.mv_data;
  const void* value_in = v.mv_data;
  auto call = [&] { return mdb_cursor_get(cur_, &k, &v, op); };
  int sig = 0;
  int rc = Guarded(call, &sig);
  if (sig != 0) return FaultStatus(sig, "cursor_get");
  if (rc == MDB_NOTFOUND) return false;
  RECITAL_RETURN_IF_ERROR(LmdbStatus(rc, "cursor_get"));
  if (bounds_.check) {
    auto in_file = [&](const MDB_val& x, const void* input) {
      if (x.mv_size == 0 || x.mv_data == input) return true;  // unchanged input
      const auto p = reinterpret_cast<uintptr_t>(x.mv_data);
      return p >= bounds_.lo && p <= bounds_.hi && x.mv_size <= bounds_.hi - p;
    };
    if (!in_file(k, key_in) || !in_file(v, value_in)) return OutsideFile("cursor_get");
  }
  if (bounds_.max_steps != 0) {  // a read transaction
    std::string_view k_view = FromVal(k), v_view = FromVal(v);
    if (op == MDB_NEXT || op == MDB_NEXT_DUP) {
      int by_key = placed_ ? k_view.compare(last_key_) : 1;
      bool forward = by_key > 0 || (by_key == 0 && v_view.compare(last_value_) > 0);
      if (!forward || (op == MDB_NEXT_DUP && by_key != 0)) {
        return Status::Corruption(
            "the archive's B-tree is damaged: a walk of one database went back to an entry it "
            "had passed; run `recital verify`, and restore the archive from a backup");
      }
    }
    last_key_ = k_view;
    last_value_ = v_view;
    placed_ = true;
    if (++steps_ > bounds_.max_steps) {
      return Status::Corruption(
          "the archive's B-tree is damaged: a walk of one database returned more entries than "
          "the file can hold (it loops); run `recital verify`, and restore the archive from a "
          "backup");
    }
  }
  if (key != nullptr) *key = FromVal(k);
  if (value != nullptr) *value = FromVal(v);
  return true;
}

}  // namespace recital::store
