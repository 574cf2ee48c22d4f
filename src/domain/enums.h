#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace binhyen::domain {

// Closed vocabularies of the domain. Each enum has a stable lower_snake_case name (the name used
// in the database, the API, the CLI and logs): `Name(x)` returns it and `ParseX(name)` accepts
// exactly those names (nullopt otherwise). Adding a value is a schema change: the SQL CHECK
// constraints in store/migrations list the names.

// Where a report came from.
enum class Channel { kWeb, kApi, kBot, kCli };

// The kind of scam or harm a report is about.
enum class Category {
  kPhishing,
  kFakePolice,
  kBankImpersonation,
  kLoan,
  kDelivery,
  kJobTask,
  kInvestment,
  kPrize,
  kRomanceSextortion,
  kFakeApp,
  kAccountTakeover,
  kFakeBill,
  kScholarship,
  kSpam,
  kRumour,
  // Added by migration 0002 (the report API's coarse categories, issue 4).
  kScamCall,
  kBankFraud,
  kFakeAccount,
  kMalware,
  kExtortion,
  kOther,
};

// Where a report is in its review. See report_state.h for the legal moves.
enum class ReportStatus { kReceived, kTriaging, kConfirmed, kRejected, kDuplicate };

enum class Severity { kLow, kMedium, kHigh, kCritical };

// The state of an indicator in the reputation set. Only kConfirmed is ever published.
enum class IndicatorStatus { kPending, kConfirmed, kExpired, kDelisted };

// A warning about a scam, or an official clarification answering a false rumour.
enum class WarningKind { kWarning, kClarification };

enum class DisputeStatus { kOpen, kAccepted, kRejected };

// Roles as in DESIGN.md ("Users and roles").
enum class Role { kMember, kUnitOfficer, kAnalyst, kProgrammeAdmin, kFinance, kAdmin };

std::string_view Name(Channel v);          // "web" "api" "bot" "cli"
std::string_view Name(Category v);         // "phishing" ... "romance_sextortion" ... "other"
std::string_view Name(ReportStatus v);     // "received" "triaging" "confirmed" ...
std::string_view Name(Severity v);         // "low" "medium" "high" "critical"
std::string_view Name(IndicatorStatus v);  // "pending" "confirmed" "expired" "delisted"
std::string_view Name(WarningKind v);      // "warning" "clarification"
std::string_view Name(DisputeStatus v);    // "open" "accepted" "rejected"
std::string_view Name(Role v);             // "member" "unit_officer" ... "admin"

std::optional<Channel> ParseChannel(std::string_view name);
std::optional<Category> ParseCategory(std::string_view name);
std::optional<ReportStatus> ParseReportStatus(std::string_view name);
std::optional<Severity> ParseSeverity(std::string_view name);
std::optional<IndicatorStatus> ParseIndicatorStatus(std::string_view name);
std::optional<WarningKind> ParseWarningKind(std::string_view name);
std::optional<DisputeStatus> ParseDisputeStatus(std::string_view name);
std::optional<Role> ParseRole(std::string_view name);

// Every category, in the order of the enum (forms list them in this order).
std::vector<Category> AllCategories();

}  // namespace binhyen::domain
