-- One request shape for every wrk run; the benchmark passes it in the environment so that
-- a scenario is data, not a script per endpoint.

-- Non-2xx answers by status, so that an error count says what the errors were: each thread
-- counts its own, the summary adds them up.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")

statuses = {}

function response(status, headers, body)
  if status >= 300 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

-- Fail loudly rather than measure error pages: the summary counts non-2xx responses.
function done(summary, latency, requests)
  local seen = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      seen[status] = (seen[status] or 0) + count
    end
  end
  for kind, count in pairs(summary.errors) do
    if kind ~= "status" and count > 0 then
      seen[kind] = count
    end
  end
  for status, count in pairs(seen) do
    io.write(string.format("BENCH_STATUS %s %d\n", status, count))
  end
  io.write(string.format("BENCH_ERRORS %d\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
