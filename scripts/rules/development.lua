-- 发展党员的期限提醒。每条提醒只说明情况，由支部研究决定，不自动改变党员身份。

local holders = { "committee", "generalBranch", "branch", "jointBranch" }

-- RULES.md 9 and 11: probation lasts one year from the branch meeting's approval; conversion
-- is discussed when it ends.
rule {
  id = "probation-ends-soon",
  title = "预备期即将届满",
  source = "中国共产党章程",
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, member in ipairs(dj.members(org.id, "probationary")) do
      if member.admittedOn then
        local ends = dj.date.add_months(member.admittedOn, 12)
        local left = dj.date.days_between(today, ends)
        local stage = (left >= 0 and left <= 7) and 7 or ((left >= 0 and left <= 30) and 30 or nil)
        if stage then
          intents[#intents + 1] = {
            notify = "secretary",
            title = "预备党员" .. member.name .. "的预备期将于 " .. ends .. " 届满",
            body = "请及时召开支部党员大会讨论其能否按期转为正式党员。",
            key = "probation:" .. member.id .. ":" .. stage,
          }
        end
      end
    end
    return intents
  end,
}

-- RULES.md 4: an activist is trained and observed for at least a year before becoming a
-- development candidate.
rule {
  id = "activist-trained-a-year",
  title = "入党积极分子培养满一年",
  source = "中国共产党发展党员工作细则 2014",
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, member in ipairs(dj.members(org.id, "activist")) do
      if member.activistOn then
        local ready = dj.date.add_months(member.activistOn, 12)
        if dj.date.days_between(ready, today) >= 0 then
          intents[#intents + 1] = {
            notify = "secretary",
            title = "入党积极分子" .. member.name .. "已培养满一年",
            body = "自 " .. member.activistOn .. " 确定为入党积极分子，可研究是否列为发展对象。",
            key = "activist-ready:" .. member.id,
          }
        end
      end
    end
    return intents
  end,
}

-- RULES.md 2: the organisation talks with an applicant within one month of receiving the
-- application. A week ahead the secretary is reminded; once the month has passed, the
-- secretary and the organisation above are told.
rule {
  id = "applicant-talk-within-a-month",
  title = "入党申请人一个月内谈话",
  source = "中国共产党发展党员工作细则 2014",
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, member in ipairs(dj.members(org.id, "applicant")) do
      if member.appliedOn and not member.talkedOn then
        local due = dj.date.add_months(member.appliedOn, 1)
        local left = dj.date.days_between(today, due)
        if left >= 0 and left <= 7 then
          intents[#intents + 1] = {
            notify = "secretary",
            title = "请于 " .. due .. " 前与入党申请人" .. member.name .. "谈话",
            body = member.name .. "于 " .. member.appliedOn .. " 递交入党申请书，党组织应在一个月内派人同其谈话。",
            key = "talk:" .. member.id .. ":7",
          }
        elseif left < 0 then
          for _, to in ipairs({ "secretary", "parent.secretary" }) do
            intents[#intents + 1] = {
              notify = to,
              title = "入党申请人" .. member.name .. "已逾一个月未谈话",
              body = "「" .. org.name .. "」" .. member.name .. "于 " .. member.appliedOn .. " 递交入党申请书，应于 "
                .. due .. " 前谈话，尚无谈话记录。",
              key = "talk:" .. member.id .. ":overdue",
            }
          end
        end
      end
    end
    return intents
  end,
}
