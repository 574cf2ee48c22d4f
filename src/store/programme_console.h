#pragma once

#include <cstdint>

#include "base/clock.h"
#include "base/status.h"
#include "domain/person.h"

namespace binhyen::store {

// What the programme console changes besides the first slice's repositories (migration 0011):
// closing a campaign and editing a person. Part of a Transaction (Transaction::ProgrammeConsole);
// a failed method has no effect.
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
  virtual base::Status UpdatePerson(const domain::Person& person) = 0;
};

}  // namespace binhyen::store
