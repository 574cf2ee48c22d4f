// CSV formats: generic CSV with a header, URLhaus CSV and PhishTank CSV (RFC 4180 quoting,
// quoted fields may span lines).
#include <optional>
#include <string>
#include <vector>

#include "base/strings.h"
#include "domain/enums.h"
#include "exchange/internal/import_parsers.h"

namespace binhyen::exchange::internal {
namespace {

struct CsvRecord {
  std::vector<std::string> fields;
  size_t line = 0;       // 1-based line where the record starts
  std::string_view raw;  // the record's text (for comments and messages)
  bool unterminated = false;
};

// Reads RFC 4180 records from `text` (BOM already stripped).
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  bool Next(CsvRecord* rec) {
    if (pos_ >= text_.size()) return false;
    rec->fields.assign(1, std::string());
    rec->line = line_;
    rec->unterminated = false;
    size_t start = pos_;
    bool quoted = false;
    bool at_field_start = true;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            rec->fields.back().push_back('"');
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          rec->fields.back().push_back(c);
        }
        continue;
      }
      if (c == '\n') {
        ++line_;
        break;
      }
      if (c == '"' && at_field_start) {
        quoted = true;
        at_field_start = false;
      } else if (c == ',') {
        rec->fields.emplace_back();
        at_field_start = true;
      } else if (c != '\r' || (pos_ < text_.size() && text_[pos_] != '\n')) {
        rec->fields.back().push_back(c);
        at_field_start = false;
      }
    }
    rec->unterminated = quoted;
    rec->raw = text_.substr(start, pos_ - start);
    while (!rec->raw.empty() && (rec->raw.back() == '\n' || rec->raw.back() == '\r')) {
      rec->raw.remove_suffix(1);
    }
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;
};

bool IsBlankOrComment(const CsvRecord& rec) {
  std::string_view raw = base::TrimAscii(rec.raw);
  return raw.empty() || raw[0] == '#';
}

std::optional<size_t> Column(const std::vector<std::string>& header,
                             std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
  }
  return std::nullopt;
}

std::vector<std::string> NormalizeHeader(std::vector<std::string> fields) {
  for (std::string& f : fields) {
    std::string_view t = base::TrimAscii(f);
    if (!t.empty() && t[0] == '#') t = base::TrimAscii(t.substr(1));
    f = base::AsciiLower(t);
  }
  return fields;
}

std::string CategoryOrEmpty(std::string_view value) {
  std::string lower = base::AsciiLower(base::TrimAscii(value));
  return domain::ParseCategory(lower) ? lower : std::string();
}

// Calls fn(record) for each record that is not blank or a '#' comment (those are skipped), after
// the builder's limit check; unterminated quotes are errors.
template <typename Fn>
base::Status ForEachRecord(CsvReader& reader, FeedBuilder& b, Fn&& fn) {
  CsvRecord rec;
  while (reader.Next(&rec)) {
    BINHYEN_RETURN_IF_ERROR(b.StartLine(rec.line));
    if (IsBlankOrComment(rec)) {
      b.Skip();
      continue;
    }
    if (rec.unterminated) {
      BINHYEN_RETURN_IF_ERROR(b.Error(rec.line, "unterminated quoted field"));
      continue;
    }
    BINHYEN_RETURN_IF_ERROR(fn(rec));
  }
  return base::Status::Ok();
}

struct GenericColumns {
  size_t value = 0;
  std::string value_name;
  std::optional<size_t> kind;
  std::optional<size_t> category;
  std::optional<size_t> path;
};

base::Status GenericRow(const CsvRecord& rec, const GenericColumns& c, FeedBuilder& b) {
  const std::vector<std::string>& f = rec.fields;
  if (f.size() <= c.value) {
    return b.Error(rec.line, "expected at least " + std::to_string(c.value + 1) +
                                 " fields, found " + std::to_string(f.size()));
  }
  std::string_view value = base::TrimAscii(f[c.value]);
  if (value.empty()) return b.Error(rec.line, "empty " + c.value_name + " field");
  std::string category =
      c.category && *c.category < f.size() ? CategoryOrEmpty(f[*c.category]) : std::string();
  if (c.kind && *c.kind < f.size() && !base::TrimAscii(f[*c.kind]).empty()) {
    std::optional<indicator::Kind> kind = indicator::ParseKind(base::TrimAscii(f[*c.kind]));
    if (!kind) return b.Error(rec.line, "unknown kind " + Quote(f[*c.kind]));
    return b.AddKind(*kind, value, category, rec.line);
  }
  if (c.value_name == "url") return b.AddUrl(value, category, rec.line);
  if (c.value_name == "value" || c.value_name == "indicator") {
    return b.AddGuess(value, category, rec.line);
  }
  if (c.path && *c.path < f.size() && !base::TrimAscii(f[*c.path]).empty()) {
    std::string url(value);
    url.append(base::TrimAscii(f[*c.path]));
    return b.AddUrl(url, category, rec.line);
  }
  return b.AddHost(value, category, rec.line, /*allow_ip=*/true);
}

std::string UrlhausCategory(std::string_view threat) {
  if (threat == "malware_download") return "malware";
  return CategoryOrEmpty(threat);
}

}  // namespace

base::Status ParseCsv(std::string_view text, FeedBuilder& builder) {
  CsvReader reader(StripBom(text));
  std::optional<GenericColumns> cols;
  return ForEachRecord(reader, builder, [&](const CsvRecord& rec) -> base::Status {
    if (cols) return GenericRow(rec, *cols, builder);
    std::vector<std::string> header = NormalizeHeader(rec.fields);
    std::optional<size_t> value =
        Column(header, {"url", "domain", "host", "hostname", "value", "indicator"});
    if (!value) {
      return base::InvalidArgumentError(
          "line " + std::to_string(rec.line) +
          ": the CSV header has no url, domain, host, value or indicator column");
    }
    cols = GenericColumns{.value = *value,
                          .value_name = header[*value],
                          .kind = Column(header, {"kind"}),
                          .category = Column(header, {"category"}),
                          .path = Column(header, {"path"})};
    builder.Skip();  // the header
    return base::Status::Ok();
  });
}

base::Status ParseUrlhausCsv(std::string_view text, FeedBuilder& builder) {
  // Current layout; a "# id,dateadded,url,..." comment header overrides it.
  size_t url_col = 2;
  std::optional<size_t> threat_col = 5;
  CsvReader reader(StripBom(text));
  CsvRecord rec;
  while (reader.Next(&rec)) {
    BINHYEN_RETURN_IF_ERROR(builder.StartLine(rec.line));
    if (IsBlankOrComment(rec)) {
      std::vector<std::string> header = NormalizeHeader(rec.fields);
      if (!header.empty() && header[0] == "id") {
        if (std::optional<size_t> u = Column(header, {"url"})) url_col = *u;
        threat_col = Column(header, {"threat"});
      }
      builder.Skip();
      continue;
    }
    if (rec.unterminated) {
      BINHYEN_RETURN_IF_ERROR(builder.Error(rec.line, "unterminated quoted field"));
      continue;
    }
    if (rec.fields.size() <= url_col) {
      BINHYEN_RETURN_IF_ERROR(builder.Error(rec.line, "expected a URLhaus record, found " +
                                                          std::to_string(rec.fields.size()) +
                                                          " field(s): " + Quote(rec.raw)));
      continue;
    }
    std::string category = threat_col && *threat_col < rec.fields.size()
                               ? UrlhausCategory(rec.fields[*threat_col])
                               : std::string();
    BINHYEN_RETURN_IF_ERROR(
        builder.AddUrl(base::TrimAscii(rec.fields[url_col]), category, rec.line));
  }
  return base::Status::Ok();
}

base::Status ParsePhishTankCsv(std::string_view text, FeedBuilder& builder) {
  CsvReader reader(StripBom(text));
  std::optional<size_t> url_col;
  std::optional<size_t> verified_col;
  return ForEachRecord(reader, builder, [&](const CsvRecord& rec) -> base::Status {
    if (!url_col) {
      std::vector<std::string> header = NormalizeHeader(rec.fields);
      url_col = Column(header, {"url"});
      if (!url_col) {
        return base::InvalidArgumentError("line " + std::to_string(rec.line) +
                                          ": the PhishTank CSV header has no url column");
      }
      verified_col = Column(header, {"verified"});
      builder.Skip();
      return base::Status::Ok();
    }
    if (rec.fields.size() <= *url_col) {
      return builder.Error(rec.line, "expected at least " + std::to_string(*url_col + 1) +
                                         " fields, found " + std::to_string(rec.fields.size()));
    }
    if (verified_col && *verified_col < rec.fields.size() &&
        base::TrimAscii(rec.fields[*verified_col]) == "no") {
      builder.Skip();  // not (yet) verified as phishing
      return base::Status::Ok();
    }
    return builder.AddUrl(base::TrimAscii(rec.fields[*url_col]), "phishing", rec.line);
  });
}

}  // namespace binhyen::exchange::internal
