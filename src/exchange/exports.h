#pragma once

#include <optional>

#include "base/clock.h"
#include "base/result.h"
#include "exchange/export_formats.h"
#include "index/allowlist.h"
#include "indicator/indicator.h"
#include "store/store.h"

namespace binhyen::exchange {

// What is published, read from the store in one snapshot: our own indicators with status
// confirmed and not expired at `now` (imported sources are never re-published: their licences
// are their owners'), optionally of one kind, with the warning that names each, the index
// version (the store's change version) and the hosts the allowlist protects as passthru names.
// Unconfirmed, expired and delisted indicators are never in it.
base::Result<ExportInput> LoadExportInput(store::Store& store, base::TimePoint now,
                                          std::optional<indicator::Kind> kind,
                                          const index::Allowlist& allowlist);

}  // namespace binhyen::exchange
