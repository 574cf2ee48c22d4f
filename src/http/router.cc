#include "http/router.h"

#include <algorithm>
#include <utility>

#include "base/check.h"
#include "base/strings.h"

namespace binhyen::http {

// A trie over path segments. Each node keeps its routes by method.
struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;                             // "{name}" children share one node
  std::map<Method, const Route*> routes;                   // routes ending here
  std::map<Method, std::vector<std::string>> param_names;  // per route: names in order
};

namespace {

bool IsParamSegment(std::string_view s) {
  return s.size() >= 2 && s.front() == '{' && s.back() == '}';
}

// "/a/b" → {"a", "b"}; "/" → {}. REQUIRES: path starts with '/'.
std::vector<std::string_view> Segments(std::string_view path) {
  if (path == "/") return {};
  return base::Split(path.substr(1), '/');
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::Add(Method method, std::string_view pattern, Handler handler, RouteOptions options) {
  BINHYEN_CHECK(method != Method::kOther, "a route needs a known method");
  BINHYEN_CHECK(!pattern.empty() && pattern.front() == '/', "a route pattern starts with '/'");
  Node* node = root_.get();
  std::vector<std::string> names;
  for (std::string_view seg : Segments(pattern)) {
    if (IsParamSegment(seg)) {
      std::string name(seg.substr(1, seg.size() - 2));
      BINHYEN_CHECK(!name.empty() && name.find_first_of("{}/") == std::string::npos,
                    "malformed route parameter");
      BINHYEN_CHECK(std::find(names.begin(), names.end(), name) == names.end(),
                    "route parameter named twice");
      names.push_back(std::move(name));
      if (!node->param) node->param = std::make_unique<Node>();
      node = node->param.get();
    } else {
      BINHYEN_CHECK(seg.find_first_of("{}") == std::string_view::npos,
                    "unbalanced brace in route pattern");
      auto it = node->literals.find(seg);
      if (it == node->literals.end()) {
        it = node->literals.emplace(std::string(seg), std::make_unique<Node>()).first;
      }
      node = it->second.get();
    }
  }
  BINHYEN_CHECK(!node->routes.contains(method), "duplicate route");
  auto route = std::make_unique<Route>();
  route->method = method;
  route->pattern = std::string(pattern);
  route->handler = std::move(handler);
  route->options = options;
  node->routes[method] = route.get();
  node->param_names[method] = std::move(names);
  routes_.push_back(std::move(route));
}

namespace {

// Finds the first node for `segs` that `accept`s, literals first, backtracking to parameters.
// `values` receives the raw parameter segments on the way to the node returned.
template <typename NodeT, typename Accept>
const NodeT* Walk(const NodeT* node, const std::vector<std::string_view>& segs, size_t i,
                  const Accept& accept, std::vector<std::string_view>& values) {
  if (i == segs.size()) return accept(*node) ? node : nullptr;
  if (auto it = node->literals.find(segs[i]); it != node->literals.end()) {
    if (const NodeT* found = Walk(it->second.get(), segs, i + 1, accept, values)) return found;
  }
  if (node->param && !segs[i].empty()) {
    values.push_back(segs[i]);
    if (const NodeT* found = Walk(node->param.get(), segs, i + 1, accept, values)) return found;
    values.pop_back();
  }
  return nullptr;
}

}  // namespace

void Router::SetNotFound(Handler handler) {
  not_found_ = std::make_unique<Route>();
  not_found_->pattern = "(not found)";
  not_found_->handler = std::move(handler);
  not_found_->options.blocking = false;
}

RouteMatch Router::Find(Method method, std::string_view path) const {
  RouteMatch match;
  if (path.empty() || path.front() != '/') {
    match.kind = RouteMatch::Kind::kBadPath;
    return match;
  }
  // A route of this method wins over a literal match that only has other methods.
  const std::vector<std::string_view> segs = Segments(path);
  std::vector<std::string_view> values;
  const Node* node = Walk(
      root_.get(), segs, 0,
      [method](const Node& n) {
        return n.routes.contains(method) ||
               (method == Method::kHead && n.routes.contains(Method::kGet));
      },
      values);
  if (node == nullptr) {
    values.clear();
    node = Walk(
        root_.get(), segs, 0, [](const Node& n) { return !n.routes.empty(); }, values);
  }
  if (node == nullptr) return match;

  auto it = node->routes.find(method);
  if (it == node->routes.end() && method == Method::kHead) it = node->routes.find(Method::kGet);
  if (it == node->routes.end()) {
    match.kind = RouteMatch::Kind::kMethodNotAllowed;
    for (const auto& [m, route] : node->routes) {
      if (!match.allow.empty()) match.allow += ", ";
      match.allow += Name(m);
      if (m == Method::kGet && !node->routes.contains(Method::kHead)) match.allow += ", HEAD";
    }
    return match;
  }
  const std::vector<std::string>& names = node->param_names.at(it->first);
  for (size_t i = 0; i < names.size(); ++i) {
    auto decoded = PercentDecode(values[i]);
    if (!decoded.ok()) {
      match.kind = RouteMatch::Kind::kBadPath;
      return match;
    }
    match.params.emplace_back(names[i], std::move(decoded).value());
  }
  match.kind = RouteMatch::Kind::kFound;
  match.route = it->second;
  return match;
}

std::vector<std::pair<Method, std::string>> Router::Patterns() const {
  std::vector<std::pair<Method, std::string>> out;
  out.reserve(routes_.size());
  for (const std::unique_ptr<Route>& r : routes_) out.emplace_back(r->method, r->pattern);
  return out;
}

}  // namespace binhyen::http
