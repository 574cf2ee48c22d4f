#include "indicator/extract.h"

#include <algorithm>
#include <utility>

#include "indicator/bank.h"
#include "indicator/domain.h"
#include "indicator/email.h"
#include "indicator/internal/extract_number.h"
#include "indicator/internal/extract_scan.h"
#include "indicator/ip.h"
#include "indicator/phone.h"
#include "indicator/social.h"
#include "indicator/url.h"

namespace binhyen::indicator {
namespace {

using internal::Candidate;
using internal::CandidateKind;
using internal::NumberDecision;

// Registrable domains whose links are social profiles when CanonicalizeSocial accepts them.
bool IsSocialDomain(std::string_view registrable) {
  static constexpr std::string_view kDomains[] = {
      "facebook.com",  "fb.com",       "fb.me",       "m.me",        "zalo.me",
      "tiktok.com",    "t.me",         "telegram.me", "youtube.com", "youtu.be",
      "instagram.com", "telegram.org", "x.com",       "twitter.com"};
  return std::find(std::begin(kDomains), std::end(kDomains), registrable) != std::end(kDomains);
}

bool IsBankPhrase(std::string_view phrase, bool after_bank_word) {
  bool descriptive = false;
  const Bank* bank = FindBankByMatchKey(BankMatchKey(phrase), &descriptive);
  return bank != nullptr && (after_bank_word || !descriptive);
}

class Collector {
 public:
  Collector(std::string_view text, const ExtractOptions& options)
      : text_(text), options_(options) {}

  bool Full() const { return options_.max_results != 0 && out_.size() >= options_.max_results; }

  void Add(base::Result<Indicator> result, size_t start, size_t end) {
    if (!result.ok() || result->canonical.empty() || Full()) return;
    if (!options_.kinds.empty() && std::find(options_.kinds.begin(), options_.kinds.end(),
                                             result->kind) == options_.kinds.end()) {
      return;
    }
    if (!out_.empty() && out_.back().start == start && out_.back().end == end) return;
    Extracted e;
    e.indicator = std::move(result).value();
    e.raw = std::string(text_.substr(start, end - start));
    e.start = start;
    e.end = end;
    out_.push_back(std::move(e));
  }

  std::vector<Extracted> Take() { return std::move(out_); }

 private:
  std::string_view text_;
  const ExtractOptions& options_;
  std::vector<Extracted> out_;
};

void AddLink(const Candidate& c, Collector* out) {
  if (c.host_is_ipv4 && !c.has_scheme && !c.has_path) {
    out->Add(CanonicalizeIp(c.host), c.start, c.end);
    return;
  }
  if (!c.has_scheme && !c.has_path) {
    out->Add(CanonicalizeDomain(c.cleaned), c.start, c.end);
    return;
  }
  base::Result<Indicator> url = CanonicalizeUrl(c.cleaned);
  if (url.ok() && c.has_path && IsSocialDomain(url->Attribute("registrable_domain"))) {
    base::Result<Indicator> social = CanonicalizeSocial(c.cleaned);
    if (social.ok()) {
      out->Add(std::move(social), c.start, c.end);
      return;
    }
  }
  out->Add(std::move(url), c.start, c.end);
}

void AddNumber(std::string_view text, const Candidate& c, size_t left_limit, size_t right_limit,
               Collector* out) {
  size_t group = 0;
  while (group < c.groups.size()) {
    NumberDecision d =
        internal::DecideNumber(text, c, group, left_limit, right_limit, IsBankPhrase);
    switch (d.what) {
      case NumberDecision::What::kPhone:
        out->Add(CanonicalizePhone(text.substr(d.start, d.end - d.start)), d.start, d.end);
        break;
      case NumberDecision::What::kBankAccount:
        out->Add(
            MakeBankAccount(d.digits, d.bank_phrase.empty() ? nullptr : FindBank(d.bank_phrase)),
            d.start, d.end);
        break;
      case NumberDecision::What::kNone:
        // Groups joined by spaces may hold a number after a stray one ("10 0912345678").
        if (c.separator != ' ') return;
        ++group;
        continue;
    }
    group = d.next_group;
  }
}

}  // namespace

std::vector<Extracted> Extract(std::string_view text, const ExtractOptions& options) {
  const std::vector<Candidate> candidates = internal::ScanCandidates(text);
  Collector out(text, options);
  for (size_t i = 0; i < candidates.size() && !out.Full(); ++i) {
    const Candidate& c = candidates[i];
    switch (c.kind) {
      case CandidateKind::kLink: AddLink(c, &out); break;
      case CandidateKind::kEmail: out.Add(CanonicalizeEmail(c.cleaned), c.start, c.end); break;
      case CandidateKind::kNumber: {
        size_t left = i > 0 ? candidates[i - 1].end : 0;
        size_t right = i + 1 < candidates.size() ? candidates[i + 1].start : text.size();
        AddNumber(text, c, left, right, &out);
        break;
      }
    }
  }
  return out.Take();
}

std::vector<Extracted> Extract(std::string_view text) { return Extract(text, ExtractOptions()); }

}  // namespace binhyen::indicator
