#pragma once

// TESTS ONLY: the fixture of the plan's console pages (web_plan_test.cc,
// web_plan_budget_review_test.cc): a server with three units, a programme admin, two unit
// officers, finance and a member signed in, and helpers to post the plan's forms.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "domain/self_assessment.h"
#include "http/form.h"

namespace binhyen::app::testing {

inline constexpr std::string_view kPlanHostile = "<script>alert(1)</script>";

// Every match of group 1 of `pattern` in `text`.
inline std::vector<std::string> All(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

// The id at the end of a redirect's path ("/quan-tri/x/12?ok=y" -> "12").
inline std::string IdOf(const Call& call) {
  std::string location(call.headers.Get("Location").value_or(""));
  location = location.substr(0, location.find('?'));
  return location.substr(location.rfind('/') + 1);
}

class PlanPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s_.AddUnits({{"duc-pho", "Thị xã Đức Phổ", ""},
                 {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                 {"nghia-lo", "Phường Nghĩa Lộ", "duc-pho"}});
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("canbo.pm", "unit_officer");
    s_.AddUser("canbo.nl", "unit_officer");
    s_.AddUser("ketoan.lan", "finance");
    s_.AddUser("thanh.vien", "member");
    s_.SetUserUnit("canbo.pm", "pho-minh");
    s_.SetUserUnit("canbo.nl", "nghia-lo");
    SignIn();
  }

  // Signs everyone in again (sessions last 12 hours; tests move the clock by days).
  void SignIn() {
    admin_ = s_.Login("chuong.trinh");
    officer_ = s_.Login("canbo.pm");
    other_officer_ = s_.Login("canbo.nl");
    finance_ = s_.Login("ketoan.lan");
    member_ = s_.Login("thanh.vien");
  }

  Call Post(const Browser& b, const std::string& path, const std::string& fields) {
    return s_.Send(http::Method::kPost, path,
                   ContentType("application/x-www-form-urlencoded", b.Cookies()),
                   fields + "&csrf_token=" + http::UrlEncode(b.csrf));
  }
  Call PostWithoutToken(const Browser& b, const std::string& path, const std::string& fields) {
    return s_.Send(http::Method::kPost, path,
                   ContentType("application/x-www-form-urlencoded", b.Cookies()), fields);
  }
  Call Get(const Browser& b, const std::string& path) {
    return s_.Send(http::Method::kGet, path, b.Cookies());
  }

  // Assigns a task to `units` ("units=a&units=b") due on `due`; expects the redirect.
  void Assign(const std::string& units, const std::string& title, const std::string& due) {
    Call created =
        Post(admin_, "/quan-tri/nhiem-vu",
             units + "&title=" + http::UrlEncode(title) +
                 "&responsible=" + http::UrlEncode("Chủ tịch UBND phường") +
                 "&expected_result=" + http::UrlEncode("Báo cáo kết quả bằng văn bản") +
                 "&due_on=" + due + "&description=" + http::UrlEncode(std::string(kPlanHostile)));
    ASSERT_EQ(created.status, 303) << created.body;
    EXPECT_EQ(created.headers.Get("Location").value_or(""), "/quan-tri/nhiem-vu?ok=created");
  }

  // The ids of the tasks in the admin's reminder CSV of `view`, by unit name.
  std::map<std::string, std::string> TaskIdsByUnit(const std::string& view) {
    Call csv = Get(admin_, "/quan-tri/nhiem-vu/nhac-viec.csv?xem=" + view);
    EXPECT_EQ(csv.status, 200);
    std::map<std::string, std::string> out;
    for (const auto& line : All(csv.body, R"(\n(\d+,"[^"]*"))")) {
      out[line.substr(line.find(',') + 2, line.size() - line.find(',') - 3)] =
          line.substr(0, line.find(','));
    }
    return out;
  }

  // A finance budget line of 5.000.000 đ for Phổ Minh in 2026: its id.
  std::string CreateLine() {
    Call created =
        Post(finance_, "/quan-tri/kinh-phi",
             "year=2026&unit=pho-minh&activity=" + http::UrlEncode("Tập huấn nhận diện lừa đảo") +
                 "&source=" + http::UrlEncode("Ngân sách thị xã") + "&allocated=5.000.000&note=");
    EXPECT_EQ(created.status, 303) << created.body;
    EXPECT_THAT(std::string(created.headers.Get("Location").value_or("")),
                ::testing::StartsWith("/quan-tri/kinh-phi/"));
    return IdOf(created);
  }

  // Every answer of the current checklist "yes", the one at `skip` (if any) left out and the one
  // at `partly` "partly", as form fields.
  static std::string Answers(int skip, int partly) {
    std::string fields;
    int i = 0;
    for (const domain::ChecklistItem& item : domain::CurrentChecklist().items) {
      if (i != skip) {
        fields += "&a." + std::string(item.key) + "=" + (i == partly ? "partly" : "yes");
      }
      ++i;
    }
    return fields;
  }

  TestServer s_;
  Browser admin_, officer_, other_officer_, finance_, member_;
};

}  // namespace binhyen::app::testing
