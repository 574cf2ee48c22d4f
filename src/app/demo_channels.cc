#include "app/internal/demo_channels.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "service/audit_entry.h"
#include "service/webhooks.h"

namespace binhyen::app::internal {
namespace {

struct DemoChannelSpec {
  std::string_view unit;
  domain::ChannelKind kind;
  std::string_view name;
  std::string_view url;
  std::string_view admins;
  std::string_view contact;  // "" = none
  bool active;
  int64_t members;  // six months ago; grows every month
  int64_t growth;
};

std::vector<DemoChannelSpec> Specs() {
  using K = domain::ChannelKind;
  return {
      {"nguyen-nghiem", K::kZaloGroup, "An ninh mạng phường Nguyễn Nghiêm",
       "https://zalo.me/g/demo-nguyennghiem", "Huỳnh Văn Tâm (cán bộ văn hóa, trưởng nhóm)",
       "0255 3859 001", true, 410, 35},
      {"cong-an-duc-pho", K::kFacebookPage, "Công an thị xã Đức Phổ",
       "https://www.facebook.com/demo.congan.ducpho", "Đội Tham mưu – Tổng hợp (quản trị trang)",
       "", true, 5200, 260},
      {"pho-minh", K::kZaloGroup, "Phổ Minh cảnh giác lừa đảo", "https://zalo.me/g/demo-phominh",
       "Tổ trưởng các tổ dân phố (4 người)", "", true, 260, 22},
      {"pho-an", K::kZaloGroup, "Xã Phổ An – Thông tin an ninh", "https://zalo.me/g/demo-phoan",
       "Công an xã Phổ An", "", true, 180, 15},
      {"thpt-so-1-duc-pho", K::kFacebookPage, "Đoàn trường THPT số 1 Đức Phổ – An toàn trên mạng",
       "https://www.facebook.com/demo.thpt1ducpho", "Bí thư Đoàn trường; 2 giáo viên Tin học", "",
       true, 950, 40},
      {"thcs-pho-minh", K::kZaloGroup, "Phụ huynh THCS Phổ Minh – Cảnh báo lừa đảo",
       "https://zalo.me/g/demo-thcsphominh", "Giáo viên chủ nhiệm khối 9", "", true, 320, 12},
      {"ubnd-duc-pho", K::kWebsite, "Chuyên mục An ninh mạng – Cổng thông tin thị xã",
       "https://ducpho.example.invalid/an-ninh-mang", "Phòng Văn hóa - Thông tin", "", true, 0, 0},
      {"pho-ninh", K::kZaloGroup, "Nhóm cũ phường Phổ Ninh (đã gộp)",
       "https://zalo.me/g/demo-phoninh-cu", "Không còn người quản trị", "", false, 90, 0},
  };
}

// "YYYY-MM" of the month `back` months before the one holding `t` (Vietnam time, UTC+7).
std::string MonthBefore(base::TimePoint t, int back) {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(t + hours(7))};
  year_month ym = year_month(ymd.year(), ymd.month()) - months(back);
  const int y = static_cast<int>(ym.year());
  const unsigned m = static_cast<unsigned>(ym.month());
  return std::to_string(y) + (m < 10 ? "-0" : "-") + std::to_string(m);
}

base::TimePoint Micros(base::TimePoint t) {
  return base::TimePoint(
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()));
}

base::Status AddFigures(store::Transaction& tx, const domain::CommunityChannel& c,
                        const DemoChannelSpec& spec, base::TimePoint now) {
  if (spec.members == 0) return base::Status::Ok();  // a website counts no members
  const int months = spec.active ? 6 : 3;
  for (int back = months; back >= 1; --back) {
    const int64_t step = months - back;
    domain::ChannelFigures f;
    f.channel_id = c.id;
    f.month = MonthBefore(now, back + (spec.active ? 0 : 3));
    f.members = spec.members + spec.growth * step;
    f.warnings_relayed = spec.active ? 3 + (c.id + step) % 5 : 0;
    f.reports_received = spec.active ? (c.id * 3 + step) % 4 : 0;
    f.updated_at = Micros(now - std::chrono::hours(24 * 30 * back));
    BINHYEN_RETURN_IF_ERROR(tx.Channels().UpsertFigures(f));
  }
  return base::Status::Ok();
}

// Two failed deliveries to the demo webhook, never attempted for real.
base::Status AddFailedDeliveries(store::Transaction& tx, const domain::CommunityChannel& c,
                                 base::TimePoint now) {
  for (int i = 0; i < 2; ++i) {
    domain::WebhookDelivery d;
    d.channel_id = c.id;
    d.event = "test";
    d.created_at = Micros(now - std::chrono::hours(30 - i * 24));
    d.body = service::WebhookTestBody(c, d.created_at);
    d.status = domain::DeliveryStatus::kFailed;
    d.attempts = 5;
    d.next_attempt_at = d.created_at;
    d.last_attempt_at = d.created_at + std::chrono::hours(3);
    d.last_error = "webhook resolve kenh-demo.example.invalid: Host not found (demo data)";
    BINHYEN_RETURN_IF_ERROR(tx.Channels().EnqueueDelivery(d).status());
  }
  return base::Status::Ok();
}

}  // namespace

base::Status CreateDemoChannels(store::Store& store, const crypto::SecretBox& contact_box,
                                base::TimePoint now) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store.Begin(store::TxMode::kReadWrite));
  const base::TimePoint created = Micros(now - std::chrono::hours(24 * 200));
  for (const DemoChannelSpec& spec : Specs()) {
    domain::CommunityChannel c;
    c.unit_code = std::string(spec.unit);
    c.kind = spec.kind;
    c.name = std::string(spec.name);
    c.url = std::string(spec.url);
    c.admins = std::string(spec.admins);
    if (!spec.contact.empty()) c.admin_contact_ciphertext = contact_box.Encrypt(spec.contact);
    c.active = spec.active;
    c.created_at = c.updated_at = created;
    const bool webhook = spec.unit == "cong-an-duc-pho";
    if (webhook) {
      c.webhook_url = "http://kenh-demo.example.invalid/webhook";
      c.webhook_secret_ciphertext = contact_box.Encrypt("demo-secret-never-used");
    }
    BINHYEN_ASSIGN_OR_RETURN(c.id, tx->Channels().Create(c));
    BINHYEN_RETURN_IF_ERROR(AddFigures(*tx, c, spec, now));
    if (webhook) BINHYEN_RETURN_IF_ERROR(AddFailedDeliveries(*tx, c, now));
    BINHYEN_RETURN_IF_ERROR(
        tx->Audit()
            .Append(service::MakeAuditEntry(created, "user:thuongtruc.hoa", "channel.create",
                                            "channel:" + std::to_string(c.id), c.name))
            .status());
  }
  return tx->Commit();
}

}  // namespace binhyen::app::internal
