-- wrk script of scripts/bench-serve.sh: requests of one Marquee endpoint, optionally at a fixed rate.
--
--   MARQUEE_WRK_ENDPOINT=recommend MARQUEE_WRK_RATE=2000 MARQUEE_WRK_THREADS=T \
--   MARQUEE_WRK_USERS=138493 MARQUEE_WRK_ITEMS=26744 [MARQUEE_WRK_SEED=42] \
--     wrk -t T -c C -d D -s scripts/lib/wrk_load.lua URL
--
-- (Environment variables, not script arguments: wrk decides at load time whether delay() exists.)
-- ENDPOINT: recommend (POST /recommend {"user_id": u, "k": 10}, u uniform in [1, USERS]),
--   similar (POST /similar {"movie_id": m, "k": 10}, m uniform in [1, ITEMS]), popular (GET
--   /popular?k=10, every 4th with a genre), live (GET /health/live).
-- POOL (MARQUEE_WRK_POOL): distinct pre-formatted requests per thread, cycled; default USERS for
--   recommend, ITEMS for similar, 4096 otherwise.
-- RATE: requests per second over all threads; 0 = as fast as the connections allow (saturation).
--
-- Fixed rate: wrk (4.x) is closed-loop, so the rate comes from its delay() hook. Each thread keeps
-- an absolute schedule (slot i at t0 + i / rate_per_thread); before each request a connection takes
-- the next slot and waits until it (millisecond timer). Latency is measured by wrk from the moment
-- the request is written, so a request that could not be sent on time (all connections busy) would
-- hide queueing delay ("coordinated omission"): the script therefore counts sends that were more
-- than 1 ms behind their slot and the largest lag, and prints them; with enough connections they
-- stay at 0 and the percentiles are those of an open-loop load at RATE.
--
-- done() prints one line:
-- RESULT requests=<n> duration_s=<s> rps=<r> p50_ms= p90_ms= p99_ms= p999_ms= max_ms= errors=<n>
--   status_errors=<n> socket_errors=<n> late_sends=<n> max_lag_ms=<x>

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } marquee_timespec;
  int clock_gettime(int clk_id, marquee_timespec *tp);
]]
local ts = ffi.new("marquee_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
  table.insert(threads, thread)
end

local GENRES = { "Comedy", "Drama", "Action", "Adventure" }
local pool = {}
local pool_next = 1
local interval_us = 0
local next_slot = 0
late_sends = 0
max_lag_us = 0

local RATE = tonumber(os.getenv("MARQUEE_WRK_RATE") or "0")
local THREADS = tonumber(os.getenv("MARQUEE_WRK_THREADS") or "1")

function init(args)
  local endpoint = os.getenv("MARQUEE_WRK_ENDPOINT") or "recommend"
  local users = tonumber(os.getenv("MARQUEE_WRK_USERS") or "1000")
  local items = tonumber(os.getenv("MARQUEE_WRK_ITEMS") or "1000")
  local seed = tonumber(os.getenv("MARQUEE_WRK_SEED") or "42")
  math.randomseed(seed + 7919 * (thread_index or 1))
  local headers = { ["Content-Type"] = "application/json" }
  -- Pool of pre-formatted requests, cycled: as many as there are users (recommend) or items
  -- (similar), so that a run sees the whole population uniformly at random (with replacement) and
  -- per-user caches in the server get no more repetition than real uniform traffic would.
  local size = tonumber(os.getenv("MARQUEE_WRK_POOL") or "0")
  if size <= 0 then
    size = (endpoint == "recommend" and users) or (endpoint == "similar" and items) or 4096
  end
  for i = 1, size do
    local req
    if endpoint == "recommend" then
      req = wrk.format("POST", "/recommend", headers,
        string.format('{"user_id": %d, "k": 10}', math.random(1, users)))
    elseif endpoint == "similar" then
      req = wrk.format("POST", "/similar", headers,
        string.format('{"movie_id": %d, "k": 10}', math.random(1, items)))
    elseif endpoint == "popular" then
      if i % 4 == 0 then
        req = wrk.format("GET", "/popular?k=10&genre=" .. GENRES[(i / 4) % #GENRES + 1])
      else
        req = wrk.format("GET", "/popular?k=10")
      end
    elseif endpoint == "live" then
      req = wrk.format("GET", "/health/live")
    else
      error("unknown endpoint " .. endpoint)
    end
    pool[i] = req
  end
  if RATE > 0 then
    interval_us = 1000000 * THREADS / RATE
  end
end

function request()
  local r = pool[pool_next]
  pool_next = pool_next % #pool + 1
  return r
end

if RATE > 0 then -- without delay() wrk sends as fast as the connections allow
  function delay()
    local now = now_us()
    if next_slot == 0 then
      next_slot = now
    end
    local slot = next_slot
    next_slot = next_slot + interval_us
    local wait = slot - now
    if wait < 0 then
      local lag = -wait
      if lag > 1000 then
        late_sends = late_sends + 1
      end
      if lag > max_lag_us then
        max_lag_us = lag
      end
      return 0
    end
    return math.floor(wait / 1000)
  end
end

function done(summary, latency, requests)
  local late, lag = 0, 0
  for _, t in ipairs(threads) do
    late = late + (t:get("late_sends") or 0)
    local l = t:get("max_lag_us") or 0
    if l > lag then
      lag = l
    end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1000000
  io.write(string.format(
    "RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f "
      .. "errors=%d status_errors=%d socket_errors=%d late_sends=%d max_lag_ms=%.1f\n",
    summary.requests, secs, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000, e.status + socket_errors,
    e.status, socket_errors, late, lag / 1000))
end
