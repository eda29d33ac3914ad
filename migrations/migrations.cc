// Planning and running the steps, and the backup copy. The steps themselves are m000N_*.cc.
#include <lmdb.h>

#include <filesystem>
#include <memory>

#include "migrations/steps.h"

namespace recital::migrations {
namespace {

Status LmdbError(int rc, const std::string& what) {
  return Status::IOError(what + ": " + mdb_strerror(rc));
}

}  // namespace

const std::vector<Step>& AllSteps() {
  static const std::vector<Step> steps = {M0001Initial(), M0002WordIndex(), M0003CompactIndexes(),
                                          M0004InlineWordings()};
  return steps;
}

Result<Plan> PlanMigration(const std::string& dir) {
  store::OpenOptions options;
  options.read_only = true;
  options.allow_old_format = true;
  auto archive = store::Archive::Open(dir, options);
  if (!archive.ok()) return archive.status();
  Plan plan;
  plan.dir = dir;
  plan.from_version = (*archive)->format_version();
  plan.to_version = store::kFormatVersion;
  for (const Step& s : AllSteps()) {
    if (s.from_version >= plan.from_version && s.to_version <= plan.to_version) {
      plan.steps.push_back(&s);
    }
  }
  return plan;
}

Status BackupArchive(const std::string& archive_dir, const std::string& backup_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(fs::path(backup_dir) / "data.mdb", ec)) {
    return Status::InvalidInput("backup directory " + backup_dir +
                                " already holds an archive; name an empty or new directory");
  }
  fs::create_directories(backup_dir, ec);
  if (ec) return Status::IOError("cannot create backup directory " + backup_dir + ": " + ec.message());
  MDB_env* raw = nullptr;
  int rc = mdb_env_create(&raw);
  if (rc != 0) return LmdbError(rc, "backup: env_create");
  std::unique_ptr<MDB_env, void (*)(MDB_env*)> env(raw, mdb_env_close);
  // Named databases are copied with the main one; maxdbs only has to admit opening them.
  mdb_env_set_maxdbs(env.get(), 32);
  rc = mdb_env_open(env.get(), archive_dir.c_str(), MDB_RDONLY | MDB_NOTLS, 0644);
  if (rc != 0) return LmdbError(rc, "backup: cannot open archive " + archive_dir);
  rc = mdb_env_copy2(env.get(), backup_dir.c_str(), MDB_CP_COMPACT);
  if (rc != 0) {
    fs::remove(fs::path(backup_dir) / "data.mdb", ec);
    return LmdbError(rc, "backup: copying " + archive_dir + " to " + backup_dir);
  }
  return Status::Ok();
}

Result<Plan> Migrate(const std::string& dir, const MigrateOptions& options) {
  auto plan = PlanMigration(dir);
  if (!plan.ok()) return plan.status();
  if (plan->steps.empty()) return plan;
  if (!options.backup_dir.empty()) {
    RECITAL_RETURN_IF_ERROR(BackupArchive(dir, options.backup_dir));
  }
  store::OpenOptions open;
  open.read_only = false;
  open.allow_old_format = true;
  auto archive = store::Archive::Open(dir, open);
  if (!archive.ok()) return archive.status();
  for (const Step* step : plan->steps) {
    // Another migration may have run meanwhile: skip what the archive already has.
    if ((*archive)->format_version() >= step->to_version) continue;
    if ((*archive)->format_version() != step->from_version) {
      return Status::Internal("archive " + dir + " is at version " +
                              std::to_string((*archive)->format_version()) + ", step " +
                              std::to_string(step->number) + " needs " +
                              std::to_string(step->from_version));
    }
    if (!step->apply) {
      return Status::Internal("step " + std::to_string(step->number) + " has nothing to apply");
    }
    Status st = (*archive)->Migrate(step->to_version, step->apply);
    if (!st.ok()) {
      return st.WithContext("migration step " + std::to_string(step->number) + " (" +
                            step->name + ")");
    }
    if (options.on_step_done) options.on_step_done(*step);
  }
  return plan;
}

}  // namespace recital::migrations
