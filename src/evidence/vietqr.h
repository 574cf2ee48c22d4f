#pragma once

// EMVCo merchant-presented QR payloads (EMV QRCPS-MPM) and their Vietnamese profile, VietQR
// (NAPAS 247 transfers to a bank account or card).
//
// A payload is a flat list of TLV fields: a 2-digit tag, a 2-digit length counted in characters
// and the value; tags 26-51 and 62 hold nested TLV templates. The last field is the CRC
// (tag 63, length 04): CRC-16/CCITT-FALSE over everything before its 4 hex digits, "6304"
// included. VietQR puts, in tag 38:
//
//   00 GUID "A000000727" (NAPAS)
//   01 beneficiary template: 00 = the bank's 6-digit BIN, 01 = account or card number
//   02 service code: "QRIBFTTA" (transfer to an account) or "QRIBFTTC" (to a card)
//
// with 53 = currency ("704", VND), 54 = amount, 58 = country, 59 = name, 62/08 = transfer note.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "indicator/bank.h"
#include "indicator/indicator.h"

namespace binhyen::evidence {

// Longest payload accepted. EMVCo limits a merchant-presented QR code to 512 characters; the
// bound keeps every parse cheap.
inline constexpr size_t kMaxEmvPayloadBytes = 1024;

// One top-level TLV field, in payload order. `tag` is the two digits, `value` the raw value
// (a nested template stays unparsed here).
struct EmvField {
  std::string tag;
  std::string value;

  friend bool operator==(const EmvField&, const EmvField&) = default;
};

// A VietQR transfer code.
struct VietQr {
  std::string bin;                    // 6-digit NAPAS BIN (tag 38 / 01 / 00), "970436"
  std::string account;                // account or card number as written (tag 38 / 01 / 01)
  std::string service_code;           // tag 38 / 02 as written, "QRIBFTTA"; may be empty
  bool to_card = false;               // service code QRIBFTTC (card) rather than QRIBFTTA (account)
  std::optional<std::string> amount;  // tag 54 as written, "100000"
  std::string currency;               // tag 53, "704"
  std::string note;                   // tag 62 / 08, the transfer note
  std::string merchant_name;          // tag 59 when present
  // The bank of data/banks.csv with this BIN; nullptr when the BIN is not in the table.
  const indicator::Bank* bank = nullptr;
  // The bank-account indicator (indicator::MakeBankAccount): "BIN:digits" when the bank is
  // known, the digits alone otherwise (with a "bin" attribute still set). Attribute
  // "account_type" is "card" or "account". nullopt when the account is not 6-19 digits (e-wallet
  // virtual accounts such as ZaloPay's "99ZP24009M07248267"): such codes are still VietQR
  // transfers, with `account` set, but they are not bank-account indicators.
  std::optional<indicator::Indicator> indicator;
};

// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR):
// "123456789" -> 0x29B1. Pure; thread-safe.
uint16_t Crc16CcittFalse(std::string_view data);

// Splits an EMVCo payload into its top-level fields and checks it: valid UTF-8, at most
// kMaxEmvPayloadBytes, every tag and length two ASCII digits, every value complete, the first
// field 00 (payload format indicator) = "01", the last field the CRC (63, length 04) and the
// CRC right. Lengths count characters (code points), as EMVCo specifies; for ASCII payloads
// characters are bytes. Returns InvalidArgument with a precise reason, e.g.
// "CRC mismatch: payload says DA5C, computed 1234", "truncated TLV at offset 42: tag 38 declares
// 62 characters, 20 remain", "no CRC (tag 63) at the end". The CRC field is included in the
// result. Pure; thread-safe.
base::Result<std::vector<EmvField>> ParseEmv(std::string_view payload);

// The nested fields of a template value (tags 26-51, 62, 64...): same TLV rules, no CRC.
// Returns InvalidArgument "truncated TLV..." or "invalid TLV..." with offsets inside `value`.
base::Result<std::vector<EmvField>> ParseEmvTemplate(std::string_view value);

// Parses a payload with ParseEmv and reads it as a VietQR transfer code. Errors:
// InvalidArgument from ParseEmv, or for a VietQR template without a 6-digit BIN or an account;
// NotFound "not a VietQR transfer code: ..." for a valid EMVCo payload of another scheme (no
// merchant-account template with the NAPAS GUID A000000727, e.g. ShopeePay / VNPay merchant
// codes). Pure; thread-safe.
base::Result<VietQr> ParseVietQr(std::string_view payload);

// Encodes `fields` (tag order kept; a tag 63 among them is dropped) and appends the CRC field:
// the inverse of ParseEmv. Returns InvalidArgument for a tag that is not two digits or a value
// longer than 99 characters. For building test payloads and round trips. Pure; thread-safe.
base::Result<std::string> EncodeEmv(const std::vector<EmvField>& fields);

}  // namespace binhyen::evidence
