#pragma once

#include "base/clock.h"
#include "base/status.h"
#include "store/store.h"

namespace binhyen::app::internal {

// The demo's trainings: five sessions over the last months (four held, one cancelled) and one
// upcoming, for wards, a commune and a school, with attendance by personal QR, walk-ins and by
// hand. Uses the people of those units that exist and adds a few where a unit has fewer than
// four. Created by the demo's programme admin (thuongtruc.hoa); `now` is the demo's end.
base::Status CreateDemoTrainings(store::Store& store, base::TimePoint now);

}  // namespace binhyen::app::internal
