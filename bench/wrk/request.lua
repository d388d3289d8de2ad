-- One request shape for every wrk run; the benchmark passes it in the environment so that
-- a scenario is data, not a script per endpoint.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")

-- Fail loudly rather than measure error pages: the summary counts non-2xx responses.
function done(summary, latency, requests)
  io.write(string.format("BENCH_ERRORS %d\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
