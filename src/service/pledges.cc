#include "service/pledges.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "base/strings.h"
#include "domain/person.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/permissions.h"
#include "text/utf8.h"

namespace binhyen::service {
namespace {

std::string Target(int64_t id) { return "pledge:" + std::to_string(id); }

// The current code of conduct, read in `tx`.
base::Result<domain::Article> CurrentCode(store::Transaction& tx) {
  store::ArticleFilter filter;
  filter.category = domain::ArticleCategory::kCodeOfConduct;
  BINHYEN_ASSIGN_OR_RETURN(auto page, tx.Articles().List(filter, store::PageRequest{1, ""}));
  if (page.items.empty()) return base::NotFoundError("code of conduct: not published yet");
  return std::move(page.items.front());
}

// The number of pledges to `article_id` (the sum over units; a pledge names one unit).
base::Result<int64_t> CountAll(store::Transaction& tx, int64_t article_id) {
  BINHYEN_ASSIGN_OR_RETURN(auto counts, tx.Pledges().CountByUnit(article_id));
  int64_t total = 0;
  for (const store::UnitPledgeCount& c : counts) total += c.count;
  return total;
}

void CheckText(FieldErrors& errors, std::string_view field, std::string_view value, size_t min,
               size_t max) {
  if (value.size() < min) {
    errors.Add(field, "must not be empty");
  } else if (value.size() > max) {
    errors.Add(field, "must be at most " + std::to_string(max) + " bytes");
  } else if (HasNul(value) || !text::IsValidUtf8(value)) {
    errors.Add(field, "must be plain text");
  }
}

// Units in tree order (depth first, children by code) with their direct and subtree counts.
std::vector<UnitPledges> TreeCounts(const std::vector<domain::Unit>& units,
                                    const std::vector<store::UnitPledgeCount>& counts) {
  std::map<std::string, std::vector<const domain::Unit*>> children;  // by parent, code order
  std::map<std::string, bool> known;
  for (const domain::Unit& u : units) known[u.code] = true;
  for (const domain::Unit& u : units) {
    children[known.contains(u.parent_code) ? u.parent_code : ""].push_back(&u);
  }
  for (auto& [parent, list] : children) {
    std::sort(list.begin(), list.end(),
              [](const domain::Unit* a, const domain::Unit* b) { return a->code < b->code; });
  }
  std::map<std::string, int64_t> direct;
  for (const store::UnitPledgeCount& c : counts) direct[c.unit_code] = c.count;
  std::vector<UnitPledges> out;
  std::function<int64_t(const domain::Unit&, int)> visit = [&](const domain::Unit& u, int depth) {
    const size_t index = out.size();
    out.push_back({u.code, u.name, depth, direct[u.code], 0});
    int64_t total = out[index].direct;
    if (depth < 32) {  // the tree is shallow; a cycle in stored data must not recurse forever
      for (const domain::Unit* child : children[u.code]) total += visit(*child, depth + 1);
    }
    out[index].total = total;
    return total;
  };
  for (const domain::Unit* root : children[""]) visit(*root, 0);
  return out;
}

}  // namespace

base::Status Pledges::CheckCaller(const Principal& caller) const {
  if (!caller.Can(Permission::kProgrammeManage)) {
    return base::PermissionDeniedError("pledges: programme:manage required");
  }
  return base::Status::Ok();
}

base::Result<PledgeClaim> Pledges::VerifyLink(std::string_view token) const {
  if (links_ == nullptr) return base::UnavailableError("pledge links: not configured");
  return links_->Verify(token);
}

base::Result<std::pair<domain::Article, int64_t>> Pledges::Current() {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article code, CurrentCode(*tx));
  BINHYEN_ASSIGN_OR_RETURN(int64_t count, CountAll(*tx, code.id));
  return std::make_pair(std::move(code), count);
}

base::Result<domain::Pledge> Pledges::Sign(const PledgeForm& form) {
  domain::Pledge p;
  p.name = std::string(base::TrimAscii(form.name));
  p.position = std::string(base::TrimAscii(form.position));
  p.unit_code = std::string(base::TrimAscii(form.unit_code));
  FieldErrors errors;
  CheckText(errors, "name", p.name, 1, domain::kMaxPledgeNameBytes);
  if (p.unit_code.empty()) errors.Add("unit_code", "choose your unit");
  CheckText(errors, "position", p.position, 0, domain::kMaxPledgePositionBytes);
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  p.via = domain::PledgeVia::kForm;
  p.signed_at = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article code, CurrentCode(*tx));
  p.article_id = code.id;
  base::Result<int64_t> id = tx->Pledges().Create(p);
  if (id.status().code() == base::StatusCode::kNotFound &&
      id.status().message().starts_with("unit")) {
    return base::InvalidArgumentError("unit_code: choose your unit");
  }
  BINHYEN_ASSIGN_OR_RETURN(p.id, std::move(id));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(
              p.signed_at, "public", "pledge.sign", Target(p.id),
              "unit " + p.unit_code + " via form, article:" + std::to_string(code.id)))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return p;
}

base::Result<LinkPledgePage> Pledges::ForLink(std::string_view token) {
  BINHYEN_ASSIGN_OR_RETURN(PledgeClaim claim, VerifyLink(token));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  LinkPledgePage page;
  BINHYEN_ASSIGN_OR_RETURN(page.code, CurrentCode(*tx));
  BINHYEN_ASSIGN_OR_RETURN(domain::Person person, tx->People().Get(claim.person_id));
  BINHYEN_RETURN_IF_ERROR(domain::CheckActive(person));  // their link no longer acts
  page.person_name = person.name;
  page.unit_code = person.unit_code;
  BINHYEN_ASSIGN_OR_RETURN(domain::Unit unit, tx->Units().Get(person.unit_code));
  page.unit_name = unit.name;
  BINHYEN_ASSIGN_OR_RETURN(page.pledge, tx->Pledges().FindByPerson(page.code.id, person.id));
  return page;
}

base::Result<domain::Pledge> Pledges::SignByLink(std::string_view token) {
  BINHYEN_ASSIGN_OR_RETURN(PledgeClaim claim, VerifyLink(token));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article code, CurrentCode(*tx));
  BINHYEN_ASSIGN_OR_RETURN(domain::Person person, tx->People().Get(claim.person_id));
  BINHYEN_RETURN_IF_ERROR(domain::CheckActive(person));  // their link no longer acts
  BINHYEN_ASSIGN_OR_RETURN(auto existing, tx->Pledges().FindByPerson(code.id, claim.person_id));
  if (existing) return *existing;
  domain::Pledge p;
  p.article_id = code.id;
  p.name = person.name;
  p.unit_code = person.unit_code;
  p.position = person.position;
  p.person_id = person.id;
  p.via = domain::PledgeVia::kLink;
  p.signed_at = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(p.id, tx->Pledges().Create(p));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(
              p.signed_at, "person:" + std::to_string(person.id), "pledge.sign", Target(p.id),
              "unit " + p.unit_code + " via link, article:" + std::to_string(code.id)))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return p;
}

base::Result<PledgeSummary> Pledges::Summary(const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  PledgeSummary out;
  BINHYEN_ASSIGN_OR_RETURN(out.code, CurrentCode(*tx));
  BINHYEN_ASSIGN_OR_RETURN(auto counts, tx->Pledges().CountByUnit(out.code.id));
  BINHYEN_ASSIGN_OR_RETURN(auto units, tx->Units().List());
  for (const store::UnitPledgeCount& c : counts) out.total += c.count;
  out.units = TreeCounts(units, counts);
  return out;
}

base::Result<store::Page<domain::Pledge>> Pledges::List(const store::PageRequest& page,
                                                        const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article code, CurrentCode(*tx));
  return tx->Pledges().List(code.id, page);
}

base::Result<std::vector<PersonalPledgeLink>> Pledges::Links(std::string_view unit_code,
                                                             const Principal& caller) {
  BINHYEN_RETURN_IF_ERROR(CheckCaller(caller));
  if (links_ == nullptr) return base::UnavailableError("pledge links: not configured");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Article code, CurrentCode(*tx));
  BINHYEN_RETURN_IF_ERROR(tx->Units().Get(unit_code).status());
  const std::vector<std::string> codes = {std::string(unit_code)};
  BINHYEN_ASSIGN_OR_RETURN(auto people, tx->People().List(codes));
  const base::TimePoint now = clock_.Now();
  std::vector<PersonalPledgeLink> out;
  for (const domain::Person& person : people) {
    BINHYEN_ASSIGN_OR_RETURN(auto pledge, tx->Pledges().FindByPerson(code.id, person.id));
    const std::string token = links_->Issue({person.id, now + PledgeLinks::kValidity});
    out.push_back({person.id, person.name, person.unit_code, std::string(kPledgePathPrefix) + token,
                   pledge.has_value()});
  }
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(now, caller.Actor(), "pledge.links",
                                                     "unit:" + std::string(unit_code),
                                                     std::to_string(out.size()) + " links"))
                              .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return out;
}

}  // namespace binhyen::service
