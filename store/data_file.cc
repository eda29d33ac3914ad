// CheckDataFile (store/data_file.h).
#include "store/data_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace recital::store {
namespace {

// LMDB 0.9 (liblmdb, 64-bit): a meta page is a 16-byte page header (pgno u64, pad u16, flags
// u16, lower u16, upper u16) and an MDB_meta: magic u32, version u32, address, mapsize, two
// MDB_db records of 48 bytes (pad u32 (the page size, in the free database's record), flags
// u16, depth u16, branch, leaf and overflow page counts, entries, root), last page, txnid. Host
// byte order, as LMDB writes it. Meta page 0 is at offset 0, meta page 1 at one page size.
constexpr size_t kMetaReadBytes = 152;
constexpr size_t kFlagsAt = 10, kMagicAt = 16, kVersionAt = 20, kFreeDbAt = 40, kMainDbAt = 88,
                 kLastPageAt = 136, kTxnidAt = 144;
constexpr size_t kDbPadAt = 0, kDbDepthAt = 6, kDbRootAt = 40;
constexpr uint16_t kPageMeta = 0x08;  // P_META
constexpr uint32_t kLmdbMagic = 0xBEEFC0DE;
constexpr uint32_t kLmdbDataVersion = 1;
constexpr uint64_t kInvalidPage = ~uint64_t{0};  // P_INVALID: an empty database's root
constexpr uint16_t kMaxDepth = 32;                // CURSOR_STACK: LMDB cannot descend deeper

template <typename T>
T At(const unsigned char* page, size_t offset) {
  T v;
  std::memcpy(&v, page + offset, sizeof v);
  return v;
}

struct Meta {
  uint32_t page_size = 0;
  uint64_t last_page = 0, txnid = 0;
  uint64_t roots[2] = {0, 0};
  uint16_t depths[2] = {0, 0};
};

// Reads meta page `index` at `offset`; "" when sound, else what is wrong with it.
std::string ReadMeta(int fd, uint64_t offset, Meta* out, bool* short_read, int* err) {
  unsigned char page[kMetaReadBytes];
  ssize_t n;
  do {
    n = ::pread(fd, page, sizeof page, static_cast<off_t>(offset));
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    *err = errno;
    return "cannot be read";
  }
  if (static_cast<size_t>(n) < sizeof page) {
    *short_read = true;
    return "is cut off";
  }
  if ((At<uint16_t>(page, kFlagsAt) & kPageMeta) == 0 ||
      At<uint32_t>(page, kMagicAt) != kLmdbMagic) {
    return "is not an LMDB meta page";
  }
  if (At<uint32_t>(page, kVersionAt) != kLmdbDataVersion) {
    return "has LMDB data format " + std::to_string(At<uint32_t>(page, kVersionAt)) +
           ", not the 1 of LMDB 0.9";
  }
  out->page_size = At<uint32_t>(page, kFreeDbAt + kDbPadAt);
  out->last_page = At<uint64_t>(page, kLastPageAt);
  out->txnid = At<uint64_t>(page, kTxnidAt);
  if (out->page_size < 512 || out->page_size > 65536 ||
      (out->page_size & (out->page_size - 1)) != 0) {
    return "gives the impossible page size " + std::to_string(out->page_size);
  }
  for (int db = 0; db < 2; ++db) {
    size_t at = db == 0 ? kFreeDbAt : kMainDbAt;
    out->roots[db] = At<uint64_t>(page, at + kDbRootAt);
    out->depths[db] = At<uint16_t>(page, at + kDbDepthAt);
  }
  return "";
}

// What LMDB reads of the meta page it uses (the newest): "" when sound. The other meta page may
// hold anything a failed commit left (LMDB's undo of a failed meta write keeps the new roots
// with the old transaction id), as long as it is a meta page: LMDB never reads its roots.
std::string CheckNewestMeta(const Meta& m) {
  if (m.last_page < 1 || m.last_page > (uint64_t{1} << 40)) {
    return "gives the impossible last page " + std::to_string(m.last_page);
  }
  for (int db = 0; db < 2; ++db) {
    bool empty = m.roots[db] == kInvalidPage;
    if ((!empty && (m.roots[db] < 2 || m.roots[db] > m.last_page)) || m.depths[db] > kMaxDepth) {
      return std::string("gives a damaged root for LMDB's ") + (db == 0 ? "free" : "main") +
             " database";
    }
  }
  return "";
}

}  // namespace

Result<DataFileInfo> CheckDataFile(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    struct stat link;
    if (err == ENOENT && ::lstat(path.c_str(), &link) == 0) {
      return Status::Corruption(path + " is a symbolic link to a file that does not exist");
    }
    if (err == ENOENT) return Status::NotFound("no file " + path);
    return Status::IOError("cannot open " + path + ": " + std::strerror(err));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    return Status::IOError("cannot stat " + path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return Status::Corruption(path + " is not a regular file, so not an archive's data file");
  }
  DataFileInfo info;
  info.file_bytes = static_cast<uint64_t>(st.st_size);
  const std::string restore = "; restore the archive from a backup";
  if (info.file_bytes == 0) {
    return Status::Corruption(path +
                              " is empty (0 bytes): a damaged archive (a copy cut short?), not an "
                              "absent one; restore it from a backup, or remove it to start a new "
                              "archive");
  }
  Meta metas[2];
  uint64_t offset = 0;
  for (int i = 0; i < 2; ++i) {
    bool short_read = false;
    int err = 0;
    std::string problem = ReadMeta(fd, offset, &metas[i], &short_read, &err);
    if (err != 0) return Status::IOError("cannot read " + path + ": " + std::strerror(err));
    if (short_read) {
      return Status::Corruption(path + " is truncated: " + std::to_string(info.file_bytes) +
                                " bytes do not even hold LMDB's two meta pages (a copy cut "
                                "short?)" + restore);
    }
    if (!problem.empty()) {
      if (i == 0 && problem == "is not an LMDB meta page") {
        return Status::Corruption(path + " is not an LMDB data file (no LMDB meta page at its "
                                         "start): not a Recital archive, or damaged");
      }
      return Status::Corruption(path + ": LMDB meta page " + std::to_string(i) + " " + problem +
                                ": the file is damaged" + restore);
    }
    offset = metas[0].page_size;  // LMDB finds meta page 1 by meta page 0's page size
  }
  if (metas[0].page_size != metas[1].page_size) {
    return Status::Corruption(path + ": LMDB's two meta pages give different page sizes (" +
                              std::to_string(metas[0].page_size) + ", " +
                              std::to_string(metas[1].page_size) + "): the file is damaged" +
                              restore);
  }
  const int newest_index = metas[0].txnid < metas[1].txnid ? 1 : 0;
  const Meta& newest = metas[newest_index];
  if (std::string problem = CheckNewestMeta(newest); !problem.empty()) {
    return Status::Corruption(path + ": LMDB meta page " + std::to_string(newest_index) + " " +
                              problem + ": the file is damaged" + restore);
  }
  info.page_size = newest.page_size;
  info.last_page = newest.last_page;
  info.txnid = newest.txnid;
  const uint64_t needed = (info.last_page + 1) * info.page_size;
  if (info.file_bytes < needed) {
    return Status::Corruption(path + " is truncated: its LMDB meta page says it holds " +
                              std::to_string(info.last_page + 1) + " pages of " +
                              std::to_string(info.page_size) + " bytes (" +
                              std::to_string(needed) + " bytes), but the file has " +
                              std::to_string(info.file_bytes) +
                              " bytes (a copy cut short, or a killed backup?)" + restore);
  }
  return info;
}

Status SyncDir(const std::string& dir) {
  int fd;
  do {
    fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return Status::IOError("cannot open " + dir + " to sync it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::IOError("cannot sync " + dir + ": " + std::strerror(err));
  return Status::Ok();
}

Status RenameNoReplace(const std::string& from, const std::string& to, bool* exists) {
  *exists = false;
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return Status::Ok();
  }
  int err = errno;
  if (err == EINVAL || err == ENOSYS || err == ENOTSUP) {
    // No RENAME_NOREPLACE here: link(2) never replaces either.
    if (::link(from.c_str(), to.c_str()) == 0) {
      ::unlink(from.c_str());
      return Status::Ok();
    }
    err = errno;
  }
  if (err == EEXIST) {
    *exists = true;
    return Status::Ok();
  }
  return Status::IOError("cannot move " + from + " to " + to + ": " + std::strerror(err));
}

}  // namespace recital::store
