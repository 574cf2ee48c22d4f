#include "service/campaigns.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/strings.h"
#include "domain/person.h"
#include "service/audit_entry.h"

namespace binhyen::service {
namespace {

std::string Target(int64_t id) { return "campaign:" + std::to_string(id); }

int Percent(int64_t part, int64_t whole) {
  return whole == 0 ? 0 : static_cast<int>(part * 100 / whole);
}

}  // namespace

// When the links of a sent campaign stop working (the same for every link of the campaign,
// so a printed list and a later one agree).
base::TimePoint CampaignLinkExpiry(const domain::Campaign& c) {
  if (c.deadline) return *c.deadline + AckLinks::kGrace;
  return c.sent_at.value_or(c.created_at) + AckLinks::kDefaultValidity;
}

namespace {

std::map<std::string, std::string, std::less<>> UnitNames(const std::vector<domain::Unit>& units) {
  std::map<std::string, std::string, std::less<>> names;
  for (const domain::Unit& u : units) names[u.code] = u.name;
  return names;
}

CampaignProgress Summarise(domain::Campaign campaign,
                           const std::vector<store::CampaignRecipient>& recipients,
                           const std::vector<domain::Unit>& units) {
  auto names = UnitNames(units);
  std::map<std::string, UnitProgress> by_unit;
  CampaignProgress out;
  for (const store::CampaignRecipient& r : recipients) {
    UnitProgress& u = by_unit[r.person.unit_code];
    u.unit_code = r.person.unit_code;
    u.unit_name = names[r.person.unit_code];
    ++u.recipients;
    ++out.recipients;
    if (r.acknowledgement) {
      ++u.acknowledged;
      ++out.acknowledged;
    }
  }
  for (auto& [code, u] : by_unit) {
    u.percent = Percent(u.acknowledged, u.recipients);
    out.units.push_back(std::move(u));
  }
  std::stable_sort(
      out.units.begin(), out.units.end(),
      [](const UnitProgress& a, const UnitProgress& b) { return a.percent < b.percent; });
  out.percent = Percent(out.acknowledged, out.recipients);
  out.campaign = std::move(campaign);
  return out;
}

template <typename T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

Campaigns::Campaigns(store::Store& store, const crypto::SecretBox& contact_box,
                     const base::Clock& clock, const AckLinks& links)
    : store_(store), clock_(clock), links_(links), people_(store, contact_box, clock) {}

base::Result<domain::Campaign> Campaigns::Create(const CampaignDraft& draft,
                                                 const Principal& caller) {
  domain::Campaign c;
  c.title = std::string(base::TrimAscii(draft.title));
  c.body = draft.body;
  c.created_by = caller.user_id;
  c.created_at = clock_.Now();
  if (draft.deadline && *draft.deadline <= c.created_at) {
    return base::InvalidArgumentError("deadline: must be in the future");
  }
  c.deadline = draft.deadline;
  c.target_units = draft.units;
  c.target_people = draft.people;
  SortUnique(c.target_units);
  SortUnique(c.target_people);
  BINHYEN_RETURN_IF_ERROR(domain::Validate(c));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(c.id, tx->Campaigns().Create(c));
  const std::string summary = "draft \"" + c.title + "\" to " +
                              std::to_string(c.target_units.size()) + " units and " +
                              std::to_string(c.target_people.size()) + " people";
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(c.created_at, caller.Actor(),
                                                     "campaign.create", Target(c.id), summary))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return c;
}

base::Result<CampaignProgress> Campaigns::Send(int64_t id, const Principal& caller) {
  const base::TimePoint now = clock_.Now();
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
    BINHYEN_ASSIGN_OR_RETURN(int64_t recipients, tx->Campaigns().Send(id, now));
    BINHYEN_RETURN_IF_ERROR(
        tx->Audit()
            .Append(MakeAuditEntry(now, caller.Actor(), "campaign.send", Target(id),
                                   "sent to " + std::to_string(recipients) + " people"))
            .status());
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
  }
  return Progress(id);
}

base::Result<CampaignProgress> Campaigns::Close(int64_t id, const Principal& caller) {
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
    BINHYEN_RETURN_IF_ERROR(tx->ProgrammeConsole().CloseCampaign(id));
    BINHYEN_RETURN_IF_ERROR(
        tx->Audit()
            .Append(MakeAuditEntry(clock_.Now(), caller.Actor(), "campaign.close", Target(id),
                                   "closed; figures kept"))
            .status());
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
  }
  return Progress(id);
}

base::Result<std::vector<domain::Campaign>> Campaigns::List() {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return tx->Campaigns().List();
}

base::Result<CampaignProgress> Campaigns::Progress(int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Campaign c, tx->Campaigns().Get(id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::CampaignRecipient> recipients,
                           tx->Campaigns().Recipients(id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  return Summarise(std::move(c), recipients, units);
}

base::Result<std::vector<PersonView>> Campaigns::Pending(int64_t id, const Principal& caller) {
  const bool contact = caller.Can(Permission::kPeopleContact);
  BINHYEN_ASSIGN_OR_RETURN(
      auto tx, store_.Begin(contact ? store::TxMode::kReadWrite : store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::CampaignRecipient> recipients,
                           tx->Campaigns().Recipients(id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  auto names = UnitNames(units);
  std::vector<PersonView> out;
  for (const store::CampaignRecipient& r : recipients) {
    if (!r.acknowledgement && !r.person.left_at)
      out.push_back(people_.View(r.person, names[r.person.unit_code], contact));
  }
  std::stable_sort(out.begin(), out.end(), [](const PersonView& a, const PersonView& b) {
    return std::tie(a.unit_code, a.name) < std::tie(b.unit_code, b.name);
  });
  if (contact) {
    // Reading personal data of many people at once is recorded, as a report's contact is.
    BINHYEN_RETURN_IF_ERROR(
        tx->Audit()
            .Append(MakeAuditEntry(clock_.Now(), caller.Actor(), "campaign.pending_contacts",
                                   Target(id),
                                   "contacts of " + std::to_string(out.size()) + " people"))
            .status());
    BINHYEN_RETURN_IF_ERROR(tx->Commit());
  }
  return out;
}

base::Result<std::vector<PersonalLink>> Campaigns::Links(int64_t id, const Principal& caller) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Campaign c, tx->Campaigns().Get(id));
  if (c.status == domain::CampaignStatus::kDraft) {
    return base::FailedPreconditionError("status: campaign " + std::to_string(id) +
                                         " is a draft: send it first");
  }
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::CampaignRecipient> recipients,
                           tx->Campaigns().Recipients(id));
  const base::TimePoint expires = CampaignLinkExpiry(c);
  std::vector<PersonalLink> out;
  for (const store::CampaignRecipient& r : recipients) {
    if (r.person.left_at) continue;  // their link would not act
    const std::string token = links_.Issue({id, r.person.id, expires});
    out.push_back({r.person.id, r.person.name, r.person.position, r.person.unit_code,
                   std::string(kAckPathPrefix) + token, r.acknowledgement.has_value(),
                   ShortCode(token)});
  }
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(clock_.Now(), caller.Actor(), "campaign.links", Target(id),
                                 std::to_string(out.size()) + " personal links"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return out;
}

base::Result<AckPage> Campaigns::Load(store::Transaction& tx, const AckClaim& claim) {
  AckPage page;
  BINHYEN_ASSIGN_OR_RETURN(page.campaign, tx.Campaigns().Get(claim.campaign_id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<store::CampaignRecipient> recipients,
                           tx.Campaigns().Recipients(claim.campaign_id));
  for (const store::CampaignRecipient& r : recipients) {
    if (r.person.id != claim.person_id) continue;
    BINHYEN_RETURN_IF_ERROR(domain::CheckActive(r.person));  // their link no longer acts
    page.person_name = r.person.name;
    page.acknowledgement = r.acknowledgement;
    return page;
  }
  return base::NotFoundError("recipient: person " + std::to_string(claim.person_id) +
                             " is not a recipient of campaign " +
                             std::to_string(claim.campaign_id));
}

base::Result<AckPage> Campaigns::Open(std::string_view token) {
  BINHYEN_ASSIGN_OR_RETURN(AckClaim claim, links_.Verify(token));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  return Load(*tx, claim);
}

base::Result<domain::Acknowledgement> Campaigns::Acknowledge(std::string_view token) {
  BINHYEN_ASSIGN_OR_RETURN(AckClaim claim, links_.Verify(token));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(AckPage page, Load(*tx, claim));
  if (page.acknowledgement) return *page.acknowledgement;  // nothing to write
  if (page.campaign.status == domain::CampaignStatus::kClosed) {
    return base::FailedPreconditionError("status: campaign " + std::to_string(claim.campaign_id) +
                                         " is closed");
  }
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(
      domain::Acknowledgement ack,
      tx->Campaigns().Acknowledge(claim.campaign_id, claim.person_id, now, domain::AckVia::kLink));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, "person:" + std::to_string(claim.person_id),
                                 "campaign.acknowledge", Target(claim.campaign_id),
                                 "acknowledged by personal link"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return ack;
}

}  // namespace binhyen::service
