#pragma once

#include <cstdint>

#include "base/clock.h"
#include "base/status.h"
#include "domain/person.h"

namespace binhyen::store {

// What the programme console changes besides the first slice's repositories (migrations 0011,
// 0012): closing a campaign, editing a person, marking a person as having left and restoring them.
// Part of a Transaction (Transaction::ProgrammeConsole); a failed method has no effect.
class ProgrammeConsoleRepository {
 public:
  virtual ~ProgrammeConsoleRepository() = default;

  // Closes sent campaign `id`: status closed; recipients and acknowledgements are kept (the
  // figures stay), no acknowledgement is taken any more (the service refuses them).
  // FailedPrecondition "status: campaign <id> is <status>, not sent"; NotFound "campaign <id>:
  // not found".
  virtual base::Status CloseCampaign(int64_t id) = 0;

  // Replaces unit_code, name, position and the contact ciphertexts of person `person.id`
  // (created_at is kept). Validates (domain::Validate); NotFound "person <id>: not found" or
  // "unit '<code>': not found". A person moved to another unit stays a recipient of the
  // campaigns already sent to them (recipients are fixed when a campaign is sent).
  // Keeps left_at as stored.
  virtual base::Status UpdatePerson(const domain::Person& person) = 0;

  // Marks person `id` as having left their unit at `at` (migration 0012): from then on they are
  // chosen for nothing new (PeopleRepository::List, CampaignRepository::Send,
  // TrainingRepository::Invitees) while every record about them is kept.
  // FailedPrecondition "person <id>: has already left"; NotFound "person <id>: not found".
  virtual base::Status MarkPersonLeft(int64_t id, base::TimePoint at) = 0;
  // Clears left_at of person `id`: they belong to their unit again (campaigns sent meanwhile are
  // not sent to them after the fact). FailedPrecondition "person <id>: has not left"; NotFound.
  virtual base::Status RestorePerson(int64_t id) = 0;
};

}  // namespace binhyen::store
