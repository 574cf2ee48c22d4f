#pragma once

// The vectorscan side of the rule set (rules.h): compiled databases, the scratch pool and the
// matching itself.
//
// Two kinds of database:
//  - `all_`: every pattern of every rule in one block-mode database with HS_FLAG_SINGLEMATCH:
//    one pass over the text says which patterns match and where their first match ends. Most
//    messages match nothing and cost exactly this one pass.
//  - `starts_[p]`: pattern p reversed (rules_reverse.h) and anchored, "^.(?:reversed)", scanned
//    only for the patterns the first pass found, over the reversed text that ends at that
//    match's end (plus the byte after it, which the leading "." consumes so that a "\b" there
//    sees the real neighbour). Every match it reports is a start of a match of p ending at that
//    end; the longest is the leftmost start. So spans are exact byte offsets without vectorscan's
//    start-of-match mode, which cannot compile many rule patterns ("pattern is too large").
//    These databases are compiled on first use (std::call_once): compiling all of them up front
//    would more than double the load time, and most patterns never match in a process's life.
//    The reversal itself is checked at load, so a pattern that loads always has its database.

#include <hs/hs.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "scan/rules.h"

namespace binhyen::scan::internal {

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct ScratchDeleter {
  void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};
using Database = std::unique_ptr<hs_database_t, DatabaseDeleter>;
using Scratch = std::unique_ptr<hs_scratch_t, ScratchDeleter>;

// Where the first match of one pattern ends (the first pass's finding).
struct PatternEnd {
  unsigned pattern;
  unsigned long long end;
};

// Working memory of one Match call, kept in the pool slots so that a call allocates little.
struct MatchBuffers {
  std::vector<PatternEnd> found;
  std::string reversed;  // " " + the text reversed
};

// Thread safety: immutable after Compile except the scratch pool, whose slots are claimed with
// an atomic exchange; Match may be called from any number of threads at once.
class RuleEngine {
 public:
  // Compiles the patterns of `rules`. `rule_lines[i]` is the line of rules[i] in the source,
  // used in error messages. Errors (kInvalidArgument) name the rule, the pattern and the reason
  // (vectorscan's, or syntax that ReversePattern does not support).
  //
  // `precompiled`, when given, is SerializeCombined's output, made at build time
  // (tools/scan_rules_db.cc) so that a process does not spend a second compiling the combined
  // database: it is used only if it was made from exactly these patterns and vectorscan accepts
  // it on this machine (same library version, a CPU with the features it was built for).
  // Otherwise the database is compiled as without it: a stale or foreign blob costs time, never
  // correctness.
  static base::Result<std::unique_ptr<RuleEngine>> Compile(const std::vector<Rule>& rules,
                                                           const std::vector<size_t>& rule_lines,
                                                           std::string_view precompiled = {});

  // The combined database of `rules` compiled for this machine and serialized, prefixed with a
  // key of the patterns, for Compile's `precompiled`.
  static base::Result<std::string> SerializeCombined(const std::vector<Rule>& rules,
                                                     const std::vector<size_t>& rule_lines);

  // Whether the last Compile of this engine used the precompiled database (for tests and the
  // start-up log).
  bool used_precompiled() const { return used_precompiled_; }

  RuleEngine(const RuleEngine&) = delete;
  RuleEngine& operator=(const RuleEngine&) = delete;
  ~RuleEngine();

  // See RuleSet::Match. REQUIRES: text.size() < 4 GiB.
  std::vector<RuleHit> Match(std::string_view text) const;

 private:
  // Fixed number of pooled scratch spaces; more concurrent callers clone one per call.
  static constexpr size_t kSlots = 32;

  // The start-finding database of one pattern, compiled on first use.
  struct StartDatabase {
    std::string expression;  // "^.(?:<reversed pattern>)"
    std::once_flag once;
    hs_database_t* db = nullptr;  // owned; nullptr until compiled (or if compiling failed)
  };

  // A pooled scratch space. One cache line per slot, so that threads claiming neighbouring
  // slots do not share a line. Only the thread that claimed `busy` touches the other members.
  struct alignas(64) Slot {
    std::atomic<bool> busy{false};
    hs_scratch_t* scratch = nullptr;  // owned; allocated by the first caller that claims the slot
    // fitted[p] != 0 once `scratch` was grown for starts_[p] (hs_alloc_scratch is far too slow
    // to call on every hit: it checks the whole database).
    std::vector<uint8_t> fitted;
    MatchBuffers buffers;
  };

  // The scratch space one Match call works with.
  struct Lease {
    Slot* slot = nullptr;  // the pooled slot, or nullptr when every slot was busy
    Scratch own;           // the clone used when every slot was busy
    hs_scratch_t* scratch = nullptr;
    MatchBuffers own_buffers;
    MatchBuffers* buffers = &own_buffers;  // the slot's, or own_buffers
  };

  RuleEngine() = default;

  // Claims a slot (or clones a scratch). Returns false when out of memory.
  bool Acquire(Lease* lease) const;
  static void Release(Lease* lease);
  std::vector<RuleHit> MatchWith(std::string_view text, Lease* lease) const;
  // The leftmost start of a match of `pattern` ending at `end`. `reversed` is " " followed by
  // the text reversed (the space stands for the end of the text). May grow the lease's scratch.
  size_t LeftmostStart(size_t pattern, std::string_view reversed, size_t end, Lease* lease) const;
  // Grows the lease's scratch to fit `db`, the start database of `pattern`, unless it already
  // does. False when out of memory.
  static bool Fit(size_t pattern, const hs_database_t* db, Lease* lease);

  Database all_;
  std::unique_ptr<StartDatabase[]> starts_;  // one per pattern
  std::vector<size_t> pattern_rule_;         // pattern index -> rule index
  Scratch prototype_;  // fits `all_`; cloned into the slots, which then grow for start databases
  std::unique_ptr<Slot[]> slots_;  // kSlots of them
  uint64_t key_ = 0;  // PatternKey of the patterns, which a serialized database carries
  bool used_precompiled_ = false;
};

}  // namespace binhyen::scan::internal
