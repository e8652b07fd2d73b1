-- 联系领导定期参与分会会议。种子 000：“局领导班子成员每人联系一个分会……定期参与分会的会议和活动”。
-- A liaison who attended none of the sub-council's meetings in the last two ended quarters,
-- although it met in each of them, is reminded in person (notify = "member": their own
-- account). It looks at the leader liaison, whose duty the meetings are; a district that
-- holds the staff liaison to them too overrides this rule with duty = { "leader", "staff" }.

local holders = { "committee", "generalBranch", "branch", "jointBranch" }
local duty = { "leader" }

-- The two quarters before today's, oldest first, as periods dj functions accept.
local function last_two_quarters(today)
  local this_quarter = dj.date.start_of(today, "quarter")
  local quarters = {}
  for back = 2, 1, -1 do
    local start = dj.date.add_months(this_quarter, -3 * back)
    quarters[#quarters + 1] = { start = start, ["end"] = dj.date.end_of(start, "quarter") }
  end
  return quarters
end

-- True when the sub-council met in every quarter and the liaison logged none of its meetings.
local function missed_all(sub, liaison, quarters)
  for _, quarter in ipairs(quarters) do
    if #dj.council.meetings("subCouncil", sub.id, quarter) == 0 then return false end
    for _, entry in ipairs(dj.liaison.log(liaison.member_id, quarter)) do
      if entry.subcouncil_id == sub.id and entry.kind == "meeting" then return false end
    end
  end
  return true
end

rule {
  id = "liaison-missed-meetings",
  title = "联系人连续两个季度未参加分会例会",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  check = function(org, today)
    local quarters = last_two_quarters(today)
    local intents = {}
    for _, committee in ipairs(dj.council.hosted(org.id).committees) do
      for _, sub in ipairs(dj.liaison.subcouncils(committee.id)) do
        for _, role in ipairs(duty) do
          local liaison = sub[role]
          -- Only someone who was the liaison for both quarters can have missed them.
          if liaison and liaison.since <= quarters[1].start and missed_all(sub, liaison, quarters) then
            intents[#intents + 1] = {
              notify = "member",
              member = liaison.member_id,
              title = "请参加「" .. sub.name .. "」的例会",
              body = liaison.name .. "同志：您联系的「" .. sub.name .. "」在 " .. quarters[1].start .. " 至 " .. quarters[2]["end"]
                .. " 两个季度均召开了例会，联系工作记录中没有您参会的记录。请定期参与分会的会议和活动。",
              key = "missed:" .. sub.id .. ":" .. liaison.member_id .. ":" .. quarters[2].start,
            }
          end
        end
      end
    end
    return intents
  end,
}
