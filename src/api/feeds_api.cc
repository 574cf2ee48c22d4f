// Public feeds: our confirmed indicators in the blocklist formats of DNS resolvers, ad-blockers
// and threat-intelligence platforms (exchange/export_formats.h), and the warnings as Atom and
// JSON Feed. Conditional GET (ETag / If-None-Match) and gzip keep a resolver that polls every
// few minutes cheap; rendered bodies are cached per index version.

#include <chrono>
#include <string>
#include <utility>

#include "api/internal/api_impl.h"
#include "api/problem.h"
#include "base/strings.h"
#include "crypto/hash.h"
#include "exchange/exports.h"
#include "exchange/warning_feeds.h"
#include "http/gzip.h"

namespace binhyen::api {
namespace {

constexpr std::string_view kCacheControl = "public, max-age=300";

// True when If-None-Match lists `etag` (or is "*").
bool NotModified(const http::Request& request, std::string_view etag) {
  std::optional<std::string_view> header = request.Header("If-None-Match");
  if (!header) return false;
  for (std::string_view tag : base::Split(*header, ',')) {
    tag = base::TrimAscii(tag);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

// A rendered feed is reused this long at most, even at the same index version: an expiry
// changes what is published without a new version.
constexpr std::chrono::seconds kMaxFeedAge(60);

// "\"v<version>-<first 16 hex digits of the body's SHA-256>\"": the version for people, the
// hash so that a body that changed without a new version (an expiry) never matches an old tag.
// Appended piece by piece: GCC 12 warns falsely on chains of +.
std::string ContentTag(int64_t version, std::string_view body) {
  std::string tag = "\"v";
  tag += std::to_string(version);
  tag += '-';
  tag += crypto::Sha256Hex(body).substr(0, 16);
  tag += '"';
  return tag;
}

http::Response NotFoundFeed() {
  return Problem(404, "not_found", "no such feed", "Không có nguồn dữ liệu này.");
}

}  // namespace

http::Response Api::Impl::ServeFeed(const http::Request& request,
                                    std::shared_ptr<const RenderedFeed> feed) {
  if (NotModified(request, feed->etag)) {
    http::Response r;
    r.status = 304;
    r.headers.Set("ETag", feed->etag);
    r.headers.Set("Cache-Control", std::string(kCacheControl));
    r.headers.Set("Vary", "Accept-Encoding");
    return r;
  }
  const bool gzip = http::AcceptsGzip(request) && !feed->gzipped.empty();
  http::Response r =
      http::Response::WithType(200, feed->media_type, gzip ? feed->gzipped : feed->body);
  if (gzip) r.headers.Set("Content-Encoding", "gzip");
  r.headers.Set("ETag", feed->etag);
  r.headers.Set("Cache-Control", std::string(kCacheControl));
  r.headers.Set("Vary", "Accept-Encoding");
  return r;
}

base::Result<std::shared_ptr<const Api::Impl::RenderedFeed>> Api::Impl::CachedFeed(
    const std::string& key, int64_t version,
    const std::function<base::Result<RenderedFeed>()>& render) {
  {
    std::lock_guard lock(feeds_mu);
    auto it = feed_cache.find(key);
    if (it != feed_cache.end() && it->second->version >= version &&
        clock.MonotonicNow() - it->second->rendered_at < kMaxFeedAge) {
      return it->second;
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(RenderedFeed rendered, render());
  rendered.rendered_at = clock.MonotonicNow();
  if (rendered.body.size() > 1024) {
    BINHYEN_ASSIGN_OR_RETURN(rendered.gzipped, http::Gzip(rendered.body));
  }
  auto shared = std::make_shared<const RenderedFeed>(std::move(rendered));
  std::lock_guard lock(feeds_mu);
  if (feed_cache.size() > 64) feed_cache.clear();  // formats x kinds: never more in practice
  feed_cache[key] = shared;
  return shared;
}

http::Response Api::Impl::Feed(http::Request& request, const OptionalPrincipal& /*caller*/) {
  const std::string name(request.PathParam("name"));
  // "canhbao" (warnings, in Vietnamese) is the name the feeds give themselves as self links.
  if (name == "warnings.atom" || name == "canhbao.atom") return WarningFeed(request, "atom");
  if (name == "warnings.json" || name == "canhbao.json") return WarningFeed(request, "json");
  std::optional<exchange::ExportFormat> format = exchange::ParseExportFormat(name);
  if (!format) return NotFoundFeed();
  std::optional<indicator::Kind> kind;
  if (std::optional<std::string_view> k = request.Query("kind"); k && !k->empty()) {
    kind = indicator::ParseKind(*k);
    if (!kind) {
      return Problem(422, "invalid_fields", "kind: unknown indicator kind",
                     "Loại chỉ báo không hợp lệ.",
                     {{"kind", "unknown indicator kind", "loại chỉ báo không hợp lệ"}});
    }
  }
  const std::string key = name + "/" + (kind ? std::string(indicator::KindName(*kind)) : "");
  std::shared_ptr<const service::ReputationView> view = reputation.view();
  auto feed = CachedFeed(key, view->version(), [&]() -> base::Result<RenderedFeed> {
    BINHYEN_ASSIGN_OR_RETURN(
        exchange::ExportInput input,
        exchange::LoadExportInput(store, clock.Now(), kind, view->own().allowlist()));
    input.base_url = options.public_url;
    RenderedFeed out;
    out.version = input.version;
    out.media_type = std::string(exchange::ExportMediaType(*format));
    BINHYEN_ASSIGN_OR_RETURN(out.body, exchange::Render(*format, input));
    out.etag = ContentTag(input.version, out.body);
    return out;
  });
  if (!feed.ok()) return FromStatus(feed.status(), request);
  return ServeFeed(request, *feed);
}

http::Response Api::Impl::MispFeedFile(http::Request& request,
                                       const OptionalPrincipal& /*caller*/) {
  const std::string file(request.PathParam("file"));
  std::shared_ptr<const service::ReputationView> view = reputation.view();
  // Both files come from the same load, so the manifest always names the event served.
  auto feed = CachedFeed("misp-files", view->version(), [&]() -> base::Result<RenderedFeed> {
    BINHYEN_ASSIGN_OR_RETURN(
        exchange::ExportInput input,
        exchange::LoadExportInput(store, clock.Now(), std::nullopt, view->own().allowlist()));
    input.base_url = options.public_url;
    RenderedFeed out;
    out.version = input.version;
    out.media_type = "application/json";
    BINHYEN_ASSIGN_OR_RETURN(out.body, exchange::Render(exchange::ExportFormat::kMisp, input));
    out.extra = exchange::RenderMispManifest(input);
    out.name = exchange::MispEventUuid(input) + ".json";
    out.etag = ContentTag(input.version, out.body);
    return out;
  });
  if (!feed.ok()) return FromStatus(feed.status(), request);
  const RenderedFeed& files = **feed;
  if (file == "manifest.json") {
    RenderedFeed manifest;
    manifest.version = files.version;
    manifest.media_type = "application/json";
    manifest.body = files.extra;
    manifest.etag = ContentTag(files.version, manifest.body);
    return ServeFeed(request, std::make_shared<const RenderedFeed>(std::move(manifest)));
  }
  if (file == files.name) return ServeFeed(request, *feed);
  return NotFoundFeed();
}

http::Response Api::Impl::WarningFeed(const http::Request& request, std::string_view name) {
  std::vector<domain::Warning> warnings;
  const base::TimePoint now = clock.Now();
  {
    auto tx = store.Begin(store::TxMode::kReadOnly);
    if (!tx.ok()) return FromStatus(tx.status(), request);
    store::PageRequest page;
    page.limit = 50;  // the newest 50: a feed reader only needs what is recent
    auto published = (*tx)->Warnings().ListPublished(std::nullopt, now, page);
    if (!published.ok()) return FromStatus(published.status(), request);
    warnings = std::move(published->items);
  }
  // "Updated" is the newest change of a warning shown, so the body (and its ETag) only change
  // when a warning does.
  base::TimePoint updated{};
  for (const domain::Warning& w : warnings) updated = std::max(updated, w.updated_at);
  RenderedFeed feed;
  if (name == "atom") {
    feed.media_type = "application/atom+xml; charset=utf-8";
    feed.body = exchange::RenderAtom(warnings, options.public_url, updated);
  } else {
    feed.media_type = "application/feed+json; charset=utf-8";
    feed.body = exchange::RenderJsonFeed(warnings, options.public_url, updated);
  }
  feed.etag = '"' + crypto::Sha256Hex(feed.body).substr(0, 32);
  feed.etag += '"';
  if (feed.body.size() > 1024) {
    base::Result<std::string> gz = http::Gzip(feed.body);
    if (gz.ok()) feed.gzipped = *std::move(gz);
  }
  return ServeFeed(request, std::make_shared<const RenderedFeed>(std::move(feed)));
}

}  // namespace binhyen::api
