#include "scan/internal/rules_toml.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace binhyen::scan::internal {
namespace {

constexpr int kMinWeight = -100;
constexpr int kMaxWeight = 100;

constexpr std::array<std::string_view, 5> kCategoryKeys = {"id", "label_vi", "label_en",
                                                           "advice_vi", "advice_en"};
constexpr std::array<std::string_view, 6> kRuleKeys = {
    "id", "category", "weight", "patterns", "explanation_vi", "explanation_en"};

size_t LineOf(const toml::node& node) { return node.source().begin.line; }

// Where an error is: the line and, once known, "rule \"x\"" or "category \"x\"".
struct Where {
  size_t line;
  std::string what;

  base::Status Error(std::string_view message, size_t at_line = 0) const {
    std::string out = "rules line " + std::to_string(at_line != 0 ? at_line : line) + ": ";
    out += what;
    out += ": ";
    out += message;
    return base::InvalidArgumentError(std::move(out));
  }
};

std::string Quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

bool IsIdSegmentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Category ids: [a-z0-9_]+. Rule ids: two or more such segments joined by dots.
bool IsValidId(std::string_view id, bool dotted) {
  size_t segments = 0;
  size_t segment_length = 0;
  for (char c : id) {
    if (c == '.' && dotted) {
      if (segment_length == 0) return false;
      ++segments;
      segment_length = 0;
    } else if (IsIdSegmentChar(c)) {
      ++segment_length;
    } else {
      return false;
    }
  }
  if (segment_length == 0) return false;
  ++segments;
  return dotted ? segments >= 2 : segments == 1;
}

template <size_t N>
base::Status CheckKeys(const toml::table& table, const std::array<std::string_view, N>& allowed,
                       const Where& where) {
  for (const auto& [key, value] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      return where.Error("unknown key " + Quoted(key.str()), LineOf(value));
    }
  }
  return base::Status::Ok();
}

// A required, non-empty string.
base::Result<std::string> GetString(const toml::table& table, std::string_view key,
                                    const Where& where) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return where.Error("missing key " + Quoted(key));
  const auto* s = node->as_string();
  if (s == nullptr) return where.Error(Quoted(key) + " must be a string", LineOf(*node));
  if (s->get().empty()) return where.Error(Quoted(key) + " is empty", LineOf(*node));
  return s->get();
}

// The id of a category or rule table, checked for its form. `where.what` is updated to name it.
base::Result<std::string> GetId(const toml::table& table, bool dotted, Where* where) {
  BINHYEN_ASSIGN_OR_RETURN(std::string id, GetString(table, "id", *where));
  if (!IsValidId(id, dotted)) {
    return where->Error("id " + Quoted(id) +
                        (dotted ? " must be dotted lower-case words (\"family.name\": a-z 0-9 _)"
                                : " must be a lower-case word (a-z 0-9 _)"));
  }
  where->what.push_back(' ');
  where->what += Quoted(id);
  return id;
}

base::Result<Category> ReadCategory(const toml::table& table, Where where) {
  BINHYEN_ASSIGN_OR_RETURN(std::string id, GetId(table, /*dotted=*/false, &where));
  BINHYEN_RETURN_IF_ERROR(CheckKeys(table, kCategoryKeys, where));
  Category c;
  c.id = std::move(id);
  BINHYEN_ASSIGN_OR_RETURN(c.label_vi, GetString(table, "label_vi", where));
  BINHYEN_ASSIGN_OR_RETURN(c.label_en, GetString(table, "label_en", where));
  BINHYEN_ASSIGN_OR_RETURN(c.advice_vi, GetString(table, "advice_vi", where));
  BINHYEN_ASSIGN_OR_RETURN(c.advice_en, GetString(table, "advice_en", where));
  return c;
}

base::Result<int> GetWeight(const toml::table& table, const Where& where) {
  const toml::node* node = table.get("weight");
  if (node == nullptr) return where.Error("missing key \"weight\"");
  const auto* i = node->as_integer();
  if (i == nullptr) return where.Error("\"weight\" must be an integer", LineOf(*node));
  if (i->get() < kMinWeight || i->get() > kMaxWeight) {
    return where.Error("weight " + std::to_string(i->get()) + " is out of range " +
                           std::to_string(kMinWeight) + ".." + std::to_string(kMaxWeight),
                       LineOf(*node));
  }
  return static_cast<int>(i->get());
}

base::Result<std::vector<std::string>> GetPatterns(const toml::table& table, const Where& where) {
  const toml::node* node = table.get("patterns");
  if (node == nullptr) return where.Error("missing key \"patterns\"");
  const auto* array = node->as_array();
  if (array == nullptr) {
    return where.Error("\"patterns\" must be an array of strings", LineOf(*node));
  }
  if (array->empty()) return where.Error("\"patterns\" is empty", LineOf(*node));
  std::vector<std::string> patterns;
  for (const toml::node& element : *array) {
    const auto* s = element.as_string();
    const std::string n = std::to_string(patterns.size() + 1);
    if (s == nullptr) return where.Error("pattern " + n + " must be a string", LineOf(element));
    if (s->get().empty()) return where.Error("pattern " + n + " is empty", LineOf(element));
    if (const std::string_view problem = PatternTextProblem(s->get()); !problem.empty()) {
      return where.Error("pattern " + n + " " + Quoted(s->get()) + ": " + std::string(problem),
                         LineOf(element));
    }
    patterns.push_back(s->get());
  }
  return patterns;
}

base::Result<Rule> ReadRule(const toml::table& table,
                            const std::unordered_map<std::string, size_t>& categories,
                            Where where) {
  BINHYEN_ASSIGN_OR_RETURN(std::string id, GetId(table, /*dotted=*/true, &where));
  BINHYEN_RETURN_IF_ERROR(CheckKeys(table, kRuleKeys, where));
  Rule r;
  r.id = std::move(id);
  BINHYEN_ASSIGN_OR_RETURN(const std::string category, GetString(table, "category", where));
  const auto it = categories.find(category);
  if (it == categories.end()) {
    return where.Error("unknown category " + Quoted(category) + " (declare it as [[category]])");
  }
  r.category = it->second;
  BINHYEN_ASSIGN_OR_RETURN(r.weight, GetWeight(table, where));
  BINHYEN_ASSIGN_OR_RETURN(r.patterns, GetPatterns(table, where));
  BINHYEN_ASSIGN_OR_RETURN(r.explanation_vi, GetString(table, "explanation_vi", where));
  BINHYEN_ASSIGN_OR_RETURN(r.explanation_en, GetString(table, "explanation_en", where));
  return r;
}

// The array of tables root[key]; nullptr when absent.
base::Result<const toml::array*> GetTables(const toml::table& root, std::string_view key) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return static_cast<const toml::array*>(nullptr);
  const auto* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    return base::InvalidArgumentError("rules line " + std::to_string(LineOf(*node)) + ": " +
                                      Quoted(key) + " must be written as [[" + std::string(key) +
                                      "]] tables");
  }
  return array;
}

base::Status ReadCategories(const toml::array* tables, ParsedRules* out,
                            std::unordered_map<std::string, size_t>* index) {
  if (tables == nullptr) return base::Status::Ok();
  for (const toml::node& node : *tables) {
    BINHYEN_ASSIGN_OR_RETURN(Category c,
                             ReadCategory(*node.as_table(), Where{LineOf(node), "category"}));
    if (!index->emplace(c.id, out->categories.size()).second) {
      return Where{LineOf(node), "category " + Quoted(c.id)}.Error("duplicate id");
    }
    out->categories.push_back(std::move(c));
  }
  return base::Status::Ok();
}

base::Status ReadRules(const toml::array* tables,
                       const std::unordered_map<std::string, size_t>& categories,
                       ParsedRules* out) {
  if (tables == nullptr) return base::Status::Ok();
  std::unordered_map<std::string, size_t> ids;
  for (const toml::node& node : *tables) {
    BINHYEN_ASSIGN_OR_RETURN(Rule r,
                             ReadRule(*node.as_table(), categories, Where{LineOf(node), "rule"}));
    if (const auto [it, inserted] = ids.emplace(r.id, LineOf(node)); !inserted) {
      return Where{LineOf(node), "rule " + Quoted(r.id)}.Error(
          "duplicate id (first defined at line " + std::to_string(it->second) + ")");
    }
    out->rules.push_back(std::move(r));
    out->rule_lines.push_back(LineOf(node));
  }
  return base::Status::Ok();
}

base::Result<toml::table> ParseDocument(std::string_view toml) {
  try {
    return toml::parse(toml, std::string_view("rules"));
  } catch (const toml::parse_error& e) {
    const toml::source_position& at = e.source().begin;
    return base::InvalidArgumentError("rules line " + std::to_string(at.line) + ":" +
                                      std::to_string(at.column) + ": " +
                                      std::string(e.description()));
  }
}

}  // namespace

std::string_view PatternTextProblem(std::string_view pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    const auto c = static_cast<unsigned char>(pattern[i]);
    if (c >= 0x80) {
      return "non-ASCII character: the text is matched without diacritics, write \"d\" for "
             "\"\xC4\x91\" and leave out the marks";
    }
    if (c == '\\') {
      // The escaped character ("\D", "\W") is not a letter to match, nor are the hex digits
      // of "\xC2".
      i += i + 1 < pattern.size() && pattern[i + 1] == 'x' ? 3 : 1;
    } else if (c >= 'A' && c <= 'Z') {
      return "upper-case letter: the text is matched in lower case";
    }
  }
  return {};
}

base::Result<ParsedRules> ParseRulesToml(std::string_view toml) {
  BINHYEN_ASSIGN_OR_RETURN(const toml::table root, ParseDocument(toml));
  for (const auto& [key, value] : root) {
    if (key.str() != "category" && key.str() != "rule") {
      return base::InvalidArgumentError("rules line " + std::to_string(LineOf(value)) +
                                        ": unknown key " + Quoted(key.str()) +
                                        " (expected [[category]] and [[rule]] tables)");
    }
  }
  BINHYEN_ASSIGN_OR_RETURN(const toml::array* category_tables, GetTables(root, "category"));
  BINHYEN_ASSIGN_OR_RETURN(const toml::array* rule_tables, GetTables(root, "rule"));
  ParsedRules out;
  std::unordered_map<std::string, size_t> categories;
  BINHYEN_RETURN_IF_ERROR(ReadCategories(category_tables, &out, &categories));
  BINHYEN_RETURN_IF_ERROR(ReadRules(rule_tables, categories, &out));
  if (out.rules.empty()) return base::InvalidArgumentError("rules: no [[rule]] defined");
  return out;
}

}  // namespace binhyen::scan::internal
