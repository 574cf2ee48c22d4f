// The awareness programme over real HTTP (TestServer): people imported from CSV (a bad file
// imports nobody), a campaign sent to two wards, personal links opened and acknowledged without
// an account, completion per unit rising, tampered and expired links refused, and who may do
// what.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using nlohmann::json;
using testing::Browser;
using testing::Call;
using testing::TestServer;

constexpr std::string_view kHostile = "<script>alert(1)</script>";

class ProgrammeHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tx = s_.app().session().env().store->Begin(store::TxMode::kReadWrite).value();
    for (auto [code, name, parent] :
         std::vector<std::array<std::string, 3>>{{"duc-pho", "Thị xã Đức Phổ", ""},
                                                 {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                                                 {"nghia-lo", "Phường Nghĩa Lộ", "duc-pho"},
                                                 {"pho-vinh", "Phường Phổ Vinh", "duc-pho"},
                                                 {"thcs-pm", "Trường THCS Phổ Minh", "pho-minh"}}) {
      ASSERT_TRUE(
          tx->Units().Create({code, name, domain::UnitKind::kWard, parent, s_.clock().Now()}).ok());
    }
    ASSERT_TRUE(tx->Commit().ok());
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("thanh.vien", "member");
    admin_ = s_.Login("chuong.trinh");
    member_ = s_.Login("thanh.vien");
  }

  Call Import(const Browser& b, std::string_view csv) {
    http::Headers h = b.WithCsrf();
    h.Set("Content-Type", "text/csv");
    return s_.Send(Method::kPost, "/api/v1/people/import", h, csv);
  }

  int PeopleCount() {
    Call call = s_.Send(Method::kGet, "/api/v1/people", admin_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    return call.json.is_object() ? static_cast<int>(call.json["items"].size()) : -1;
  }

  // A campaign to pho-minh and nghia-lo, sent; returns its id.
  int64_t SendCampaign() {
    Call created =
        s_.Json(Method::kPost, "/api/v1/campaigns",
                {{"title", "Chỉ thị 01 " + std::string(kHostile)},
                 {"body", "# Nội dung\n\nKhông **bấm** link lạ. " + std::string(kHostile)},
                 {"deadline", "2026-12-31T17:00:00Z"},
                 {"units", {"pho-minh", "nghia-lo"}}},
                admin_.WithCsrf());
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.json.value("id", int64_t{0});
    EXPECT_EQ(created.json.value("status", ""), "draft");
    Call sent = s_.Send(Method::kPost, "/api/v1/campaigns/" + std::to_string(id) + "/send",
                        admin_.WithCsrf());
    EXPECT_EQ(sent.status, 200) << sent.body;
    return id;
  }

  // Every recipient's path, by name.
  std::map<std::string, std::string> Links(int64_t id) {
    Call call = s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(id) + "/links",
                        admin_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    std::map<std::string, std::string> out;
    for (const json& item : call.json["items"]) out[item["name"]] = item["path"];
    return out;
  }

  // Opens a personal link as a browser would and presses the button; returns the reply.
  Call Acknowledge(const std::string& path) {
    Call page = s_.Send(Method::kGet, path);
    EXPECT_EQ(page.status, 200) << page.body;
    const std::string token = testing::SetCookieValue(page, "by_form");
    EXPECT_FALSE(token.empty());
    // The form is there until the person has acknowledged (a second POST is still harmless).
    if (page.body.find("data-acknowledged=\"true\"") == std::string::npos) {
      EXPECT_NE(page.body.find("name=\"csrf_token\" value=\"" + token + "\""), std::string::npos);
    }
    http::Headers h;
    h.Set("Content-Type", "application/x-www-form-urlencoded");
    h.Set("Cookie", "by_form=" + token);
    return s_.Send(Method::kPost, path, h, "csrf_token=" + http::UrlEncode(token));
  }

  json Completion(int64_t id) {
    Call call = s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(id), admin_.Cookies());
    EXPECT_EQ(call.status, 200) << call.body;
    return call.json["completion"];
  }

  TestServer s_;
  Browser admin_, member_;
};

constexpr std::string_view kPeopleCsv =
    "ho_ten,chuc_vu,don_vi,so_dien_thoai,email\n"
    "Nguyễn Văn An,Tổ trưởng,pho-minh,0905 123 456,an@example.vn\n"
    "Trần Thị Bình,Giáo viên,thcs-pm,,\n"
    "Lê Văn Cường,Công an khu vực,nghia-lo,0912345678,\n"
    "Phạm Thị Dung,Cán bộ,Phường Phổ Vinh,,dung@example.vn\n";

TEST_F(ProgrammeHttpTest, ImportsAGoodFileAndRejectsABadOneWhole) {
  Call good = Import(admin_, kPeopleCsv);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json["imported"], 4);
  EXPECT_EQ(PeopleCount(), 4);

  Call bad = Import(admin_,
                    "name,position,unit,phone,email\n"
                    "Good Row,,pho-minh,,\n"
                    ",,pho-minh,,\n"
                    "X,,khong-co,,\n"
                    "Y,,pho-minh,123,\n"
                    "Z,,pho-minh,,not-an-email\n");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(testing::ProblemCode(bad), "invalid_rows");
  EXPECT_EQ(bad.json["imported"], 0);
  std::vector<std::pair<int, std::string>> rows;
  for (const json& e : bad.json["errors"]) rows.emplace_back(e["row"], e["field"]);
  EXPECT_THAT(rows, ::testing::ElementsAre(std::pair<int, std::string>{3, "name"},
                                           std::pair<int, std::string>{4, "unit"},
                                           std::pair<int, std::string>{5, "phone"},
                                           std::pair<int, std::string>{6, "email"}));
  EXPECT_EQ(bad.json["errors"][1]["detail_vi"], "không có đơn vị 'khong-co'");
  EXPECT_EQ(PeopleCount(), 4);  // "Good Row" was not imported either

  http::Headers xlsx = admin_.WithCsrf();
  xlsx.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // XLSX is read now (web_programme_test.cc); what is not a workbook is refused, not imported.
  EXPECT_EQ(s_.Send(Method::kPost, "/api/v1/people/import", xlsx, "PK").status, 422);
  http::Headers pdf = admin_.WithCsrf();
  pdf.Set("Content-Type", "application/pdf");
  EXPECT_EQ(s_.Send(Method::kPost, "/api/v1/people/import", pdf, "%PDF").status, 415);

  // Contacts are decrypted for the programme admin; ?unit= narrows to a subtree.
  Call listed = s_.Send(Method::kGet, "/api/v1/people?unit=pho-minh", admin_.Cookies());
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json["items"].size(), 2u);
  EXPECT_EQ(listed.json["items"][0]["phone"], "+84905123456");
  EXPECT_EQ(listed.json["items"][1]["unit"], "thcs-pm");
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/people", member_.Cookies()).status, 403);
}

TEST_F(ProgrammeHttpTest, UnitTreeNestsChildren) {
  Call call = s_.Send(Method::kGet, "/api/v1/units", member_.Cookies());
  ASSERT_EQ(call.status, 200) << call.body;
  ASSERT_EQ(call.json["items"].size(), 1u);
  const json& town = call.json["items"][0];
  EXPECT_EQ(town["code"], "duc-pho");
  ASSERT_EQ(town["children"].size(), 3u);
  EXPECT_EQ(town["children"][1]["code"], "pho-minh");
  EXPECT_EQ(town["children"][1]["children"][0]["code"], "thcs-pm");
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/units").status, 401);
}

TEST_F(ProgrammeHttpTest, MembersCannotRunCampaigns) {
  const int64_t audit = testing::LastAuditSeq(s_);
  Call refused =
      s_.Json(Method::kPost, "/api/v1/campaigns",
              {{"title", "T"}, {"body", "B"}, {"units", {"pho-minh"}}}, member_.WithCsrf());
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(testing::ProblemCode(refused), "forbidden");
  EXPECT_EQ(s_.Send(Method::kGet, "/api/v1/campaigns", member_.Cookies()).status, 403);
  EXPECT_EQ(testing::LastAuditSeq(s_), audit);
  Call no_csrf =
      s_.Json(Method::kPost, "/api/v1/campaigns",
              {{"title", "T"}, {"body", "B"}, {"units", {"pho-minh"}}}, admin_.Cookies());
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  Call unknown =
      s_.Json(Method::kPost, "/api/v1/campaigns",
              {{"title", "T"}, {"body", "B"}, {"units", {"khong-co"}}}, admin_.WithCsrf());
  EXPECT_EQ(unknown.status, 422) << unknown.body;
}

TEST_F(ProgrammeHttpTest, CampaignToTwoWardsCompletesAsPeopleAcknowledgeByLink) {
  ASSERT_EQ(Import(admin_, kPeopleCsv).status, 200);
  const int64_t id = SendCampaign();
  json completion = Completion(id);
  EXPECT_EQ(completion["recipients"], 3);  // An, Bình (child unit), Cường; not Dung
  EXPECT_EQ(completion["acknowledged"], 0);

  std::map<std::string, std::string> links = Links(id);
  ASSERT_EQ(links.size(), 3u);
  ASSERT_TRUE(links.count("Nguyễn Văn An") && links.count("Lê Văn Cường"));
  EXPECT_THAT(links["Nguyễn Văn An"], ::testing::StartsWith("/xac-nhan/"));

  // The page: the document (Markdown rendered, hostile text escaped) and the button.
  Call page = s_.Send(Method::kGet, links["Nguyễn Văn An"]);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Tôi đã đọc và nắm được nội dung"), std::string::npos);
  EXPECT_NE(page.body.find("<strong>bấm</strong>"), std::string::npos);
  EXPECT_EQ(page.body.find(std::string(kHostile)), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(page.headers.Get("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(page.headers.Get("Referrer-Policy").value_or(""), "no-referrer");

  s_.clock().Advance(std::chrono::minutes(5));
  Call thanks = Acknowledge(links["Nguyễn Văn An"]);
  ASSERT_EQ(thanks.status, 200) << thanks.body;
  EXPECT_NE(thanks.body.find("id=\"ack-thanks\""), std::string::npos);
  EXPECT_NE(thanks.body.find("data-acknowledged=\"true\""), std::string::npos);
  completion = Completion(id);
  EXPECT_EQ(completion["acknowledged"], 1);
  EXPECT_EQ(completion["percent"], 33);

  // A second click keeps the first time and writes nothing.
  const int64_t audit = testing::LastAuditSeq(s_);
  s_.clock().Advance(std::chrono::hours(2));
  EXPECT_EQ(Acknowledge(links["Nguyễn Văn An"]).status, 200);
  EXPECT_EQ(testing::LastAuditSeq(s_), audit);

  ASSERT_EQ(Acknowledge(links["Lê Văn Cường"]).status, 200);
  completion = Completion(id);
  EXPECT_EQ(completion["acknowledged"], 2);
  std::map<std::string, int> percent;
  for (const json& u : completion["units"]) percent[u["unit"]] = u["percent"];
  EXPECT_EQ(percent,
            (std::map<std::string, int>{{"nghia-lo", 100}, {"pho-minh", 100}, {"thcs-pm", 0}}));
  EXPECT_EQ(completion["units"][0]["unit"], "thcs-pm");  // the laggard first

  // Who has not read it: Bình, as JSON and as a CSV reminder list.
  Call pending = s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(id) + "/pending",
                         admin_.Cookies());
  ASSERT_EQ(pending.status, 200) << pending.body;
  ASSERT_EQ(pending.json["items"].size(), 1u);
  EXPECT_EQ(pending.json["items"][0]["name"], "Trần Thị Bình");
  EXPECT_EQ(pending.json["items"][0]["unit_name"], "Trường THCS Phổ Minh");
  Call csv =
      s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(id) + "/pending?format=csv",
              admin_.Cookies());
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_THAT(std::string(csv.headers.Get("Content-Type").value_or("")),
              ::testing::StartsWith("text/csv"));
  EXPECT_EQ(csv.body,
            "\xEF\xBB\xBFho_ten,chuc_vu,don_vi,ten_don_vi,so_dien_thoai,email\r\n"
            "\"Trần Thị Bình\",\"Giáo viên\",\"thcs-pm\",\"Trường THCS Phổ Minh\",\"\",\"\"\r\n");
}

TEST_F(ProgrammeHttpTest, TamperedExpiredAndForgedSubmissionsAreRefused) {
  ASSERT_EQ(Import(admin_, kPeopleCsv).status, 200);
  const int64_t id = SendCampaign();
  const std::string path = Links(id)["Nguyễn Văn An"];
  std::string tampered = path;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  Call bad = s_.Send(Method::kGet, tampered);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Đường link không hợp lệ"), std::string::npos);
  EXPECT_EQ(s_.Send(Method::kGet, "/xac-nhan/abc").status, 400);

  // A POST without the form token records nothing.
  http::Headers h;
  h.Set("Content-Type", "application/x-www-form-urlencoded");
  Call forged = s_.Send(Method::kPost, path, h, "csrf_token=x");
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Completion(id)["acknowledged"], 0);

  // The deadline (2026-12-31) plus 30 days of grace, then the link is dead.
  s_.clock().Advance(std::chrono::hours(24 * 75));
  Call expired = s_.Send(Method::kGet, path);
  EXPECT_EQ(expired.status, 410);
  EXPECT_NE(expired.body.find("Đường link đã hết hạn"), std::string::npos);
  EXPECT_EQ(s_.Send(Method::kPost, path, h, "csrf_token=x").status, 410);
}

}  // namespace
}  // namespace binhyen::app
