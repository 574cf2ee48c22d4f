// The HTTP transport of the hash-list client.
#include <charconv>
#include <optional>
#include <string>

#include "app/hash_client.h"
#include "http/client.h"
#include "index/hashlist_wire.h"

namespace binhyen::app {
namespace {

class HttpTransport final : public HashListTransport {
 public:
  HttpTransport(std::string host, uint16_t port, std::string base)
      : host_(std::move(host)), port_(port), base_(std::move(base)) {}

  base::Result<index::HashListUpdate> FetchUpdate(index::HashListKind list,
                                                  int64_t since_version) override {
    std::string target = base_ + "/api/v1/hashlists/" + std::string(index::HashListName(list)) +
                         "?since=" + std::to_string(since_version);
    BINHYEN_ASSIGN_OR_RETURN(std::string body, Call(http::Method::kGet, target, ""));
    return index::ParseHashListUpdateJson(body);
  }

  base::Result<index::HashSearchResult> Search(std::span<const uint32_t> prefixes) override {
    BINHYEN_ASSIGN_OR_RETURN(std::string body,
                             Call(http::Method::kPost, base_ + "/api/v1/hashes:search",
                                  index::HashSearchRequestToJson(prefixes)));
    return index::ParseHashSearchResultJson(body);
  }

 private:
  base::Result<std::string> Call(http::Method method, const std::string& target,
                                 const std::string& body) {
    if (!client_) {
      BINHYEN_ASSIGN_OR_RETURN(http::Client c, http::Client::Connect(host_, port_));
      client_.emplace(std::move(c));
    }
    http::Headers headers;
    headers.Set("Accept", "application/json");
    if (method == http::Method::kPost) headers.Set("Content-Type", "application/json");
    BINHYEN_ASSIGN_OR_RETURN(http::Client::Reply reply,
                             client_->Send(method, target, headers, body));
    if (reply.status != 200) {
      return base::UnavailableError(std::string(http::Name(method)) + " " + target + ": HTTP " +
                                    std::to_string(reply.status) + " " + reply.body.substr(0, 200));
    }
    return std::move(reply.body);
  }

  std::string host_;
  uint16_t port_;
  std::string base_;
  std::optional<http::Client> client_;
};

}  // namespace

base::Result<std::unique_ptr<HashListTransport>> MakeHttpHashListTransport(
    std::string_view server) {
  constexpr std::string_view kScheme = "http://";
  if (server.substr(0, kScheme.size()) != kScheme) {
    return base::InvalidArgumentError("--server must be http://HOST[:PORT][/base]");
  }
  std::string_view rest = server.substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string base(slash == std::string_view::npos ? "" : rest.substr(slash));
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string_view host = authority;
  uint16_t port = 80;
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = authority.substr(0, colon);
    std::string_view digits = authority.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port == 0) {
      return base::InvalidArgumentError("--server: bad port in " + std::string(server));
    }
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty())
    return base::InvalidArgumentError("--server: no host in " + std::string(server));
  return std::unique_ptr<HashListTransport>(
      std::make_unique<HttpTransport>(std::string(host), port, std::move(base)));
}

}  // namespace binhyen::app
