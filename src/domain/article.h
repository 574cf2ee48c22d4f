#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace binhyen::domain {

// What an article of the awareness programme is: a scam alert, a summary of the law, practical
// guidance, or the code of conduct for posting online (whose newest published version is the
// one people pledge to follow).
enum class ArticleCategory { kScamAlert, kLaw, kGuidance, kCodeOfConduct };
std::string_view Name(ArticleCategory v);  // "scam-alert" "law" "guidance" "code-of-conduct"
std::optional<ArticleCategory> ParseArticleCategory(std::string_view name);
inline constexpr std::array<ArticleCategory, 4> kAllArticleCategories = {
    ArticleCategory::kScamAlert, ArticleCategory::kLaw, ArticleCategory::kGuidance,
    ArticleCategory::kCodeOfConduct};

// Who an article is written for.
enum class Audience { kOfficials, kStudents, kElderly, kBusinesses };
std::string_view Name(Audience v);  // "officials" "students" "elderly" "businesses"
std::optional<Audience> ParseAudience(std::string_view name);
inline constexpr std::array<Audience, 4> kAllAudiences = {
    Audience::kOfficials, Audience::kStudents, Audience::kElderly, Audience::kBusinesses};

// A set of audiences as stored: bit (1 << enum value) per audience. 1..15 for a valid set.
int64_t AudienceBits(const std::vector<Audience>& audiences);
// The audiences of `bits`, in enum order (unknown bits ignored).
std::vector<Audience> AudiencesFromBits(int64_t bits);

enum class ArticleStatus { kDraft, kPublished };
std::string_view Name(ArticleStatus v);  // "draft" "published"
std::optional<ArticleStatus> ParseArticleStatus(std::string_view name);

inline constexpr size_t kMaxArticleSlugBytes = 120;
inline constexpr size_t kMaxArticleTitleBytes = 300;
inline constexpr size_t kMaxArticleSummaryBytes = 1000;
inline constexpr size_t kMaxArticleBodyBytes = 200000;

// An article in Markdown. Drafts are seen only by programme admins; published ones by everyone.
struct Article {
  int64_t id = 0;       // assigned by the store
  std::string slug;     // URL part: [a-z0-9-], 1..120 bytes, unique
  std::string title;    // 1..300 bytes
  std::string summary;  // plain text shown in lists; 0..1000 bytes
  std::string body;     // Markdown; 1..200000 bytes
  ArticleCategory category = ArticleCategory::kGuidance;
  std::vector<Audience> audiences;  // at least one; enum order, each once
  ArticleStatus status = ArticleStatus::kDraft;
  int64_t author_id = 0;  // users.id of who created it
  base::TimePoint created_at{};
  base::TimePoint updated_at{};
  std::optional<base::TimePoint> published_at;  // set exactly when status is published
  friend bool operator==(const Article&, const Article&) = default;
};

// InvalidArgument naming the field: "slug: ...", "title: must not be empty", "summary: ...",
// "body: ...", "audiences: choose at least one", "audiences: must be in order, each once",
// "published_at: must be set exactly when published".
base::Status Validate(const Article& article);

// How a pledge was signed: on the public form, or through a personal link.
enum class PledgeVia { kForm, kLink };
std::string_view Name(PledgeVia v);  // "form" "link"
std::optional<PledgeVia> ParsePledgeVia(std::string_view name);

inline constexpr size_t kMaxPledgeNameBytes = 200;
inline constexpr size_t kMaxPledgePositionBytes = 200;

// A person's pledge to follow one version (article) of the code of conduct. Minimal personal
// data on purpose: a name, a unit and a position, never a phone number or an email address.
struct Pledge {
  int64_t id = 0;                    // assigned by the store
  int64_t article_id = 0;            // the code of conduct signed
  std::string name;                  // 1..200 bytes
  std::string unit_code;             // units.code
  std::string position;              // 0..200 bytes
  std::optional<int64_t> person_id;  // set when signed through a personal link
  PledgeVia via = PledgeVia::kForm;
  base::TimePoint signed_at{};
  friend bool operator==(const Pledge&, const Pledge&) = default;
};

// InvalidArgument naming the field: "name: ...", "unit_code: must not be empty", "position:
// ...", "person_id: ..." (a link pledge names its person, a form pledge none).
base::Status Validate(const Pledge& pledge);

}  // namespace binhyen::domain
