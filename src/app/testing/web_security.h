#pragma once

// TESTS ONLY: helpers of the security tests (security_test.cc, security_web_test.cc): the XSS
// payload, a check for live markup, a same-origin crawler, the security-header expectations.
// Header-only.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/testing/api_requests.h"
#include "app/testing/test_server.h"

namespace binhyen::app::testing {

// The stored-XSS payload of field `tag`: a script element, an attribute break-out and an event
// handler, after the marker "xss-<tag>" that proves the field was rendered at all (as text, so
// that Markdown, which drops raw HTML, shows it too).
inline std::string Xss(std::string_view tag) {
  const std::string t(tag);
  return "xss-" + t + " <script>alert('" + t + "')</script>\"><img src=x onerror=alert('" + t +
         "')>";
}

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What in `body` (a text/html or XML answer) would run a payload: "" when nothing.
inline std::string LiveMarkup(std::string_view body) {
  const std::string b = Lower(body);
  for (std::string_view raw : {"<script>alert", "<img src=x", "<svg onload", "<iframe"}) {
    if (b.find(raw) != std::string::npos) return std::string(raw);
  }
  // A javascript: URL in an attribute that navigates or loads.
  for (size_t at = b.find("javascript:"); at != std::string::npos;
       at = b.find("javascript:", at + 1)) {
    std::string before = b.substr(at > 16 ? at - 16 : 0, at > 16 ? 16 : at);
    std::erase_if(before, [](char c) { return c == '"' || c == '\'' || c == ' '; });
    for (std::string_view attr : {"href=", "src=", "action=", "formaction="}) {
      if (before.ends_with(attr)) return std::string(attr) + "javascript:";
    }
  }
  return "";
}

// The same-origin links of an HTML page (href="/..."), HTML-unescaped, without fragments.
inline std::vector<std::string> Links(std::string_view html) {
  std::vector<std::string> out;
  for (size_t at = html.find("href=\""); at != std::string_view::npos;
       at = html.find("href=\"", at + 1)) {
    const size_t from = at + 6;
    const size_t to = html.find('"', from);
    if (to == std::string_view::npos) break;
    std::string link(html.substr(from, to - from));
    for (size_t amp = link.find("&amp;"); amp != std::string::npos; amp = link.find("&amp;")) {
      link.replace(amp, 5, "&");
    }
    if (size_t hash = link.find('#'); hash != std::string::npos) link.resize(hash);
    if (link.starts_with("/") && !link.starts_with("//")) out.push_back(link);
  }
  return out;
}

inline std::string Header(const Call& call, std::string_view name) {
  return std::string(call.headers.Get(name).value_or(""));
}

// The headers every answer carries over plain HTTP; for HTML pages also the CSP.
inline void ExpectSecurityHeaders(const Call& call, std::string_view what) {
  SCOPED_TRACE(std::string(what) + " (" + std::to_string(call.status) + ")");
  EXPECT_EQ(Header(call, "X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(Header(call, "Referrer-Policy").empty());
  EXPECT_EQ(Header(call, "X-Frame-Options"), "DENY");
  EXPECT_FALSE(call.headers.Has("Strict-Transport-Security"));  // plain HTTP: never
  const std::string type = Header(call, "Content-Type");
  if (type.starts_with("text/html")) {
    const std::string csp = Header(call, "Content-Security-Policy");
    EXPECT_THAT(csp, ::testing::HasSubstr("default-src 'self'"));
    EXPECT_THAT(csp, ::testing::HasSubstr("frame-ancestors 'none'"));
    EXPECT_THAT(csp, ::testing::HasSubstr("object-src 'none'"));
    EXPECT_THAT(csp, ::testing::Not(::testing::HasSubstr("unsafe-inline")));
    EXPECT_THAT(csp, ::testing::Not(::testing::HasSubstr("unsafe-eval")));
  }
}

// A signed-in crawler: every same-origin page reachable from `seeds` by GET (up to `cap`).
struct Page {
  int status = 0;
  std::string type;
  std::string body;
};
inline std::map<std::string, Page> Crawl(TestServer& s, const Browser* who,
                                         const std::vector<std::string>& seeds, size_t cap) {
  std::map<std::string, Page> seen;
  std::deque<std::string> queue(seeds.begin(), seeds.end());
  std::set<std::string> queued(seeds.begin(), seeds.end());
  const http::Headers headers = who ? who->Cookies() : http::Headers{};
  while (!queue.empty() && seen.size() < cap) {
    const std::string url = queue.front();
    queue.pop_front();
    Call call = s.Send(http::Method::kGet, url, headers);
    ExpectSecurityHeaders(call, url);
    Page& page = seen[url];
    page.status = call.status;
    page.type = Header(call, "Content-Type");
    page.body = std::move(call.body);
    if (!page.type.starts_with("text/html")) continue;
    for (std::string& link : Links(page.body)) {
      // Sign-out, static files and binary exports are not pages that echo stored text; the
      // English version of a page shows the same stored text.
      if (link.starts_with("/static/") || link.find("logout") != std::string::npos ||
          link.find("lang=") != std::string::npos || link.ends_with(".pdf") ||
          link.ends_with(".xlsx") || link.ends_with(".png") ||
          link.find(".pdf?") != std::string::npos || link.find(".xlsx?") != std::string::npos) {
        continue;
      }
      if (queued.insert(link).second) queue.push_back(std::move(link));
    }
  }
  return seen;
}

// POSTs JSON `body` to `path` as `who` and expects `want`.
inline Call Post(TestServer& s, const Browser& who, const std::string& path,
                 const nlohmann::json& body, int want = 201) {
  Call call = s.Json(http::Method::kPost, path, body, who.WithCsrf());
  EXPECT_EQ(call.status, want) << path << " " << call.body.substr(0, 500);
  return call;
}

// The session cookie a reply sets ("" when none).
inline std::string SessionCookieOf(const Call& call) { return SetCookieValue(call, "by_session"); }

}  // namespace binhyen::app::testing
