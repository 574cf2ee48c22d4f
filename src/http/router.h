#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/form.h"
#include "http/message.h"

namespace binhyen::http {

// Handles one request. May throw: the server answers 500 and logs the exception once.
using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // A larger body is refused with 413 before the handler runs (a Content-Length is checked
  // before any of the body is read; a chunked body is cut off at the limit).
  size_t max_body_bytes = 1 << 20;
  // > 0: a multipart/form-data request to this route may be this large instead (intake: 25 MiB).
  size_t max_multipart_body_bytes = 0;
  // true: the handler runs on the worker pool (it may touch the store or the disk);
  // false: it runs on the I/O thread and must never block.
  bool blocking = true;
  // When set, decides per request (once the body is read) instead of `blocking`: for a route
  // that answers small requests from memory but does slow work for others (the scanner: text on
  // the I/O thread, screenshots with OCR on the pool).
  bool (*blocking_for)(const Request& request) = nullptr;
};

// One registered route.
struct Route {
  Method method = Method::kGet;
  std::string pattern;  // "/api/v1/reports/{id}"
  Handler handler;
  RouteOptions options;
};

// The outcome of Router::Find.
struct RouteMatch {
  enum class Kind { kFound, kMethodNotAllowed, kNotFound, kBadPath };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;  // kFound: the route (owned by the router)
  Params params;                 // kFound: path parameters, percent-decoded, in pattern order
  std::string allow;             // kMethodNotAllowed: "GET, HEAD, POST" (the Allow header)
};

// Maps (method, path) to a route. Patterns are "/" or "/seg/seg..." where each segment is a
// literal or "{name}"; a literal segment wins over a parameter at the same place; a parameter
// never matches an empty segment. A GET route also answers HEAD (unless a HEAD route exists).
// Thread safety: build it on one thread before the server starts; afterwards it is read-only and
// Find may be called from any number of threads.
class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Adds a route. REQUIRES (BINHYEN_CHECK, routes are our own constants): `pattern` is well
  // formed (starts with '/', no empty "{}" or unbalanced braces, no parameter name twice),
  // `method` is not kOther, and no route with the same method and the same shape exists
  // (parameter names do not matter: "/a/{x}" and "/a/{y}" are the same shape).
  void Add(Method method, std::string_view pattern, Handler handler, RouteOptions options = {});

  // Finds the route for a raw (not decoded) `path`. kFound: route and params. kMethodNotAllowed:
  // the path matches routes of other methods only (allow lists them). kBadPath: `path` does not
  // start with '/' or a matched parameter has a malformed percent-escape. Else kNotFound.
  RouteMatch Find(Method method, std::string_view path) const;

  // Answers GET and HEAD requests that no route matches (kNotFound) instead of the server's
  // problem+json 404: e.g. a page for people who followed a broken link. The handler runs on the
  // I/O thread (it must not block) and should answer 404. May throw like any handler.
  void SetNotFound(Handler handler);
  // The method and pattern of every route Add added, in the order added (tests walk them: e.g.
  // every state-changing page must refuse a form without its CSRF token).
  std::vector<std::pair<Method, std::string>> Patterns() const;

  // The route SetNotFound made (pattern "(not found)"), or null.
  const Route* not_found() const { return not_found_.get(); }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
  std::unique_ptr<Route> not_found_;
};

}  // namespace binhyen::http
