#pragma once

#include <string_view>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::indicator {

// Canonicalises a telephone number to E.164 ("+84912345678") with libphonenumber, default
// region VN.
//
// Accepted: national and international forms with any separators ("0912.345.678",
// "(028) 3822 1234", "+84 (0) 912 345 678", "84912345678", "0084 ..."), obfuscated separators
// (spaces, dots, dashes, slashes, stars, zero-width and other Unicode punctuation/space),
// full-width and other Unicode decimal digits, circled digits, an optional leading "tel:" or a
// label such as "SĐT:" / "ĐT" / "hotline". Foreign numbers must carry their country code ("+855
// ...", "0086 ...").
//
// Old 11-digit mobile numbers renumbered in 2018 ("0169 xxx xxxx") are mapped to their current
// number ("+8439xxxxxxx") and the attribute "converted_from" holds the old number in E.164 form.
//
// Short numbers: the national emergency and hotline numbers (111, 112, 113, 114, 115) and 4-digit
// SMS/service short codes ([6-9]xxx, e.g. "9029") become "+84<code>" with phone_type
// "short_code". 1800/1900 numbers are ordinary numbers of type toll_free / premium_rate.
//
// Attributes: "phone_type" (mobile | fixed_line | toll_free | premium_rate | shared_cost | voip |
// short_code | unknown), "region" (ISO 3166 code, "VN" for short codes), "carrier" (VN mobile
// numbers only: the operator the prefix was allocated to, which may differ from the current one
// after number portability), "converted_from" (see above).
//
// Returns InvalidArgument with a reason: "empty input", "contains letters", "no digits",
// "too short", "too long", "misplaced '+'", "invalid country code", "not valid UTF-8",
// "not a valid number for region VN" (or the region of the country code).
// Idempotent: canonicalising a returned canonical form gives it back.
// Thread-safe (libphonenumber's PhoneNumberUtil is a thread-safe singleton).
base::Result<Indicator> CanonicalizePhone(std::string_view input);

// The operator a Vietnamese number range was allocated to ("Viettel", "Vinaphone", "MobiFone",
// "Vietnamobile", "G-Mobile", "Itel", "Reddi"), looked up by longest prefix in the table of
// data/phone_carriers_84.txt. `e164` is a canonical number ("+84912345678"). Returns "" when the
// prefix is unknown or the number is not +84. Says nothing about whether the number is valid or
// mobile. Thread-safe.
std::string_view VnMobileCarrier(std::string_view e164);

}  // namespace binhyen::indicator
