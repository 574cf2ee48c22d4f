#include "store/sqlite/writer.h"

#include <utility>

namespace binhyen::store::sqlite {

Writer::Writer(std::unique_ptr<Connection> connection, std::chrono::milliseconds busy_timeout)
    : connection_(std::move(connection)), busy_timeout_(busy_timeout) {}

Writer::~Writer() {
  std::lock_guard lock(mu_);
  FlushLocked();
}

base::Result<Writer::Member> Writer::Join() {
  Member m;
  m.lock = std::unique_lock(mu_, std::defer_lock);
  waiting_.fetch_add(1, std::memory_order_acq_rel);
  const bool locked = m.lock.try_lock_for(busy_timeout_);
  waiting_.fetch_sub(1, std::memory_order_acq_rel);
  if (!locked) {
    return base::UnavailableError("database busy: the writer is held by another transaction");
  }
  if (group_open_ && sqlite3_get_autocommit(connection_->db())) {
    // A storage error rolled the open group back: fail its waiting members first.
    group_open_ = false;
    ResolveLocked(group_, base::UnavailableError(
                              "commit: the transaction was rolled back by a storage error"));
  }
  if (group_open_) {
    BINHYEN_RETURN_IF_ERROR(connection_->ExecCached("SAVEPOINT m"));
    m.joined = true;
  } else {
    BINHYEN_RETURN_IF_ERROR(connection_->ExecCached("BEGIN IMMEDIATE"));
    group_open_ = true;
    ++group_;
  }
  m.group = group_;
  return m;
}

void Writer::ResolveLocked(uint64_t group, base::Status status) {
  std::lock_guard lock(results_mu_);
  if (!status.ok()) failed_[group] = std::move(status);
  // Groups resolve in order: one is open at a time.
  resolved_through_ = group;
  // Keep failures only for groups whose members may still be waiting.
  while (!failed_.empty() && failed_.begin()->first + 1000 < group) failed_.erase(failed_.begin());
  results_cv_.notify_all();
}

void Writer::CommitGroupLocked() {
  if (!group_open_) return;
  base::Status s;
  if (sqlite3_get_autocommit(connection_->db())) {
    // SQLite already rolled the transaction back (disk full, I/O error): the group is lost.
    s = base::UnavailableError("commit: the transaction was rolled back by a storage error");
  } else {
    s = connection_->ExecCached("COMMIT").WithContext("commit");
    if (!s.ok() && !sqlite3_get_autocommit(connection_->db())) {
      (void)connection_->ExecCached("ROLLBACK");
    }
  }
  group_open_ = false;
  ResolveLocked(group_, std::move(s));
}

void Writer::FlushLocked() { CommitGroupLocked(); }

base::Status Writer::WaitFor(uint64_t group) {
  std::unique_lock lock(results_mu_);
  while (resolved_through_ < group) {
    if (results_cv_.wait_for(lock, std::chrono::milliseconds(2)) == std::cv_status::timeout &&
        resolved_through_ < group) {
      // The writer we left the group to may have given up waiting: commit it ourselves.
      lock.unlock();
      if (mu_.try_lock()) {
        if (group_open_ && group_ == group) CommitGroupLocked();
        mu_.unlock();
      }
      lock.lock();
    }
  }
  auto it = failed_.find(group);
  return it == failed_.end() ? base::Status::Ok() : it->second;
}

base::Status Writer::Finish(Member& member, bool commit) {
  const uint64_t group = member.group;
  sqlite3* db = connection_->db();
  if (!commit) {
    if (sqlite3_get_autocommit(db)) {
      // A storage error rolled back the whole group: tell the members waiting for it.
      if (group_open_) {
        group_open_ = false;
        ResolveLocked(group, base::UnavailableError(
                                 "commit: the transaction was rolled back by a storage error"));
      }
    } else if (member.joined) {
      (void)connection_->ExecCached("ROLLBACK TO m");
      (void)connection_->ExecCached("RELEASE m");
    } else {
      // The first member: nobody joined yet (members run one after another).
      (void)connection_->ExecCached("ROLLBACK");
      group_open_ = false;
      ResolveLocked(group, base::Status::Ok());
      member.lock.unlock();
      return base::Status::Ok();
    }
    if (group_open_ && waiting_.load(std::memory_order_acquire) == 0) CommitGroupLocked();
    member.lock.unlock();
    return base::Status::Ok();
  }
  if (member.joined && !sqlite3_get_autocommit(db)) {
    base::Status s = connection_->ExecCached("RELEASE m");
    if (!s.ok()) {
      member.lock.unlock();
      return s.WithContext("commit");
    }
  }
  if (waiting_.load(std::memory_order_acquire) == 0) {
    CommitGroupLocked();
    member.lock.unlock();
    return WaitFor(group);
  }
  // Someone is waiting: leave the group open for them; the last member commits it.
  member.lock.unlock();
  return WaitFor(group);
}

}  // namespace binhyen::store::sqlite
