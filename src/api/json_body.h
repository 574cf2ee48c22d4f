#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "http/message.h"

namespace binhyen::api {

// A JSON object read from a request body, or the response refusing it: 415 unless the
// Content-Type is application/json, 400 when it is not a JSON object, 422 "<name>: unknown
// field" for a member not in `allowed`.
std::variant<nlohmann::json, http::Response> ReadJsonObject(
    const http::Request& request, std::initializer_list<std::string_view> allowed);

}  // namespace binhyen::api
