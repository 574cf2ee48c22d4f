// /static/{file}: the stylesheet, the script and the icons, compiled into the binary.
#include <string>
#include <string_view>

#include "crypto/hash.h"
#include "web/internal/assets.h"
#include "web/internal/web_impl.h"

namespace binhyen::web::internal {
namespace {

constexpr std::string_view kStaticPrefix = "static/";

std::string_view MediaTypeOf(std::string_view path) {
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  if (path.ends_with(".png")) return "image/png";
  if (path.ends_with(".ico")) return "image/x-icon";
  if (path.ends_with(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

const Asset* FindStatic(std::string_view name) {
  for (const Asset& asset : EmbeddedAssets()) {
    if (asset.path.starts_with(kStaticPrefix) && asset.path.substr(kStaticPrefix.size()) == name) {
      return &asset;
    }
  }
  return nullptr;
}

}  // namespace

std::string_view AssetVersion() {
  // Computed once from constant data: the pages link /static/x?v=<version>, so a new build's
  // files are fetched anew while unchanged ones stay cached for a year.
  static const std::string version = [] {
    std::string all;
    for (const Asset& asset : EmbeddedAssets()) {
      if (asset.path.starts_with(kStaticPrefix)) all.append(asset.data);
    }
    return crypto::Sha256Hex(all).substr(0, 12);
  }();
  return version;
}

void RegisterStaticFiles(http::Router& router, Shared&) {
  router.Add(http::Method::kGet, "/static/{file}",
             [](http::Request& request) {
               const Asset* asset = FindStatic(request.PathParam("file"));
               if (asset == nullptr) return http::Response::Text(404, "not found\n");
               http::Response r = http::Response::WithType(
                   200, std::string(MediaTypeOf(asset->path)), std::string(asset->data));
               r.headers.Set("Cache-Control", "public, max-age=31536000, immutable");
               r.headers.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'");
               return r;
             },
             {.blocking = false});
  // Browsers ask for these at the root.
  router.Add(http::Method::kGet, "/favicon.ico",
             [](http::Request&) {
               const Asset* asset = FindStatic("favicon.svg");
               http::Response r =
                   http::Response::WithType(200, "image/svg+xml", std::string(asset->data));
               r.headers.Set("Cache-Control", "public, max-age=86400");
               return r;
             },
             {.blocking = false});
  router.Add(http::Method::kGet, "/robots.txt",
             [](http::Request&) {
               http::Response r = http::Response::Text(
                   200,
                   "User-agent: *\nDisallow: /quan-tri\nDisallow: /bao-cao/\nDisallow: /xac-nhan/\n"
                   "Disallow: /khieu-nai/\nDisallow: /api/\nDisallow: /lam-bai/\n"
                   "Disallow: /tap-huan/diem-danh/\nDisallow: /quy-tac-ung-xu/ky/\n");
               r.headers.Set("Cache-Control", "public, max-age=86400");
               return r;
             },
             {.blocking = false});
}

}  // namespace binhyen::web::internal
