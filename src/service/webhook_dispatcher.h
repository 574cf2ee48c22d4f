#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "crypto/secret_box.h"
#include "domain/channel.h"
#include "service/channels.h"
#include "store/store.h"

namespace binhyen::service {

// One HTTP POST of a webhook delivery.
struct WebhookRequest {
  std::string url;                                           // http(s)://...
  std::vector<std::pair<std::string, std::string>> headers;  // besides Host / Content-Length
  std::string body;
};

// Sends webhook requests (app/webhook_sender_http.cc over HTTP; tests: fakes). Implementations
// bound each call (connect + whole exchange) to a few seconds and refuse addresses they must
// not reach (PermissionDenied "webhook_url: ..."). Thread safety: implementations are
// thread-safe.
class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  // The HTTP status of the answer, or Unavailable (connection), DeadlineExceeded (timeout),
  // PermissionDenied (address refused), InvalidArgument (URL or answer malformed).
  virtual base::Result<int> Post(const WebhookRequest& request) = 0;
};

struct WebhookDispatcherOptions {
  // A delivery fails for good after this many attempts.
  int max_attempts = 5;
  // The wait after the n-th failed attempt (n = 1, 2, ...); the last entry repeats.
  std::vector<std::chrono::seconds> retry_delays = {
      std::chrono::minutes(1), std::chrono::minutes(5), std::chrono::minutes(30),
      std::chrono::hours(2)};
  // How often the background thread looks for due deliveries and newly published warnings.
  std::chrono::milliseconds poll_interval{2000};
  // At most this many deliveries per run.
  int batch = 20;
  // Before sending, a node claims the attempt in the store by moving next_attempt_at this far
  // ahead (store::ChannelRepository::ClaimDelivery): another node running the sender skips it,
  // and if this node dies mid-attempt another one retries once the lease has passed.
  std::chrono::seconds claim_lease{120};
};

// Sends the pending webhook deliveries of the store (queued by Channels), signed
// (service/webhooks.h), with retries and exponential backoff: 2xx = delivered; anything else
// (an HTTP error, a timeout, a refused address) counts as a failed attempt, retried after
// retry_delays until max_attempts, then marked failed. Progress is written to the store after
// every attempt, so a restart resumes where it stopped. Every app node may run it on one shared
// store: each attempt is claimed first, so no two nodes send the same delivery at once. Channels
// without a webhook any more, or inactive, fail their pending deliveries at once ("channel: no
// webhook" / "channel: inactive"). Thread safety: thread-safe. RunDue() calls are serialised (one
// run at a time); Start() runs them on a background thread every poll_interval until Stop().
class WebhookDispatcher {
 public:
  // All references must outlive the dispatcher. `channels` (may be null) is asked to queue
  // recently published warnings before each background run (Channels::EnqueueRecentlyPublished).
  WebhookDispatcher(store::Store& store, const crypto::SecretBox& contact_box,
                    const base::Clock& clock, WebhookSender& sender, Channels* channels,
                    WebhookDispatcherOptions options = {});
  ~WebhookDispatcher();
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  // Attempts every delivery due now (at most `batch`); returns how many were attempted.
  base::Result<int> RunDue();
  // The wait after `attempts` failed attempts (attempts >= 1).
  std::chrono::seconds RetryDelay(int attempts) const;

  // Starts the background thread (idempotent).
  void Start();
  // Stops it and waits for it (an attempt in flight finishes first: seconds at most).
  // Idempotent; also done by the destructor.
  void Stop();

 private:
  // One attempt of `d`; writes its outcome.
  // Claims `d`'s attempt in the store (ClaimDelivery); false when another node has it.
  base::Result<bool> Claim(const domain::WebhookDelivery& d);
  base::Status Attempt(domain::WebhookDelivery d);
  // The outcome of an attempt: delivered, or failed with `error` / `http_status`.
  void Record(domain::WebhookDelivery& d, base::TimePoint now, const base::Result<int>& result);
  void Loop();

  store::Store& store_;
  const crypto::SecretBox& contact_box_;
  const base::Clock& clock_;
  WebhookSender& sender_;
  Channels* channels_;
  const WebhookDispatcherOptions options_;

  std::mutex run_mutex_;  // serialises RunDue

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;     // started / joined by the controlling thread only
};

}  // namespace binhyen::service
