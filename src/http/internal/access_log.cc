#include "http/internal/access_log.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

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

}  // namespace

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
