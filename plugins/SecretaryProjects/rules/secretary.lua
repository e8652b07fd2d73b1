-- 书记项目 "3+2"。种子 003（绵阳市直教体系统）：“每季度至少研究部署1次”，“一季度一督查一通报”，
-- “纳入各级党组织书记年终抓党建述职评议考核”。每条规则只提醒，由书记和领导小组决定。

local holders = { "committee", "generalBranch", "branch", "jointBranch" }
local SOURCE = "中共绵阳市教育和体育局委员会 关于市直教体系统实施基层党建“3+2”书记项目的意见（种子 003）2017"

-- An item of the unit's project 7 days before its due date, and once it is overdue (also to the
-- organisation above, which set the programme's pace).
rule {
  id = "secretary-item-overdue",
  title = "书记项目事项按期完成",
  source = SOURCE,
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, item in ipairs(dj.secretary.open_items(org.id)) do
      local left = dj.date.days_between(today, item.due_on)
      local stage = (left >= 0 and left <= 1) and 1 or ((left >= 0 and left <= 7) and 7 or nil)
      if stage then
        intents[#intents + 1] = { notify = "secretary", title = "书记项目事项「" .. item.title .. "」将于 " .. item.due_on .. " 到期",
                                  body = "还有 " .. left .. " 天。请按验收标准完成并提交验收。", key = "item:" .. item.task_id .. ":" .. stage }
      end
    end
    for _, item in ipairs(dj.secretary.overdue_items(org.id)) do
      local body = "书记项目事项「" .. item.title .. "」应于 " .. item.due_on .. " 完成，已逾期。"
      intents[#intents + 1] = { notify = "secretary", title = "书记项目事项已逾期", body = body, key = "item:" .. item.task_id .. ":overdue" }
      intents[#intents + 1] = { notify = "parent.secretary", title = "「" .. org.name .. "」书记项目事项已逾期", body = body,
                                key = "item:" .. item.task_id .. ":overdue:parent" }
    end
    return intents
  end,
}

-- 每季度至少研究部署1次: the secretary is told 15 and 5 days before the quarter ends; from the 5th
-- day after it, a quarter without a session opens a finding (a rectification item from the
-- organisation above). Only quarters of the programme's year count, and only those with at least
-- 30 days left after the project's start (the programme's start, or the day a late unit joined).
-- When the quarterly inspection has recorded a finding at the unit for that quarter, its
-- rectification item is the quarter's one item and the rule opens none of its own.
rule {
  id = "secretary-quarterly-study",
  title = "书记每季度至少研究部署书记项目1次",
  source = SOURCE,
  applies_to = { kind = holders },
  check = function(org, today)
    local function owed(quarter)
      for _, project in ipairs(dj.secretary.projects(org.id)) do
        if dj.date.days_between(project.since, quarter["end"]) >= 30 and tonumber(string.sub(quarter.start, 1, 4)) == project.year then return true end
      end
      return false
    end
    local intents = {}
    local quarter = { start = dj.date.start_of(today, "quarter"), ["end"] = dj.date.end_of(today, "quarter") }
    local left = dj.date.days_between(today, quarter["end"])
    local stage = left <= 5 and 5 or (left <= 15 and 15 or nil)
    if stage and owed(quarter) and #dj.secretary.studies(org.id, quarter) == 0 then
      intents[#intents + 1] = { notify = "secretary", title = "本季度尚未研究部署书记项目",
                                body = "请于 " .. quarter["end"] .. " 前召开会议专题研究部署书记项目（还有 " .. left .. " 天）。",
                                key = "study:" .. quarter.start .. ":" .. stage }
    end
    local before = dj.date.add_days(quarter.start, -1)
    local previous = { start = dj.date.start_of(before, "quarter"), ["end"] = before }
    if dj.date.days_between(before, today) >= 5 and owed(previous) and #dj.secretary.studies(org.id, previous) == 0
        and #dj.secretary.findings(org.id, previous) == 0 then
      intents[#intents + 1] = { open = "task", title = "整改：" .. previous.start .. " 至 " .. previous["end"] .. " 未研究部署书记项目",
                                body = "该季度书记未专题研究部署书记项目，请说明原因并补充研究部署。",
                                criteria = "召开专题会议研究部署并形成会议记录", key = "study-finding:" .. previous.start }
    end
    return intents
  end,
}

-- 一季度一通报: the organisation running a programme publishes the bulletin of each ended quarter
-- of the programme's year by the 10th day after the quarter ends; after that it is reminded, for
-- every such quarter still unpublished (once each).
rule {
  id = "secretary-bulletin-due",
  title = "一季度一督查一通报",
  source = SOURCE,
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, programme in ipairs(dj.secretary.programmes(org.id)) do
      for q = 1, 4 do
        local quarterStart = string.format("%04d-%02d-01", programme.year, (q - 1) * 3 + 1)
        local quarterEnd = dj.date.end_of(quarterStart, "quarter")
        local key = programme.year .. "-Q" .. q
        local late = dj.date.days_between(quarterEnd, today)
        -- Asked for 120 days; after that a missing bulletin is the year-end evaluation's business.
        if late >= 10 and late <= 120 and programme.since <= quarterEnd and not programme.published[key] then
          intents[#intents + 1] = { notify = "secretary", title = "请发布「" .. programme.title .. "」" .. key .. " 督查通报",
                                    body = key .. "（" .. quarterStart .. " 至 " .. quarterEnd .. "）已结束 " .. late .. " 天，通报尚未发布。",
                                    key = "bulletin:" .. programme.id .. ":" .. key }
        end
      end
    end
    return intents
  end,
}

-- 年终述职: the year-end report of a programme's year is due by 15 January of the next year; the
-- secretary is told from 15 December, and once it is late, the organisation above too (each once;
-- a report more than 60 days late is no longer the rule's business but the rating's).
rule {
  id = "secretary-report-due",
  title = "书记年终抓党建述职",
  source = SOURCE,
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, project in ipairs(dj.secretary.projects(org.id)) do
      local due = (project.year + 1) .. "-01-15"
      local left = dj.date.days_between(today, due)
      if not project.report and left <= 31 then
        if left >= 0 then
          intents[#intents + 1] = { notify = "secretary", title = project.year .. " 年度书记项目述职报告请于 " .. due .. " 前提交",
                                    body = "还有 " .. left .. " 天。", key = "report:" .. project.id .. ":due" }
        elseif left >= -60 then
          local body = project.year .. " 年度书记项目述职报告应于 " .. due .. " 前提交，尚未提交。"
          intents[#intents + 1] = { notify = "secretary", title = "述职报告已逾期", body = body, key = "report:" .. project.id .. ":late" }
          intents[#intents + 1] = { notify = "parent.secretary", title = "「" .. org.name .. "」书记述职报告已逾期", body = body,
                                    key = "report:" .. project.id .. ":late:parent" }
        end
      end
    end
    return intents
  end,
}

-- The rubric of 述职评议: each line is what evaluators score and the most it earns (the
-- "points" of an item are its maximum). A district replaces it by declaring the same name.
score("secretary-report", function(org, year)
  return { items = {
    { item = "规范化强基工程", points = 30, evidence = "任务清单、组织生活规范化、基础性工作" },
    { item = "示范性带动工程", points = 20, evidence = "示范岗、典型培育、党建品牌" },
    { item = "智慧型扬帆工程", points = 15, evidence = "智慧党建平台、信息库、网上宣传" },
    { item = "联系服务群众", points = 15, evidence = "在联系服务群众中教育引导群众" },
    { item = "群众组织化", points = 10, evidence = "社会组织培育、党的工作覆盖" },
    { item = "研究部署与督查整改", points = 10, evidence = "每季度研究部署，问题按期整改" },
  } }
end)
