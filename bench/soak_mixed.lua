-- wrk script: mixed traffic for bench/soak.sh: reputation checks, message scans, report
-- submissions and portal pages in fixed proportions, optionally paced at a constant rate.
--
-- Environment:
--   SOAK_REQUESTS  file of requests, one a line: KIND <tab> METHOD <tab> PATH <tab> BODY, KIND one
--                  of check, scan, report, page (prepared by bench/soak.sh)
--   SOAK_RATE      total requests/s over all threads; unset or 0: as fast as the server answers
--   SOAK_THREADS   wrk's -t (needed to split SOAK_RATE between threads)
--
-- The mix: every cycle of 20 requests is 8 checks, 6 scans, 5 pages and 1 report (40/30/25/5%),
-- interleaved (see `cycle` below). Within a kind, the requests of the file are taken in turn,
-- each thread starting at a different place.
--
-- Every answer is checked against what its kind must answer: a check 200 JSON with a verdict, a
-- scan 200 JSON with a score, a report 201 JSON with a receipt, a page 200 HTML. wrk does not
-- tell which request an answer belongs to, so an answer is matched to a kind by its status and
-- content; an answer that matches none (another status, an error body) is an error, counted
-- by status. done() prints the counts per kind and a "soak:" line that bench/soak.sh parses.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } soak_timespec;
  int clock_gettime(int clock_id, soak_timespec* tp);
]]
local ts = ffi.new("soak_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local kinds = {"check", "scan", "report", "page"}
-- 20 slots: 8 check, 6 scan, 5 page, 1 report.
local cycle = {
  "check", "scan", "page", "check", "scan", "check", "page", "report", "check", "scan",
  "check", "page", "scan", "check", "page", "check", "scan", "check", "page", "scan",
}

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
  table.insert(threads, thread)
end

-- Per-thread state (each thread has its own Lua state).
local requests = {}   -- kind -> list of formatted requests
local position = {}   -- kind -> index of the next one
local slot = 0
sent = {}             -- kind -> requests sent
answered = {}         -- kind -> answers as expected
bad = {}              -- status -> answers that matched no kind
bad_total = 0
local interval_ms = 0
local next_at = nil

function init(args)
  local path = os.getenv("SOAK_REQUESTS")
  assert(path, "SOAK_REQUESTS is not set")
  for _, k in ipairs(kinds) do
    requests[k] = {}
    sent[k] = 0
    answered[k] = 0
  end
  for line in io.lines(path) do
    local kind, method, target, body = line:match("^(%l+)\t(%u+)\t([^\t]+)\t(.*)$")
    assert(kind and requests[kind], "bad line in " .. path .. ": " .. line)
    local headers = {}
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    table.insert(requests[kind], wrk.format(method, target, headers, body))
  end
  local index = thread_index or 1
  for _, k in ipairs(kinds) do
    assert(#requests[k] > 0, "no " .. k .. " request in " .. path)
    position[k] = ((index - 1) * 7919) % #requests[k] + 1
  end
  slot = (index - 1) * 3
  local rate = tonumber(os.getenv("SOAK_RATE") or "0") or 0
  local nthreads = tonumber(os.getenv("SOAK_THREADS") or "1") or 1
  if rate > 0 then interval_ms = 1000 * nthreads / rate end
end

function request()
  slot = slot % #cycle + 1
  local kind = cycle[slot]
  local list = requests[kind]
  local i = position[kind]
  position[kind] = i % #list + 1
  sent[kind] = sent[kind] + 1
  return list[i]
end

-- Constant-rate pacing: the thread hands out send times interval_ms apart, whichever of its
-- connections is free takes the next one. When every connection is busy the schedule is not
-- caught up later (no bursts), so the achieved rate shows any shortfall.
if (tonumber(os.getenv("SOAK_RATE") or "0") or 0) > 0 then
  function delay()
    local now = now_ms()
    if next_at == nil or next_at < now then next_at = now end
    local wait = next_at - now
    next_at = next_at + interval_ms
    return math.floor(wait)
  end
end

local function has(body, text) return body ~= nil and body:find(text, 1, true) ~= nil end

function response(status, headers, body)
  local kind = nil
  if status == 201 and has(body, '"receipt"') then
    kind = "report"
  elseif status == 200 then
    local type = headers["Content-Type"] or headers["content-type"] or ""
    if type:find("text/html", 1, true) and has(body, "</html>") then
      kind = "page"
    elseif type:find("application/json", 1, true) then
      if has(body, '"score"') then
        kind = "scan"
      elseif has(body, '"verdict"') then
        kind = "check"
      end
    end
  end
  if kind then
    answered[kind] = answered[kind] + 1
  else
    bad[status] = (bad[status] or 0) + 1
    bad_total = bad_total + 1
  end
end

function done(summary, latency, reqs)
  local total_sent, total_ok, total_bad = {}, {}, 0
  local statuses = {}
  for _, thread in ipairs(threads) do
    local s, a = thread:get("sent"), thread:get("answered")
    for _, k in ipairs(kinds) do
      total_sent[k] = (total_sent[k] or 0) + s[k]
      total_ok[k] = (total_ok[k] or 0) + a[k]
    end
    total_bad = total_bad + thread:get("bad_total")
    for status, n in pairs(thread:get("bad")) do statuses[status] = (statuses[status] or 0) + n end
  end
  for _, k in ipairs(kinds) do
    io.write(string.format("  %-6s sent %d, answered as expected %d\n", k, total_sent[k], total_ok[k]))
  end
  for status, n in pairs(statuses) do io.write(string.format("  unexpected status %d: %d\n", status, n)) end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format("soak: requests=%d seconds=%.3f rate=%.1f unexpected=%d socket_errors=%d " ..
                         "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
                         summary.requests, summary.duration / 1e6,
                         summary.requests / (summary.duration / 1e6), total_bad, socket,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000))
end
