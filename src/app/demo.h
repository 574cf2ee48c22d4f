#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/password.h"
#include "crypto/random.h"
#include "crypto/secret_box.h"
#include "domain/enums.h"
#include "store/store.h"

namespace binhyen::app {

// The one password of every demo account. The demo is for local trials only: it is printed.
inline constexpr std::string_view kDemoPassword = "binhyen-demo";
// How far back the demo's history reaches: reports are spread over these many days before now.
inline constexpr int kDemoHistoryDays = 90;

struct DemoOptions {
  // Seeds everything random in the demo content (wards, times, contacts, receipt codes,
  // assignees): the same seed and the same clock time give the same data. Passwords, TOTP
  // secrets and the API token come from the `key_random` given to CreateDemoData.
  uint64_t seed = 1;
  // Written as the actor of the migration, units, users and warnings in the audit log.
  std::string actor = "cli:demo";
  crypto::PasswordCost password_cost = crypto::kInteractivePasswordCost;
};

// A demo account as printed for the tester.
struct DemoAccount {
  std::string name;
  domain::Role role = domain::Role::kMember;
  std::string unit;
  std::string totp_secret;  // base32, for an authenticator app; "" when not enrolled
};

// What CreateDemoData made.
struct DemoSummary {
  // Units per kind, in domain::UnitKind order (kinds without units are left out).
  std::vector<std::pair<domain::UnitKind, int64_t>> units;
  std::vector<DemoAccount> accounts;  // in creation order
  std::string password;               // kDemoPassword
  std::string token_user;
  std::vector<std::string> token_scopes;
  std::string token;  // the bearer token (shown once)
  int64_t reports = 0;
  std::vector<std::pair<domain::ReportStatus, int64_t>> reports_by_status;  // every status
  int64_t linked_reports = 0;        // reports linked to at least one other
  int64_t confirmed_indicators = 0;  // indicator records put in the reputation set
  int64_t warnings = 0;              // published warnings
  int64_t draft_warnings = 0;        // unpublished warnings
  int64_t clarifications = 0;        // published clarifications
  int64_t imported_entries = 0;      // entries of the imported demo source (hostsvn-mau)
};

// Fills a fresh installation with a realistic Vietnamese demo data set for Đức Phổ (Quảng
// Ngãi): its 8 wards and 7 communes, schools, agencies and a bank branch; users of every role
// (password kDemoPassword, TOTP for analysts and the admin, an API token for an analyst); about
// 60 reports over the last kDemoHistoryDays days filed through service::ReportIntake and moved
// through service::Triage so that every status appears, with shared indicators and
// near-identical texts (so reports are linked) and confirmed indicators in the reputation set;
// warnings and a clarification. Every change is audited as the real use cases audit it.
//
// The history is dated: a base::FakeClock runs from kDemoHistoryDays (and a little) before
// `clock.Now()` up to it, so each report, verdict and warning has a plausible date.
//
// Migrates an empty database first. Refuses an installation that already has units, users,
// reports or warnings: FailedPrecondition "<where> already has data; use a fresh --data
// directory" (nothing written besides a migration the binary would make anyway). `where` names
// the installation in that message (the data directory). Other errors as the use cases return
// them; the data made until then stays (the caller starts again from a fresh directory).
//
// `contact_box` seals reporters' contacts, `secrets_box` the TOTP secrets (the same keys the
// server uses); `key_random` draws salts, TOTP secrets and the token. All references are used
// only during the call.
base::Result<DemoSummary> CreateDemoData(store::Store& store, const crypto::SecretBox& contact_box,
                                         const crypto::SecretBox& secrets_box,
                                         const base::Clock& clock, crypto::Random& key_random,
                                         std::string_view where, const DemoOptions& options);

// The summary printed by `binhyen demo`, in Vietnamese and English: counts, sign-in names with
// their roles and units, the password, TOTP secrets, the token and the next command
// (`binhyen serve --data <data_dir>`). Ends with a newline.
std::string FormatDemoSummary(const DemoSummary& summary, std::string_view data_dir);

}  // namespace binhyen::app
