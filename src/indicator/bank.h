#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::indicator {

// A bank (or e-wallet) that receives transfers in Vietnam, from data/banks.csv.
struct Bank {
  std::string key;         // stable upper-case id, "VIETCOMBANK"
  std::string bin;         // 6-digit NAPAS / VietQR BIN, "970436"
  std::string short_name;  // display name, "Vietcombank"
  std::string name;        // full legal name in Vietnamese
  std::string swift;       // SWIFT/BIC, "BFTVVNVX"; may be empty
  std::string kind;        // "bank" or "wallet"
  // Brand names, abbreviations and tickers ("VCB", "Vietcombank"): safe to match anywhere.
  std::vector<std::string> aliases;
  // Vietnamese descriptive names ("Ngoại thương", "Á Châu", "Quân đội") that are also ordinary
  // words or personal names: when scanning free text, trust them only after "ngân hàng" / "NH".
  std::vector<std::string> descriptive_names;
};

// Every bank of data/banks.csv (compiled in), in file order. One entry per BIN. Parsed once;
// the table is immutable. Thread-safe.
const std::vector<Bank>& AllBanks();

// Finds a bank by BIN ("970436"), SWIFT code ("BFTVVNVX"), key, short name, alias or
// descriptive name, ignoring case, diacritics, spaces and punctuation, and tolerating a
// "Ngân hàng" / "NH" / "NHTMCP" prefix and a "bank" word before or after ("vcb",
// "Vietcombank", "ngân hàng ngoại thương", "VCB bank" all find Vietcombank). Returns nullptr
// when nothing matches. The pointer stays valid for the life of the program. Thread-safe.
const Bank* FindBank(std::string_view name_or_code);

// Like FindBank, with the matching key of `name_or_code` already computed by BankMatchKey.
// Returns nullptr when nothing matches; sets *descriptive (when not null) to whether the match
// was a descriptive name only. For scanners that try many word sequences of a text.
const Bank* FindBankByMatchKey(std::string_view match_key, bool* descriptive = nullptr);

// The key FindBank compares: Vietnamese-folded, lower-case, letters and digits only
// ("Ngân hàng Á Châu" -> "nganhangachau"; prefixes are NOT removed here).
std::string BankMatchKey(std::string_view text);

// Builds a bank-account indicator. `account_digits` may contain spaces, dots and dashes; after
// removing them it must be 6 to 19 ASCII digits (leading zeros are kept). `bank` may be null.
// Canonical form: "BIN:digits" ("970436:0071000986547"), or the digits alone when `bank` is null
// or has no BIN. Attributes: "account" (digits), and when a bank is given "bank" (short name)
// and "bin". Returns InvalidArgument otherwise.
base::Result<Indicator> MakeBankAccount(std::string_view account_digits, const Bank* bank);

// Canonicalises a bank account as people write it: "Vietcombank: 0071000986547",
// "STK 1903 6666 888 Techcombank", "0071000986547 VCB", "970436:0071000986547",
// "0071 0009 86547", "MB 0123456789 NGUYEN VAN A", "ngân hàng Á Châu stk 12345678", or plain
// digits. Exactly one account number (digit groups separated by spaces, dots or dashes are
// joined) and at most one bank; other words (labels like "STK", "số tài khoản", the holder's
// name) are ignored and not kept. A leading 6-digit BIN ("970436:..." or "970436 ...") names the
// bank. Brand names and abbreviations are recognised anywhere; descriptive names ("Á Châu")
// only after "ngân hàng" / "NH".
//
// Account numbers that look like phone numbers are accepted as accounts: many Vietnamese banks
// (MB, Techcombank, VPBank...) let customers choose their phone number as account number, so
// "0912345678 MB" is a real account and is kept as "970422:0912345678".
//
// Returns InvalidArgument: "no account number", "too few digits", "too many digits",
// "more than one number", "two different banks named (X and Y)", "unknown bank BIN".
// Idempotent on its canonical output. Thread-safe.
base::Result<Indicator> CanonicalizeBankAccount(std::string_view input);

}  // namespace binhyen::indicator
