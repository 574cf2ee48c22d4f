#pragma once

#include "base/clock.h"
#include "base/status.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace binhyen::app::internal {

// The demo's community channels: eight Zalo groups, fanpages and websites of wards, a commune,
// schools and the town police, with six months of figures (the current month left empty for the
// officers to fill in). One channel has a webhook to an address under example.invalid (a name
// that never resolves) with two deliveries already marked failed: nothing is ever sent to the
// internet. Admin contacts are encrypted with `contact_box`; `now` is the demo's end.
base::Status CreateDemoChannels(store::Store& store, const crypto::SecretBox& contact_box,
                                base::TimePoint now);

}  // namespace binhyen::app::internal
