#pragma once

#include "base/clock.h"
#include "base/status.h"
#include "store/store.h"

namespace binhyen::app::internal {

// The demo's programme content (demo_content_articles.cc): articles across the categories and
// audiences (one left as a draft), the code of conduct for posting online, and about twenty
// pledges to it from people of several units. Written through service::Articles and
// service::Pledges (audited like real use), the demo clock set to each event's time, all before
// `now`. REQUIRES: the demo units and the programme admin thuongtruc.hoa exist.
base::Status CreateDemoArticles(store::Store& store, base::FakeClock& clock, base::TimePoint now);

}  // namespace binhyen::app::internal
