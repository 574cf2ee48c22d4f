#include "indicator/social.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "indicator/phone.h"

namespace binhyen::indicator {
namespace {

constexpr size_t kMaxInputBytes = 2048;

enum class Platform { kFacebook, kZalo, kTikTok, kTelegram, kYouTube, kInstagram, kX };

std::string_view PlatformName(Platform p) {
  switch (p) {
    case Platform::kFacebook: return "facebook";
    case Platform::kZalo: return "zalo";
    case Platform::kTikTok: return "tiktok";
    case Platform::kTelegram: return "telegram";
    case Platform::kYouTube: return "youtube";
    case Platform::kInstagram: return "instagram";
    case Platform::kX: return "x";
  }
  return "";
}

base::Status Invalid(std::string reason) {
  return base::InvalidArgumentError("social: " + std::move(reason));
}

// A link taken apart. Segments are the non-empty path pieces.
struct Link {
  std::string host;  // lower-case, without "www." and similar
  std::vector<std::string> segments;
  std::vector<std::pair<std::string, std::string>> query;

  std::string_view Query(std::string_view key) const {
    for (const auto& [k, v] : query) {
      if (k == key) return v;
    }
    return {};
  }
  std::string_view Segment(size_t i) const {
    return i < segments.size() ? std::string_view(segments[i]) : std::string_view();
  }
};

bool AllDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return base::IsAsciiDigit(c); });
}

bool AllOf(std::string_view s, std::string_view extra) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) {
    return base::IsAsciiAlnum(c) || extra.find(c) != std::string_view::npos;
  });
}

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

// Builds a new string rather than calling std::string::replace, which trips GCC 12's
// -Wrestrict false positive at -O3.
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string_view::npos; pos = hit + from.size()) {
    out.append(s.substr(pos, hit - pos));
    out.append(to);
  }
  out.append(s.substr(pos));
  return out;
}

// Undoes the usual defanging: "facebook[.]com", "hxxps://", "t(.)me".
std::string Refang(std::string_view input) {
  std::string s(input);
  for (std::string_view dot : {"[.]", "(.)", "{.}", "[dot]", "(dot)"}) s = ReplaceAll(s, dot, ".");
  s = ReplaceAll(s, "[:]", ":");
  s = ReplaceAll(s, "[/]", "/");
  if (base::AsciiLower(std::string_view(s).substr(0, 4)) == "hxxp") {
    std::string out = "http";
    out.append(std::string_view(s).substr(4));
    return out;
  }
  return s;
}

std::optional<Platform> PlatformFromHint(std::string_view word) {
  std::string w = base::AsciiLower(word);
  if (IsOneOf(w, {"facebook", "fb"})) return Platform::kFacebook;
  if (w == "zalo") return Platform::kZalo;
  if (w == "tiktok") return Platform::kTikTok;
  if (IsOneOf(w, {"telegram", "tg"})) return Platform::kTelegram;
  if (IsOneOf(w, {"youtube", "yt"})) return Platform::kYouTube;
  if (IsOneOf(w, {"instagram", "ig", "insta"})) return Platform::kInstagram;
  if (IsOneOf(w, {"x", "twitter"})) return Platform::kX;
  return std::nullopt;
}

// Platform of a host (already without "www."), or an error for hosts we know are not
// profiles.
base::Result<Platform> PlatformFromHost(std::string_view host) {
  bool valid = !host.empty() && host.front() != '.' && host.find("..") == std::string_view::npos;
  for (char c : host) valid = valid && (base::IsAsciiAlnum(c) || c == '.' || c == '-');
  if (!valid) return Invalid("not a valid host name");
  auto is = [&](std::string_view domain) {
    return host == domain ||
           (host.size() > domain.size() && host.substr(host.size() - domain.size()) == domain &&
            host[host.size() - domain.size() - 1] == '.');
  };
  if (host == "l.facebook.com" || host == "lm.facebook.com") {
    return Invalid("a Facebook redirect link, not a profile");
  }
  if (is("fb.watch") || host == "youtu.be") return Invalid("a video link, not a profile");
  if (is("vm.tiktok.com") || is("vt.tiktok.com")) {
    return Invalid("a TikTok short link: open it to find the profile");
  }
  if (is("facebook.com") || host == "fb.com" || host == "fb.me" || host == "m.me") {
    return Platform::kFacebook;
  }
  if (host == "zalo.me") return Platform::kZalo;
  if (is("tiktok.com")) return Platform::kTikTok;
  if (host == "t.me" || host == "telegram.me" || host == "telegram.dog") {
    return Platform::kTelegram;
  }
  if (is("youtube.com")) return Platform::kYouTube;
  if (is("instagram.com") || host == "instagr.am") return Platform::kInstagram;
  if (is("twitter.com") || is("x.com")) return Platform::kX;
  return Invalid("not a known social network: " + std::string(host));
}

// Splits "host/path?query#fragment" (scheme already removed).
Link ParseLink(std::string_view s) {
  Link link;
  size_t host_end = s.find_first_of("/?#");
  std::string host = base::AsciiLower(s.substr(0, host_end));
  if (size_t at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (size_t colon = host.find(':'); colon != std::string::npos) host.resize(colon);
  while (!host.empty() && host.back() == '.') host.pop_back();
  for (std::string_view prefix : {"www.", "m.", "mobile.", "web.", "mbasic.", "touch."}) {
    if (host.rfind(prefix, 0) == 0 && host.size() > prefix.size() + 3) {
      host.erase(0, prefix.size());
      break;
    }
  }
  link.host = std::move(host);
  if (host_end == std::string_view::npos) return link;
  std::string_view rest = s.substr(host_end);
  std::string_view fragment;
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  // Old Facebook links: facebook.com/#!/name.
  if (base::TrimAscii(rest).find_first_not_of('/') == std::string_view::npos &&
      fragment.rfind("!/", 0) == 0) {
    rest = fragment.substr(1);
  }
  for (std::string_view seg : base::Split(rest, '/')) {
    if (!seg.empty()) link.segments.emplace_back(seg);
  }
  for (std::string_view pair : base::Split(query, '&')) {
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    link.query.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
  }
  return link;
}

// ---- Per-platform rules. Each returns the id part of "platform:id". -----------------------

base::Status NotAProfile(std::string_view platform_host, const Link& link) {
  return Invalid("not a profile page (" + std::string(platform_host) + "/" +
                 std::string(link.Segment(0)) + ")");
}

// Top-level Facebook paths that are not profiles. Dots are ignored, as Facebook does.
bool IsFacebookReserved(std::string_view name) {
  auto undotted = [](std::string_view w) {
    std::string out;
    for (char c : w) {
      if (c != '.') out.push_back(c);
    }
    return out;
  };
  std::string n = undotted(name);
  for (std::string_view reserved :
       std::initializer_list<std::string_view>{"login",         "login.php",   "logout.php",
                                               "watch",         "sharer",      "sharer.php",
                                               "share.php",     "photo.php",   "photo",
                                               "photos",        "video.php",   "videos",
                                               "events",        "marketplace", "gaming",
                                               "help",          "policies",    "privacy",
                                               "settings",      "home.php",    "messages",
                                               "notifications", "search",      "hashtag",
                                               "reel",          "reels",       "stories",
                                               "l.php",         "dialog",      "plugins",
                                               "ads",           "business",    "friends",
                                               "bookmarks",     "saved",       "me",
                                               "legal",         "terms",       "recover",
                                               "checkpoint",    "fundraisers", "live",
                                               "media",         "watchparty",  "story",
                                               "r.php",         "reg",         "campaign",
                                               "latest",        "feeds",       "groups.php",
                                               "places",        "pages.php",   "memories",
                                               "games",         "weather",     "coronavirus_info",
                                               "permalink",     "photos.php",  "lite",
                                               "mobile",        "composer",    "nt",
                                               "index.php"}) {
    if (n == undotted(reserved)) return true;
  }
  return false;
}

base::Result<std::string> FacebookUsername(std::string_view segment) {
  // Old page links end in the numeric id: facebook.com/Cong-An-Quang-Ngai-123456789012345.
  if (size_t dash = segment.rfind('-'); dash != std::string_view::npos) {
    std::string_view tail = segment.substr(dash + 1);
    if (AllDigits(tail) && tail.size() >= 6) return std::string(tail);
  }
  if (AllDigits(segment)) return std::string(segment);
  if (!AllOf(segment, ".")) return Invalid("not a valid Facebook username");
  std::string name;
  for (char c : segment) {
    if (c != '.') name.push_back(base::AsciiToLower(c));
  }
  if (name.empty() || name.size() > 50) return Invalid("not a valid Facebook username");
  return name;
}

base::Result<std::string> FacebookId(const Link& link) {
  std::string_view first = link.Segment(0);
  std::string first_lower = base::AsciiLower(first);
  if (first.empty()) return Invalid("not a profile page (facebook.com home)");
  if (IsOneOf(first_lower, {"profile.php", "permalink.php", "story.php"})) {
    std::string_view id = link.Query("id");
    if (AllDigits(id)) return std::string(id);
    return Invalid("a Facebook link without a profile id");
  }
  if (first_lower == "people" && AllDigits(link.Segment(2))) return std::string(link.Segment(2));
  if (first_lower == "pages") {
    if (AllDigits(link.Segment(2))) return std::string(link.Segment(2));
    if (AllDigits(link.Segment(1))) return std::string(link.Segment(1));
    return Invalid("a Facebook page link without a page id");
  }
  if (first_lower == "pg" && !link.Segment(1).empty()) return FacebookUsername(link.Segment(1));
  if (first_lower == "groups") {
    std::string group = base::AsciiLower(link.Segment(1));
    if (!AllOf(group, "._-")) return Invalid("a Facebook group link without a group");
    return "groups/" + group;
  }
  if (first_lower == "share") return Invalid("a Facebook share link: open it to find the profile");
  if (IsFacebookReserved(first_lower)) return NotAProfile("facebook.com", link);
  BINHYEN_ASSIGN_OR_RETURN(std::string name, FacebookUsername(first));
  // "log.in" is "login" once the dots are dropped, and "groups." is "groups", whose links name a
  // group after it (found by fuzzing: "groups." was taken for a profile that did not read back).
  if (IsFacebookReserved(name) || IsOneOf(name, {"groups", "pages", "people", "pg", "share"})) {
    return NotAProfile("facebook.com", link);
  }
  return name;
}

base::Result<std::string> ZaloId(std::string_view first, std::string_view second) {
  if (first == "g" || first == "G") {
    std::string code = base::AsciiLower(second);
    if (!AllOf(code, "")) return Invalid("a Zalo group link without a group code");
    return "g/" + code;
  }
  if (first.empty()) return Invalid("not a profile page (zalo.me home)");
  // A phone number in any written form: zalo.me/0912345678, zalo:+84 912 345 678.
  char c0 = first[0];
  if (c0 == '0' || c0 == '+' || (first.size() >= 2 && first.substr(0, 2) == "84")) {
    base::Result<Indicator> phone = CanonicalizePhone(first);
    if (phone.ok() && phone->Attribute("phone_type") != "short_code") return phone->canonical;
  }
  if (AllDigits(first) && first.size() >= 6 && first.size() <= 25) return std::string(first);
  return Invalid("not a Zalo profile link (expected a phone number, g/<group> or a numeric id)");
}

base::Result<std::string> TikTokId(const Link& link) {
  std::string_view first = link.Segment(0);
  if (first.empty() || first[0] != '@') return NotAProfile("tiktok.com", link);
  std::string handle = base::AsciiLower(first.substr(1));
  if (handle.size() < 2 || handle.size() > 24 || !AllOf(handle, "._")) {
    return Invalid("not a valid TikTok username");
  }
  return handle;
}

base::Result<std::string> TelegramId(const Link& link) {
  std::string_view first = link.Segment(0);
  if (first == "s" || first == "S") first = link.Segment(1);
  if (base::EqualsIgnoreAsciiCase(first, "joinchat")) {
    if (!AllOf(link.Segment(1), "_-")) return Invalid("a Telegram invite link without a code");
    std::string code = "+";
    code.append(link.Segment(1));
    return code;
  }
  if (!first.empty() && first[0] == '+') {
    if (!AllOf(first.substr(1), "_-")) return Invalid("a Telegram invite link without a code");
    return std::string(first);
  }
  std::string handle = base::AsciiLower(first);
  if (IsOneOf(handle, {"share", "addstickers", "addemoji", "proxy", "socks", "iv", "c", "login",
                       "setlanguage", "addtheme", "confirmphone", "bg", "invoice", "contact"})) {
    return NotAProfile("t.me", link);
  }
  if (handle.size() < 4 || handle.size() > 32 || !AllOf(handle, "_") ||
      !base::IsAsciiAlpha(handle[0])) {
    return Invalid("not a valid Telegram username");
  }
  return handle;
}

base::Result<std::string> YouTubeId(const Link& link) {
  std::string_view first = link.Segment(0);
  std::string first_lower = base::AsciiLower(first);
  if (first.empty()) return Invalid("not a profile page (youtube.com home)");
  if (first[0] == '@') {
    std::string handle = base::AsciiLower(first.substr(1));
    if (handle.size() < 3 || handle.size() > 30 || !AllOf(handle, "._-")) {
      return Invalid("not a valid YouTube handle");
    }
    return "@" + handle;
  }
  if (first_lower == "channel") {
    std::string_view id = link.Segment(1);
    if (id.size() != 24 || id.substr(0, 2) != "UC" || !AllOf(id, "_-")) {
      return Invalid("not a valid YouTube channel id");
    }
    return "channel/" + std::string(id);
  }
  std::string name = first_lower;
  std::string kind = "c/";
  if (first_lower == "c" || first_lower == "user") {
    name = base::AsciiLower(link.Segment(1));
    kind = first_lower + "/";
  } else if (IsOneOf(first_lower, {"watch",
                                   "shorts",
                                   "playlist",
                                   "results",
                                   "feed",
                                   "embed",
                                   "live",
                                   "redirect",
                                   "hashtag",
                                   "account",
                                   "premium",
                                   "gaming",
                                   "music",
                                   "kids",
                                   "about",
                                   "t",
                                   "signin",
                                   "logout",
                                   "post",
                                   "clip",
                                   "attribution_link",
                                   "v",
                                   "e",
                                   "channels",
                                   "trending",
                                   "supported_browsers",
                                   "howyoutubeworks",
                                   "creators"})) {
    return NotAProfile("youtube.com", link);
  }
  if (name.empty() || name.size() > 100 || !AllOf(name, "._-")) {
    return Invalid("not a valid YouTube channel name");
  }
  return kind + name;
}

base::Result<std::string> InstagramId(const Link& link) {
  std::string handle = base::AsciiLower(link.Segment(0));
  if (handle == "stories") handle = base::AsciiLower(link.Segment(1));
  if (handle.empty()) return Invalid("not a profile page (instagram.com home)");
  // "stories" names no one: instagram.com/stories/stories/ is not a profile (and "stories" as a
  // handle would not read back).
  if (IsOneOf(handle,
              {"p",       "reel",  "reels",     "stories", "explore",   "accounts",  "direct",
               "tv",      "about", "developer", "legal",   "web",       "challenge", "emails",
               "session", "login", "privacy",   "terms",   "directory", "highlights"})) {
    return NotAProfile("instagram.com", link);
  }
  if (handle.size() > 30 || !AllOf(handle, "._") || handle.front() == '.' || handle.back() == '.' ||
      handle.find("..") != std::string::npos) {
    return Invalid("not a valid Instagram username");
  }
  return handle;
}

base::Result<std::string> XId(const Link& link) {
  std::string handle = base::AsciiLower(link.Segment(0));
  if (handle.empty()) return Invalid("not a profile page (x.com home)");
  if (IsOneOf(handle, {"home", "search", "explore", "i", "intent", "share", "hashtag", "settings",
                       "login", "logout", "messages", "notifications", "signup", "tos", "privacy",
                       "compose", "status"})) {
    return NotAProfile("x.com", link);
  }
  if (handle.size() > 15 || !AllOf(handle, "_")) return Invalid("not a valid X username");
  return handle;
}

base::Result<std::string> IdFor(Platform p, const Link& link) {
  switch (p) {
    case Platform::kFacebook: return FacebookId(link);
    case Platform::kZalo: return ZaloId(link.Segment(0), link.Segment(1));
    case Platform::kTikTok: return TikTokId(link);
    case Platform::kTelegram: return TelegramId(link);
    case Platform::kYouTube: return YouTubeId(link);
    case Platform::kInstagram: return InstagramId(link);
    case Platform::kX: return XId(link);
  }
  return Invalid("unknown platform");
}

std::string ProfileUrl(Platform p, const std::string& id) {
  switch (p) {
    case Platform::kFacebook:
      if (AllDigits(id)) return "https://www.facebook.com/profile.php?id=" + id;
      return "https://www.facebook.com/" + id;
    case Platform::kZalo:
      if (id.rfind("+84", 0) == 0) return "https://zalo.me/0" + id.substr(3);
      return "https://zalo.me/" + id;
    case Platform::kTikTok: return "https://www.tiktok.com/@" + id;
    case Platform::kTelegram: return "https://t.me/" + id;
    case Platform::kYouTube: return "https://www.youtube.com/" + id;
    case Platform::kInstagram: return "https://www.instagram.com/" + id + "/";
    case Platform::kX: return "https://x.com/" + id;
  }
  return "";
}

base::Result<Indicator> Build(Platform p, base::Result<std::string> id) {
  if (!id.ok()) return std::move(id).status();
  Indicator ind;
  ind.kind = Kind::kSocial;
  ind.canonical = std::string(PlatformName(p)) + ":" + *id;
  ind.SetAttribute("platform", std::string(PlatformName(p)));
  ind.SetAttribute("profile_url", ProfileUrl(p, *id));
  return ind;
}

// "platform:handle" / "platform handle" / "platform @handle".
base::Result<Indicator> FromHint(Platform p, std::string_view rest) {
  rest = base::TrimAscii(rest);
  if (rest.empty()) return Invalid("a platform without a handle");
  if (p == Platform::kZalo) {
    // Zalo ids are phone numbers, which may be written with spaces.
    std::string_view first = rest.substr(0, rest.find('/'));
    std::string_view second = first.size() < rest.size() ? rest.substr(first.size() + 1) : "";
    return Build(p, ZaloId(first, second));
  }
  if (rest.find_first_of(" \t") != std::string_view::npos) {
    return Invalid("a handle cannot contain spaces");
  }
  // ParseLink wants "host/path". tiktok:user and youtube:Handle mean the @handle;
  // youtube:channel/UC... is a path.
  std::string link = "host/";
  if ((p == Platform::kTikTok || p == Platform::kYouTube) && rest[0] != '@' &&
      rest.find('/') == std::string_view::npos) {
    link.push_back('@');
  } else if (p != Platform::kTikTok && p != Platform::kYouTube && rest[0] == '@') {
    rest.remove_prefix(1);
  }
  link.append(rest);
  return Build(p, IdFor(p, ParseLink(link)));
}

// Splits a leading "platform:" / "platform " hint. Returns nullopt when there is none.
std::optional<std::pair<Platform, std::string_view>> SplitHint(std::string_view s) {
  size_t end = s.find_first_of(": \t");
  if (end == std::string_view::npos || end == 0) return std::nullopt;
  std::optional<Platform> p = PlatformFromHint(s.substr(0, end));
  if (!p) return std::nullopt;
  std::string_view rest = s.substr(end + 1);
  if (rest.rfind("//", 0) == 0) return std::nullopt;
  return std::make_pair(*p, rest);
}

std::string_view StripScheme(std::string_view s) {
  std::string lower = base::AsciiLower(s.substr(0, 8));
  if (lower.rfind("https://", 0) == 0) return s.substr(8);
  if (lower.rfind("http://", 0) == 0) return s.substr(7);
  if (lower.rfind("//", 0) == 0) return s.substr(2);
  return s;
}

// Whether the text after a "platform:" hint is a link rather than a handle: it has a scheme, or
// its host belongs to the same platform ("facebook: facebook.com/x"). "instagram:t.me" is the
// Instagram user "t.me".
bool LooksLikeLink(Platform hint, std::string_view s) {
  std::string_view rest = StripScheme(s);
  if (rest.size() != s.size()) return true;
  if (rest.find('/') == std::string_view::npos) return false;  // "ig:ab.instagram.com"
  base::Result<Platform> p = PlatformFromHost(ParseLink(rest).host);
  return p.ok() && *p == hint;
}

}  // namespace

base::Result<Indicator> CanonicalizeSocial(std::string_view input) {
  std::string_view trimmed = base::TrimAscii(input);
  if (trimmed.empty()) return Invalid("empty input");
  if (trimmed.size() > kMaxInputBytes) return Invalid("input too long");
  std::string s = Refang(trimmed);

  if (auto hint = SplitHint(s)) {
    std::string rest(base::TrimAscii(hint->second));
    // "facebook: https://facebook.com/x" is a link after all.
    if (!LooksLikeLink(hint->first, rest)) return FromHint(hint->first, rest);
    s = std::move(rest);
  }
  if (s.empty()) return Invalid("a platform without a handle");
  if (s[0] == '@') return Invalid("a handle without a platform (write e.g. telegram:" + s + ")");

  std::string_view link = StripScheme(s);
  size_t host_end = link.find_first_of("/?#");
  if (link.substr(0, host_end).find('.') == std::string_view::npos) {
    return Invalid("not a social profile (give a link or platform:handle)");
  }
  Link parsed = ParseLink(link);
  BINHYEN_ASSIGN_OR_RETURN(Platform platform, PlatformFromHost(parsed.host));
  return Build(platform, IdFor(platform, parsed));
}

}  // namespace binhyen::indicator
