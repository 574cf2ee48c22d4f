#include "api/json_body.h"

#include <algorithm>

#include "api/problem.h"
#include "service/field_errors.h"

namespace binhyen::api {

std::variant<nlohmann::json, http::Response> ReadJsonObject(
    const http::Request& request, std::initializer_list<std::string_view> allowed) {
  if (request.MediaTypeName() != "application/json") {
    return Problem(415, "unsupported_media_type", "send Content-Type: application/json",
                   "Hãy gửi dữ liệu dạng JSON (Content-Type: application/json).");
  }
  // A raw NUL never belongs in JSON text, and the parser would stop reading at it.
  nlohmann::json j = request.body.find('\0') != std::string::npos
                         ? nlohmann::json(nlohmann::json::value_t::discarded)
                         : nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Malformed("body: not valid JSON", "Nội dung gửi lên không phải JSON hợp lệ.");
  }
  if (!j.is_object()) {
    return Malformed("body: must be a JSON object", "Nội dung gửi lên phải là một đối tượng JSON.");
  }
  std::vector<FieldError> errors;
  for (const auto& [key, value] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      // The name as sent may be long or hold line breaks: it is echoed short, on one line.
      errors.push_back({service::PrintableForError(key, service::FieldErrors::kMaxFieldBytes),
                        "unknown field", TranslateFieldError("unknown field")});
    }
  }
  if (!errors.empty()) {
    return Problem(422, "invalid_fields", errors.front().field + ": unknown field",
                   "Một số trường chưa hợp lệ.", errors);
  }
  return j;
}

}  // namespace binhyen::api
