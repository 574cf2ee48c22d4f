#pragma once

#include <string_view>

#include "base/result.h"
#include "indicator/indicator.h"

namespace binhyen::indicator {

// Canonicalises a social-network profile, page, group or channel to "platform:id".
//
// Input: a profile link (with or without scheme, "www.", "m.", "mbasic."..., defanged "[.]" and
// "hxxp" accepted), or "platform:handle" / "platform handle" ("facebook:nguyenvana",
// "tiktok @abc", "telegram:@user", "zalo 0912 345 678"). Platform aliases: fb, tg, yt, ig,
// insta, twitter, x.
//
//   facebook  facebook.com/nguyen.van.a, fb.com/x, fb.me/x, m.me/x   -> facebook:nguyenvana
//             (lower-case, dots removed: Facebook ignores both in usernames)
//             profile.php?id=1000123, people/Name/1000123, Page-Name-1000123 -> facebook:1000123
//             groups/123, groups/Name                                -> facebook:groups/123
//   zalo      zalo.me/0912345678 (any phone form)  -> zalo:+84912345678 (CanonicalizePhone)
//             zalo.me/g/abcdef                     -> zalo:g/abcdef
//             zalo.me/<numeric id>                 -> zalo:<id>
//   tiktok    tiktok.com/@user (also .../@user/video/1)  -> tiktok:user
//   telegram  t.me/user, telegram.me/user, t.me/s/user   -> telegram:user
//             t.me/+Invite, t.me/joinchat/Invite          -> telegram:+Invite (case kept)
//   youtube   youtube.com/@Handle -> youtube:@handle; /channel/UC... -> youtube:channel/UC...
//             (case kept); /c/Name and /Name -> youtube:c/name; /user/Name -> youtube:user/name
//   instagram instagram.com/user -> instagram:user
//   x         x.com/user, twitter.com/user -> x:user
//
// Handles are lower-cased (every platform above treats them case-insensitively) except
// YouTube channel ids and Telegram invite codes. Attributes: "platform" and "profile_url" (a
// canonical https link for display). Rejects with InvalidArgument and a reason: pages that are
// not a profile (facebook.com/login, /watch, /sharer, /photo.php, /events, youtu.be videos...),
// short links that must be opened first (vm.tiktok.com, facebook.com/share/...), unknown
// hosts, malformed handles, a bare "@handle" without a platform. Idempotent on its canonical
// output. Thread-safe.
base::Result<Indicator> CanonicalizeSocial(std::string_view input);

}  // namespace binhyen::indicator
