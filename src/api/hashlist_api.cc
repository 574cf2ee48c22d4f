// The hash-prefix lists (docs/HASHLISTS.md): clients that check locally without revealing what
// they check. Answered from memory: searches on the I/O thread, updates (megabytes for a full list)
// on the worker pool.

#include <string>
#include <utility>

#include "api/internal/api_impl.h"
#include "api/problem.h"
#include "index/hashlist_wire.h"

namespace binhyen::api {
namespace {

http::Response Invalid(std::string_view field, std::string_view detail,
                       std::string_view detail_vi) {
  return Problem(422, "invalid_fields", std::string(field) + ": " + std::string(detail),
                 "Một số trường chưa hợp lệ.",
                 {{std::string(field), std::string(detail), std::string(detail_vi)}});
}

}  // namespace

http::Response Api::Impl::HashListUpdate(http::Request& request,
                                         const OptionalPrincipal& /*caller*/) {
  std::optional<index::HashListKind> list = index::ParseHashListName(request.PathParam("name"));
  if (!list) {
    return Problem(404, "not_found", "no such list (urls, phones, accounts)",
                   "Không có danh sách này (urls, phones, accounts).");
  }
  base::Result<int64_t> since = index::ParseSinceParameter(request.Query("since").value_or(""));
  if (!since.ok()) {
    return Invalid("since", "must be a whole number >= 0", "phải là số nguyên không âm");
  }
  base::Result<index::HashListUpdate> update = reputation.hash_lists().Update(*list, *since);
  if (!update.ok()) return FromStatus(update.status(), request);
  http::Response r = http::Response::Json(200, index::HashListUpdateToJson(*update));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

http::Response Api::Impl::HashesSearch(http::Request& request,
                                       const OptionalPrincipal& /*caller*/) {
  if (request.MediaTypeName() != "application/json") {
    return Problem(415, "unsupported_media_type", "send application/json",
                   "Hãy gửi dữ liệu dạng application/json.");
  }
  base::Result<std::vector<uint32_t>> prefixes = index::ParseHashSearchRequestJson(request.body);
  if (!prefixes.ok()) {
    if (prefixes.status().code() == base::StatusCode::kPayloadTooLarge) {
      return Problem(413, "too_large", prefixes.status().message(), "Yêu cầu quá lớn.");
    }
    return Invalid("prefixes", prefixes.status().message(),
                   "phải là danh sách tối đa 1000 tiền tố 4 byte (base64)");
  }
  base::Result<index::HashSearchResult> result = reputation.hash_lists().Search(*prefixes);
  if (!result.ok()) return FromStatus(result.status(), request);
  http::Response r = http::Response::Json(200, index::HashSearchResultToJson(*result));
  r.headers.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace binhyen::api
