#include "service/webhook_dispatcher.h"

#include <algorithm>
#include <utility>

#include "base/logging.h"
#include "service/internal/channels_util.h"
#include "service/webhooks.h"

namespace binhyen::service {
namespace {

std::string Cut(std::string s) {
  if (s.size() > domain::kMaxDeliveryErrorBytes) s.resize(domain::kMaxDeliveryErrorBytes);
  // Never leave half a UTF-8 character at the end.
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80) != 0) s.pop_back();
  return s;
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(store::Store& store, const crypto::SecretBox& contact_box,
                                     const base::Clock& clock, WebhookSender& sender,
                                     Channels* channels, WebhookDispatcherOptions options)
    : store_(store),
      contact_box_(contact_box),
      clock_(clock),
      sender_(sender),
      channels_(channels),
      options_(std::move(options)) {}

WebhookDispatcher::~WebhookDispatcher() { Stop(); }

std::chrono::seconds WebhookDispatcher::RetryDelay(int attempts) const {
  if (options_.retry_delays.empty()) return std::chrono::seconds(60);
  const size_t i = static_cast<size_t>(std::max(attempts, 1) - 1);
  return options_.retry_delays[std::min(i, options_.retry_delays.size() - 1)];
}

base::Result<int> WebhookDispatcher::RunDue() {
  std::lock_guard<std::mutex> run(run_mutex_);
  std::vector<domain::WebhookDelivery> due;
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(due, tx->Channels().DueDeliveries(clock_.Now(), options_.batch));
  }
  int attempted = 0;
  for (domain::WebhookDelivery& d : due) {
    base::Result<bool> claimed = Claim(d);
    if (!claimed.ok()) {
      base::LogWarn("webhook delivery {}: claim: {}", d.id, claimed.status().ToString());
      continue;
    }
    if (!*claimed) continue;  // another node is sending it (or already did)
    ++attempted;
    base::Status s = Attempt(std::move(d));
    if (!s.ok()) base::LogWarn("webhook delivery: {}", s.ToString());
  }
  return attempted;
}

base::Result<bool> WebhookDispatcher::Claim(const domain::WebhookDelivery& d) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(bool claimed,
                           tx->Channels().ClaimDelivery(d.id, d.attempts, d.next_attempt_at,
                                                        clock_.Now() + options_.claim_lease));
  if (!claimed) return false;
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  return true;
}

base::Status WebhookDispatcher::Attempt(domain::WebhookDelivery d) {
  WebhookRequest request;
  base::Result<int> result = base::UnavailableError("not sent");
  {
    BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
    BINHYEN_ASSIGN_OR_RETURN(domain::CommunityChannel c, tx->Channels().Get(d.channel_id));
    if (c.webhook_url.empty() || !c.webhook_secret_ciphertext) {
      result = base::FailedPreconditionError("channel: no webhook");
    } else if (!c.active) {
      result = base::FailedPreconditionError("channel: inactive");
    } else {
      BINHYEN_ASSIGN_OR_RETURN(std::string secret,
                               contact_box_.Decrypt(*c.webhook_secret_ciphertext));
      const std::string timestamp = std::to_string(
          std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch())
              .count());
      request.url = c.webhook_url;
      request.body = d.body;
      request.headers = {{"Content-Type", "application/json"},
                         {"User-Agent", "BinhYen-Webhook/1"},
                         {"X-BinhYen-Event", d.event},
                         {"X-BinhYen-Delivery", std::to_string(d.id)},
                         {"X-BinhYen-Timestamp", timestamp},
                         {"X-BinhYen-Signature", WebhookSignature(secret, timestamp, d.body)}};
    }
  }
  if (!request.url.empty()) result = sender_.Post(request);  // outside any transaction
  const bool give_up_now =
      !result.ok() && result.status().code() == base::StatusCode::kFailedPrecondition;
  Record(d, channels_internal::Micros(clock_.Now()), result);
  if (give_up_now) d.status = domain::DeliveryStatus::kFailed;
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(tx->Channels().UpdateDelivery(d));
  return tx->Commit();
}

void WebhookDispatcher::Record(domain::WebhookDelivery& d, base::TimePoint now,
                               const base::Result<int>& result) {
  ++d.attempts;
  d.last_attempt_at = now;
  if (result.ok()) {
    d.last_http_status = *result;
    if (*result >= 200 && *result < 300) {
      d.status = domain::DeliveryStatus::kDelivered;
      d.delivered_at = now;
      d.last_error.clear();
      return;
    }
    d.last_error = "HTTP " + std::to_string(*result);
  } else {
    d.last_http_status.reset();
    d.last_error = Cut(result.status().ToString());
  }
  if (d.attempts >= options_.max_attempts) {
    d.status = domain::DeliveryStatus::kFailed;
  } else {
    d.next_attempt_at = now + RetryDelay(d.attempts);
  }
}

void WebhookDispatcher::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void WebhookDispatcher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WebhookDispatcher::Loop() {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      // Waits on the real clock: this only paces polling; what is due is decided by clock_.
      wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
      if (stopping_) return;
    }
    if (channels_ != nullptr) {
      base::Result<int> queued = channels_->EnqueueRecentlyPublished();
      if (!queued.ok()) base::LogWarn("webhook queue: {}", queued.status().ToString());
    }
    base::Result<int> ran = RunDue();
    if (!ran.ok()) base::LogWarn("webhook delivery: {}", ran.status().ToString());
  }
}

}  // namespace binhyen::service
