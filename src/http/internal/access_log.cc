#include "http/internal/access_log.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "http/message.h"

namespace binhyen::http::internal {
namespace {

std::string FormatTimestamp(base::TimePoint t) {
  const auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
  const auto secs = std::chrono::time_point_cast<std::chrono::seconds>(ms);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(secs)),
                     static_cast<int>((ms - secs).count()));
}

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out += ",\"";
  out += name;
  out += "\":";
  AppendJsonString(out, value);
}

bool IsCapability(std::string_view segment) {
  return segment == "{token}" || segment == "{receipt}" || segment == "{code}";
}

}  // namespace

std::string PathForLog(std::string_view route, std::string_view path) {
  if (route.find("{token}") == std::string_view::npos &&
      route.find("{receipt}") == std::string_view::npos &&
      route.find("{code}") == std::string_view::npos) {
    return std::string(path);
  }
  // The route matched the path, so both have the same number of segments.
  std::string out;
  out.reserve(path.size());
  size_t r = 0;
  size_t p = 0;
  while (r < route.size() && p < path.size()) {
    const size_t r_end = std::min(route.find('/', r + 1), route.size());
    const size_t p_end = std::min(path.find('/', p + 1), path.size());
    const std::string_view segment = route.substr(r, r_end - r);  // "/name" or "/{param}"
    if (segment.size() > 1 && IsCapability(segment.substr(1))) {
      out += "/-";
    } else {
      out += path.substr(p, p_end - p);
    }
    r = r_end;
    p = p_end;
  }
  out += path.substr(p);
  return out;
}

std::string FormatAccessLogLine(const AccessLogEntry& e) {
  std::string out = "{\"ts\":\"" + FormatTimestamp(e.ts) + "\"";
  AppendField(out, "request_id", e.request_id);
  AppendField(out, "method", e.method);
  AppendField(out, "route", e.route);
  AppendField(out, "path", e.path);
  out += fmt::format(",\"status\":{},\"bytes\":{},\"duration_ms\":{:.3f}", e.status, e.bytes,
                     e.duration_ms);
  AppendField(out, "client_ip", e.client_ip);
  AppendField(out, "user_agent", e.user_agent);
  out += '}';
  return out;
}

}  // namespace binhyen::http::internal
