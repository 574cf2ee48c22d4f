#pragma once

// The content of the demo data set (app/demo.h): Đức Phổ's units, the demo accounts, the
// reports with what the analysts decided, and the warnings. Plain data, no I/O.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/enums.h"
#include "domain/unit.h"

namespace binhyen::app::internal {

struct DemoUnitSpec {
  std::string_view code;
  std::string_view name;
  domain::UnitKind kind = domain::UnitKind::kOther;
  std::string_view parent_code;  // "" for wards and communes
};

// Wards and communes first (parents before children).
std::vector<DemoUnitSpec> DemoUnits();

// "Phổ Minh" -> "pho-minh": folded (text::FoldVietnamese), runs of other characters as one '-'.
std::string DemoSlug(std::string_view name);

struct DemoUserSpec {
  std::string_view name;
  domain::Role role = domain::Role::kMember;
  std::string_view unit;
  bool totp = false;
};

std::vector<DemoUserSpec> DemoUsers();

// The analyst who holds the demo's API token, and its scopes.
inline constexpr std::string_view kDemoTokenUser = "phantich.an";
std::vector<std::string_view> DemoTokenScopes();
// The analysts who triage the demo's reports (actor and assignee).
std::vector<std::string_view> DemoAnalysts();

struct DemoIndicator {
  std::string_view kind;   // an indicator kind name
  std::string_view value;  // as the reporter typed it
};

// Where the analysts left a report.
enum class DemoOutcome {
  kReceived,          // not looked at yet
  kTriaging,          // taken off the queue, not assigned
  kTriagingAssigned,  // taken and assigned to an analyst
  kConfirmed,         // note: the public note
  kRejected,          // note: the reason
  kDuplicate,         // note: the reason; duplicate_of: the key of an earlier report
};

struct DemoReportSpec {
  std::string_view key;  // unique, for duplicate_of
  int days_ago = 0;      // 0..kDemoHistoryDays; a duplicate comes later than its original
  std::string_view category;
  std::string_view ward;  // a ward / commune code; "" = drawn from the seed
  std::string_view description;
  std::vector<DemoIndicator> indicators;
  int64_t loss_vnd = 0;
  DemoOutcome outcome = DemoOutcome::kReceived;
  std::string_view note = {};
  std::string_view duplicate_of = {};
};

// The catalogue in two parts (demo_reports.cc, demo_reports_other.cc) and whole. In no
// particular order: the demo files the reports by date. Keys are unique, and every
// duplicate_of names a report with a larger days_ago.
std::vector<DemoReportSpec> DemoMoneyScamReports();
std::vector<DemoReportSpec> DemoOtherReports();
std::vector<DemoReportSpec> DemoReports();

struct DemoWarningSpec {
  domain::WarningKind kind = domain::WarningKind::kWarning;
  std::string_view slug;
  std::string_view title;
  std::string_view body;  // Markdown
  int days_ago = 0;
  bool published = true;
  std::vector<DemoIndicator> indicators;  // canonicalised when stored
  std::string_view category;              // a domain::Category name
};

std::vector<DemoWarningSpec> DemoWarnings();

}  // namespace binhyen::app::internal
