#pragma once

#include "base/clock.h"
#include "base/status.h"
#include "store/store.h"

namespace binhyen::app::internal {

// The demo's quiz: "Nhận diện lừa đảo trên mạng", 10 questions (fake police calls, OTP requests,
// fake bank links, fake prizes, job scams, fake relatives on Zalo...), open at /cau-do/nhan-dien-
// lua-dao, with about 40 attempts over the last three weeks across units, residents and a few
// known people (personal links), with varied scores. Created by the demo's programme admin
// (thuongtruc.hoa); `now` is the demo's end. Needs the demo's units and people.
base::Status CreateDemoQuiz(store::Store& store, base::TimePoint now);

}  // namespace binhyen::app::internal
