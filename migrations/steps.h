// Private to migrations/: one factory per numbered step file, listed in order by AllSteps().
// (A list, not self-registration: static registrars in a static library can be dropped by
// the linker.)
#pragma once

#include "migrations/migrations.h"

namespace recital::migrations {

Step M0001Initial();
Step M0002WordIndex();
Step M0003CompactIndexes();
Step M0004InlineWordings();

}  // namespace recital::migrations
