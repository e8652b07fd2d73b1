-- The `sweep` benchmark's baseline: the same rule functions, run by the standalone lua5.4
-- interpreter over the same input rows. `dangjian bench sweep --record DATA.lua` writes
-- DATA.lua: the rule files as the host loaded them, every answer the `dj` functions gave
-- during a real sweep (keyed by name and arguments), and every planned rule call.
--
--   lua5.4 bench/sweep/standalone.lua DATA.lua [RUNS]
--
-- prints one JSON line per run: {"name":"sweep-lua","seconds":…,"count":…,"failures":…}.
-- Differences from the host's sweep, on purpose: no database (answers are table lookups),
-- no sandbox or limits, no Swift↔Lua conversion, no intent handling, one core. Loading
-- DATA.lua is not timed.
local data = assert(dofile(arg[1]), "no data file")
local runs = tonumber(arg[2] or "1")

-- The key of one call, built exactly as SweepRecording.key builds it in Swift.
local serialize
local function serialize_table(t)
  local parts, n = {}, 0
  while t[n + 1] ~= nil do n = n + 1; parts[n] = serialize(t[n]) end
  local keys = {}
  for k in pairs(t) do if type(k) == "string" then keys[#keys + 1] = k end end
  table.sort(keys)
  local fields = {}
  for i, k in ipairs(keys) do fields[i] = k .. "=" .. serialize(t[k]) end
  return "{" .. table.concat(parts, ",") .. "|" .. table.concat(fields, ",") .. "}"
end
serialize = function(v)
  local kind = type(v)
  if kind == "nil" then return "n"
  elseif kind == "boolean" then return v and "T" or "F"
  elseif kind == "number" then
    if math.type(v) == "integer" then return "i" .. v end
    return "f" .. string.format("%.17g", v)
  elseif kind == "string" then return "s" .. #v .. ":" .. v
  elseif kind == "table" then return serialize_table(v)
  end
  error("cannot pass a " .. kind .. " to dj")
end

local answers = data.answers
local function recorded(name)
  return function(...)
    local n = select("#", ...)
    local parts = {}
    for i = 1, n do parts[i] = serialize((select(i, ...))) end
    local key = name .. "(" .. table.concat(parts, ",") .. ")"
    local answer = answers[key]
    if answer == nil then error("no recorded answer for " .. key, 2) end
    if answer.err then error(answer.err, 2) end
    return table.unpack(answer, 1, answer.n)
  end
end

-- `dj` rebuilt from the recorded names: dj.members, dj.orglife.count, dj.date.add_days …
local dj = {}
local function place(name, value)
  local node, last = dj, nil
  local parts = {}
  for part in name:gmatch("[^.]+") do parts[#parts + 1] = part end
  for i = 2, #parts - 1 do
    node[parts[i]] = node[parts[i]] or {}
    node = node[parts[i]]
  end
  last = parts[#parts]
  node[last] = value
end
for _, name in ipairs(data.functions) do place(name, recorded(name)) end
for name, value in pairs(data.values) do place(name, value) end

-- The rule surface: declarations by "file:line", as the host's sandbox records them.
local declarations = {}
local function declare(kind, spec)
  local info = debug.getinfo(3, "Sl")
  declarations[info.short_src .. ":" .. info.currentline] = spec
end
local surface = {
  reminder = function(spec) declare("reminder", spec) end,
  rule = function(spec) declare("rule", spec) end,
  on = function(event, handler) declare("on", { event = event, handler = handler }) end,
  score = function(name, fn) declare("score", { name = name, score = fn }) end,
  disable = function(id) declare("disable", { id = id }) end,
}
for _, file in ipairs(data.files) do
  local env = setmetatable({ dj = dj }, { __index = function(_, k) return surface[k] or _G[k] end })
  local chunk = assert(load(file.source, "@" .. file.name, "t", env))
  chunk()
end

local calls = {}
for i, call in ipairs(data.calls) do
  local spec = declarations[call[1]]
  local fn = spec and spec[call[2]]
  if type(fn) ~= "function" then error("call " .. i .. ": no function " .. call[2] .. " declared at " .. call[1]) end
  calls[i] = { fn, call[3] }
end

for _ = 1, runs do
  local failures = 0
  local started = os.clock()
  for i = 1, #calls do
    local call = calls[i]
    local arguments = call[2]
    if not pcall(call[1], table.unpack(arguments, 1, arguments.n)) then failures = failures + 1 end
  end
  local seconds = os.clock() - started
  print(string.format('{"name":"sweep-lua","seconds":%.6f,"count":%d,"failures":%d}', seconds, #calls, failures))
end
