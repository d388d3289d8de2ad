-- One record per request, read from BENCH_IDS_FILE: BENCH_PATH's "{id}" becomes the next id.
-- BENCH_BODY is sent on odd passes over the ids and BENCH_BODY_ALT (if set) on even ones, so
-- a move goes there and back. With BENCH_ONCE=1 (a conversion: each lead once) the thread
-- stops when the ids run out; the few requests already in flight by then reuse ids and
-- count as errors, which the summary shows.

-- Non-2xx answers by status, so that an error count says what the errors were: each thread
-- counts its own, the summary adds them up.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local ids, count, sent = {}, 0, 0
local path = os.getenv("BENCH_PATH")
local bodies = { os.getenv("BENCH_BODY"), os.getenv("BENCH_BODY_ALT") or os.getenv("BENCH_BODY") }
local once = os.getenv("BENCH_ONCE") == "1"
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or ""),
}

function init(args)
  for line in io.lines(os.getenv("BENCH_IDS_FILE")) do
    count = count + 1
    ids[count] = line
  end
end

function request()
  local index = sent % count
  local pass = math.floor(sent / count)
  sent = sent + 1
  local target = string.gsub(path, "{id}", ids[index + 1])
  return wrk.format(os.getenv("BENCH_METHOD") or "POST", target, headers, bodies[pass % 2 + 1])
end

statuses = {}

function response(status, headers, body)
  if status >= 300 then
    statuses[status] = (statuses[status] or 0) + 1
  end
  if once and sent >= count then
    wrk.thread:stop()
  end
end

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
