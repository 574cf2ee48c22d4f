#include "service/webhooks.h"

#include <nlohmann/json.hpp>

#include "crypto/hmac.h"

namespace binhyen::service {
namespace {

constexpr size_t kSummaryBytes = 300;

// The plain text of Markdown, roughly: marks (#, *, _, `, >, [, ]) dropped, whitespace runs
// made one space. Good enough for a one-paragraph summary in a chat message.
std::string PlainText(std::string_view markdown) {
  std::string out;
  bool space = false;
  for (char c : markdown) {
    if (c == '#' || c == '*' || c == '_' || c == '`' || c == '>' || c == '[' || c == ']') continue;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// At most `max` bytes of UTF-8 `s`, never cutting a character.
std::string CutUtf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s + "…";
}

nlohmann::json ChannelJson(const domain::CommunityChannel& channel) {
  return {{"id", channel.id}, {"name", channel.name}};
}

}  // namespace

std::string_view WarningEvent(const domain::Warning& warning) {
  return warning.kind == domain::WarningKind::kClarification ? "clarification.published"
                                                             : "warning.published";
}

std::string WebhookWarningBody(const domain::Warning& warning,
                               const domain::CommunityChannel& channel,
                               std::string_view public_url) {
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string path =
      (warning.kind == domain::WarningKind::kClarification ? "/dinh-chinh/" : "/canh-bao/") +
      warning.slug;
  nlohmann::json w = {
      {"title", warning.title},
      {"summary", CutUtf8(PlainText(warning.body), kSummaryBytes)},
      {"url", base + path},
      {"category", warning.category ? nlohmann::json(std::string(domain::Name(*warning.category)))
                                    : nlohmann::json(nullptr)},
      {"published_at", warning.published_at
                           ? nlohmann::json(base::FormatRfc3339(*warning.published_at))
                           : nlohmann::json(nullptr)},
  };
  nlohmann::json body = {{"event", std::string(WarningEvent(warning))},
                         {"warning", w},
                         {"channel", ChannelJson(channel)}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string WebhookTestBody(const domain::CommunityChannel& channel, base::TimePoint at) {
  nlohmann::json body = {{"event", std::string(kWebhookTestEvent)},
                         {"warning", nullptr},
                         {"channel", ChannelJson(channel)},
                         {"sent_at", base::FormatRfc3339(at)}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string WebhookSignature(std::string_view secret, std::string_view timestamp,
                             std::string_view body) {
  std::string message;
  message.reserve(timestamp.size() + 1 + body.size());
  message.append(timestamp).append(".").append(body);
  return "sha256=" + crypto::HmacSha256Hex(secret, message);
}

}  // namespace binhyen::service
