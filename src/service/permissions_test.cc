#include "service/permissions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

namespace binhyen::service {
namespace {

using ::testing::ElementsAre;
using R = domain::Role;
using P = Permission;

constexpr std::array<R, 6> kAllRoles = {R::kMember,         R::kUnitOfficer, R::kAnalyst,
                                        R::kProgrammeAdmin, R::kFinance,     R::kAdmin};

// The role table of DESIGN.md, written out: one row per role, one column per permission in
// enum order (read, triage, contact, submit, audit, disputes read, disputes resolve).
struct Row {
  R role;
  bool reports_read;
  bool reports_triage;
  bool reports_contact;
  bool reports_submit;
  bool audit_read;
  bool disputes_read;
  bool disputes_resolve;
  bool second_factor;
};
constexpr std::array<Row, 6> kTable = {{
    //  role                read   triage contact submit audit  d.read d.resolve 2FA
    {R::kMember, false, false, false, true, false, false, false, false},
    {R::kUnitOfficer, false, false, false, true, false, false, false, false},
    {R::kAnalyst, true, true, true, true, false, true, true, true},
    {R::kProgrammeAdmin, false, false, false, true, false, false, false, false},
    {R::kFinance, false, false, false, true, false, false, false, false},
    {R::kAdmin, false, false, false, true, true, false, false, true},
}};

TEST(PermissionsTest, RoleTableIsExactlyAsDesigned) {
  for (const Row& row : kTable) {
    SCOPED_TRACE(domain::Name(row.role));
    EXPECT_EQ(RoleHas(row.role, P::kReportsRead), row.reports_read);
    EXPECT_EQ(RoleHas(row.role, P::kReportsTriage), row.reports_triage);
    EXPECT_EQ(RoleHas(row.role, P::kReportsContact), row.reports_contact);
    EXPECT_EQ(RoleHas(row.role, P::kReportsSubmit), row.reports_submit);
    EXPECT_EQ(RoleHas(row.role, P::kAuditRead), row.audit_read);
    EXPECT_EQ(RoleHas(row.role, P::kDisputesRead), row.disputes_read);
    EXPECT_EQ(RoleHas(row.role, P::kDisputesResolve), row.disputes_resolve);
    EXPECT_EQ(RoleNeedsSecondFactor(row.role), row.second_factor);
  }
}

TEST(PermissionsTest, TableCoversEveryRole) {
  std::set<R> covered;
  for (const Row& row : kTable) covered.insert(row.role);
  EXPECT_EQ(covered, std::set<R>(kAllRoles.begin(), kAllRoles.end()));
}

TEST(PermissionsTest, ProgrammeAdminsRunCampaignsUnitOfficersManageTheirPeople) {
  for (R role : kAllRoles) {
    SCOPED_TRACE(domain::Name(role));
    EXPECT_EQ(RoleHas(role, P::kProgrammeManage), role == R::kProgrammeAdmin);
    const bool people = role == R::kProgrammeAdmin || role == R::kUnitOfficer;
    EXPECT_EQ(RoleHas(role, P::kPeopleManage), people);
    EXPECT_EQ(RoleHas(role, P::kPeopleContact), people);
  }
  EXPECT_EQ(ScopeName(P::kProgrammeManage), "programme:manage");
  EXPECT_EQ(ParseScope("people:manage"), P::kPeopleManage);
  EXPECT_EQ(ParseScope("people:contact"), P::kPeopleContact);
}

TEST(PermissionsTest, AdminsDoNotReadReports) {
  EXPECT_FALSE(RoleHas(R::kAdmin, P::kReportsRead));
  EXPECT_FALSE(RoleHas(R::kAdmin, P::kReportsContact));
  EXPECT_FALSE(RoleHas(R::kAnalyst, P::kAuditRead));
  EXPECT_FALSE(RoleHas(R::kAdmin, P::kDisputesRead));
}

TEST(PermissionsTest, AllPermissionsInEnumOrder) {
  EXPECT_THAT(AllPermissions(),
              ElementsAre(P::kReportsRead, P::kReportsTriage, P::kReportsContact, P::kReportsSubmit,
                          P::kAuditRead, P::kDisputesRead, P::kDisputesResolve, P::kProgrammeManage,
                          P::kPeopleManage, P::kPeopleContact, P::kBudgetManage));
}

TEST(PermissionsTest, OnlyFinanceKeepsTheBudget) {
  for (R role : kAllRoles) {
    SCOPED_TRACE(domain::Name(role));
    EXPECT_EQ(RoleHas(role, P::kBudgetManage), role == R::kFinance);
  }
  EXPECT_EQ(ScopeName(P::kBudgetManage), "budget:manage");
  EXPECT_EQ(ParseScope("budget:manage"), P::kBudgetManage);
}

TEST(PermissionsTest, ScopeNames) {
  EXPECT_EQ(ScopeName(P::kReportsRead), "reports:read");
  EXPECT_EQ(ScopeName(P::kReportsTriage), "reports:triage");
  EXPECT_EQ(ScopeName(P::kReportsContact), "reports:contact");
  EXPECT_EQ(ScopeName(P::kReportsSubmit), "reports:submit");
  EXPECT_EQ(ScopeName(P::kAuditRead), "audit:read");
  EXPECT_EQ(ScopeName(P::kDisputesRead), "disputes:read");
  EXPECT_EQ(ScopeName(P::kDisputesResolve), "disputes:resolve");
}

TEST(PermissionsTest, ParseScopeRoundTripsAndRejectsOthers) {
  for (P p : AllPermissions()) {
    EXPECT_EQ(ParseScope(ScopeName(p)), p) << ScopeName(p);
  }
  EXPECT_EQ(ParseScope(""), std::nullopt);
  EXPECT_EQ(ParseScope("reports"), std::nullopt);
  EXPECT_EQ(ParseScope("Reports:Read"), std::nullopt);
  EXPECT_EQ(ParseScope("reports:read "), std::nullopt);
  EXPECT_EQ(ParseScope("reports:write"), std::nullopt);
  EXPECT_EQ(ParseScope("audit:write"), std::nullopt);
}

}  // namespace
}  // namespace binhyen::service
