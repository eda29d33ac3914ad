// recital::migrations — numbered, tested upgrades of the archive's on-disk format.
//
// Every change of a layout in store/FORMAT.md bumps store::kFormatVersion and adds one step
// here, m000N_<name>.cc, that upgrades an archive of version N-1 to N (and a golden archive of
// version N-1 under tests/testdata/). `recital migrate` runs the steps an archive needs, in order.
//
// Steps use only the interface store publishes for them (store/migration.h: MigrationTxn and the
// encoders of the current format's values); layouts only older formats had are in
// legacy_formats.h here.
//
// Atomicity: each step runs in one LMDB write transaction (store::Archive::Migrate), which also
// sets the new format version. A migration killed at any point leaves the archive at the
// version before or after the step it was in, never between; running it again continues from
// there. (A step that had to rewrite everything would build a new environment beside the old
// and swap it in; no step needs that yet, so the mechanism does not exist.)
//
// Thread safety: the calls open the archive themselves; run one migration at a time per archive
// (LMDB's writer lock serialises them anyway) and not while this process has it open.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "schema/status.h"
#include "store/store.h"

namespace recital::migrations {

struct Step {
  int number = 0;        // N of mN_<name>.cc; the step upgrades format N-1 to N
  std::string name;      // "initial", "word_index"
  int from_version = 0;  // == number - 1
  int to_version = 0;    // == number
  std::string description;  // one line: what changes
  // Runs inside the step's one write transaction. Empty for step 1: archives are created at
  // the current version by store::Archive::Open(create_if_missing); nothing upgrades to 1.
  std::function<Status(store::MigrationTxn&)> apply;
};

// Every step, in order: AllSteps()[i].number == i + 1; the last one's to_version is
// store::kFormatVersion.
const std::vector<Step>& AllSteps();

struct Plan {
  std::string dir;
  int from_version = 0;  // the archive's format version on disk
  int to_version = 0;    // store::kFormatVersion
  std::vector<const Step*> steps;  // what upgrades from_version to to_version; empty if current
};

// The archive's version and the steps that would upgrade it. Opens it read-only and changes
// nothing. Errors: those of store::Archive::Open (NotFound, Corruption, FormatTooNew for an
// archive written by a newer Recital, IOError).
Result<Plan> PlanMigration(const std::string& dir);

struct MigrateOptions {
  // When not empty: before the first step, a compacted copy of the archive is written to this
  // directory by store::BackupArchive (created if missing; it must not already hold an
  // archive). Nothing is copied when the archive is already current.
  std::string backup_dir;
  // Called after each step has committed.
  std::function<void(const Step&)> on_step_done;
};

// Upgrades the archive in dir to store::kFormatVersion, step by step. Returns the plan that
// was carried out (steps empty: it was already current). Errors: those of PlanMigration; those
// of store::BackupArchive (then nothing was migrated); a failing step's error (then the archive
// is at that step's from_version and the steps before it stand).
Result<Plan> Migrate(const std::string& dir, const MigrateOptions& options);

}  // namespace recital::migrations
