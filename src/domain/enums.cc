#include "domain/enums.h"

#include <array>
#include <utility>

#include "domain/internal/rules.h"

namespace binhyen::domain {
namespace {

using internal::NameIn;
using internal::ParseIn;

// One table per enum: the single place a name is spelled.
template <typename E, size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

constexpr NameTable<Channel, 4> kChannels = {{
    {Channel::kWeb, "web"},
    {Channel::kApi, "api"},
    {Channel::kBot, "bot"},
    {Channel::kCli, "cli"},
}};

constexpr NameTable<Category, 21> kCategories = {{
    {Category::kPhishing, "phishing"},
    {Category::kFakePolice, "fake_police"},
    {Category::kBankImpersonation, "bank_impersonation"},
    {Category::kLoan, "loan"},
    {Category::kDelivery, "delivery"},
    {Category::kJobTask, "job_task"},
    {Category::kInvestment, "investment"},
    {Category::kPrize, "prize"},
    {Category::kRomanceSextortion, "romance_sextortion"},
    {Category::kFakeApp, "fake_app"},
    {Category::kAccountTakeover, "account_takeover"},
    {Category::kFakeBill, "fake_bill"},
    {Category::kScholarship, "scholarship"},
    {Category::kSpam, "spam"},
    {Category::kRumour, "rumour"},
    {Category::kScamCall, "scam_call"},
    {Category::kBankFraud, "bank_fraud"},
    {Category::kFakeAccount, "fake_account"},
    {Category::kMalware, "malware"},
    {Category::kExtortion, "extortion"},
    {Category::kOther, "other"},
}};

constexpr NameTable<ReportStatus, 5> kReportStatuses = {{
    {ReportStatus::kReceived, "received"},
    {ReportStatus::kTriaging, "triaging"},
    {ReportStatus::kConfirmed, "confirmed"},
    {ReportStatus::kRejected, "rejected"},
    {ReportStatus::kDuplicate, "duplicate"},
}};

constexpr NameTable<Severity, 4> kSeverities = {{
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

constexpr NameTable<IndicatorStatus, 4> kIndicatorStatuses = {{
    {IndicatorStatus::kPending, "pending"},
    {IndicatorStatus::kConfirmed, "confirmed"},
    {IndicatorStatus::kExpired, "expired"},
    {IndicatorStatus::kDelisted, "delisted"},
}};

constexpr NameTable<WarningKind, 2> kWarningKinds = {{
    {WarningKind::kWarning, "warning"},
    {WarningKind::kClarification, "clarification"},
}};

constexpr NameTable<DisputeStatus, 3> kDisputeStatuses = {{
    {DisputeStatus::kOpen, "open"},
    {DisputeStatus::kAccepted, "accepted"},
    {DisputeStatus::kRejected, "rejected"},
}};

constexpr NameTable<Role, 6> kRoles = {{
    {Role::kMember, "member"},
    {Role::kUnitOfficer, "unit_officer"},
    {Role::kAnalyst, "analyst"},
    {Role::kProgrammeAdmin, "programme_admin"},
    {Role::kFinance, "finance"},
    {Role::kAdmin, "admin"},
}};

template <typename E, size_t N>
std::string_view Lookup(const NameTable<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

template <typename E, size_t N>
std::optional<E> Parse(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view Name(Channel v) { return Lookup(kChannels, v); }
std::string_view Name(Category v) { return Lookup(kCategories, v); }
std::string_view Name(ReportStatus v) { return Lookup(kReportStatuses, v); }
std::string_view Name(Severity v) { return Lookup(kSeverities, v); }
std::string_view Name(IndicatorStatus v) { return Lookup(kIndicatorStatuses, v); }
std::string_view Name(WarningKind v) { return Lookup(kWarningKinds, v); }
std::string_view Name(DisputeStatus v) { return Lookup(kDisputeStatuses, v); }
std::string_view Name(Role v) { return Lookup(kRoles, v); }

std::optional<Channel> ParseChannel(std::string_view n) { return Parse(kChannels, n); }
std::optional<Category> ParseCategory(std::string_view n) { return Parse(kCategories, n); }
std::optional<ReportStatus> ParseReportStatus(std::string_view n) {
  return Parse(kReportStatuses, n);
}
std::optional<Severity> ParseSeverity(std::string_view n) { return Parse(kSeverities, n); }
std::optional<IndicatorStatus> ParseIndicatorStatus(std::string_view n) {
  return Parse(kIndicatorStatuses, n);
}
std::optional<WarningKind> ParseWarningKind(std::string_view n) { return Parse(kWarningKinds, n); }
std::optional<DisputeStatus> ParseDisputeStatus(std::string_view n) {
  return Parse(kDisputeStatuses, n);
}
std::optional<Role> ParseRole(std::string_view n) { return Parse(kRoles, n); }

std::vector<Category> AllCategories() {
  std::vector<Category> out;
  for (const auto& [value, name] : kCategories) out.push_back(value);
  return out;
}

}  // namespace binhyen::domain
