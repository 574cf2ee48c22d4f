#pragma once

#include <map>
#include <string>
#include <utility>

#include "base/clock.h"
#include "base/result.h"
#include "indicator/indicator.h"
#include "store/store.h"

namespace binhyen::service {

// The portal path of the published warning naming each indicator ("/canh-bao/<slug>",
// clarifications "/dinh-chinh/<slug>"), the newest warning winning, as of `now`, read in `tx`. What
// check answers and feeds link to.
using WarningUrls = std::map<std::pair<indicator::Kind, std::string>, std::string>;
base::Result<WarningUrls> LoadWarningUrls(store::Transaction& tx, base::TimePoint now);

}  // namespace binhyen::service
