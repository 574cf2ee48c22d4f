#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "base/result.h"
#include "base/status.h"
#include "store/sqlite/connection.h"

namespace binhyen::store::sqlite {

// The single writer connection of a SqliteStore, with group commit.
//
// One read-write transaction (a "member") uses the connection at a time, holding `mu_`. The first
// member of a group runs BEGIN IMMEDIATE; when it finishes while other writers are already
// waiting for the connection, it does NOT commit: it hands the open transaction to the next
// member (who works inside a SAVEPOINT, so its own rollback undoes only its work) and waits.
// The member that finishes with nobody waiting runs one COMMIT for the whole group and wakes the
// others. So N concurrent writers pay one commit (one fsync with synchronous=FULL) instead of
// N, and a lone writer pays no savepoint. Every member's Finish() returns only after the COMMIT
// that made its work durable (or its failure: then nothing of the group is kept, and every
// member gets the error).
//
// The price: a member's Commit() waits for the members that joined after it, so read-write
// transactions must stay short (no waiting on other work while holding one; the store's
// callers already hold them only around their database calls). A member that finishes while a
// waiter gave up (busy timeout) is not stranded: waiting members poll every 2 ms and commit the
// group themselves when the connection is free.
//
// Thread safety: thread-safe.
class Writer {
 public:
  Writer(std::unique_ptr<Connection> connection, std::chrono::milliseconds busy_timeout);
  ~Writer();  // commits an open group

  // A member's hold on the connection.
  struct Member {
    uint64_t group = 0;
    bool joined = false;  // works inside SAVEPOINT m of an earlier member's transaction
    std::unique_lock<std::timed_mutex> lock;
  };

  // Waits for the connection (Unavailable "database busy" after the busy timeout), then joins
  // the open group or begins a new one.
  base::Result<Member> Join();

  // Ends a member. commit: makes its work part of the group and returns once the group is
  // committed (the group's outcome). !commit: undoes its work only; returns Ok. Releases the
  // connection either way. REQUIRES: `member` came from Join() and holds the lock.
  base::Status Finish(Member& member, bool commit);

  // Runs `f` with the connection outside any group (migrations, maintenance, tests): commits an
  // open group first.
  template <typename F>
  auto Exclusive(F&& f) -> decltype(f(std::declval<Connection&>())) {
    std::lock_guard lock(mu_);
    FlushLocked();
    return f(*connection_);
  }

  // The connection. REQUIRES: the caller holds a Member.
  Connection& connection() { return *connection_; }

 private:
  // REQUIRE: mu_ held.
  void CommitGroupLocked();
  void FlushLocked();
  void ResolveLocked(uint64_t group, base::Status status);
  base::Status WaitFor(uint64_t group);

  const std::unique_ptr<Connection> connection_;
  const std::chrono::milliseconds busy_timeout_;

  std::timed_mutex mu_;
  bool group_open_ = false;      // guarded by mu_
  uint64_t group_ = 0;           // guarded by mu_: the latest group begun
  std::atomic<int> waiting_{0};  // threads inside Join() waiting for mu_

  std::mutex results_mu_;
  std::condition_variable results_cv_;
  uint64_t resolved_through_ = 0;            // guarded by results_mu_
  std::map<uint64_t, base::Status> failed_;  // guarded by results_mu_
};

}  // namespace binhyen::store::sqlite
