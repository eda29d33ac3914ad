// Planning and running the steps. The steps themselves are m000N_*.cc; the backup copy is the
// store's (store::BackupArchive, beside repack: it takes the archive lock).
#include "migrations/steps.h"

namespace recital::migrations {

const std::vector<Step>& AllSteps() {
  static const std::vector<Step> steps = {M0001Initial(), M0002WordIndex(), M0003CompactIndexes(),
                                          M0004InlineWordings(), M0005VersionsPhrases(),
                                          M0006InputGeneration(), M0007DerivedLayout()};
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

Result<Plan> Migrate(const std::string& dir, const MigrateOptions& options) {
  auto plan = PlanMigration(dir);
  if (!plan.ok()) return plan.status();
  if (plan->steps.empty()) return plan;
  if (!options.backup_dir.empty()) {
    RECITAL_RETURN_IF_ERROR(store::BackupArchive(dir, options.backup_dir));
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
