// Community channels: scope, create / update, figures. Deliveries and the public list are in
// channels_delivery.cc.
#include "service/channels.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/strings.h"
#include "service/audit_entry.h"
#include "service/field_errors.h"
#include "service/internal/channels_util.h"
#include "service/people.h"
#include "service/permissions.h"

namespace binhyen::service {

using channels_internal::ChannelTarget;
using channels_internal::Micros;
using channels_internal::UnitName;

struct Channels::Scope {
  People::Scope units;
  std::vector<domain::Unit> all_units;
};

Channels::Channels(store::Store& store, const crypto::SecretBox& contact_box,
                   const base::Clock& clock, crypto::Random& random, ChannelsOptions options)
    : store_(store),
      contact_box_(contact_box),
      clock_(clock),
      random_(random),
      options_(std::move(options)) {}

bool Channels::MayManage(const Principal& caller) {
  return caller.Can(Permission::kProgrammeManage) || caller.Can(Permission::kPeopleManage);
}

base::Result<Channels::Scope> Channels::LoadScope(store::Transaction& tx, const Principal& caller) {
  if (!MayManage(caller)) {
    return base::PermissionDeniedError("channels: only programme admins and unit officers");
  }
  Scope scope;
  BINHYEN_ASSIGN_OR_RETURN(scope.all_units, tx.Units().List());
  scope.units = People::ScopeOf(caller, scope.all_units);
  return scope;
}

base::Result<domain::CommunityChannel> Channels::LoadInScope(store::Transaction& tx,
                                                             const Principal& caller, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(tx, caller));
  BINHYEN_ASSIGN_OR_RETURN(domain::CommunityChannel c, tx.Channels().Get(id));
  if (!scope.units.Contains(c.unit_code)) {
    return base::NotFoundError("channel " + std::to_string(id) + ": not found");
  }
  return c;
}

ChannelView Channels::View(const domain::CommunityChannel& c, std::string unit_name) const {
  ChannelView v;
  v.channel = c;
  v.channel.admin_contact_ciphertext.reset();
  v.channel.webhook_secret_ciphertext.reset();
  v.unit_name = std::move(unit_name);
  v.has_webhook = !c.webhook_url.empty();
  if (c.admin_contact_ciphertext) {
    // A row that does not decrypt (another key) shows nothing rather than failing the page.
    base::Result<std::string> contact = contact_box_.Decrypt(*c.admin_contact_ciphertext);
    if (contact.ok()) v.admin_contact = *contact;
  }
  return v;
}

base::Result<std::vector<ChannelView>> Channels::List(const Principal& caller) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  if (!scope.units.all && scope.units.units.empty()) return std::vector<ChannelView>();
  const std::vector<std::string> codes =
      scope.units.all ? std::vector<std::string>() : scope.units.units;
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::CommunityChannel> channels,
                           tx->Channels().List(codes));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::ChannelFigures> latest,
                           tx->Channels().LatestFigures());
  std::map<int64_t, domain::ChannelFigures> by_channel;
  for (domain::ChannelFigures& f : latest) by_channel[f.channel_id] = std::move(f);
  std::vector<ChannelView> out;
  for (const domain::CommunityChannel& c : channels) {
    ChannelView v = View(c, UnitName(scope.all_units, c.unit_code));
    if (auto it = by_channel.find(c.id); it != by_channel.end()) v.latest = it->second;
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<UnitChannelTotals> Channels::Totals(const std::vector<ChannelView>& views) {
  std::map<std::string, UnitChannelTotals> totals;
  for (const ChannelView& v : views) {
    UnitChannelTotals& t = totals[v.channel.unit_code];
    t.unit_code = v.channel.unit_code;
    t.unit_name = v.unit_name;
    ++t.channels;
    if (v.channel.active) ++t.active;
    if (v.latest) {
      t.members += v.latest->members;
      t.warnings_relayed += v.latest->warnings_relayed;
      t.reports_received += v.latest->reports_received;
    }
  }
  std::vector<UnitChannelTotals> out;
  for (auto& [code, t] : totals) out.push_back(std::move(t));
  return out;
}

base::Result<ChannelView> Channels::Get(const Principal& caller, int64_t id) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_ASSIGN_OR_RETURN(domain::CommunityChannel c, LoadInScope(*tx, caller, id));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::Unit> units, tx->Units().List());
  ChannelView v = View(c, UnitName(units, c.unit_code));
  BINHYEN_ASSIGN_OR_RETURN(std::vector<domain::ChannelFigures> figures,
                           tx->Channels().Figures(id, 1));
  if (!figures.empty()) v.latest = figures.front();
  return v;
}

base::Result<domain::CommunityChannel> Channels::FromInput(store::Transaction& tx,
                                                           const Scope& scope,
                                                           const ChannelInput& input) const {
  (void)tx;
  FieldErrors errors;
  domain::CommunityChannel c;
  c.unit_code = std::string(base::TrimAscii(input.unit));
  if (c.unit_code.empty()) {
    errors.Add("unit", "choose a unit");
  } else if (std::none_of(scope.all_units.begin(), scope.all_units.end(),
                          [&](const domain::Unit& u) { return u.code == c.unit_code; })) {
    errors.Add("unit", "no such unit");
  } else if (!scope.units.Contains(c.unit_code)) {
    errors.Add("unit", "outside your unit");
  }
  if (std::optional<domain::ChannelKind> kind = domain::ParseChannelKind(input.kind)) {
    c.kind = *kind;
  } else {
    errors.Add("kind", "choose Zalo group, fanpage, website or other");
  }
  c.name = std::string(base::TrimAscii(input.name));
  if (c.name.empty()) errors.Add("name", "must not be empty");
  if (c.name.size() > domain::kMaxChannelNameBytes) errors.Add("name", "at most 200 bytes");
  c.url = std::string(base::TrimAscii(input.url));
  if (!domain::IsHttpUrl(c.url) || c.url.size() > domain::kMaxChannelUrlBytes) {
    errors.Add("url", "must be a link starting with https:// or http://");
  }
  c.admins = std::string(base::TrimAscii(input.admins));
  if (c.admins.size() > domain::kMaxChannelAdminsBytes) errors.Add("admins", "at most 1000 bytes");
  const std::string contact(base::TrimAscii(input.admin_contact));
  if (contact.size() > 200) errors.Add("admin_contact", "at most 200 bytes");
  if (!contact.empty()) c.admin_contact_ciphertext = contact_box_.Encrypt(contact);
  c.webhook_url = std::string(base::TrimAscii(input.webhook_url));
  if (!c.webhook_url.empty()) {
    if (!domain::IsHttpUrl(c.webhook_url) || c.webhook_url.size() > domain::kMaxChannelUrlBytes) {
      errors.Add("webhook_url", "must be a link starting with https:// or http://");
    }
  }
  for (const std::string* text : {&input.name, &input.url, &input.admins, &input.admin_contact}) {
    if (HasNul(*text)) errors.Add("name", kNoNul);
  }
  c.active = input.active;
  c.webhook_auto = input.webhook_auto && !c.webhook_url.empty();
  BINHYEN_RETURN_IF_ERROR(errors.ToStatus());
  return c;
}

base::Result<ChannelSaved> Channels::Save(const Principal& caller, std::optional<int64_t> id,
                                          const ChannelInput& input) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_ASSIGN_OR_RETURN(Scope scope, LoadScope(*tx, caller));
  std::optional<domain::CommunityChannel> old;
  if (id) {
    BINHYEN_ASSIGN_OR_RETURN(domain::CommunityChannel existing, LoadInScope(*tx, caller, *id));
    old = std::move(existing);
  }
  BINHYEN_ASSIGN_OR_RETURN(domain::CommunityChannel c, FromInput(*tx, scope, input));
  const base::TimePoint now = Micros(clock_.Now());
  c.created_at = old ? old->created_at : now;
  c.updated_at = now;
  ChannelSaved saved;
  if (!c.webhook_url.empty()) {
    if (old && old->webhook_secret_ciphertext && !input.rotate_secret) {
      c.webhook_secret_ciphertext = old->webhook_secret_ciphertext;
    } else {
      saved.new_secret = crypto::RandomToken(random_, crypto::kTokenBytes);
      c.webhook_secret_ciphertext = contact_box_.Encrypt(*saved.new_secret);
    }
  }
  std::string action = "channel.update";
  if (old) {
    c.id = old->id;
    BINHYEN_RETURN_IF_ERROR(tx->Channels().Update(c));
  } else {
    action = "channel.create";
    BINHYEN_ASSIGN_OR_RETURN(c.id, tx->Channels().Create(c));
  }
  std::string summary = c.name + " (" + c.unit_code + (c.active ? ", active" : ", inactive") +
                        (c.webhook_url.empty() ? "" : ", webhook") + ")";
  if (saved.new_secret) summary += "; new webhook secret";
  BINHYEN_RETURN_IF_ERROR(
      tx->Audit()
          .Append(MakeAuditEntry(now, caller.Actor(), action, ChannelTarget(c.id), summary))
          .status());
  BINHYEN_RETURN_IF_ERROR(tx->Commit());
  saved.view = View(c, UnitName(scope.all_units, c.unit_code));
  return saved;
}

base::Result<ChannelSaved> Channels::Create(const Principal& caller, const ChannelInput& input) {
  return Save(caller, std::nullopt, input);
}

base::Result<ChannelSaved> Channels::Update(const Principal& caller, int64_t id,
                                            const ChannelInput& input) {
  return Save(caller, id, input);
}

base::Status Channels::PutFigures(const Principal& caller, int64_t id,
                                  domain::ChannelFigures figures) {
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadWrite));
  BINHYEN_RETURN_IF_ERROR(LoadInScope(*tx, caller, id).status());
  figures.channel_id = id;
  figures.updated_at = Micros(clock_.Now());
  BINHYEN_RETURN_IF_ERROR(tx->Channels().UpsertFigures(figures));
  const std::string summary = figures.month + ": " + std::to_string(figures.members) +
                              " members, " + std::to_string(figures.warnings_relayed) +
                              " warnings relayed, " + std::to_string(figures.reports_received) +
                              " reports received";
  BINHYEN_RETURN_IF_ERROR(tx->Audit()
                              .Append(MakeAuditEntry(figures.updated_at, caller.Actor(),
                                                     "channel.figures", ChannelTarget(id), summary))
                              .status());
  return tx->Commit();
}

base::Result<std::vector<domain::ChannelFigures>> Channels::Figures(const Principal& caller,
                                                                    int64_t id, int limit) {
  if (limit < 1 || limit > 120) return base::InvalidArgumentError("limit: must be 1..120");
  BINHYEN_ASSIGN_OR_RETURN(auto tx, store_.Begin(store::TxMode::kReadOnly));
  BINHYEN_RETURN_IF_ERROR(LoadInScope(*tx, caller, id).status());
  return tx->Channels().Figures(id, limit);
}

}  // namespace binhyen::service
