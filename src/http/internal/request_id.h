#pragma once

#include <random>
#include <string>
#include <string_view>

namespace binhyen::http::internal {

// True for an acceptable incoming X-Request-Id: 1 to 64 of [A-Za-z0-9._-].
bool IsValidRequestId(std::string_view id);

// 16 lower-case hex digits from `rng`. Request ids correlate log lines; they are not secrets.
std::string NewRequestId(std::mt19937_64& rng);

}  // namespace binhyen::http::internal
