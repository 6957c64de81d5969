-- wrk script: optional PUT body alternation, and the handler's own time from the Server-Timing header
-- ("handler;dur=<ms>, aws;dur=<ms>") summed per thread and reported next to wrk's client-side latency.
-- Environment: BENCH_METHOD, BENCH_AUTH, BENCH_BODY_A, BENCH_BODY_B (optional; alternated per request).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  handler_ms, aws_ms, timed, errors, flip = 0, 0, 0, 0, false
  method = os.getenv("BENCH_METHOD") or "GET"
  auth = os.getenv("BENCH_AUTH")
  body_a = os.getenv("BENCH_BODY_A")
  body_b = os.getenv("BENCH_BODY_B") or body_a
end

function request()
  local headers = {}
  if auth then headers["Authorization"] = auth end
  local body = nil
  if body_a then
    headers["Content-Type"] = "application/json"
    flip = not flip
    body = flip and body_a or body_b
  end
  return wrk.format(method, nil, headers, body)
end

function response(status, headers, body)
  if status >= 300 then errors = errors + 1 end
  local st = headers["Server-timing"] or headers["server-timing"] or headers["Server-Timing"]
  if st then
    local h = tonumber(string.match(st, "handler;dur=([%d%.]+)"))
    local a = tonumber(string.match(st, "aws;dur=([%d%.]+)"))
    if h and a then
      handler_ms = handler_ms + h
      aws_ms = aws_ms + a
      timed = timed + 1
    end
  end
end

function done(summary, latency, requests)
  local h, a, t, e = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("handler_ms")
    a = a + thread:get("aws_ms")
    t = t + thread:get("timed")
    e = e + thread:get("errors")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT req/s=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d non2xx=%d socket_errors=%d",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, e,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  if t > 0 then
    io.write(string.format(" handler_mean_ms=%.3f aws_mean_ms=%.3f handler_own_mean_ms=%.3f",
      h / t, a / t, (h - a) / t))
  end
  io.write("\n")
end
