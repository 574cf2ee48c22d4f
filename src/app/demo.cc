#include "app/demo.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include "app/admin.h"
#include "app/internal/demo_articles.h"
#include "app/internal/demo_channels.h"
#include "app/internal/demo_content.h"
#include "app/internal/demo_history.h"
#include "app/internal/demo_plan.h"
#include "app/internal/demo_programme.h"
#include "app/internal/demo_quiz.h"
#include "app/internal/demo_trainings.h"
#include "exchange/importer.h"
#include "service/audit_entry.h"
#include "service/auth.h"

namespace binhyen::app {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr int kListPage = 1000;

// FailedPrecondition when the installation holds anything a demo would mix with.
base::Status CheckFresh(store::Store& store, std::string_view where) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::User> users, tx->Users().List());
  BINHYEN_ASSIGN_OR_RETURN(int64_t reports, tx->Reports().Count());
  BINHYEN_ASSIGN_OR_RETURN(int64_t indicators, tx->Indicators().CurrentVersion());
  // Warnings are never deleted and ids start at 1: warning 1 exists once any was written.
  base::Result<domain::Warning> warning = tx->Warnings().Get(1);
  const bool no_warnings = !warning.ok() && warning.status().code() == base::StatusCode::kNotFound;
  if (!warning.ok() && !no_warnings) return warning.status();
  if (units.empty() && users.empty() && reports == 0 && indicators == 0 && no_warnings) {
    return base::Status::Ok();
  }
  return base::FailedPreconditionError(std::string(where) +
                                       " already has data; use a fresh --data directory");
}

// Every unit in one transaction, each with its audit entry "unit.create".
base::Status CreateUnits(store::Store& store, base::TimePoint at, std::string_view actor) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
  for (const internal::DemoUnitSpec& spec : internal::DemoUnits()) {
    domain::Unit unit{std::string(spec.code), std::string(spec.name), spec.kind,
                      std::string(spec.parent_code), at};
    BINHYEN_RETURN_IF_ERROR(tx->Units().Create(unit));
    BINHYEN_RETURN_IF_ERROR(
        tx->Audit()
            .Append(service::MakeAuditEntry(at, actor, "unit.create", "unit:" + unit.code,
                                            std::string(domain::Name(unit.kind)) + " " + unit.name))
            .status());
  }
  return tx->Commit();
}

// Puts user `name` in `unit` (Admin::AddUser creates users without one), audited.
base::Status SetUnit(store::Store& store, std::string_view name, std::string_view unit,
                     base::TimePoint at, std::string_view actor) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(domain::User user, tx->Users().GetByName(name));
  user.unit = std::string(unit);
  BINHYEN_RETURN_IF_ERROR(tx->Users().Update(user));
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(service::MakeAuditEntry(at, actor, "user.update",
                                                              "user:" + std::to_string(user.id),
                                                              "unit set to " + user.unit))
                              .status());
  return tx->Commit();
}

// The demo accounts, their units and TOTP secrets, and the analyst's API token.
base::Status CreateAccounts(store::Store& store, Admin& admin, service::Authenticator& auth,
                            base::FakeClock& clock, std::string_view actor, DemoSummary& out) {
  for (const internal::DemoUserSpec& spec : internal::DemoUsers()) {
    clock.Advance(minutes(1));
    BINHYEN_ASSIGN_OR_RETURN(domain::User user,
                             admin.AddUser(spec.name, domain::Name(spec.role), kDemoPassword));
    BINHYEN_RETURN_IF_ERROR(SetUnit(store, user.name, spec.unit, clock.Now(), actor));
    DemoAccount account{user.name, user.role, std::string(spec.unit), ""};
    if (spec.totp) {
      BINHYEN_ASSIGN_OR_RETURN(account.totp_secret, auth.EnrollTotp(user.name, actor));
    }
    out.accounts.push_back(std::move(account));
  }
  clock.Advance(minutes(1));
  std::vector<std::string> scopes;
  for (std::string_view s : internal::DemoTokenScopes()) scopes.emplace_back(s);
  BINHYEN_ASSIGN_OR_RETURN(CreatedToken token, admin.CreateToken(internal::kDemoTokenUser, scopes));
  out.token_user = std::string(internal::kDemoTokenUser);
  out.token_scopes = token.stored.scopes;
  out.token = token.token;
  return base::Status::Ok();
}

// The counts of the summary, read back from the store.
base::Status CountWhatWasMade(store::Store& store, base::TimePoint now, DemoSummary& out) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  for (domain::UnitKind kind :
       {domain::UnitKind::kWard, domain::UnitKind::kCommune, domain::UnitKind::kSchool,
        domain::UnitKind::kAgency, domain::UnitKind::kBusiness, domain::UnitKind::kOther}) {
    const int64_t n = std::count_if(units.begin(), units.end(),
                                    [kind](const domain::Unit& u) { return u.kind == kind; });
    if (n > 0) out.units.emplace_back(kind, n);
  }
  BINHYEN_ASSIGN_OR_RETURN(out.reports, tx->Reports().Count());
  BINHYEN_ASSIGN_OR_RETURN(out.reports_by_status, tx->Reports().CountByStatus());
  store::PageRequest page{kListPage, ""};
  do {
    BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Report> reports,
                             tx->Reports().List(store::ReportFilter{}, page));
    for (const domain::Report& r : reports.items) {
      if (!r.linked_report_ids.empty()) ++out.linked_reports;
    }
    page.after = reports.next;
  } while (!page.after.empty());
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::IndicatorRecord> records,
                           tx->Indicators().ChangesSince(0, 10000));
  for (const domain::IndicatorRecord& r : records) {
    if (r.status == domain::IndicatorStatus::kConfirmed) ++out.confirmed_indicators;
  }
  for (domain::WarningKind kind :
       {domain::WarningKind::kWarning, domain::WarningKind::kClarification}) {
    BINHYEN_ASSIGN_OR_RETURN(store::Page<domain::Warning> published,
                             tx->Warnings().ListPublished(kind, now, {kListPage, ""}));
    const int64_t n = static_cast<int64_t>(published.items.size());
    (kind == domain::WarningKind::kWarning ? out.warnings : out.clarifications) = n;
  }
  out.draft_warnings =
      static_cast<int64_t>(internal::DemoWarnings().size()) - out.warnings - out.clarifications;
  return base::Status::Ok();
}

}  // namespace

// A few lines of hostsVN's threat-VN list (bigdargon/hostsVN, MIT), imported as an outside
// source trusted "medium": their hosts answer "suspicious", beside our own confirmed ones.
constexpr std::string_view kDemoFeed =
    "# hostsVN threat-VN (excerpt)\n"
    "0.0.0.0 247vi-bank.com\n"
    "0.0.0.0 24-7bank.com\n"
    "0.0.0.0 247napas.com\n"
    "0.0.0.0 agrib-vn.com\n"
    "0.0.0.0 congdientu247.com\n"
    "0.0.0.0 hethonggiaodichvidientu247.com\n"
    "0.0.0.0 ibankingdigital.com\n"
    "0.0.0.0 lienkettaikhoan.com\n"
    "0.0.0.0 new-vietcombank.com\n"
    "0.0.0.0 sacombank.vn-ne.top\n"
    "0.0.0.0 bidv-transfermoney.weebly.com\n"
    "0.0.0.0 banking24hsingapore.weebly.com\n";

base::Status ImportDemoFeed(store::Store& store, const base::Clock& clock, std::string_view actor,
                            DemoSummary& summary) {
  exchange::Importer importer(store, clock);
  exchange::ImportRequest request;
  request.source = "hostsvn-mau";
  request.format = exchange::ImportFormat::kHosts;
  request.trust = domain::FeedTrust::kMedium;
  request.text = kDemoFeed;
  request.default_category = "phishing";
  request.actor = std::string(actor);
  BINHYEN_ASSIGN_OR_RETURN(exchange::ImportReport report, importer.Import(request));
  summary.imported_entries = report.added;
  return base::Status::Ok();
}

base::Result<DemoSummary> CreateDemoData(store::Store& store, const crypto::SecretBox& contact_box,
                                         const crypto::SecretBox& secrets_box,
                                         const base::Clock& clock, crypto::Random& key_random,
                                         std::string_view where, const DemoOptions& options) {
  BINHYEN_ASSIGN_OR_RETURN(int version, store.SchemaVersion());
  if (version != 0) {
    // An existing installation: brought up to date as any command would, then it must be empty.
    Admin admin(store, clock, key_random, options.actor, options.password_cost);
    BINHYEN_RETURN_IF_ERROR(admin.Migrate().status());
    BINHYEN_RETURN_IF_ERROR(CheckFresh(store, where));
  }
  // The demo's history ends now (whole seconds, so that printed times are tidy) and begins a
  // little before kDemoHistoryDays ago, with the migration, the units and the accounts.
  const base::TimePoint now = std::chrono::time_point_cast<std::chrono::seconds>(clock.Now());
  base::FakeClock demo_clock(now - hours(24 * (kDemoHistoryDays + 2)));
  Admin admin(store, demo_clock, key_random, options.actor, options.password_cost);
  if (version == 0) BINHYEN_RETURN_IF_ERROR(admin.Migrate().status());

  DemoSummary summary;
  summary.password = std::string(kDemoPassword);
  BINHYEN_RETURN_IF_ERROR(CreateUnits(store, demo_clock.Now(), options.actor));
  service::AuthOptions auth_options;
  auth_options.password_cost = options.password_cost;
  service::Authenticator auth(store, secrets_box, demo_clock, key_random, auth_options);
  BINHYEN_RETURN_IF_ERROR(CreateAccounts(store, admin, auth, demo_clock, options.actor, summary));
  BINHYEN_RETURN_IF_ERROR(
      internal::CreateDemoHistory(store, contact_box, demo_clock, now, options.seed));
  BINHYEN_RETURN_IF_ERROR(ImportDemoFeed(store, demo_clock, options.actor, summary));
  BINHYEN_RETURN_IF_ERROR(internal::CreateDemoProgramme(store, contact_box, now));
  BINHYEN_RETURN_IF_ERROR(internal::CreateDemoArticles(store, demo_clock, now));
  BINHYEN_RETURN_IF_ERROR(internal::CreateDemoTrainings(store, now));
  BINHYEN_RETURN_IF_ERROR(internal::CreateDemoQuiz(store, now));
  BINHYEN_RETURN_IF_ERROR(internal::CreateDemoChannels(store, contact_box, now));
  BINHYEN_RETURN_IF_ERROR(internal::CreateDemoPlan(store, contact_box, now));
  BINHYEN_RETURN_IF_ERROR(CountWhatWasMade(store, now, summary));
  return summary;
}

}  // namespace binhyen::app
