// The dated part of the demo: reports, their triage and the warnings, replayed in date order
// through the real use cases (service::ReportIntake, service::Triage).
#include "app/internal/demo_history.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/internal/demo_content.h"
#include "base/check.h"
#include "indicator/indicator.h"
#include "service/audit_entry.h"
#include "service/report_intake.h"
#include "service/triage.h"

namespace binhyen::app::internal {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// The actor of web submissions (what the API records for a caller without a session).
constexpr std::string_view kPublicActor = "public";
// Seeds the receipt codes apart from the content, so that adding a report to the catalogue does
// not shift every draw after it.
constexpr uint64_t kReceiptSeedSalt = 0x9e3779b97f4a7c15ULL;
// When things happen, in minutes: reports are filed in the Vietnamese daytime (of the local
// day), taken for triage within the day and decided within two days; warnings are published in
// office hours.
constexpr int64_t kFilingFrom = int64_t{7} * 60;
constexpr int64_t kFilingUntil = int64_t{21} * 60 + 30;
constexpr int64_t kTakenAfter = 60;
constexpr int64_t kTakenWithin = int64_t{20} * 60;
constexpr int64_t kDecidedAfter = 120;
constexpr int64_t kDecidedWithin = int64_t{40} * 60;
constexpr int64_t kPublishFrom = int64_t{8} * 60;
constexpr int64_t kPublishUntil = int64_t{16} * 60;
constexpr std::string_view kDuplicateNote =
    "Báo cáo trùng với một báo cáo đã tiếp nhận trước đó; kết quả xử lý được cập nhật ở báo cáo "
    "đó.";

constexpr std::array<std::string_view, 16> kReporterNames = {
    "Nguyễn Văn Hùng", "Trần Thị Lan",   "Lê Văn Dũng",    "Phạm Thị Hoa",
    "Huỳnh Văn Tâm",   "Võ Thị Thu",     "Đặng Minh Quân", "Bùi Thị Hạnh",
    "Đỗ Văn Phúc",     "Ngô Thị Hằng",   "Dương Văn Lộc",  "Phan Thị Ngọc",
    "Trương Văn Sơn",  "Nguyễn Thị Mai", "Lê Thị Kim Anh", "Trần Quốc Bảo",
};
constexpr std::array<std::string_view, 12> kMobilePrefixes = {
    "090", "091", "093", "094", "096", "097", "098", "086", "077", "079", "035", "038",
};

// Midnight (00:00 in Vietnam, UTC+7) of the Vietnamese day that `t` falls in.
base::TimePoint VietnamMidnight(base::TimePoint t) {
  const auto local = t.time_since_epoch() + hours(7);
  return base::TimePoint(std::chrono::floor<std::chrono::days>(local) - hours(7));
}

struct Event {
  base::TimePoint at;
  std::function<base::Status()> run;
};

std::string ContactPhone(DemoDice& dice) {
  std::string phone(kMobilePrefixes[dice.Between(0, kMobilePrefixes.size() - 1)]);
  for (int i = 0; i < 7; ++i) phone += static_cast<char>('0' + dice.Between(0, 9));
  return phone;
}

service::ReportSubmission MakeSubmission(const DemoReportSpec& spec, base::TimePoint at,
                                         DemoDice& dice) {
  static constexpr std::array<std::string_view, 15> kWards = {
      "nguyen-nghiem", "pho-hoa",   "pho-minh", "pho-ninh",  "pho-quang",
      "pho-thanh",     "pho-van",   "pho-vinh", "pho-an",    "pho-chau",
      "pho-cuong",     "pho-khanh", "pho-nhon", "pho-phong", "pho-thuan"};
  service::ReportSubmission s;
  s.channel = domain::Channel::kWeb;
  s.category = std::string(spec.category);
  s.description = std::string(spec.description);
  s.occurred_at = at - hours(dice.Between(1, 30));
  s.loss_vnd = spec.loss_vnd;
  s.ward = std::string(spec.ward.empty() ? kWards[dice.Between(0, kWards.size() - 1)] : spec.ward);
  for (const DemoIndicator& ind : spec.indicators) {
    s.indicators.push_back({std::string(ind.kind), std::string(ind.value)});
  }
  // About two reporters in three leave a way to reach them.
  if (dice.Between(0, 2) != 0) {
    service::ContactDetails contact;
    contact.name = std::string(kReporterNames[dice.Between(0, kReporterNames.size() - 1)]);
    contact.phone = ContactPhone(dice);
    s.contact = contact;
  }
  return s;
}

// Plans the events of the reports: filing, taking for triage, assigning and deciding, each at
// its time; `ids_[i]` is set when report i has been filed. Lives until its events have run.
// Thread safety: confine to one thread.
class ReportPlan {
 public:
  ReportPlan(service::ReportIntake& intake, service::Triage& triage, base::TimePoint now,
             DemoDice& dice)
      : intake_(intake), triage_(triage), now_(now), dice_(dice) {}

  void Add(const std::vector<DemoReportSpec>& specs, std::vector<Event>& events);

 private:
  // Events happen before `now` (a minute before at the latest).
  base::TimePoint Cap(base::TimePoint t) const { return std::min(t, now_ - minutes(1)); }
  void AddTriage(size_t i, const DemoReportSpec& spec, base::TimePoint filed,
                 std::vector<Event>& events);
  base::Status Move(size_t i, const service::TransitionRequest& request, const std::string& actor);

  service::ReportIntake& intake_;
  service::Triage& triage_;
  base::TimePoint now_;
  DemoDice& dice_;
  std::vector<int64_t> ids_;
  std::map<std::string_view, size_t> index_of_;
  std::vector<int> days_ago_;
};

void ReportPlan::Add(const std::vector<DemoReportSpec>& specs, std::vector<Event>& events) {
  ids_.assign(specs.size(), 0);
  for (size_t i = 0; i < specs.size(); ++i) {
    BINHYEN_CHECK(index_of_.emplace(specs[i].key, i).second, "demo report keys are unique");
    days_ago_.push_back(specs[i].days_ago);
  }
  for (size_t i = 0; i < specs.size(); ++i) {
    const DemoReportSpec& spec = specs[i];
    // Filed in the daytime in Vietnam (07:00-21:30), `days_ago` days ago; earlier today than
    // that when the day is not over yet.
    const base::TimePoint filed = std::min(VietnamMidnight(now_) - hours(24 * spec.days_ago) +
                                               minutes(dice_.Between(kFilingFrom, kFilingUntil)),
                                           now_ - minutes(dice_.Between(30, 90)));
    service::ReportSubmission submission = MakeSubmission(spec, filed, dice_);
    events.push_back({filed, [this, i, submission]() -> base::Status {
                        BINHYEN_ASSIGN_OR_RETURN(service::Receipt receipt,
                                                 intake_.Submit(submission, kPublicActor));
                        ids_[i] = receipt.id;
                        return base::Status::Ok();
                      }});
    AddTriage(i, spec, filed, events);
  }
}

base::Status ReportPlan::Move(size_t i, const service::TransitionRequest& request,
                              const std::string& actor) {
  return triage_.Transition(ids_[i], request, actor).status();
}

void ReportPlan::AddTriage(size_t i, const DemoReportSpec& spec, base::TimePoint filed,
                           std::vector<Event>& events) {
  using S = domain::ReportStatus;
  const std::vector<std::string_view> analysts = DemoAnalysts();
  const std::string analyst(analysts[dice_.Between(0, analysts.size() - 1)]);
  const std::string actor = "user:" + analyst;
  const base::TimePoint taken = Cap(filed + minutes(dice_.Between(kTakenAfter, kTakenWithin)));
  const base::TimePoint decided =
      Cap(taken + minutes(dice_.Between(kDecidedAfter, kDecidedWithin)));
  const std::string note(spec.note);
  switch (spec.outcome) {
    case DemoOutcome::kReceived: return;
    case DemoOutcome::kDuplicate: {
      const auto found = index_of_.find(spec.duplicate_of);
      BINHYEN_CHECK(found != index_of_.end() && days_ago_[found->second] > spec.days_ago,
                    "a demo duplicate names an earlier report");
      const size_t original = found->second;
      events.push_back(
          {taken, [this, i, original, note, actor] {
             service::TransitionRequest r{
                 S::kDuplicate, note, ids_[original], std::string(kDuplicateNote), {}, {}};
             return Move(i, r, actor);
           }});
      return;
    }
    default: break;
  }
  events.push_back({taken, [this, i, actor] {
                      return Move(i, {S::kTriaging, "", {}, {}, {}, {}}, actor);
                    }});
  if (spec.outcome != DemoOutcome::kTriaging && spec.outcome != DemoOutcome::kRejected) {
    // Assigned a few minutes after it was taken (never after the verdict: both are capped).
    events.push_back({Cap(taken + minutes(5)), [this, i, analyst, actor] {
                        return triage_.Assign(ids_[i], analyst, actor);
                      }});
  }
  if (spec.outcome == DemoOutcome::kConfirmed || spec.outcome == DemoOutcome::kRejected) {
    const S to = spec.outcome == DemoOutcome::kConfirmed ? S::kConfirmed : S::kRejected;
    const std::string reason = to == S::kConfirmed ? "Đã xác minh" : note;
    events.push_back({decided, [this, i, to, reason, note, actor] {
                        return Move(i, {to, reason, {}, note, {}, {}}, actor);
                      }});
  }
}

base::Status CreateWarning(store::Store& store, const DemoWarningSpec& spec, base::TimePoint at) {
  domain::Warning warning;
  warning.kind = spec.kind;
  warning.slug = std::string(spec.slug);
  warning.title = std::string(spec.title);
  warning.body = std::string(spec.body);
  if (spec.published) warning.published_at = at;
  warning.category = domain::ParseCategory(spec.category);
  if (!warning.category) {
    return base::InvalidArgumentError("demo warning: unknown category " +
                                      std::string(spec.category));
  }
  warning.created_at = at;
  warning.updated_at = at;
  for (const DemoIndicator& ind : spec.indicators) {
    const std::optional<indicator::Kind> kind = indicator::ParseKind(ind.kind);
    if (!kind) {
      return base::InvalidArgumentError("demo warning: unknown kind " + std::string(ind.kind));
    }
    BINHYEN_ASSIGN_OR_RETURN(indicator::Indicator canonical,
                             indicator::Canonicalize(*kind, ind.value));
    warning.indicators.push_back({canonical.kind, canonical.canonical});
  }
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(int64_t id, tx->Warnings().Create(warning));
  const std::string summary = std::string(spec.published ? "published " : "drafted ") +
                              std::string(domain::Name(spec.kind)) + " " + warning.slug;
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(service::MakeAuditEntry(
                                  at, "user:" + std::string(DemoAnalysts().front()),
                                  "warning.create", "warning:" + std::to_string(id), summary))
                              .status());
  return tx->Commit();
}

}  // namespace

uint64_t DemoDice::Next() {
  std::array<uint8_t, 8> bytes;
  random_.Fill(bytes);
  uint64_t v = 0;
  for (uint8_t b : bytes) v = (v << 8) | b;
  return v;
}

int64_t DemoDice::Between(int64_t lo, int64_t hi) {
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int64_t>(Next() % span);
}

base::Status CreateDemoHistory(store::Store& store, const crypto::SecretBox& contact_box,
                               base::FakeClock& clock, base::TimePoint now, uint64_t seed) {
  DemoDice dice(seed);
  crypto::FakeRandom receipt_random(seed ^ kReceiptSeedSalt);
  service::ReportIntake intake(store, contact_box, clock, receipt_random);
  service::Triage triage(store, clock);
  std::vector<Event> events;
  ReportPlan plan(intake, triage, now, dice);
  plan.Add(DemoReports(), events);
  for (DemoWarningSpec& spec : DemoWarnings()) {
    const base::TimePoint at = std::min(VietnamMidnight(now) - hours(24 * spec.days_ago) +
                                            minutes(dice.Between(kPublishFrom, kPublishUntil)),
                                        now - minutes(1));
    events.push_back({at, [&store, spec, at] { return CreateWarning(store, spec, at); }});
  }
  // Date order; events at the same time keep the order they were planned in (a report is
  // filed before it is triaged).
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });
  for (const Event& event : events) {
    clock.Set(event.at);
    BINHYEN_RETURN_IF_ERROR(event.run());
  }
  clock.Set(now);
  return base::Status::Ok();
}

}  // namespace binhyen::app::internal
