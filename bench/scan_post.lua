-- wrk script: POST /api/v1/scan with the messages of a JSON-lines file (one {"text": ...} body
-- per line, prepared by bench/scan_http_bench.sh from data/scan/corpus/), in turn.
-- Counts replies that are not 200 and prints them at the end (the benchmark fails on any).
local bodies = {}
local counter = 0
local failures = 0

function init(args)
  local path = os.getenv("SCAN_BODIES")
  for line in io.lines(path) do
    bodies[#bodies + 1] = line
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("non-200 replies or socket errors: %d\n",
                         errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
