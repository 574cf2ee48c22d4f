#include "service/submission_json.h"

#include <chrono>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "base/strings.h"

namespace binhyen::service {
namespace {

using nlohmann::json;

// base::TimePoint counts nanoseconds in 64 bits, which end in 2262.
constexpr int kMaxYear = 2200;

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

// An unknown member's name as it may appear in an error: at most 64 bytes, control characters
// and quotes replaced, so that the message stays one short line whatever the client sent.
std::string PrintableKey(std::string_view key) {
  constexpr size_t kMaxKeyBytes = 64;
  std::string out;
  for (char c : key.substr(0, kMaxKeyBytes)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f || c == '"' || c == '\\') ? '?' : c;
  }
  if (key.size() > kMaxKeyBytes) out += "...";
  return out;
}

base::Status CheckFields(const json& object, std::string_view prefix,
                         const std::set<std::string_view>& known) {
  for (const auto& [key, value] : object.items()) {
    if (known.count(key) == 0) {
      return Bad(std::string(prefix) + PrintableKey(key), "unknown field");
    }
  }
  return base::Status::Ok();
}

// The string at `key` of `object`; "" when absent or null.
base::Result<std::string> OptionalString(const json& object, const char* key,
                                         std::string_view field) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Bad(field, "must be a string");
  return it->get<std::string>();
}

base::Result<std::string> RequiredString(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return Bad(key, "is required");
  if (!it->is_string()) return Bad(key, "must be a string");
  return it->get<std::string>();
}

base::Status DecodeIndicators(const json& list, ReportSubmission& out) {
  if (!list.is_array()) return Bad("indicators", "must be an array");
  if (list.size() > kMaxSubmissionIndicators) {
    return Bad("indicators", "at most " + std::to_string(kMaxSubmissionIndicators) + " (got " +
                                 std::to_string(list.size()) + ")");
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string field = "indicators[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!item.is_object()) return Bad(field, "must be an object {\"kind\", \"value\"}");
    BINHYEN_RETURN_IF_ERROR(CheckFields(item, field + ".", {"kind", "value"}));
    TypedIndicator typed;
    BINHYEN_ASSIGN_OR_RETURN(typed.kind, OptionalString(item, "kind", field + ".kind"));
    auto value = item.find("value");
    if (value == item.end()) return Bad(field + ".value", "is required");
    if (!value->is_string()) return Bad(field + ".value", "must be a string");
    typed.value = value->get<std::string>();
    out.indicators.push_back(std::move(typed));
  }
  return base::Status::Ok();
}

base::Status DecodeContact(const json& contact, ReportSubmission& out) {
  if (contact.is_null()) return base::Status::Ok();
  if (!contact.is_object()) return Bad("contact", "must be an object or null");
  BINHYEN_RETURN_IF_ERROR(CheckFields(contact, "contact.", {"name", "phone", "email"}));
  ContactDetails details;
  BINHYEN_ASSIGN_OR_RETURN(details.name, OptionalString(contact, "name", "contact.name"));
  BINHYEN_ASSIGN_OR_RETURN(details.phone, OptionalString(contact, "phone", "contact.phone"));
  BINHYEN_ASSIGN_OR_RETURN(details.email, OptionalString(contact, "email", "contact.email"));
  out.contact = std::move(details);
  return base::Status::Ok();
}

base::Status DecodeObject(const json& j, ReportSubmission& out) {
  BINHYEN_RETURN_IF_ERROR(CheckFields(j, "",
                                      {"category", "description", "occurred_at", "loss_vnd", "ward",
                                       "indicators", "contact", "anonymous"}));
  BINHYEN_ASSIGN_OR_RETURN(out.category, RequiredString(j, "category"));
  BINHYEN_ASSIGN_OR_RETURN(out.description, RequiredString(j, "description"));
  BINHYEN_ASSIGN_OR_RETURN(out.ward, OptionalString(j, "ward", "ward"));
  BINHYEN_ASSIGN_OR_RETURN(std::string occurred, OptionalString(j, "occurred_at", "occurred_at"));
  if (!occurred.empty()) {
    out.occurred_at = ParseRfc3339(occurred);
    if (!out.occurred_at) {
      return Bad("occurred_at", "must be an RFC 3339 date-time, e.g. 2026-11-20T08:30:00+07:00");
    }
  }
  if (auto loss = j.find("loss_vnd"); loss != j.end() && !loss->is_null()) {
    if (loss->is_number_unsigned()) {
      if (loss->get<uint64_t>() > static_cast<uint64_t>(kMaxLossVnd)) {
        return Bad("loss_vnd", "must be between 0 and " + std::to_string(kMaxLossVnd));
      }
      out.loss_vnd = static_cast<int64_t>(loss->get<uint64_t>());
    } else if (loss->is_number_integer()) {
      out.loss_vnd = loss->get<int64_t>();
    } else {
      return Bad("loss_vnd", "must be an integer (đồng)");
    }
  }
  if (auto list = j.find("indicators"); list != j.end() && !list->is_null()) {
    BINHYEN_RETURN_IF_ERROR(DecodeIndicators(*list, out));
  }
  if (auto contact = j.find("contact"); contact != j.end()) {
    BINHYEN_RETURN_IF_ERROR(DecodeContact(*contact, out));
  }
  if (auto anonymous = j.find("anonymous"); anonymous != j.end() && !anonymous->is_null()) {
    if (!anonymous->is_boolean()) return Bad("anonymous", "must be true or false");
    out.anonymous = anonymous->get<bool>();
  }
  return base::Status::Ok();
}

// Reads exactly `n` digits at `pos`; -1 when they are not all digits.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!base::IsAsciiDigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::optional<base::TimePoint> ParseRfc3339(std::string_view s) {
  using std::chrono::day;
  using std::chrono::hours;
  using std::chrono::microseconds;
  using std::chrono::minutes;
  using std::chrono::month;
  using std::chrono::seconds;
  using std::chrono::sys_days;
  using std::chrono::sys_time;
  using std::chrono::time_point_cast;
  using std::chrono::year;
  using std::chrono::year_month_day;
  // YYYY-MM-DDTHH:MM:SS
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  const int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
  const int h = Digits(s, 11, 2), mi = Digits(s, 14, 2), sec = Digits(s, 17, 2);
  if (y < 1970 || y > kMaxYear || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      sec < 0 || sec > 60) {
    return std::nullopt;
  }
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  size_t pos = 19;
  int64_t micros = 0;
  if (s[pos] == '.') {
    ++pos;
    size_t digits = 0;
    while (pos < s.size() && base::IsAsciiDigit(s[pos])) {
      if (digits < 6) micros = micros * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (size_t i = digits; i < 6; ++i) micros *= 10;
  }
  if (pos >= s.size()) return std::nullopt;
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int oh = Digits(s, pos + 1, 2), om = Digits(s, pos + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59 || pos + 3 >= s.size() || s[pos + 3] != ':') {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  // A leap second (":60") is read as the first instant of the next minute.
  const sys_time<microseconds> t = sys_days(date) + hours(h) + minutes(mi) + seconds(sec) +
                                   microseconds(micros) - minutes(offset_minutes);
  return time_point_cast<base::TimePoint::duration>(t);
}

base::Result<ReportSubmission> DecodeSubmissionJson(std::string_view text,
                                                    domain::Channel channel) {
  if (text.size() > kMaxSubmissionJsonBytes) {
    return Bad("input", "larger than " + std::to_string(kMaxSubmissionJsonBytes) + " bytes");
  }
  // JSON text never holds a raw NUL (it is escaped as \u0000), and nlohmann stops reading at one:
  // refuse it rather than ignore what follows.
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return Bad("input", "not valid JSON (a NUL byte at byte " + std::to_string(nul) + ")");
  }
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    return Bad("input", "not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const json::exception& e) {
    return Bad("input", std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) return Bad("input", "must be a JSON object");
  ReportSubmission out;
  out.channel = channel;
  BINHYEN_RETURN_IF_ERROR(DecodeObject(j, out));
  return out;
}

}  // namespace binhyen::service
