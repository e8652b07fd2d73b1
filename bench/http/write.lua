-- wrk script for `http-write`: one ledger record per request, POST /api/v1/orglife/records,
-- a heart-to-heart talk (谈心谈话) of a branch with one of its members. Each request gets its
-- own minute (run, thread, counter), so no two collide on (organisation, kind, time): every
-- answer should be a 201. Environment: DJ_TOKEN; DJ_PAIRS, a file of "organisation member"
-- lines; DJ_RUN, the run's number; DJ_ANCHOR, a past day (YYYY-MM-DD) the minutes count back from.
local token = os.getenv("DJ_TOKEN")
local run = tonumber(os.getenv("DJ_RUN") or "0")
local year, month, day = os.getenv("DJ_ANCHOR"):match("(%d+)-(%d+)-(%d+)")
local anchor = os.time({ year = tonumber(year), month = tonumber(month), day = tonumber(day), hour = 23, min = 59 })
local pairs_list = {}
for line in io.lines(os.getenv("DJ_PAIRS")) do
  local org, member = line:match("(%d+) (%d+)")
  pairs_list[#pairs_list + 1] = { org, member }
end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init()
  counter = 0
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local pair = pairs_list[(counter * 7919 + number) % #pairs_list + 1]
  -- Minutes walk back from the anchor, one per request of the two threads; each run has its
  -- own 400 days, which hold 576,000 requests. The harness gives each of its runs a fresh copy
  -- of the district, so the minutes of an earlier invocation are never taken.
  local minutes = run * 400 * 1440 + (counter - 1) * 2 + (number - 1)
  local body = string.format(
    '{"organizationID":%s,"kind":"heartToHeartTalk","heldAt":"%s","topic":"谈心谈话（压测）","attendees":[{"memberID":%s}]}',
    pair[1], os.date("%Y-%m-%dT%H:%M", anchor - minutes * 60), pair[2])
  return wrk.format("POST", "/api/v1/orglife/records", nil, body)
end
