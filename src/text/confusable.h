#pragma once

// Look-alike ("confusable") detection with ICU's spoof checker (UTS #39).
//
// Thread safety: every function here is thread-safe. They share one USpoofChecker that is
// opened and configured once, on first use, in a function-local static and never changed
// afterwards; ICU documents an unchanging checker as safe for concurrent checks. If ICU's data
// cannot be loaded, Skeleton returns its sanitised input, AreConfusable compares bytes and
// SpoofCheck reports nothing: degraded, never a crash.
//
// All inputs are UTF-8; ill-formed input is sanitised first (text/utf8.h). Comparisons are
// case-sensitive, as UTS #39 skeletons are: lower-case (or FoldVietnamese) both sides first when
// case should not matter.

#include <string>
#include <string_view>

namespace binhyen::text {

// The UTS #39 skeleton of `input`: two strings are confusable when their skeletons are equal.
// "pаypal" (Cyrillic а) and "paypal" have the same skeleton. The skeleton is an internal form
// for comparison only ("m" may become "rn"); never show it to users.
std::string Skeleton(std::string_view input);

// True when `a` and `b` look alike (equal skeletons), including when they are identical.
bool AreConfusable(std::string_view a, std::string_view b);

// What is suspicious about one label (a domain label, a user name, a bank account name).
struct SpoofFindings {
  // The letters come from scripts that never mix in one word (UTS #39 "resolved script set"
  // is empty): "pаypal" with a Cyrillic а. Common and inherited characters (digits,
  // punctuation, combining marks) do not count; Han with Hiragana/Katakana or Hangul is one
  // script set in UTS #39 too.
  bool mixed_script = false;
  // The label is written in one non-Latin script, but every character of it has a Latin
  // look-alike: "раураl" all Cyrillic. Such labels impersonate Latin ones.
  bool whole_script_confusable = false;
  // The label contains invisible characters (Default_Ignorable_Code_Point: zero-width space,
  // joiners, soft hyphen, bidi controls...) or a nonspacing mark repeated on one letter.
  bool invisible = false;
  // Digits from more than one numbering system ("1" and Arabic-Indic "١").
  bool mixed_numbers = false;

  bool Any() const { return mixed_script || whole_script_confusable || invisible || mixed_numbers; }
};

// Runs the checks above on `label`.
SpoofFindings SpoofCheck(std::string_view label);

// Same as SpoofCheck(label).mixed_script.
bool IsMixedScript(std::string_view label);

}  // namespace binhyen::text
