// The portal's public content pages over real HTTP: warnings (list, filter, search, paging,
// detail, poster), clarifications (ClaimReview JSON-LD), guidance, privacy and about; escaping of
// hostile warnings.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"
#include "domain/warning.h"
#include "indicator/indicator.h"
#include "store/store.h"

namespace binhyen::app {
namespace {

using http::Method;
using testing::Call;
using testing::TestServer;

struct WarningSpec {
  domain::WarningKind kind = domain::WarningKind::kWarning;
  std::string slug;
  std::string title;
  std::string body = "Nội dung cảnh báo.";
  std::optional<std::chrono::hours> published_ago = std::chrono::hours(1);  // nullopt: a draft
  std::optional<domain::Category> category;
  std::vector<std::pair<std::string, std::string>> indicators;  // (kind, value as typed)
};

void AddWarning(TestServer& server, const WarningSpec& spec) {
  domain::Warning w;
  w.kind = spec.kind;
  w.slug = spec.slug;
  w.title = spec.title;
  w.body = spec.body;
  w.category = spec.category;
  const base::TimePoint now = server.clock().Now();
  w.created_at = now - std::chrono::hours(24 * 30);
  w.updated_at = w.created_at;
  if (spec.published_ago) w.published_at = now - *spec.published_ago;
  for (const auto& [kind, value] : spec.indicators) {
    auto canonical = indicator::Canonicalize(*indicator::ParseKind(kind), value);
    ASSERT_TRUE(canonical.ok()) << canonical.status().message();
    w.indicators.push_back({canonical->kind, canonical->canonical});
  }
  auto tx = server.app().session().env().store->Begin(store::TxMode::kReadWrite);
  ASSERT_TRUE(tx.ok()) << tx.status().message();
  auto id = (*tx)->Warnings().Create(w);
  ASSERT_TRUE(id.ok()) << id.status().message();
  ASSERT_TRUE((*tx)->Commit().ok());
}

size_t Count(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// The text between `begin` and the next `end` after it; "" when absent.
std::string Between(std::string_view text, std::string_view begin, std::string_view end) {
  size_t from = text.find(begin);
  if (from == std::string_view::npos) return "";
  from += begin.size();
  size_t to = text.find(end, from);
  if (to == std::string_view::npos) return "";
  return std::string(text.substr(from, to - from));
}

class WebContentTest : public ::testing::Test {
 protected:
  Call Get(std::string_view path) { return s_.Send(Method::kGet, path); }

  void AddSample() {
    AddWarning(s_, {domain::WarningKind::kWarning,
                    "gia-danh-cong-an",
                    "Cảnh báo giả danh công an gọi điện",
                    "Đối tượng **tự xưng** là công an, yêu cầu chuyển tiền.",
                    std::chrono::hours(72),
                    domain::Category::kFakePolice,
                    {{"phone", "0869 412 357"}, {"url", "http://dichvucong-bocongan.vip/x"}}});
    AddWarning(s_, {domain::WarningKind::kWarning,
                    "tin-nhan-gia-ngan-hang",
                    "Tin nhắn giả mạo ngân hàng",
                    "Tin nhắn mạo danh ngân hàng kèm đường link giả.",
                    std::chrono::hours(48),
                    domain::Category::kBankImpersonation,
                    {}});
    AddWarning(s_, {domain::WarningKind::kWarning,
                    "ban-nhap",
                    "Bản nháp ngân hàng chưa đăng",
                    "Chưa đăng.",
                    std::nullopt,
                    domain::Category::kBankImpersonation,
                    {}});
    AddWarning(s_, {domain::WarningKind::kClarification,
                    "tin-don-bat-coc",
                    "Tin đồn bắt cóc trẻ em ở chợ là sai sự thật",
                    "Công an thị xã khẳng định không có vụ bắt cóc nào.",
                    std::chrono::hours(24),
                    domain::Category::kRumour,
                    {}});
  }

  TestServer s_;
};

TEST_F(WebContentTest, EveryPageAnswersWithOneHeading) {
  AddSample();
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"/canh-bao", "<h1>Cảnh báo lừa đảo</h1>"},
      {"/canh-bao/gia-danh-cong-an", "<h1>Cảnh báo giả danh công an gọi điện</h1>"},
      {"/canh-bao/gia-danh-cong-an/ap-phich", "CẢNH BÁO LỪA ĐẢO</h1>"},
      {"/dinh-chinh", "<h1>Đính chính tin sai sự thật</h1>"},
      {"/dinh-chinh/tin-don-bat-coc", "<h1>Tin đồn bắt cóc trẻ em ở chợ là sai sự thật</h1>"},
      {"/huong-dan", "<h1>Hướng dẫn phòng tránh lừa đảo</h1>"},
      {"/huong-dan/lo-chuyen-tien-thi-lam-gi",
       "<h1>Khi đã lỡ chuyển tiền cho kẻ lừa đảo thì làm gì</h1>"},
      {"/rieng-tu", "<h1>Quyền riêng tư</h1>"},
      {"/gioi-thieu", "<h1>Giới thiệu Bình Yên</h1>"},
  };
  for (const auto& [path, heading] : pages) {
    Call page = Get(path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_NE(page.body.find(heading), std::string::npos) << path;
    EXPECT_EQ(Count(page.body, "<h1"), 1u) << path;
    EXPECT_NE(page.body.find("<html lang=\"vi\">"), std::string::npos) << path;
    EXPECT_NE(page.headers.Get("Content-Security-Policy").value_or("").find("script-src 'self'"),
              std::string::npos)
        << path;
  }
  Call english = Get("/canh-bao?lang=en");
  EXPECT_EQ(english.status, 200);
  EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(english.body.find("<h1>Scam warnings</h1>"), std::string::npos);
  EXPECT_NE(Get("/rieng-tu?lang=en").body.find("<h1>Privacy</h1>"), std::string::npos);
  EXPECT_NE(Get("/gioi-thieu?lang=en").body.find("<h1>About Bình Yên</h1>"), std::string::npos);
}

TEST_F(WebContentTest, ListShowsPublishedWarningsNewestFirstAndFilters) {
  AddSample();
  Call list = Get("/canh-bao");
  ASSERT_EQ(list.status, 200);
  const size_t bank = list.body.find("href=\"/canh-bao/tin-nhan-gia-ngan-hang\"");
  const size_t police = list.body.find("href=\"/canh-bao/gia-danh-cong-an\"");
  ASSERT_NE(bank, std::string::npos);
  ASSERT_NE(police, std::string::npos);
  EXPECT_LT(bank, police);                                          // newest first
  EXPECT_EQ(list.body.find("ban-nhap"), std::string::npos);         // drafts are not listed
  EXPECT_EQ(list.body.find("tin-don-bat-coc"), std::string::npos);  // clarifications apart
  EXPECT_NE(list.body.find("Giả danh công an, viện kiểm sát</span>"), std::string::npos);
  EXPECT_NE(list.body.find("Đối tượng tự xưng là công an, yêu cầu chuyển tiền."),
            std::string::npos);  // the summary is text, without the Markdown

  Call filtered = Get("/canh-bao?category=fake_police");
  EXPECT_NE(filtered.body.find("/canh-bao/gia-danh-cong-an\""), std::string::npos);
  EXPECT_EQ(filtered.body.find("/canh-bao/tin-nhan-gia-ngan-hang\""), std::string::npos);
  EXPECT_NE(filtered.body.find("<option value=\"fake_police\" selected>"), std::string::npos);

  Call clarifications = Get("/dinh-chinh");
  EXPECT_NE(clarifications.body.find("href=\"/dinh-chinh/tin-don-bat-coc\""), std::string::npos);
  EXPECT_EQ(clarifications.body.find("/canh-bao/gia-danh-cong-an\""), std::string::npos);
}

TEST_F(WebContentTest, SearchFindsWarningsWithOrWithoutDiacritics) {
  AddSample();
  for (const char* q : {"ng%C3%A2n+h%C3%A0ng", "ngan+hang", "NGAN+HANG"}) {
    Call found = Get(std::string("/canh-bao?q=") + q);
    EXPECT_EQ(found.status, 200) << q;
    EXPECT_NE(found.body.find("href=\"/canh-bao/tin-nhan-gia-ngan-hang\""), std::string::npos) << q;
    EXPECT_EQ(found.body.find("/canh-bao/gia-danh-cong-an\""), std::string::npos) << q;
    EXPECT_EQ(found.body.find("ban-nhap"), std::string::npos) << q;  // a draft never shows
    EXPECT_NE(found.body.find("1 kết quả"), std::string::npos) << q;
  }
  Call none = Get("/canh-bao?q=khong+co+gi+nhu+vay");
  EXPECT_NE(none.body.find("Không tìm thấy mục nào phù hợp."), std::string::npos);
  // Search and category together.
  Call both = Get("/canh-bao?q=ngan+hang&category=fake_police");
  EXPECT_EQ(both.body.find("/canh-bao/tin-nhan-gia-ngan-hang\""), std::string::npos);
  // Clarifications are searched among clarifications.
  Call rumour = Get("/dinh-chinh?q=bat+coc");
  EXPECT_NE(rumour.body.find("href=\"/dinh-chinh/tin-don-bat-coc\""), std::string::npos);
}

TEST_F(WebContentTest, ListIsPagedWithAMoreLink) {
  for (int i = 0; i < 21; ++i) {
    AddWarning(s_, {domain::WarningKind::kWarning,
                    "canh-bao-" + std::to_string(i),
                    "Cảnh báo số " + std::to_string(i),
                    "Nội dung.",
                    std::chrono::hours(100 - i),
                    std::nullopt,
                    {}});
  }
  Call first = Get("/canh-bao");
  EXPECT_NE(first.body.find("href=\"/canh-bao/canh-bao-20\""), std::string::npos);
  EXPECT_EQ(first.body.find("href=\"/canh-bao/canh-bao-0\""), std::string::npos);
  const std::string more = Between(first.body, "<a class=\"button secondary\" href=\"", "\"");
  ASSERT_TRUE(more.starts_with("/canh-bao?after=")) << more;
  std::string target;  // the href is HTML-escaped
  for (size_t i = 0; i < more.size(); ++i) {
    target.push_back(more[i]);
    if (more.compare(i, 5, "&amp;") == 0) i += 4;
  }
  Call second = Get(target);
  EXPECT_EQ(second.status, 200) << target;
  EXPECT_NE(second.body.find("href=\"/canh-bao/canh-bao-0\""), std::string::npos);
  EXPECT_EQ(second.body.find("href=\"/canh-bao/canh-bao-20\""), std::string::npos);
  EXPECT_EQ(second.body.find("rel=\"next\""), std::string::npos);
  EXPECT_EQ(Get("/canh-bao?after=not-a-cursor").status, 400);
}

TEST_F(WebContentTest, DetailHasOpenGraphIndicatorsAndShareLinks) {
  AddSample();
  Call page = Get("/canh-bao/gia-danh-cong-an");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<meta property=\"og:type\" content=\"article\">"), std::string::npos);
  const std::string url =
      "http://127.0.0.1:" + std::to_string(s_.port()) + "/canh-bao/gia-danh-cong-an";
  EXPECT_NE(page.body.find("<link rel=\"canonical\" href=\"" + url + "\">"), std::string::npos);
  EXPECT_NE(page.body.find("<meta property=\"og:description\" content=\"Đối tượng tự xưng là "
                           "công an, yêu cầu chuyển tiền.\">"),
            std::string::npos);
  EXPECT_NE(page.body.find("<strong>tự xưng</strong>"), std::string::npos);  // Markdown body
  EXPECT_NE(page.body.find("href=\"/kiem-tra?q=%2B84869412357&amp;kind=phone\""), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("&amp;kind=url\""), std::string::npos);
  EXPECT_NE(page.body.find("https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2F127.0.0.1"),
            std::string::npos);
  EXPECT_NE(page.body.find("data-copy=\"" + url + "\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/canh-bao/gia-danh-cong-an/ap-phich\">In áp phích</a>"),
            std::string::npos);
}

TEST_F(WebContentTest, DraftsAndUnknownSlugsAre404AndKindsRedirect) {
  AddSample();
  Call draft = Get("/canh-bao/ban-nhap");
  EXPECT_EQ(draft.status, 404);
  EXPECT_EQ(draft.body.find("Bản nháp ngân hàng chưa đăng"), std::string::npos);
  EXPECT_EQ(Get("/canh-bao/ban-nhap/ap-phich").status, 404);
  EXPECT_EQ(Get("/canh-bao/khong-co").status, 404);
  EXPECT_EQ(Get("/dinh-chinh/khong-co").status, 404);
  Call moved = Get("/canh-bao/tin-don-bat-coc");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.headers.Get("Location").value_or(""), "/dinh-chinh/tin-don-bat-coc");
  Call back = Get("/dinh-chinh/gia-danh-cong-an");
  EXPECT_EQ(back.status, 301);
  EXPECT_EQ(back.headers.Get("Location").value_or(""), "/canh-bao/gia-danh-cong-an");
  // Scheduled for later: not yet public.
  AddWarning(s_, {domain::WarningKind::kWarning,
                  "sau-nay",
                  "Đăng sau",
                  "Sau.",
                  -std::chrono::hours(5),
                  std::nullopt,
                  {}});
  EXPECT_EQ(Get("/canh-bao/sau-nay").status, 404);
}

TEST_F(WebContentTest, PosterHasTheQrCodeAndTheIndicators) {
  AddSample();
  Call poster = Get("/canh-bao/gia-danh-cong-an/ap-phich");
  ASSERT_EQ(poster.status, 200);
  EXPECT_NE(poster.body.find("<svg"), std::string::npos);
  EXPECT_NE(poster.body.find("Quét mã để xem chi tiết và kiểm tra số điện thoại, đường link"),
            std::string::npos);
  EXPECT_NE(poster.body.find("<span class=\"poster-value\">+84869412357</span>"),
            std::string::npos);
  EXPECT_NE(poster.body.find("data-print hidden"), std::string::npos);
  EXPECT_NE(
      poster.body.find("<p class=\"poster-site\">127.0.0.1:" + std::to_string(s_.port()) + "</p>"),
      std::string::npos);
  EXPECT_NE(Get("/canh-bao/gia-danh-cong-an/ap-phich?lang=en").body.find("SCAM WARNING</h1>"),
            std::string::npos);
}

TEST_F(WebContentTest, ClarificationCarriesClaimReviewThatTextCannotBreakOutOf) {
  const std::string hostile = "Tin đồn </script><script>alert(1)</script> & <!-- x";
  AddWarning(s_, {domain::WarningKind::kClarification,
                  "tin-don-doc",
                  hostile,
                  "Không đúng. </script><script>alert(2)</script>",
                  std::chrono::hours(2),
                  domain::Category::kRumour,
                  {}});
  Call page = Get("/dinh-chinh/tin-don-doc");
  ASSERT_EQ(page.status, 200);
  const std::string block =
      Between(page.body, "<script type=\"application/ld+json\">", "</script>");
  ASSERT_FALSE(block.empty());
  nlohmann::json review = nlohmann::json::parse(block, nullptr, false);
  ASSERT_FALSE(review.is_discarded()) << block;
  EXPECT_EQ(review["@context"], "https://schema.org");
  EXPECT_EQ(review["@type"], "ClaimReview");
  EXPECT_EQ(review["claimReviewed"], hostile);
  EXPECT_EQ(review["reviewRating"]["@type"], "Rating");
  EXPECT_EQ(review["reviewRating"]["ratingValue"], 1);
  EXPECT_EQ(review["reviewRating"]["bestRating"], 5);
  EXPECT_EQ(review["reviewRating"]["worstRating"], 1);
  EXPECT_EQ(review["reviewRating"]["alternateName"], "Sai sự thật");
  EXPECT_EQ(review["author"]["@type"], "Organization");
  EXPECT_EQ(review["author"]["name"], "Bình Yên");
  EXPECT_EQ(review["datePublished"], base::FormatRfc3339(s_.clock().Now() - std::chrono::hours(2)));
  const std::string base = "http://127.0.0.1:" + std::to_string(s_.port());
  EXPECT_EQ(review["url"], base + "/dinh-chinh/tin-don-doc");
  EXPECT_EQ(review["author"]["url"], base);
  // Two script elements only: site.js and the JSON-LD; nothing of the title runs.
  EXPECT_EQ(Count(page.body, "<script"), 2u);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(Count(page.body, "</script>"), 2u);
}

TEST_F(WebContentTest, HostileWarningsAreEscapedEverywhere) {
  AddWarning(s_, {domain::WarningKind::kWarning,
                  "doc-hai",
                  "<script>alert(1)</script> \"tiêu đề\"",
                  "[bấm vào đây](javascript:alert(1)) <script>alert(2)</script> "
                  "<img src=x onerror=alert(3)>\n\n[ảnh](jAvAsCrIpT:alert(4))",
                  std::chrono::hours(1),
                  domain::Category::kPhishing,
                  {{"url", "http://lua-dao.vn/<script>"}}});
  for (const char* path : {"/canh-bao", "/canh-bao/doc-hai", "/canh-bao/doc-hai/ap-phich",
                           "/canh-bao?q=tieu+de", "/"}) {
    Call page = Get(path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_EQ(page.body.find("<script>alert"), std::string::npos) << path;
    EXPECT_EQ(page.body.find("onerror=alert"), std::string::npos) << path;
    EXPECT_EQ(page.body.find("<img src=x"), std::string::npos) << path;
    EXPECT_EQ(page.body.find("javascript:"), std::string::npos) << path;
    EXPECT_EQ(page.body.find("jAvAsCrIpT:"), std::string::npos) << path;
    EXPECT_EQ(Count(page.body, "<script"), 1u) << path;  // site.js only
  }
  Call detail = Get("/canh-bao/doc-hai");
  EXPECT_NE(detail.body.find("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &quot;tiêu đề&quot;</h1>"),
            std::string::npos);
  EXPECT_NE(detail.body.find("bấm vào đây"), std::string::npos);  // the link text stays
}

TEST_F(WebContentTest, GuidanceListsEveryArticleInBothLanguages) {
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"cuoc-goi-gia-danh-cong-an", "Nhận diện cuộc gọi giả danh công an"},
      {"bao-ve-tai-khoan-ngan-hang-va-otp", "Bảo vệ tài khoản ngân hàng và mã OTP"},
      {"viec-nhe-luong-cao-nhiem-vu-online", "Lừa đảo &quot;việc nhẹ lương cao&quot;"},
      {"lo-chuyen-tien-thi-lam-gi", "Khi đã lỡ chuyển tiền"},
      {"bao-ve-nguoi-cao-tuoi", "Bảo vệ người cao tuổi"},
      {"quy-tac-ung-xu-tren-mang", "Quy tắc ứng xử khi đăng tin trên mạng"},
  };
  Call list = Get("/huong-dan");
  ASSERT_EQ(list.status, 200);
  size_t last = 0;
  for (const auto& [slug, title] : articles) {
    const size_t at = list.body.find("href=\"/huong-dan/" + slug + "\"");
    ASSERT_NE(at, std::string::npos) << slug;
    EXPECT_GT(at, last) << slug;  // in reading order
    last = at;
    Call vi = Get("/huong-dan/" + slug);
    EXPECT_EQ(vi.status, 200) << slug;
    EXPECT_EQ(Count(vi.body, "<h1"), 1u) << slug;
    const std::string heading = Between(vi.body, "<h1>", "</h1>");
    EXPECT_TRUE(heading.starts_with(title)) << heading;
    EXPECT_NE(vi.body.find("<h2"), std::string::npos) << slug;  // "##" under the page's h1
    Call en = Get("/huong-dan/" + slug + "?lang=en");
    EXPECT_EQ(en.status, 200) << slug;
    EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(Between(en.body, "<h1>", "</h1>"), heading) << slug;
  }
  EXPECT_EQ(Get("/huong-dan/khong-co").status, 404);
}

}  // namespace
}  // namespace binhyen::app
