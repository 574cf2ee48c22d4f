// Federation (docs/API.md, "Federation"): our signed incremental feed, pulled by peer
// instances, and our public key. Public; the feed shares the check limit per client IP.

#include <nlohmann/json.hpp>
#include <string>

#include "api/internal/api_impl.h"
#include "api/problem.h"
#include "base/strings.h"

namespace binhyen::api {
namespace {

constexpr int kDefaultFeedLimit = 1000;

http::Response Invalid(std::string_view field, std::string_view detail,
                       std::string_view detail_vi) {
  return Problem(422, "invalid_fields", std::string(field) + ": " + std::string(detail),
                 "Một số trường chưa hợp lệ.",
                 {{std::string(field), std::string(detail), std::string(detail_vi)}});
}

http::Response NotConfigured() {
  return Problem(503, "unavailable", "federation is not configured on this server",
                 "Máy chủ này chưa bật liên kết với đơn vị khác.");
}

}  // namespace

void Api::SetFederation(service::Federation* federation) { impl_->federation = federation; }

http::Response Api::Impl::FederationFeed(http::Request& request,
                                         const OptionalPrincipal& /*caller*/) {
  if (auto refused = RateLimit(check_limiter, "federation", request)) return *refused;
  if (federation == nullptr) return NotConfigured();
  int64_t since = 0;
  if (std::optional<std::string_view> text = request.Query("since")) {
    if (!base::ParseInt64(*text, since) || since < 0) {
      return Invalid("since", "must be a whole number >= 0", "phải là số nguyên không âm");
    }
  }
  int64_t limit = kDefaultFeedLimit;
  if (std::optional<std::string_view> text = request.Query("limit")) {
    if (!base::ParseInt64(*text, limit) || limit < 1 || limit > service::kMaxFederationPageSize) {
      return Invalid("limit", "must be a whole number between 1 and 10000",
                     "phải là số nguyên từ 1 đến 10000");
    }
  }
  base::Result<service::FederationPage> page = federation->Feed(since, static_cast<int>(limit));
  if (!page.ok()) return FromStatus(page.status(), request);
  http::Response r = http::Response::Json(200, std::move(page->body));
  r.headers.Set(service::kFederationSignatureHeader,
                service::FormatSignatureHeader(page->signature));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

http::Response Api::Impl::FederationKey(http::Request& /*request*/,
                                        const OptionalPrincipal& /*caller*/) {
  if (federation == nullptr) return NotConfigured();
  nlohmann::json body = {{"origin", federation->origin()},
                         {"name", federation->options().name},
                         {"url", federation->options().public_url},
                         {"format", service::kFederationFormat}};
  http::Response r = http::Response::Json(200, body.dump());
  r.headers.Set("Cache-Control", "no-cache");
  return r;
}

}  // namespace binhyen::api
