-- The `hook` benchmark's event hook (issue 7): what a district rule author writes to tell the
-- branch secretary what a change to a member's record brings due. The Swift host, the C loop,
-- lupa and Redis all run this same text, so it keeps to Lua 5.1 (Redis's Lua): no integer
-- division, no goto, no utf8 library, and no globals but `on`, which each runner provides.
--
-- Dates are "YYYY-MM-DD" text, as rules see them, so they compare as strings.

local function plus_years(day, years)
  return (tonumber(day:sub(1, 4)) + years) .. day:sub(5)
end

-- A 31st carried into a shorter month still sorts between the right neighbours, which is all a
-- comparison needs.
local function plus_months(day, months)
  local year, month = tonumber(day:sub(1, 4)), tonumber(day:sub(6, 7)) + months
  while month > 12 do year, month = year + 1, month - 12 end
  return string.format("%04d-%02d", year, month) .. day:sub(8, 10)
end

on("member.updated", function(member)
  -- Reminders about a member who has left, is out of touch or is moving go to whoever holds
  -- the record next, not to this branch.
  if member.retired or member.lost_contact or member.pending_transfer then return nil end
  local today = member.updated_at:sub(1, 10)
  local intents = {}
  if member.status == "probationary" and member.admitted_on and not member.full_on then
    -- Probation lasts a year from admission; the branch meeting on conversion is due then.
    local ends = plus_years(member.admitted_on, 1)
    if ends >= today and ends <= plus_months(today, 1) then
      intents[#intents + 1] = {
        notify = "secretary",
        title = "预备党员" .. member.name .. "的预备期将于 " .. ends .. " 届满",
        body = "请及时召开支部党员大会讨论其能否按期转为正式党员。",
        key = "probation:" .. member.id .. ":" .. ends,
      }
    end
  elseif member.status == "activist" and member.activist_on then
    if plus_years(member.activist_on, 1) <= today then
      intents[#intents + 1] = {
        notify = "secretary",
        title = "入党积极分子" .. member.name .. "已培养满一年",
        body = "自 " .. member.activist_on .. " 确定为入党积极分子，可研究是否列为发展对象。",
        key = "activist-ready:" .. member.id,
      }
    end
  elseif member.status == "applicant" and member.applied_on and not member.talked_on then
    local due = plus_months(member.applied_on, 1)
    if due < today then
      intents[#intents + 1] = {
        notify = "parent.secretary",
        title = "入党申请人" .. member.name .. "已逾一个月未谈话",
        body = member.name .. "于 " .. member.applied_on .. " 递交入党申请书，应于 " .. due .. " 前谈话。",
        key = "talk:" .. member.id .. ":overdue",
      }
    end
  end
  if member.flowing and (member.flowing_to == nil or member.flowing_to == "") then
    intents[#intents + 1] = {
      notify = "secretary",
      title = "流动党员" .. member.name .. "未登记流入地",
      body = "请补录其流入地党组织，以便转接组织生活。",
      key = "flowing:" .. member.id,
    }
  end
  if #intents == 0 then return nil end
  return intents
end)
