#pragma once

#include "base/clock.h"
#include "base/status.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace binhyen::app::internal {

// The demo's plan: tasks to wards, schools and agencies in every state (done on time, done late,
// in progress, due this week, overdue), with progress notes; self-assessments of six units, two
// of them with an earlier one to compare; the year's budget lines with spending; and the review
// of the current half-year with its reward candidates proposed from the data. Written through the
// store with the audit entries the use cases write. `now` is the demo's end; runs after the
// programme, trainings and channels so that the review has their figures.
base::Status CreateDemoPlan(store::Store& store, const crypto::SecretBox& contact_box,
                            base::TimePoint now);

}  // namespace binhyen::app::internal
