// Trainings: check-in through a personal link or the session QR at the venue (walk-ins).
#include <algorithm>
#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/people.h"
#include "service/trainings.h"

namespace binhyen::service {
namespace {

std::string Target(int64_t id) { return "training:" + std::to_string(id); }

// Trimmed, with every run of ASCII whitespace collapsed to one space.
std::string CollapseSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : base::TrimAscii(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The units a walk-in may pick: the invited units with their subtrees and the units of invited
// people; every unit when the session invites nobody in particular. By name.
std::vector<domain::Unit> WalkInUnits(const domain::Training& t,
                                      const std::vector<domain::Unit>& units,
                                      const std::vector<domain::Person>& invitees) {
  std::vector<std::string> codes;
  for (const std::string& code : t.invited_units) {
    for (std::string& c : People::Subtree(units, code)) codes.push_back(std::move(c));
  }
  for (const domain::Person& p : invitees) codes.push_back(p.unit_code);
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::vector<domain::Unit> out;
  for (const domain::Unit& u : units) {
    if (codes.empty() || std::binary_search(codes.begin(), codes.end(), u.code)) {
      out.push_back(u);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const domain::Unit& a, const domain::Unit& b) { return a.name < b.name; });
  return out;
}

}  // namespace

base::Result<CheckinPage> Trainings::Open(std::string_view token) {
  if (links_ == nullptr) return base::UnavailableError("checkin: no signing key");
  BINHYEN_ASSIGN_OR_RETURN(CheckinClaim claim, links_->Verify(token));
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  CheckinPage page;
  page.claim = claim;
  BINHYEN_ASSIGN_OR_RETURN(page.training, tx->Trainings().Get(claim.training_id));
  page.window = WindowAt(page.training, clock_.Now());
  if (claim.kind == CheckinClaim::Kind::kPersonal) {
    BINHYEN_ASSIGN_OR_RETURN(domain::Person p, tx->People().Get(claim.person_id));
    BINHYEN_RETURN_IF_ERROR(domain::CheckActive(p));  // their link no longer acts
    page.person_name = p.name;
  } else {
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
    BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> invitees,
                             tx->Trainings().Invitees(claim.training_id));
    page.walk_in_units = WalkInUnits(page.training, units, invitees);
  }
  return page;
}

base::Result<CheckinResult> Trainings::CheckIn(std::string_view token) {
  if (links_ == nullptr) return base::UnavailableError("checkin: no signing key");
  BINHYEN_ASSIGN_OR_RETURN(CheckinClaim claim, links_->Verify(token));
  if (claim.kind != CheckinClaim::Kind::kPersonal) {
    return base::InvalidArgumentError("token: not a personal link");
  }
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Training t, tx->Trainings().Get(claim.training_id));
  BINHYEN_ASSIGN_OR_RETURN(domain::Person p, tx->People().Get(claim.person_id));
  BINHYEN_RETURN_IF_ERROR(domain::CheckActive(p));  // their link no longer acts
  BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Attendance> existing,
                           FindAttendance(*tx, t.id, p.id));
  if (existing) return CheckinResult{*existing, true, true};
  BINHYEN_RETURN_IF_ERROR(CheckWindow(t));
  domain::Attendance a{0, t.id, p.id, p.unit_code, p.name, now, domain::CheckinVia::kLink};
  BINHYEN_ASSIGN_OR_RETURN(domain::Attendance stored, tx->Trainings().CheckIn(a));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, "person:" + std::to_string(p.id), "training.checkin",
                                 Target(t.id), "checked in by personal link"))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return CheckinResult{stored, false, true};
}

base::Result<CheckinResult> Trainings::WalkIn(std::string_view token, std::string_view unit_code,
                                              std::string_view typed_name) {
  if (links_ == nullptr) return base::UnavailableError("checkin: no signing key");
  BINHYEN_ASSIGN_OR_RETURN(CheckinClaim claim, links_->Verify(token));
  if (claim.kind != CheckinClaim::Kind::kSession) {
    return base::InvalidArgumentError("token: not a session link");
  }
  const std::string name = CollapseSpaces(typed_name);
  if (name.empty()) return base::InvalidArgumentError("name: must not be empty");
  if (name.size() > domain::kMaxAttendeeNameBytes) {
    return base::InvalidArgumentError("name: must be at most 200 bytes");
  }
  const base::TimePoint now = clock_.Now();
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::Training t, tx->Trainings().Get(claim.training_id));
  BINHYEN_RETURN_IF_ERROR(CheckWindow(t));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> invitees, tx->Trainings().Invitees(t.id));
  const std::vector<domain::Unit> allowed = WalkInUnits(t, units, invitees);
  const bool unit_ok = std::any_of(allowed.begin(), allowed.end(),
                                   [&](const domain::Unit& u) { return u.code == unit_code; });
  if (!unit_ok) return base::InvalidArgumentError("unit: choose your unit");
  // Match the typed name to exactly one person of the chosen unit.
  const std::string code(unit_code);
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Person> people,
                           tx->People().List(std::span<const std::string>(&code, 1)));
  std::optional<domain::Person> match;
  int matches = 0;
  for (const domain::Person& p : people) {
    if (CollapseSpaces(p.name) == name) {
      match = p;
      ++matches;
    }
  }
  if (matches != 1) match.reset();
  if (match) {
    BINHYEN_ASSIGN_OR_RETURN(std::optional<domain::Attendance> existing,
                             FindAttendance(*tx, t.id, match->id));
    if (existing) return CheckinResult{*existing, true, true};
  }
  domain::Attendance a{
      0, t.id, std::nullopt, code, match ? match->name : name, now, domain::CheckinVia::kWalkIn};
  if (match) a.person_id = match->id;
  BINHYEN_ASSIGN_OR_RETURN(domain::Attendance stored, tx->Trainings().CheckIn(a));
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, "walk_in", "training.walk_in", Target(t.id),
                                 match ? "walk-in matched person " + std::to_string(match->id)
                                       : "walk-in unmatched, unit " + code))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return CheckinResult{stored, false, match.has_value()};
}

}  // namespace binhyen::service
