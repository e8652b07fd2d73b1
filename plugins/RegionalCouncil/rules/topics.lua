-- 党建课题的过程管理。种子 000：“认真做好课题开题报告、中期论证和课题结题等过程管理”，
-- “将‘书记人人都有课题’作为每位书记落实党建工作的责任”。
-- Each review's deadline, and "every secretary has a topic" before the call closes.

local holders = { "committee", "generalBranch", "branch", "jointBranch" }

-- The lead unit's secretary is told 14 and 3 days before a review's document is due; once it
-- is overdue, the secretary and the organisation above are told (once per review round).
rule {
  id = "council-review-deadline",
  title = "课题开题、中期论证、结题材料按期提交",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, topic in ipairs(dj.council.reviews(org.id)) do
      local left = dj.date.days_between(today, topic.due_on)
      local stage = (left >= 0 and left <= 3) and 3 or ((left >= 0 and left <= 14) and 14 or nil)
      local key = "review:" .. topic.id .. ":" .. topic.review .. ":" .. topic.due_on
      if stage then
        intents[#intents + 1] = {
          notify = "secretary",
          title = "课题《" .. topic.title .. "》的" .. topic.review_zh .. "材料请于 " .. topic.due_on .. " 前提交",
          body = "还有 " .. left .. " 天。请按期提交" .. topic.review_zh .. "材料，由专委会组织评审。",
          key = key .. ":" .. stage,
        }
      elseif left < 0 then
        local body = "课题《" .. topic.title .. "》的" .. topic.review_zh .. "材料应于 " .. topic.due_on .. " 前提交，已逾期 " .. (-left) .. " 天。"
        intents[#intents + 1] = { notify = "secretary", title = "课题" .. topic.review_zh .. "材料已逾期", body = body, key = key .. ":overdue" }
        intents[#intents + 1] = { notify = "parent.secretary", title = "「" .. org.name .. "」课题" .. topic.review_zh .. "材料已逾期",
                                  body = body, key = key .. ":overdue:parent" }
      end
    end
    return intents
  end,
}

-- "书记人人都有课题": in the last 14 days of an open call, a member unit's secretary with no
-- topic under way in that committee is reminded; of several open calls, the one closing first
-- counts. A district switches it off with disable("council-every-secretary-topic").
rule {
  id = "council-every-secretary-topic",
  title = "书记人人都有课题",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  check = function(org, today)
    local call = dj.council.open_call(org.id, today)
    if not call then return {} end
    local left = dj.date.days_between(today, call.closes_on)
    if left > 14 then return {} end
    for _, topic in ipairs(dj.council.topics(org.id, "active")) do
      if topic.committee_id == call.committee_id then return {} end
    end
    return { {
      notify = "secretary",
      title = "请于 " .. call.closes_on .. " 前申报党建研究课题",
      body = "「" .. call.title .. "」将于 " .. call.closes_on .. " 截止。“书记人人都有课题”：本单位尚无在研课题。",
      key = "topic-call:" .. call.id,
    } }
  end,
}
