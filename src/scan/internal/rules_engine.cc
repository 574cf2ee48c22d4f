#include "scan/internal/rules_engine.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <utility>

#include "scan/internal/rules_reverse.h"

namespace binhyen::scan::internal {
namespace {

// The text is one line of lower-case ASCII (NormalizeForMatching), so no UTF8 or CASELESS mode
// is needed; DOTALL keeps "." meaning any byte should a caller pass raw text.
constexpr unsigned kFlags = HS_FLAG_DOTALL;

std::string Quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

// Where a pattern is, for error messages.
struct Place {
  size_t rule;
  size_t index;  // in the rule's patterns
};

std::string Describe(const std::vector<Rule>& rules, const std::vector<size_t>& rule_lines,
                     Place place) {
  const Rule& rule = rules[place.rule];
  return "rules line " + std::to_string(rule_lines[place.rule]) + ": rule " + Quoted(rule.id) +
         ": pattern " + std::to_string(place.index + 1) + " " + Quoted(rule.patterns[place.index]);
}

// Phase one: remembers, for each pattern that matched, where its first match ends.
struct Found {
  unsigned pattern;
  unsigned long long end;
};

int OnFirstPass(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
                void* context) {
  static_cast<std::vector<Found>*>(context)->push_back({id, to});
  return 0;
}

// Phase two: the longest match of the anchored, reversed pattern.
int OnStart(unsigned /*id*/, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
            void* context) {
  auto* longest = static_cast<unsigned long long*>(context);
  *longest = std::max(*longest, to);
  return 0;
}

// The first-pass database of every pattern; nullptr (and `*error` set) when one is rejected.
hs_database_t* CompileCombined(const std::vector<const char*>& expressions,
                               const std::vector<unsigned>& flags, const std::vector<unsigned>& ids,
                               hs_compile_error_t** error) {
  hs_database_t* db = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &db,
                       error) != HS_SUCCESS) {
    return nullptr;
  }
  return db;
}

// A serialized combined database: kBlobMagic, the 8-byte little-endian PatternKey of the
// patterns it was compiled from, then vectorscan's hs_serialize_database bytes.
constexpr std::string_view kBlobMagic = "BYHS1\n";
constexpr size_t kBlobHeader = kBlobMagic.size() + 8;

// FNV-1a over every expression, its flags and its id, in order: two pattern lists with the same
// key compile to the same database (up to a 64-bit collision, which a rules edit cannot aim at).
uint64_t PatternKey(const std::vector<const char*>& expressions, const std::vector<unsigned>& flags,
                    const std::vector<unsigned>& ids) {
  uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](const void* data, size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
      h ^= p[i];
      h *= 1099511628211ULL;
    }
  };
  for (size_t i = 0; i < expressions.size(); ++i) {
    mix(expressions[i], std::strlen(expressions[i]) + 1);  // with the NUL, as a separator
    mix(&flags[i], sizeof flags[i]);
    mix(&ids[i], sizeof ids[i]);
  }
  return h;
}

// The database in `blob` if it was made for `key` and vectorscan loads it here; else nullptr.
hs_database_t* LoadPrecompiled(std::string_view blob, uint64_t key) {
  if (blob.size() <= kBlobHeader || blob.substr(0, kBlobMagic.size()) != kBlobMagic) {
    return nullptr;
  }
  uint64_t stored = 0;
  for (size_t i = 0; i < 8; ++i) {
    stored |= uint64_t{static_cast<unsigned char>(blob[kBlobMagic.size() + i])} << (8 * i);
  }
  if (stored != key) return nullptr;
  const std::string_view bytes = blob.substr(kBlobHeader);
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
  return db;
}

}  // namespace

base::Result<std::string> RuleEngine::SerializeCombined(const std::vector<Rule>& rules,
                                                        const std::vector<size_t>& rule_lines) {
  BINHYEN_ASSIGN_OR_RETURN(std::unique_ptr<RuleEngine> engine, Compile(rules, rule_lines));
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(engine->all_.get(), &bytes, &size) != HS_SUCCESS) {
    return base::InternalError("rules: vectorscan cannot serialize the database");
  }
  std::string out(kBlobMagic);
  const uint64_t key = engine->key_;
  for (size_t i = 0; i < 8; ++i) out.push_back(static_cast<char>((key >> (8 * i)) & 0xFF));
  out.append(bytes, size);
  std::free(bytes);  // hs_serialize_database allocates with the misc allocator, malloc by default
  return out;
}

base::Result<std::unique_ptr<RuleEngine>> RuleEngine::Compile(const std::vector<Rule>& rules,
                                                              const std::vector<size_t>& rule_lines,
                                                              std::string_view precompiled) {
  std::unique_ptr<RuleEngine> engine(new RuleEngine());
  std::vector<Place> places;
  for (size_t r = 0; r < rules.size(); ++r) {
    for (size_t k = 0; k < rules[r].patterns.size(); ++k) places.push_back({r, k});
  }
  engine->starts_ = std::make_unique<StartDatabase[]>(places.size());
  std::vector<const char*> expressions;
  std::vector<unsigned> flags(places.size(), kFlags | HS_FLAG_SINGLEMATCH);
  std::vector<unsigned> ids;
  for (size_t p = 0; p < places.size(); ++p) {
    const std::string& pattern = rules[places[p].rule].patterns[places[p].index];
    base::Result<std::string> reversed = ReversePattern(pattern);
    if (!reversed.ok()) {
      return base::InvalidArgumentError(Describe(rules, rule_lines, places[p]) + ": " +
                                        reversed.status().message());
    }
    engine->starts_[p].expression = "^.(?:" + *reversed + ")";
    expressions.push_back(pattern.c_str());
    ids.push_back(static_cast<unsigned>(p));
    engine->pattern_rule_.push_back(places[p].rule);
  }

  engine->key_ = PatternKey(expressions, flags, ids);
  hs_database_t* all = LoadPrecompiled(precompiled, engine->key_);
  engine->used_precompiled_ = all != nullptr;
  hs_compile_error_t* error = nullptr;
  if (all == nullptr) all = CompileCombined(expressions, flags, ids, &error);
  if (all == nullptr) {
    const int at = error != nullptr ? error->expression : -1;
    std::string message = at >= 0 && static_cast<size_t>(at) < places.size()
                              ? Describe(rules, rule_lines, places[static_cast<size_t>(at)])
                              : std::string("rules");
    message += ": vectorscan rejects it: ";
    message += error != nullptr && error->message != nullptr ? error->message : "unknown error";
    hs_free_compile_error(error);
    return base::InvalidArgumentError(std::move(message));
  }
  engine->all_.reset(all);

  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(engine->all_.get(), &scratch) != HS_SUCCESS) {
    return base::InternalError("rules: cannot allocate vectorscan scratch space");
  }
  engine->prototype_.reset(scratch);
  engine->slots_ = std::make_unique<Slot[]>(kSlots);
  return engine;
}

RuleEngine::~RuleEngine() {
  if (slots_ != nullptr) {
    for (size_t i = 0; i < kSlots; ++i) hs_free_scratch(slots_[i].scratch);
  }
  if (starts_ != nullptr) {
    for (size_t p = 0; p < pattern_rule_.size(); ++p) hs_free_database(starts_[p].db);
  }
}

bool RuleEngine::Acquire(Lease* lease) const {
  // Start where this thread usually lands, so that a steady set of threads keeps to its own
  // slots (and their scratch stays warm in that core's cache).
  const size_t start = std::hash<std::thread::id>{}(std::this_thread::get_id()) % kSlots;
  for (size_t i = 0; i < kSlots; ++i) {
    Slot& s = slots_[(start + i) % kSlots];
    if (s.busy.load(std::memory_order_relaxed) ||
        s.busy.exchange(true, std::memory_order_acquire)) {
      continue;
    }
    if (s.scratch == nullptr) {
      if (hs_clone_scratch(prototype_.get(), &s.scratch) != HS_SUCCESS) {
        s.scratch = nullptr;
        s.busy.store(false, std::memory_order_release);
        return false;
      }
      s.fitted.assign(pattern_rule_.size(), 0);
    }
    lease->slot = &s;
    lease->scratch = s.scratch;
    lease->buffers = &s.buffers;
    return true;
  }
  hs_scratch_t* cloned = nullptr;
  if (hs_clone_scratch(prototype_.get(), &cloned) != HS_SUCCESS) return false;
  lease->own.reset(cloned);
  lease->scratch = cloned;
  return true;
}

void RuleEngine::Release(Lease* lease) {
  // A start database may have grown (reallocated) the scratch: keep the new one.
  if (lease->slot != nullptr) {
    lease->slot->scratch = lease->scratch;
    lease->slot->busy.store(false, std::memory_order_release);
  } else if (lease->own.get() != lease->scratch) {
    (void)lease->own.release();  // already freed by hs_alloc_scratch when it reallocated
    lease->own.reset(lease->scratch);
  }
}

std::vector<RuleHit> RuleEngine::Match(std::string_view text) const {
  if (text.empty()) return {};
  text = text.substr(0, std::numeric_limits<unsigned>::max() - 1);
  Lease lease;
  if (!Acquire(&lease)) return {};  // out of memory: nothing can be matched
  std::vector<RuleHit> hits = MatchWith(text, &lease);
  Release(&lease);
  return hits;
}

std::vector<RuleHit> RuleEngine::MatchWith(std::string_view text, Lease* lease) const {
  std::vector<PatternEnd>& found = lease->buffers->found;
  found.clear();
  if (hs_scan(all_.get(), text.data(), static_cast<unsigned>(text.size()), 0, lease->scratch,
              OnFirstPass, &found) != HS_SUCCESS ||
      found.empty()) {
    return {};
  }
  // Each rule's first match to end; on a tie, the pattern listed first (lower index).
  std::sort(found.begin(), found.end(), [](const PatternEnd& a, const PatternEnd& b) {
    return a.end != b.end ? a.end < b.end : a.pattern < b.pattern;
  });
  // " " + the text reversed: the reversed text before offset e is reversed.substr(size - e).
  std::string& reversed = lease->buffers->reversed;
  reversed.assign(text.size() + 1, ' ');
  std::reverse_copy(text.begin(), text.end(), reversed.begin() + 1);
  std::vector<RuleHit> hits;
  hits.reserve(found.size());
  for (const PatternEnd& f : found) {
    const size_t rule = pattern_rule_[f.pattern];
    if (std::any_of(hits.begin(), hits.end(), [&](const RuleHit& h) { return h.rule == rule; })) {
      continue;
    }
    const auto end = static_cast<size_t>(f.end);
    hits.push_back({rule, LeftmostStart(f.pattern, reversed, end, lease), end});
  }
  std::sort(hits.begin(), hits.end(), [](const RuleHit& a, const RuleHit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end != b.end ? a.end < b.end : a.rule < b.rule;
  });
  return hits;
}

bool RuleEngine::Fit(size_t pattern, const hs_database_t* db, Lease* lease) {
  if (lease->slot != nullptr && lease->slot->fitted[pattern] != 0) return true;
  if (hs_alloc_scratch(db, &lease->scratch) != HS_SUCCESS) return false;
  if (lease->slot != nullptr) lease->slot->fitted[pattern] = 1;
  return true;
}

size_t RuleEngine::LeftmostStart(size_t pattern, std::string_view reversed, size_t end,
                                 Lease* lease) const {
  StartDatabase& start = starts_[pattern];
  std::call_once(start.once, [&start] {
    hs_compile_error_t* error = nullptr;
    if (hs_compile(start.expression.c_str(), kFlags, HS_MODE_BLOCK, nullptr, &start.db, &error) !=
        HS_SUCCESS) {
      hs_free_compile_error(error);
      start.db = nullptr;
    }
  });
  // The byte after the match (or the space standing for the end of the text), then the text
  // before the end, backwards. The reversed pattern's leading "." consumes that first byte.
  const std::string_view before = reversed.substr(reversed.size() - 1 - end);
  unsigned long long longest = 0;
  if (start.db != nullptr && Fit(pattern, start.db, lease)) {
    (void)hs_scan(start.db, before.data(), static_cast<unsigned>(before.size()), 0, lease->scratch,
                  OnStart, &longest);
  }
  // The first pass found a match ending at `end`, so `longest` >= 2. Should the databases ever
  // disagree, the span falls back to the start of the text: too wide, never missing words.
  return longest >= 2 && longest - 1 <= end ? end - static_cast<size_t>(longest - 1) : 0;
}

}  // namespace binhyen::scan::internal
