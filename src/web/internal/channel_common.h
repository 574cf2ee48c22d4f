#pragma once
// What the community channel pages share (channel_pages.cc, channel_detail_page.cc): the
// service of one request, the channel form (values, field errors, unit and kind choices), and
// labels.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/channel.h"
#include "service/channels.h"
#include "web/internal/console_common.h"

namespace binhyen::web::internal {

// The permission every console channel page needs (programme admins and unit officers hold
// it; the service narrows unit officers to their unit).
inline constexpr auto kChannelPermission = service::Permission::kPeopleManage;

// The channels service over the request's shared services (cheap: references only).
service::Channels MakeChannels(Shared& shared);

// What the channel form holds, to show again with its errors.
struct ChannelForm {
  service::ChannelInput input;
  std::map<std::string, std::string> errors;  // field → message in the page's language
  bool editing = false;
};

// The form's fields from a posted form.
service::ChannelInput ChannelInputFromForm(const FormData& form);
// The field → message map of an InvalidArgument from the service ("field: what" lines), in
// the page's language; empty for other statuses.
std::map<std::string, std::string> ChannelFieldErrors(const PageContext& context,
                                                      const base::Status& status);
// Sets f_*, error_*, errors, has_errors, unit_options (the caller's units) and kind_options.
// False when the units cannot be read.
bool SetChannelForm(Shared& shared, Data& data, const PageContext& context,
                    const ChannelForm& form);
// "Nhóm Zalo" / "Zalo group", ...
std::string_view ChannelKindLabel(const PageContext& context, domain::ChannelKind kind);
// The 503 page when the channels cannot be read.
http::Response ChannelsUnavailable(Shared& shared, const PageContext& context);

// The figures form, to show again with its errors.
struct FiguresForm {
  std::string month, members, warnings_relayed, reports_received;
  std::map<std::string, std::string> errors;
};

// The page of channel `id` (/quan-tri/kenh/{id}): details, figures form and table, webhook
// deliveries, the edit form (`form`, or the channel's values when null) and, right after it was
// made, the webhook secret (shown once). 404 page when absent or outside the caller's scope.
http::Response ChannelDetailPage(Shared& shared, const http::Request& request, PageContext& context,
                                 int64_t id, const ChannelForm* form, const FiguresForm& figures,
                                 const std::optional<std::string>& new_secret, int status);

void RegisterChannelDetailPage(http::Router& router, Shared& shared);  // channel_detail_page.cc

}  // namespace binhyen::web::internal
