#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/message.h"

namespace binhyen::api {

// One field error of a 422 answer.
struct FieldError {
  std::string field;      // "description", "indicators[2].value", "contact.phone"
  std::string detail;     // English
  std::string detail_vi;  // Vietnamese
};

// The error answers of the API, all RFC 9457 application/problem+json:
//   {"type": "about:blank", "title": "...", "status": 422, "detail": "...", "detail_vi": "...",
//    "code": "invalid_fields", "errors": [{"field", "detail", "detail_vi"}], "request_id"?}
// `code` is a stable machine-readable reason; clients branch on it, never on the text.
http::Response Problem(int status, std::string_view code, std::string_view detail,
                       std::string_view detail_vi, const std::vector<FieldError>& errors = {});

// The answer for a Status from the service layer:
// - InvalidArgument → 422 "invalid_fields", one FieldError per line "<field>: <what>" of the
//   message (see service/field_errors.h), each translated (TranslateFieldError);
// - other codes → their HTTP status (http::HttpStatusFor), with the message as detail and a
//   Vietnamese detail for the code; Internal errors never show their message (it may hold paths
//   or SQL): the detail names the request id instead, and the message is logged.
http::Response FromStatus(const base::Status& status, const http::Request& request);

// 400 "malformed": the body cannot be read as the declared type.
http::Response Malformed(std::string_view detail_en, std::string_view detail_vi);

// The Vietnamese of an English field-error text made by the service layer ("must not be empty"
// → "không được để trống"). Unknown texts get a generic Vietnamese sentence followed by the
// English in parentheses, so nothing is lost.
std::string TranslateFieldError(std::string_view what);

// Splits "<field>: <what>" lines into field errors (a line without ": " is field "").
std::vector<FieldError> ParseFieldErrors(std::string_view message);

}  // namespace binhyen::api
