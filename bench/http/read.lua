-- wrk script for `http-read`: GET /api/v1/members/{id} at random ids of the district, as
-- the district admin (who may see every member, so each answer is a 200 with masked fields).
-- Environment: DJ_TOKEN, DJ_LOW, DJ_HIGH (the members' id range). Each thread draws its own
-- sequence, seeded by its number, so runs repeat.
local low, high = tonumber(os.getenv("DJ_LOW")), tonumber(os.getenv("DJ_HIGH"))
local token = os.getenv("DJ_TOKEN")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init()
  math.randomseed(seed)
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  return wrk.format("GET", "/api/v1/members/" .. math.random(low, high))
end
