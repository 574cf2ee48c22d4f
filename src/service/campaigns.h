#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/secret_box.h"
#include "domain/campaign.h"
#include "service/ack_links.h"
#include "service/auth.h"
#include "service/people.h"
#include "store/store.h"

namespace binhyen::service {

// What a programme admin writes before the store gives the campaign an id.
struct CampaignDraft {
  std::string title;  // trimmed; 1..300 bytes
  std::string body;   // Markdown; 1..200,000 bytes
  std::optional<base::TimePoint> deadline;
  std::vector<std::string> units;  // target units (their child units are included when sent)
  std::vector<int64_t> people;     // target people
};

// Completion of one unit: recipients belonging to it (directly) and how many acknowledged.
struct UnitProgress {
  std::string unit_code;
  std::string unit_name;
  int64_t recipients = 0;
  int64_t acknowledged = 0;
  int percent = 0;  // acknowledged * 100 / recipients, rounded down; 0 without recipients
};

struct CampaignProgress {
  domain::Campaign campaign;
  std::vector<UnitProgress> units;  // lowest percentage first (the laggards), then by code
  int64_t recipients = 0;
  int64_t acknowledged = 0;
  int percent = 0;
};

// A recipient's personal link (to print or show as a QR code).
struct PersonalLink {
  int64_t person_id = 0;
  std::string name;
  std::string position;
  std::string unit_code;
  std::string path;  // "/xac-nhan/<token>"
  bool acknowledged = false;
  std::string code;  // the short code printed under the QR code (ShortCode of the token)
};

// When the personal links of sent campaign `c` stop working (the same for all its links).
base::TimePoint CampaignLinkExpiry(const domain::Campaign& c);

// The personal short code of a link's token: 8 characters of Crockford base32 (no I, L, O, U)
// taken from SHA-256 of the token, shown as "XXXX-XXXX". Only someone who holds the token (that
// is, the signing key) can compute it; 40 bits, and guessing is rate limited by the page.
std::string ShortCode(std::string_view token);
// `typed` upper-cased with spaces and dashes dropped and 0/O, 1/I/L read as the digits, for
// comparing with a ShortCode.
std::string NormaliseShortCode(std::string_view typed);

// What the page of a personal link shows.
struct AckPage {
  domain::Campaign campaign;
  std::string person_name;
  std::optional<domain::Acknowledgement> acknowledgement;
};

// Guidance campaigns: drafts, sending (recipients fixed), live completion per unit, who has
// not read it yet, personal links, and acknowledgements through those links. Every change is
// written with its audit entry in the same transaction ("campaign.create", "campaign.send",
// "campaign.acknowledge"; target "campaign:<id>"); listing links or contact details is audited
// too ("campaign.links", "campaign.pending_contacts").
// Thread safety: thread-safe (holds references to thread-safe objects).
class Campaigns {
 public:
  // All references must outlive the Campaigns.
  Campaigns(store::Store& store, const crypto::SecretBox& contact_box, const base::Clock& clock,
            const AckLinks& links);

  // Creates a draft by `caller`. InvalidArgument naming the field ("title: must not be empty",
  // "targets: choose at least one unit or person", "deadline: must be in the future"); NotFound
  // for an unknown unit or person.
  base::Result<domain::Campaign> Create(const CampaignDraft& draft, const Principal& caller);
  // Sends draft `id` now. FailedPrecondition when not a draft; NotFound.
  base::Result<CampaignProgress> Send(int64_t id, const Principal& caller);
  // Closes sent campaign `id` (audited "campaign.close"): its figures stay, its links show that
  // it is closed and take no more acknowledgements. FailedPrecondition when not sent; NotFound.
  base::Result<CampaignProgress> Close(int64_t id, const Principal& caller);
  // Every campaign, newest first.
  base::Result<std::vector<domain::Campaign>> List();
  // The campaign with its live completion. NotFound.
  base::Result<CampaignProgress> Progress(int64_t id);
  // The recipients who have not acknowledged and still belong to their unit (left_at unset; the
  // figures of Progress keep everyone the campaign was sent to), by unit code then name;
  // contacts decrypted when
  // the caller has people:contact (and then audited). NotFound.
  base::Result<std::vector<PersonView>> Pending(int64_t id, const Principal& caller);
  // The personal link of every recipient who still belongs to their unit (audited). NotFound;
  // FailedPrecondition for a draft.
  base::Result<std::vector<PersonalLink>> Links(int64_t id, const Principal& caller);

  // campaigns_codes.cc: the personal link of the recipient of sent (not closed) campaign `id`
  // whose ShortCode is `typed` (NormaliseShortCode applied): how a person who has the printed
  // sheet but cannot scan the QR code reaches their page from the campaign's public page.
  // NotFound "code: no recipient has this code" (also for a draft); FailedPrecondition for a
  // closed campaign.
  base::Result<std::string> PathForCode(int64_t id, std::string_view typed);

  // The page behind a personal link: the errors of AckLinks::Verify, NotFound when the campaign
  // or person is gone or the person is not a recipient; FailedPrecondition
  // domain::kPersonLeftMessage when the person has left their unit (the link no longer acts).
  base::Result<AckPage> Open(std::string_view token);
  // Records the acknowledgement of the link's person (idempotent: a second call returns the
  // first acknowledgement and writes nothing). Errors as Open, and FailedPrecondition "status:
  // campaign <id> is closed" for a closed campaign that the person had not acknowledged.
  base::Result<domain::Acknowledgement> Acknowledge(std::string_view token);

 private:
  base::Result<AckPage> Load(store::Transaction& tx, const AckClaim& claim);

  store::Store& store_;
  const base::Clock& clock_;
  const AckLinks& links_;
  People people_;  // decrypts recipients' contact data with the contact box
};

}  // namespace binhyen::service
