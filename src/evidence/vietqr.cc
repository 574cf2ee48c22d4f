#include "evidence/vietqr.h"

#include <cctype>
#include <cstdio>
#include <string>
#include <utility>

#include "base/strings.h"
#include "text/utf8.h"

namespace binhyen::evidence {
namespace {

constexpr std::string_view kNapasGuid = "A000000727";
constexpr std::string_view kServiceToCard = "QRIBFTTC";  // to an account: "QRIBFTTA"

base::Status Invalid(std::string message) { return base::InvalidArgumentError(std::move(message)); }

std::string Hex4(uint16_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(v));
  return buf;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (!base::IsAsciiDigit(c)) return false;
  }
  return true;
}

// For echoing payload bytes in an error message: no control characters, no line breaks.
bool IsPrintableAscii(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// Advances past `chars` code points of valid UTF-8 starting at `pos`. Returns false when the
// string ends first.
bool SkipCodePoints(std::string_view s, size_t chars, size_t* pos) {
  for (size_t i = 0; i < chars; ++i) {
    if (*pos >= s.size()) return false;
    text::DecodeUtf8(s, pos);
  }
  return true;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t pos = 0; pos < s.size(); ++n) text::DecodeUtf8(s, &pos);
  return n;
}

// Splits `s` (valid UTF-8) into TLV fields. Offsets in messages are byte offsets into `s`.
base::Result<std::vector<EmvField>> SplitTlv(std::string_view s) {
  std::vector<EmvField> fields;
  size_t pos = 0;
  while (pos < s.size()) {
    if (s.size() - pos < 4) {
      return Invalid("truncated TLV at offset " + std::to_string(pos) + ": " +
                     std::to_string(s.size() - pos) + " bytes left, a tag and length need 4");
    }
    std::string_view tag = s.substr(pos, 2);
    std::string_view len = s.substr(pos + 2, 2);
    if (!IsDigits(tag) || !IsDigits(len)) {
      return Invalid("invalid TLV at offset " + std::to_string(pos) +
                     ": tag and length must be two digits each");
    }
    size_t declared = static_cast<size_t>((len[0] - '0') * 10 + (len[1] - '0'));
    size_t start = pos + 4;
    size_t end = start;
    if (!SkipCodePoints(s, declared, &end)) {
      return Invalid("truncated TLV at offset " + std::to_string(pos) + ": tag " +
                     std::string(tag) + " declares " + std::to_string(declared) + " characters, " +
                     std::to_string(CountCodePoints(s.substr(start))) + " remain");
    }
    fields.push_back(EmvField{std::string(tag), std::string(s.substr(start, end - start))});
    pos = end;
  }
  return fields;
}

const EmvField* FindField(const std::vector<EmvField>& fields, std::string_view tag) {
  for (const EmvField& f : fields) {
    if (f.tag == tag) return &f;
  }
  return nullptr;
}

// Checks the framing ParseEmv promises once the fields are split.
base::Status CheckFraming(std::string_view payload, const std::vector<EmvField>& fields) {
  if (fields.empty() || fields.front().tag != "00") {
    return Invalid("not an EMVCo payload: the first field must be 00 (payload format indicator)");
  }
  if (fields.front().value != "01") {
    return Invalid("unsupported payload format indicator (tag 00 must be \"01\")");
  }
  for (size_t i = 0; i + 1 < fields.size(); ++i) {
    if (fields[i].tag == "63") return Invalid("CRC field (tag 63) before the end");
  }
  const EmvField& last = fields.back();
  if (last.tag != "63" || last.value.size() != 4) {
    return Invalid("no CRC (tag 63, length 04) at the end");
  }
  std::string said = last.value;
  for (char& c : said) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (char c : said) {
    if (!base::IsAsciiDigit(c) && (c < 'A' || c > 'F')) {
      return Invalid("CRC (tag 63) is not 4 hex digits");
    }
  }
  std::string computed = Hex4(Crc16CcittFalse(payload.substr(0, payload.size() - 4)));
  if (said != computed) {
    return Invalid("CRC mismatch: payload says " + said + ", computed " + computed);
  }
  return base::Status::Ok();
}

// The VietQR merchant-account template among tags 26-51, or nullptr. Sets *other_guid to the
// GUID of the first template of another scheme (printable ASCII only, shortened).
base::Result<std::vector<EmvField>> FindNapasTemplate(const std::vector<EmvField>& fields,
                                                      std::string* other_guid) {
  for (const EmvField& f : fields) {
    int tag = (f.tag[0] - '0') * 10 + (f.tag[1] - '0');
    if (tag < 26 || tag > 51) continue;
    auto sub = ParseEmvTemplate(f.value);
    if (!sub.ok()) continue;  // another scheme's template may not be TLV; it is not ours
    const EmvField* guid = FindField(*sub, "00");
    if (guid == nullptr) continue;
    if (base::EqualsIgnoreAsciiCase(guid->value, kNapasGuid)) return std::move(sub).value();
    if (other_guid->empty() && IsPrintableAscii(guid->value)) {
      *other_guid = guid->value.substr(0, 32);
    }
  }
  std::string reason = "not a VietQR transfer code: no merchant account with the NAPAS GUID " +
                       std::string(kNapasGuid);
  if (!other_guid->empty()) reason += " (found " + *other_guid + ")";
  return base::NotFoundError(std::move(reason));
}

// Reads the NAPAS template (tag 38 / ...) into `qr`.
base::Status ReadNapasTemplate(const std::vector<EmvField>& napas, VietQr& qr) {
  const EmvField* beneficiary = FindField(napas, "01");
  if (beneficiary == nullptr) return Invalid("VietQR without a beneficiary (tag 38 / 01)");
  BINHYEN_ASSIGN_OR_RETURN(std::vector<EmvField> ben, ParseEmvTemplate(beneficiary->value));
  const EmvField* bin = FindField(ben, "00");
  const EmvField* account = FindField(ben, "01");
  if (bin == nullptr || bin->value.size() != 6 || !IsDigits(bin->value)) {
    return Invalid("VietQR bank BIN (tag 38 / 01 / 00) must be 6 digits");
  }
  if (account == nullptr || account->value.empty()) {
    return Invalid("VietQR without an account number (tag 38 / 01 / 01)");
  }
  qr.bin = bin->value;
  qr.account = account->value;
  if (const EmvField* service = FindField(napas, "02")) qr.service_code = service->value;
  qr.to_card = qr.service_code == kServiceToCard;
  return base::Status::Ok();
}

void ReadTransferDetails(const std::vector<EmvField>& fields, VietQr& qr) {
  if (const EmvField* f = FindField(fields, "54")) qr.amount = f->value;
  if (const EmvField* f = FindField(fields, "53")) qr.currency = f->value;
  if (const EmvField* f = FindField(fields, "59")) qr.merchant_name = f->value;
  if (const EmvField* f = FindField(fields, "62")) {
    auto additional = ParseEmvTemplate(f->value);
    if (additional.ok()) {
      if (const EmvField* note = FindField(*additional, "08")) qr.note = note->value;
    }
  }
}

}  // namespace

uint16_t Crc16CcittFalse(std::string_view data) {
  uint16_t crc = 0xFFFF;
  for (unsigned char byte : data) {
    crc ^= static_cast<uint16_t>(byte << 8);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x8000) ? static_cast<uint16_t>((crc << 1) ^ 0x1021)
                           : static_cast<uint16_t>(crc << 1);
    }
  }
  return crc;
}

base::Result<std::vector<EmvField>> ParseEmvTemplate(std::string_view value) {
  if (!text::IsValidUtf8(value)) return Invalid("template is not valid UTF-8");
  return SplitTlv(value);
}

base::Result<std::vector<EmvField>> ParseEmv(std::string_view payload) {
  if (payload.empty()) return Invalid("empty payload");
  if (payload.size() > kMaxEmvPayloadBytes) {
    return Invalid("payload longer than " + std::to_string(kMaxEmvPayloadBytes) + " bytes");
  }
  if (!text::IsValidUtf8(payload)) return Invalid("payload is not valid UTF-8");
  BINHYEN_ASSIGN_OR_RETURN(std::vector<EmvField> fields, SplitTlv(payload));
  BINHYEN_RETURN_IF_ERROR(CheckFraming(payload, fields));
  return fields;
}

base::Result<VietQr> ParseVietQr(std::string_view payload) {
  BINHYEN_ASSIGN_OR_RETURN(std::vector<EmvField> fields, ParseEmv(payload));
  std::string other_guid;
  BINHYEN_ASSIGN_OR_RETURN(std::vector<EmvField> napas, FindNapasTemplate(fields, &other_guid));
  VietQr qr;
  BINHYEN_RETURN_IF_ERROR(ReadNapasTemplate(napas, qr));
  ReadTransferDetails(fields, qr);
  qr.bank = indicator::FindBank(qr.bin);
  if (qr.bank != nullptr && qr.bank->bin != qr.bin) qr.bank = nullptr;  // matched a name, not a BIN
  auto ind = indicator::MakeBankAccount(qr.account, qr.bank);
  if (ind.ok() && IsDigits(qr.account)) {
    if (qr.bank == nullptr) ind->SetAttribute("bin", qr.bin);
    ind->SetAttribute("account_type", qr.to_card ? "card" : "account");
    qr.indicator = std::move(ind).value();
  }
  return qr;
}

base::Result<std::string> EncodeEmv(const std::vector<EmvField>& fields) {
  std::string out;
  for (const EmvField& f : fields) {
    if (f.tag.size() != 2 || !IsDigits(f.tag)) return Invalid("a tag must be two digits");
    if (f.tag == "63") continue;
    if (!text::IsValidUtf8(f.value)) return Invalid("tag " + f.tag + ": value is not valid UTF-8");
    size_t chars = CountCodePoints(f.value);
    if (chars > 99) return Invalid("tag " + f.tag + ": value longer than 99 characters");
    out += f.tag;
    out += static_cast<char>('0' + chars / 10);
    out += static_cast<char>('0' + chars % 10);
    out += f.value;
  }
  out += "6304";
  out += Hex4(Crc16CcittFalse(out));
  return out;
}

}  // namespace binhyen::evidence
