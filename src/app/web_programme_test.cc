// The awareness programme's console pages over real HTTP: the overview, the unit tree with
// people added, edited and imported from CSV and XLSX (a bad file imports nobody and the page
// names the row), campaigns created with field errors kept, sent and closed only with their
// confirmation box, live completion per unit as people acknowledge without an account, the
// reminder CSV, the QR sheet with short codes, the public page of a campaign, CSRF, 403 for
// members, and unit officers kept to their own unit.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <minizip/zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "http/form.h"

namespace binhyen::app {
namespace {

using http::Method;
using testing::Browser;
using testing::Call;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TestServer;

constexpr std::string_view kHostile = "<script>alert(1)</script>";

// A minimal .xlsx (inline strings) of `rows`, written with minizip.
std::string Xlsx(const std::vector<std::vector<std::string>>& rows) {
  std::string sheet = "<worksheet><sheetData>";
  for (size_t r = 0; r < rows.size(); ++r) {
    sheet += "<row r=\"" + std::to_string(r + 1) + "\">";
    for (size_t c = 0; c < rows[r].size(); ++c) {
      sheet += "<c r=\"" + std::string(1, static_cast<char>('A' + c)) + std::to_string(r + 1) +
               "\" t=\"inlineStr\"><is><t>" + rows[r][c] + "</t></is></c>";
    }
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";
  const std::vector<std::pair<std::string, std::string>> parts = {
      {"xl/workbook.xml",
       "<workbook><sheets><sheet name=\"A\" sheetId=\"1\"/></sheets></workbook>"},
      {"xl/worksheets/sheet1.xml", sheet}};
  const std::string path = std::filesystem::temp_directory_path() /
                           ("web_programme_test_" + std::to_string(::getpid()) + ".xlsx");
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, content] : parts) {
    zipOpenNewFileInZip64(z, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                          Z_DEFAULT_COMPRESSION, 0);
    zipWriteInFileInZip(z, content.data(), static_cast<unsigned>(content.size()));
    zipCloseFileInZip(z);
  }
  zipClose(z, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

class WebProgrammeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s_.AddUnits({{"duc-pho", "Thị xã Đức Phổ", ""},
                 {"pho-minh", "Phường Phổ Minh", "duc-pho"},
                 {"nghia-lo", "Phường Nghĩa Lộ", "duc-pho"},
                 {"pho-vinh", "Phường Phổ Vinh", "duc-pho"},
                 {"thcs-pm", "Trường THCS Phổ Minh", "pho-minh"}});
    s_.AddUser("chuong.trinh", "programme_admin");
    s_.AddUser("canbo.pm", "unit_officer");
    s_.AddUser("thanh.vien", "member");
    s_.SetUserUnit("canbo.pm", "pho-minh");
    admin_ = s_.Login("chuong.trinh");
    officer_ = s_.Login("canbo.pm");
    member_ = s_.Login("thanh.vien");
  }

  Call Post(const Browser& b, const std::string& path, const std::string& fields) {
    return s_.Send(Method::kPost, path,
                   testing::ContentType("application/x-www-form-urlencoded", b.Cookies()),
                   fields + "&csrf_token=" + http::UrlEncode(b.csrf));
  }

  Call Upload(const Browser& b, const std::string& filename, const std::string& data) {
    const std::string bd(testing::kBoundary);
    std::string body =
        "--" + bd + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + b.csrf +
        "\r\n--" + bd + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
        filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--" + bd +
        "--\r\n";
    return s_.Send(Method::kPost, "/quan-tri/don-vi/nhap", testing::MultipartType(b.Cookies()),
                   body);
  }

  Call Get(const Browser& b, const std::string& path) {
    return s_.Send(Method::kGet, path, b.Cookies());
  }

  int PeopleCount() {
    Call call = s_.Send(Method::kGet, "/api/v1/people", admin_.Cookies());
    return call.json.is_object() ? static_cast<int>(call.json["items"].size()) : -1;
  }

  void ImportGood() {
    Call ok = Upload(admin_, "ds.csv",
                     "ho_ten,chuc_vu,don_vi,so_dien_thoai\n"
                     "Nguyễn Văn An,Tổ trưởng,pho-minh,0905123456\n"
                     "Trần Thị Bình,Giáo viên,thcs-pm,\n"
                     "Lê Văn Cường,Công an,nghia-lo,0912345678\n"
                     "Phạm Thị Dung,Cán bộ,nghia-lo,\n");
    ASSERT_EQ(ok.status, 200) << ok.body;
    ASSERT_THAT(ok.body, HasSubstr("Đã nhập"));
  }

  // Creates and sends a campaign to pho-minh and nghia-lo through the pages; returns its id.
  int64_t CreateAndSend() {
    Call created = Post(admin_, "/quan-tri/dot-pho-bien",
                        "title=" + http::UrlEncode("Chỉ thị 01 " + std::string(kHostile)) +
                            "&body=" + http::UrlEncode("# Nội dung\n\nKhông **bấm** link lạ.") +
                            "&deadline=2026-12-31&unit=pho-minh&unit=nghia-lo");
    EXPECT_EQ(created.status, 303) << created.body;
    const std::string location(created.headers.Get("Location").value_or(""));
    EXPECT_THAT(location, ::testing::StartsWith("/quan-tri/dot-pho-bien/"));
    const std::string id =
        location.substr(std::string("/quan-tri/dot-pho-bien/").size(), location.find('?') - 23);
    Call sent = Post(admin_, "/quan-tri/dot-pho-bien/" + id + "/gui", "confirm=1");
    EXPECT_EQ(sent.status, 303) << sent.body;
    return std::stoll(id);
  }

  std::map<std::string, std::string> Links(int64_t id) {
    Call call = s_.Send(Method::kGet, "/api/v1/campaigns/" + std::to_string(id) + "/links",
                        admin_.Cookies());
    std::map<std::string, std::string> out;
    for (const auto& item : call.json["items"]) out[item["name"]] = item["path"];
    return out;
  }

  Call Acknowledge(const std::string& path) {
    Call page = s_.Send(Method::kGet, path);
    const std::string token = testing::SetCookieValue(page, "by_form");
    http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
    h.Set("Cookie", "by_form=" + token);
    return s_.Send(Method::kPost, path, h, "csrf_token=" + http::UrlEncode(token));
  }

  TestServer s_;
  Browser admin_, officer_, member_;
};

TEST_F(WebProgrammeTest, PagesNeedTheirRole) {
  for (const char* path :
       {"/quan-tri/chuong-trinh", "/quan-tri/don-vi", "/quan-tri/dot-pho-bien"}) {
    EXPECT_EQ(Get(member_, path).status, 403) << path;
    Call anonymous = s_.Send(Method::kGet, path);
    EXPECT_EQ(anonymous.status, 303) << path;
    EXPECT_EQ(Get(admin_, path).status, 200) << path;
    EXPECT_EQ(Get(officer_, path).status, 200) << path;
  }
  // Creating a campaign is for programme admins only; without the session's token nothing is
  // created.
  EXPECT_EQ(Post(officer_, "/quan-tri/dot-pho-bien", "title=T&body=B&unit=pho-minh").status, 403);
  EXPECT_EQ(Post(member_, "/quan-tri/don-vi/nguoi", "unit=pho-minh&name=X").status, 403);
  Call no_csrf =
      s_.Send(Method::kPost, "/quan-tri/dot-pho-bien",
              testing::ContentType("application/x-www-form-urlencoded", admin_.Cookies()),
              "title=T&body=B&unit=pho-minh");
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_THAT(Get(admin_, "/quan-tri/dot-pho-bien").body, HasSubstr("Chưa có đợt phổ biến nào"));
}

TEST_F(WebProgrammeTest, CampaignFormKeepsInputAndNamesTheFields) {
  Call bad = Post(admin_, "/quan-tri/dot-pho-bien",
                  "title=&body=" + http::UrlEncode("Nội dung giữ lại " + std::string(kHostile)) +
                      "&deadline=31-12");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Hạn đọc: hãy chọn một ngày"));
  Call empty = Post(admin_, "/quan-tri/dot-pho-bien",
                    "title=&body=" + http::UrlEncode("Nội dung giữ lại " + std::string(kHostile)) +
                        "&unit=pho-minh");
  EXPECT_EQ(empty.status, 422);
  EXPECT_THAT(empty.body, HasSubstr("Tiêu đề: must not be empty"));
  EXPECT_THAT(empty.body, HasSubstr("Nội dung giữ lại &lt;script&gt;"));
  EXPECT_THAT(empty.body, Not(HasSubstr(std::string(kHostile))));
  EXPECT_THAT(empty.body, HasSubstr("id=\"u-pho-minh\" name=\"unit\" value=\"pho-minh\" checked"));
  Call no_target = Post(admin_, "/quan-tri/dot-pho-bien", "title=T&body=B");
  EXPECT_EQ(no_target.status, 422);
  EXPECT_THAT(no_target.body, HasSubstr("Người nhận: choose at least one unit or person"));
}

TEST_F(WebProgrammeTest, SendWatchCompletionRiseAndClose) {
  ImportGood();
  const int64_t id = CreateAndSend();
  const std::string page = "/quan-tri/dot-pho-bien/" + std::to_string(id);
  Call detail = Get(admin_, page);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_THAT(detail.body, HasSubstr("data-percent=\"0\">0%</span>"));
  EXPECT_THAT(detail.body, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(detail.body, Not(HasSubstr(std::string(kHostile))));
  // Sending twice is refused and the confirmation box is required.
  EXPECT_EQ(Post(admin_, page + "/gui", "confirm=1").status, 409);

  std::map<std::string, std::string> links = Links(id);
  ASSERT_EQ(links.size(), 4u);
  ASSERT_EQ(Acknowledge(links["Nguyễn Văn An"]).status, 200);
  ASSERT_EQ(Acknowledge(links["Lê Văn Cường"]).status, 200);
  detail = Get(admin_, page);
  EXPECT_THAT(detail.body, HasSubstr("data-percent=\"50\">50%</span>"));
  // Slowest first: the school (0 %), Nghĩa Lộ (1 of 2), Phổ Minh (1 of 1).
  const size_t school = detail.body.find("data-unit=\"thcs-pm\" data-percent=\"0\"");
  const size_t half = detail.body.find("data-unit=\"nghia-lo\" data-percent=\"50\"");
  const size_t done = detail.body.find("data-unit=\"pho-minh\" data-percent=\"100\"");
  ASSERT_NE(school, std::string::npos);
  ASSERT_NE(half, std::string::npos);
  ASSERT_NE(done, std::string::npos);
  EXPECT_LT(school, half);
  EXPECT_LT(half, done);
  EXPECT_THAT(detail.body, HasSubstr("Trần Thị Bình"));  // not read yet

  // The overview shows the campaign and its lagging unit.
  Call overview = Get(admin_, "/quan-tri/chuong-trinh");
  EXPECT_THAT(overview.body, HasSubstr("data-percent=\"50\""));
  EXPECT_THAT(overview.body, HasSubstr("<tr data-unit=\"thcs-pm\">"));

  // The reminder list: who has not read, with phones for the programme admin.
  Call csv = Get(admin_, page + "/nhac-nho.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_THAT(csv.headers.Get("Content-Type").value_or(""), HasSubstr("text/csv"));
  EXPECT_THAT(csv.body, HasSubstr("\"Trần Thị Bình\",\"Giáo viên\",\"Trường THCS Phổ Minh\""));
  EXPECT_THAT(csv.body, HasSubstr("\"Phạm Thị Dung\""));
  EXPECT_THAT(csv.body, Not(HasSubstr("Nguyễn Văn An")));

  // The QR sheet of a unit, with short codes that open the personal page from the public page.
  Call sheet = Get(admin_, page + "/ma-qr?don-vi=nghia-lo");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_THAT(sheet.body, HasSubstr("<svg"));
  EXPECT_THAT(sheet.body, HasSubstr("Phạm Thị Dung"));
  EXPECT_THAT(sheet.body, Not(HasSubstr("Trần Thị Bình")));
  const size_t at = sheet.body.find("programme-code\">");
  ASSERT_NE(at, std::string::npos);
  const std::string code = sheet.body.substr(at + 16, 9);

  // The public page: the figure, and the code form leading to the personal page.
  const std::string pub = "/dot-pho-bien/" + std::to_string(id);
  Call public_page = s_.Send(Method::kGet, pub);
  ASSERT_EQ(public_page.status, 200);
  EXPECT_THAT(public_page.body, HasSubstr("id=\"public-completion\">50%"));
  EXPECT_THAT(public_page.body, HasSubstr("<strong>bấm</strong>"));
  const std::string form_token = testing::SetCookieValue(public_page, "by_form");
  http::Headers h = testing::ContentType("application/x-www-form-urlencoded");
  h.Set("Cookie", "by_form=" + form_token);
  Call wrong = s_.Send(Method::kPost, pub, h, "code=AAAA-AAAA&csrf_token=" + form_token);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_THAT(wrong.body, HasSubstr("Mã cá nhân không đúng"));
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Call right = s_.Send(Method::kPost, pub, h, "code=" + lower + "&csrf_token=" + form_token);
  EXPECT_EQ(right.status, 303);
  EXPECT_THAT(right.headers.Get("Location").value_or(""), ::testing::StartsWith("/xac-nhan/"));

  // Closing needs the box; then links show that it is closed and take no acknowledgement.
  EXPECT_EQ(Post(admin_, page + "/ket-thuc", "x=1").status, 422);
  EXPECT_EQ(Post(admin_, page + "/ket-thuc", "confirm=1").status, 303);
  Call closed = Acknowledge(links["Trần Thị Bình"]);
  EXPECT_EQ(closed.status, 200);
  EXPECT_THAT(closed.body, HasSubstr("id=\"ack-closed\""));
  detail = Get(admin_, page);
  EXPECT_THAT(detail.body, HasSubstr("data-percent=\"50\">50%</span>"));  // figures kept
  EXPECT_THAT(detail.body, HasSubstr("Đã kết thúc"));
  EXPECT_EQ(s_.Send(Method::kPost, pub, h, "code=" + code + "&csrf_token=" + form_token).status,
            422);
}

TEST_F(WebProgrammeTest, DraftsAreNotPublicAndNotForUnitOfficers) {
  Call created = Post(admin_, "/quan-tri/dot-pho-bien", "title=Nháp&body=B&unit=pho-minh");
  ASSERT_EQ(created.status, 303);
  const std::string location(created.headers.Get("Location").value_or(""));
  const std::string id = location.substr(23, location.find('?') - 23);
  EXPECT_EQ(s_.Send(Method::kGet, "/dot-pho-bien/" + id).status, 404);
  EXPECT_EQ(Get(officer_, "/quan-tri/dot-pho-bien/" + id).status, 404);
  Call draft = Get(admin_, "/quan-tri/dot-pho-bien/" + id);
  EXPECT_THAT(draft.body, HasSubstr("id=\"send-form\""));
  EXPECT_EQ(Post(admin_, "/quan-tri/dot-pho-bien/" + id + "/gui", "x=1").status, 422);
  EXPECT_THAT(Get(admin_, "/quan-tri/dot-pho-bien/" + id).body, HasSubstr("id=\"send-form\""));
  EXPECT_EQ(s_.Send(Method::kGet, "/dot-pho-bien/999").status, 404);
}

TEST_F(WebProgrammeTest, BadImportsNameTheRowAndImportNobody) {
  Call bad = Upload(admin_, "ds.csv",
                    "ho_ten,don_vi,so_dien_thoai\n"
                    "Người Tốt,pho-minh,\n"
                    ",pho-minh,\n"
                    "X,khong-co,\n"
                    "Y,pho-minh,123\n");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Chưa nhập ai"));
  EXPECT_THAT(bad.body, HasSubstr("<tr data-row=\"3\"><th scope=\"row\">3</th><td>Họ tên</td>"));
  EXPECT_THAT(bad.body, HasSubstr("<tr data-row=\"4\"><th scope=\"row\">4</th><td>Đơn vị</td>"));
  EXPECT_THAT(bad.body, HasSubstr("<tr data-row=\"5\"><th scope=\"row\">5</th><td>Số điện thoại"));
  EXPECT_EQ(PeopleCount(), 0);

  // XLSX: row numbers as the spreadsheet shows them.
  Call bad_xlsx = Upload(admin_, "ds.xlsx",
                         Xlsx({{"Họ tên", "Đơn vị", "Số điện thoại"},
                               {"Nguyễn Văn A", "pho-minh", "0905123456"},
                               {"Trần Thị B", "nowhere", ""}}));
  EXPECT_EQ(bad_xlsx.status, 422);
  EXPECT_THAT(bad_xlsx.body, HasSubstr("<tr data-row=\"3\"><th scope=\"row\">3</th><td>Đơn vị"));
  EXPECT_EQ(PeopleCount(), 0);
  Call good_xlsx = Upload(admin_, "ds.xlsx",
                          Xlsx({{"Họ tên", "Đơn vị", "Số điện thoại"},
                                {"Nguyễn Văn A", "pho-minh", "0905123456"},
                                {"Trần Thị B", "Phường Nghĩa Lộ", ""}}));
  EXPECT_EQ(good_xlsx.status, 200) << good_xlsx.body;
  EXPECT_EQ(PeopleCount(), 2);

  // Not a spreadsheet at all; a zip that is not a workbook.
  Call not_xlsx = Upload(admin_, "anh.xlsx", std::string("PK\3\4broken", 10));
  EXPECT_EQ(not_xlsx.status, 422);
  EXPECT_THAT(not_xlsx.body, HasSubstr("Không đọc được tệp: file: not an .xlsx workbook"));
  EXPECT_EQ(PeopleCount(), 2);
  // The API takes XLSX too now.
  http::Headers xlsx = admin_.WithCsrf();
  xlsx.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  Call api = s_.Send(Method::kPost, "/api/v1/people/import", xlsx,
                     Xlsx({{"name", "unit"}, {"Lê C", "pho-vinh"}}));
  EXPECT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(PeopleCount(), 3);
}

TEST_F(WebProgrammeTest, UnitOfficersManageOnlyTheirUnit) {
  ImportGood();
  Call tree = Get(officer_, "/quan-tri/don-vi");
  ASSERT_EQ(tree.status, 200);
  EXPECT_THAT(tree.body, HasSubstr("data-unit=\"pho-minh\""));
  EXPECT_THAT(tree.body, HasSubstr("data-unit=\"thcs-pm\""));
  EXPECT_THAT(tree.body, Not(HasSubstr("data-unit=\"nghia-lo\"")));
  EXPECT_THAT(tree.body, HasSubstr("Nguyễn Văn An"));
  EXPECT_THAT(tree.body, Not(HasSubstr("Lê Văn Cường")));

  // Adding: outside the unit is refused with the field named, input kept.
  Call outside = Post(officer_, "/quan-tri/don-vi/nguoi",
                      "unit=nghia-lo&name=" + http::UrlEncode("Võ Văn E") + "&phone=12");
  EXPECT_EQ(outside.status, 422);
  EXPECT_THAT(outside.body, HasSubstr("Đơn vị: không thuộc đơn vị của bạn"));
  EXPECT_THAT(outside.body, HasSubstr("Số điện thoại: số điện thoại không hợp lệ"));
  EXPECT_THAT(outside.body, HasSubstr("value=\"Võ Văn E\""));
  Call added = Post(officer_, "/quan-tri/don-vi/nguoi",
                    "unit=thcs-pm&name=" + http::UrlEncode("Võ Văn E") + "&phone=0905000111");
  EXPECT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(PeopleCount(), 5);

  // Editing: someone else's unit is not found; one's own is saved.
  Call people = s_.Send(Method::kGet, "/api/v1/people", admin_.Cookies());
  int64_t cuong = 0, an = 0;
  for (const auto& p : people.json["items"]) {
    if (p["name"] == "Lê Văn Cường") cuong = p["id"];
    if (p["name"] == "Nguyễn Văn An") an = p["id"];
  }
  EXPECT_EQ(Get(officer_, "/quan-tri/don-vi/nguoi/" + std::to_string(cuong)).status, 404);
  Call form = Get(officer_, "/quan-tri/don-vi/nguoi/" + std::to_string(an));
  ASSERT_EQ(form.status, 200);
  EXPECT_THAT(form.body, HasSubstr("value=\"+84905123456\""));
  Call saved = Post(officer_, "/quan-tri/don-vi/nguoi/" + std::to_string(an),
                    "unit=pho-minh&name=" + http::UrlEncode("Nguyễn Văn Ân") +
                        "&position=" + http::UrlEncode("Tổ phó"));
  EXPECT_EQ(saved.status, 303);
  EXPECT_THAT(Get(officer_, "/quan-tri/don-vi?don-vi=pho-minh").body, HasSubstr("Nguyễn Văn Ân"));
  EXPECT_EQ(
      Post(officer_, "/quan-tri/don-vi/nguoi/" + std::to_string(cuong), "unit=pho-minh&name=Z")
          .status,
      404);

  // A campaign: the officer sees their units' figures and reminder list only.
  const int64_t id = CreateAndSend();
  const std::string page = "/quan-tri/dot-pho-bien/" + std::to_string(id);
  Call detail = Get(officer_, page);
  ASSERT_EQ(detail.status, 200);
  EXPECT_THAT(detail.body, HasSubstr("data-unit=\"pho-minh\""));
  EXPECT_THAT(detail.body, Not(HasSubstr("data-unit=\"nghia-lo\"")));
  EXPECT_THAT(detail.body, Not(HasSubstr("id=\"close-form\"")));
  Call csv = Get(officer_, page + "/nhac-nho.csv");
  EXPECT_THAT(csv.body, HasSubstr("Nguyễn Văn Ân"));
  EXPECT_THAT(csv.body, Not(HasSubstr("Lê Văn Cường")));
  EXPECT_EQ(Get(officer_, page + "/ma-qr?don-vi=nghia-lo").status, 403);
  EXPECT_EQ(Get(officer_, page + "/ma-qr?don-vi=pho-minh").status, 200);
  EXPECT_EQ(Post(officer_, page + "/ket-thuc", "confirm=1").status, 403);
}

TEST_F(WebProgrammeTest, ApiAddsEditsPeopleAndClosesCampaigns) {
  Call added = s_.Json(Method::kPost, "/api/v1/people",
                       {{"unit", "thcs-pm"}, {"name", "Võ Thị F"}, {"phone", "0905000222"}},
                       officer_.WithCsrf());
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json["phone"], "+84905000222");
  const int64_t id = added.json["id"];
  Call outside = s_.Json(Method::kPost, "/api/v1/people", {{"unit", "nghia-lo"}, {"name", "G"}},
                         officer_.WithCsrf());
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/people", {{"unit", "pho-minh"}, {"name", "G"}},
                    member_.WithCsrf())
                .status,
            403);
  EXPECT_EQ(s_.Json(Method::kPost, "/api/v1/people", {{"unit", "pho-minh"}, {"name", "G"}},
                    officer_.Cookies())
                .status,
            403);  // no CSRF header
  Call edited = s_.Json(Method::kPut, "/api/v1/people/" + std::to_string(id),
                        {{"unit", "pho-minh"}, {"name", "Võ Thị Phương"}}, officer_.WithCsrf());
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json["unit"], "pho-minh");
  EXPECT_EQ(edited.json["phone"], nullptr);

  const int64_t campaign = CreateAndSend();
  Call closed = s_.Send(Method::kPost, "/api/v1/campaigns/" + std::to_string(campaign) + "/close",
                        admin_.WithCsrf());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json["status"], "closed");
  EXPECT_EQ(s_.Send(Method::kPost, "/api/v1/campaigns/" + std::to_string(campaign) + "/close",
                    admin_.WithCsrf())
                .status,
            409);
  EXPECT_EQ(s_.Send(Method::kPost, "/api/v1/campaigns/" + std::to_string(campaign) + "/close",
                    officer_.WithCsrf())
                .status,
            403);
}

}  // namespace
}  // namespace binhyen::app
