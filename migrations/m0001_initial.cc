// Step 1, format version 1: the archive as the store first wrote it. An LMDB environment in
// a directory with the named databases meta (magic "recital-archive", format_version as a
// big-endian u32), objects (content-addressed, zstd-compressed releases, paragraph wordings and
// resolution records), docs (symbol -> versions), paragraph_uses, cites, cited_by, titles and
// settings; layouts in store/FORMAT.md. Nothing upgrades *to* version 1: an archive is born at
// the version its Recital writes, when store::Archive::Open(create_if_missing) finds no archive
// (magic and version are written in the same transaction that creates the databases). This
// step exists so the numbering starts where the format did and `recital migrate --dry-run`
// can name every version; it has no apply function. The golden archive of this version is
// tests/testdata/golden-v1 (made by scripts/make-golden-archive from the version-1 code).
#include "migrations/steps.h"

namespace recital::migrations {

Step M0001Initial() {
  Step s;
  s.number = 1;
  s.name = "initial";
  s.from_version = 0;
  s.to_version = 1;
  s.description = "create an empty archive (meta, objects, docs, paragraph_uses, cites, "
                  "cited_by, titles, settings)";
  return s;
}

}  // namespace recital::migrations
