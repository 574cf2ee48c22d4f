#include <set>
#include <string>
#include <utility>

#include "domain/dispute.h"
#include "domain/indicator_record.h"
#include "domain/receipt.h"
#include "domain/report.h"
#include "domain/user.h"
#include "domain/warning.h"

namespace binhyen::domain {
namespace {

base::Status Bad(std::string_view field, std::string_view what) {
  return base::InvalidArgumentError(std::string(field) + ": " + std::string(what));
}

base::Status CheckLength(std::string_view field, std::string_view value, size_t min, size_t max) {
  if (min > 0 && value.empty()) return Bad(field, "must not be empty");
  if (value.size() > max) return Bad(field, "must be at most " + std::to_string(max) + " bytes");
  return base::Status::Ok();
}

std::string Indexed(std::string_view list, size_t i, std::string_view field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + std::string(field);
}

// Re-prefixes a field error from a nested value with its position, e.g.
// "canonical: ..." → "indicators[2].canonical: ...".
base::Status Nest(std::string_view list, size_t i, const base::Status& s) {
  if (s.ok()) return s;
  return base::Status(s.code(), std::string(list) + "[" + std::to_string(i) + "]." + s.message());
}

}  // namespace

bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

base::Status Validate(const ReportIndicator& indicator) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("canonical", indicator.canonical, 1, 2048));
  return CheckLength("raw", indicator.raw, 0, 4096);
}

base::Status Validate(const EvidenceRef& evidence) {
  if (!IsSha256Hex(evidence.sha256)) return Bad("sha256", "must be 64 lower-case hex digits");
  BINHYEN_RETURN_IF_ERROR(CheckLength("media_type", evidence.media_type, 1, 255));
  if (evidence.size < 0) return Bad("size", "must be >= 0");
  return CheckLength("filename", evidence.filename, 0, 255);
}

base::Status Validate(const Report& report) {
  if (!IsCanonicalReceiptCode(report.receipt_code)) {
    return Bad("receipt_code", "must look like BY-XXXX-XXXX");
  }
  BINHYEN_RETURN_IF_ERROR(CheckLength("description", report.description, 1, kMaxDescriptionBytes));
  if (report.loss_vnd < 0) return Bad("loss_vnd", "must be >= 0");
  BINHYEN_RETURN_IF_ERROR(CheckLength("ward", report.ward, 0, 64));
  BINHYEN_RETURN_IF_ERROR(CheckLength("public_note", report.public_note, 0, kMaxPublicNoteBytes));
  if (report.contact_ciphertext && report.contact_ciphertext->empty()) {
    return Bad("contact_ciphertext", "must not be empty when present (use none for anonymous)");
  }
  std::set<std::pair<indicator::Kind, std::string>> seen;
  for (size_t i = 0; i < report.indicators.size(); ++i) {
    const ReportIndicator& ind = report.indicators[i];
    BINHYEN_RETURN_IF_ERROR(Nest("indicators", i, Validate(ind)));
    if (!seen.insert({ind.kind, ind.canonical}).second) {
      return Bad("indicators",
                 "duplicate " + std::string(indicator::KindName(ind.kind)) + " " + ind.canonical);
    }
  }
  std::set<std::string> hashes;
  for (size_t i = 0; i < report.evidence.size(); ++i) {
    BINHYEN_RETURN_IF_ERROR(Nest("evidence", i, Validate(report.evidence[i])));
    if (!hashes.insert(report.evidence[i].sha256).second) {
      return Bad("evidence", "duplicate " + report.evidence[i].sha256);
    }
  }
  return base::Status::Ok();
}

base::Status Validate(const IndicatorRecord& record) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("canonical", record.canonical, 1, 2048));
  if (record.last_seen < record.first_seen)
    return Bad("last_seen", "must not be before first_seen");
  std::set<std::string> names;
  for (size_t i = 0; i < record.sources.size(); ++i) {
    const IndicatorSource& s = record.sources[i];
    BINHYEN_RETURN_IF_ERROR(CheckLength(Indexed("sources", i, "source"), s.source, 1, 200));
    if (s.trust_level < 0 || s.trust_level > 100) {
      return Bad(Indexed("sources", i, "trust_level"), "must be in 0..100");
    }
    if (!names.insert(s.source).second) return Bad("sources", "duplicate " + s.source);
  }
  return base::Status::Ok();
}

base::Status Validate(const Warning& warning) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("slug", warning.slug, 1, 120));
  for (char c : warning.slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return Bad("slug", "only a-z, 0-9 and '-' are allowed");
    }
  }
  BINHYEN_RETURN_IF_ERROR(CheckLength("title", warning.title, 1, 300));
  BINHYEN_RETURN_IF_ERROR(CheckLength("body", warning.body, 1, 100'000));
  std::set<std::pair<indicator::Kind, std::string>> seen;
  for (size_t i = 0; i < warning.indicators.size(); ++i) {
    const WarningIndicator& ind = warning.indicators[i];
    BINHYEN_RETURN_IF_ERROR(
        CheckLength(Indexed("indicators", i, "canonical"), ind.canonical, 1, 2048));
    if (!seen.insert({ind.kind, ind.canonical}).second) {
      return Bad("indicators",
                 "duplicate " + std::string(indicator::KindName(ind.kind)) + " " + ind.canonical);
    }
  }
  return base::Status::Ok();
}

base::Status Validate(const Dispute& dispute) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("canonical", dispute.canonical, 1, 2048));
  BINHYEN_RETURN_IF_ERROR(CheckLength("reason", dispute.reason, 1, 10'000));
  if (dispute.claimant_contact_ciphertext && dispute.claimant_contact_ciphertext->empty()) {
    return Bad("claimant_contact_ciphertext", "must not be empty when present");
  }
  return base::Status::Ok();
}

base::Status CheckResolution(DisputeStatus from, DisputeStatus to, std::string_view resolution) {
  if (from != DisputeStatus::kOpen || to == DisputeStatus::kOpen) {
    return base::FailedPreconditionError("dispute status: cannot move from " +
                                         std::string(Name(from)) + " to " + std::string(Name(to)));
  }
  return CheckLength("resolution", resolution, 1, 10'000);
}

base::Status Validate(const User& user) {
  BINHYEN_RETURN_IF_ERROR(CheckLength("name", user.name, 1, 64));
  for (char c : user.name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return Bad("name", "only a-z, 0-9, '.', '_' and '-' are allowed");
    }
  }
  BINHYEN_RETURN_IF_ERROR(CheckLength("password_hash", user.password_hash, 1, 512));
  BINHYEN_RETURN_IF_ERROR(CheckLength("unit", user.unit, 0, 64));
  if (user.totp_secret_ciphertext && user.totp_secret_ciphertext->empty()) {
    return Bad("totp_secret_ciphertext", "must not be empty when present");
  }
  if (user.failed_logins < 0) return Bad("failed_logins", "must be >= 0");
  return base::Status::Ok();
}

base::Status Validate(const Session& session) {
  if (!IsSha256Hex(session.id_hash)) return Bad("id_hash", "must be 64 lower-case hex digits");
  if (!IsSha256Hex(session.csrf_token_hash)) {
    return Bad("csrf_token_hash", "must be 64 lower-case hex digits");
  }
  if (session.expires_at <= session.created_at)
    return Bad("expires_at", "must be after created_at");
  return base::Status::Ok();
}

base::Status Validate(const ApiToken& token) {
  if (!IsSha256Hex(token.token_hash)) return Bad("token_hash", "must be 64 lower-case hex digits");
  std::set<std::string> seen;
  for (size_t i = 0; i < token.scopes.size(); ++i) {
    const std::string& s = token.scopes[i];
    std::string field = "scopes[" + std::to_string(i) + "]";
    BINHYEN_RETURN_IF_ERROR(CheckLength(field, s, 1, 64));
    for (char c : s) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '.' ||
            c == '-')) {
        return Bad(field, "only a-z, 0-9, ':', '_', '.' and '-' are allowed");
      }
    }
    if (!seen.insert(s).second) return Bad("scopes", "duplicate " + s);
  }
  return base::Status::Ok();
}

}  // namespace binhyen::domain
