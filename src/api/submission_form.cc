#include "api/submission_form.h"

#include <charconv>
#include <set>

#include "base/strings.h"
#include "service/field_errors.h"
#include "service/submission_json.h"

namespace binhyen::api {
namespace {

std::optional<bool> ParseBool(std::string_view v) {
  std::string s = base::AsciiLower(base::TrimAscii(v));
  if (s == "on" || s == "true" || s == "1" || s == "yes") return true;
  if (s == "off" || s == "false" || s == "0" || s == "no") return false;
  return std::nullopt;
}

// "5.000.000", "5,000,000", "5 000 000" and "5000000" are five million đồng.
std::optional<int64_t> ParseDong(std::string_view v) {
  std::string digits;
  for (char c : base::TrimAscii(v)) {
    if (base::IsAsciiDigit(c)) {
      digits += c;
    } else if (c != '.' && c != ',' && c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  int64_t out = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return out;
}

// RFC 3339, or "YYYY-MM-DDTHH:MM[:SS]" from <input type="datetime-local"> in Vietnam time.
std::optional<base::TimePoint> ParseFormTime(std::string_view v) {
  if (auto t = service::ParseRfc3339(v)) return t;
  if (v.size() == 16) return service::ParseRfc3339(std::string(v) + ":00+07:00");
  if (v.size() == 19) return service::ParseRfc3339(std::string(v) + "+07:00");
  return std::nullopt;
}

}  // namespace

base::Result<service::ReportSubmission> SubmissionFromFields(const http::Params& fields,
                                                             domain::Channel channel) {
  service::ReportSubmission out;
  out.channel = channel;
  service::ContactDetails contact;
  service::FieldErrors errors;
  std::set<std::string_view> seen;
  for (const auto& [name, raw] : fields) {
    std::string_view value = raw;
    if (base::TrimAscii(value).empty() || name == "csrf_token") continue;
    // Every field but the indicators holds one value: a second one would silently replace the
    // first.
    if (!name.starts_with("indicator") && !seen.insert(name).second) {
      errors.Add(name, "given more than once");
      continue;
    }
    if (name == "category") {
      out.category = std::string(base::TrimAscii(value));
    } else if (name == "description") {
      out.description = std::string(value);
    } else if (name == "ward") {
      out.ward = std::string(value);
    } else if (name == "occurred_at") {
      out.occurred_at = ParseFormTime(base::TrimAscii(value));
      if (!out.occurred_at) {
        errors.Add("occurred_at", "must be an RFC 3339 date-time, e.g. 2026-11-20T08:30:00+07:00");
      }
    } else if (name == "loss_vnd") {
      std::optional<int64_t> dong = ParseDong(value);
      if (dong) {
        out.loss_vnd = *dong;
      } else {
        errors.Add("loss_vnd", "must be an integer (đồng)");
      }
    } else if (name == "anonymous") {
      out.anonymous = ParseBool(value);
      if (!out.anonymous) errors.Add("anonymous", "must be true or false");
    } else if (name == "contact.name" || name == "contact_name") {
      contact.name = std::string(value);
    } else if (name == "contact.phone" || name == "contact_phone") {
      contact.phone = std::string(value);
    } else if (name == "contact.email" || name == "contact_email") {
      contact.email = std::string(value);
    } else if (name == "indicator") {
      out.indicators.push_back({"", std::string(value)});
    } else if (name.starts_with("indicator.")) {
      out.indicators.push_back({name.substr(10), std::string(value)});
    } else {
      errors.Add(name, "unknown field");
    }
  }
  if (!contact.name.empty() || !contact.phone.empty() || !contact.email.empty()) {
    out.contact = std::move(contact);
  }
  // Ticking "anonymous" on the form wins over contact fields left filled in.
  if (out.anonymous == true) out.contact.reset();
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return out;
}

}  // namespace binhyen::api
