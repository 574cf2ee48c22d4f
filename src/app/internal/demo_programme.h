#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace binhyen::app::internal {

// One demo person of the awareness programme (fictional: names, positions and phone numbers
// 0900 000 xxx made up for the demo).
struct DemoPersonSpec {
  std::string unit;
  std::string name;
  std::string position;
  std::string phone;  // national format, "0900000101"
};

// The demo people: 62 officials, teachers and staff of three wards (pho-minh, pho-vinh,
// pho-hoa), two schools and two agencies. Deterministic. Other parts of the demo (trainings,
// quizzes) may use them: CreateDemoProgramme runs before them.
std::vector<DemoPersonSpec> DemoProgrammePeople();

// Creates the demo people (phones encrypted with `contact_box`) and three guidance campaigns
// by the programme admin thuongtruc.hoa (who must exist): the directive on online fraud, sent
// twelve days before `now` to the three wards (and the school under pho-minh) with partial
// completion (pho-minh 70 %, pho-vinh 45 %, pho-hoa 20 %, the school 50 %); a closed alert sent
// to two agencies two months ago (90 %); and a draft for the schools. Every change is audited.
base::Status CreateDemoProgramme(store::Store& store, const crypto::SecretBox& contact_box,
                                 base::TimePoint now);

}  // namespace binhyen::app::internal
