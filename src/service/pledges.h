#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "domain/article.h"
#include "service/auth.h"
#include "service/pledge_links.h"
#include "store/store.h"

namespace binhyen::service {

// What a person types on the public pledge form. No phone, no email: not asked, not stored.
struct PledgeForm {
  std::string name;       // trimmed; 1..200 bytes
  std::string unit_code;  // one of the units
  std::string position;   // trimmed; optional; 0..200 bytes
};

// What the page of a personal pledge link shows.
struct LinkPledgePage {
  domain::Article code;  // the current code of conduct
  std::string person_name;
  std::string unit_code;
  std::string unit_name;
  std::optional<domain::Pledge> pledge;  // set when this person already signed this version
};

// Pledges of one unit of the tree: signed by its own people, and by it with every unit below.
struct UnitPledges {
  std::string unit_code;
  std::string unit_name;
  int depth = 0;       // 0 for a root unit
  int64_t direct = 0;  // pledges naming this unit
  int64_t total = 0;   // this unit and its descendants
};

struct PledgeSummary {
  domain::Article code;            // the current code of conduct
  int64_t total = 0;               // every pledge to it
  std::vector<UnitPledges> units;  // the unit tree, depth first, children by code
};

// A known person's personal pledge link.
struct PersonalPledgeLink {
  int64_t person_id = 0;
  std::string name;
  std::string unit_code;
  std::string path;  // "/quy-tac-ung-xu/ky/<token>"
  bool signed_current = false;
};

// Pledges to the current code of conduct (the newest published article of category
// code-of-conduct): anyone signs on the public form; a known person signs through a personal
// link; programme admins (Permission::kProgrammeManage) see counts per unit and the list.
// Each signature is audited with the pledge ("pledge.sign"; target "pledge:<id>"; actor
// "public" for the form, "person:<id>" for a link); listing links is audited ("pledge.links").
// Thread safety: thread-safe (holds references to thread-safe objects).
class Pledges {
 public:
  // All references must outlive the Pledges; `links` may be null (personal links then answer
  // Unavailable).
  Pledges(store::Store& store, const base::Clock& clock, const PledgeLinks* links)
      : store_(store), clock_(clock), links_(links) {}

  // The current code of conduct and how many signed it. NotFound when none is published.
  base::Result<std::pair<domain::Article, int64_t>> Current();
  // Signs on the public form. InvalidArgument with one line per wrong field ("name: must not
  // be empty", "unit_code: choose your unit", "position: ..."); NotFound when no code of
  // conduct is published. Returns the pledge.
  base::Result<domain::Pledge> Sign(const PledgeForm& form);
  // The page of a personal link (token errors as PledgeLinks::Verify; NotFound for an unknown
  // person or no code of conduct; FailedPrecondition domain::kPersonLeftMessage when the person
  // has left their unit).
  base::Result<LinkPledgePage> ForLink(std::string_view token);
  // Signs through a personal link. Idempotent: a person who already signed this version gets
  // their first pledge back. Errors as ForLink (someone who left signs nothing).
  base::Result<domain::Pledge> SignByLink(std::string_view token);

  // For programme admins (PermissionDenied otherwise).
  base::Result<PledgeSummary> Summary(const Principal& caller);
  base::Result<store::Page<domain::Pledge>> List(const store::PageRequest& page,
                                                 const Principal& caller);
  // The personal links of the people of `unit_code` (exactly that unit).
  base::Result<std::vector<PersonalPledgeLink>> Links(std::string_view unit_code,
                                                      const Principal& caller);

 private:
  base::Status CheckCaller(const Principal& caller) const;
  base::Result<PledgeClaim> VerifyLink(std::string_view token) const;

  store::Store& store_;
  const base::Clock& clock_;
  const PledgeLinks* links_;
};

}  // namespace binhyen::service
