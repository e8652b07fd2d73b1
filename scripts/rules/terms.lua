-- 换届提醒：任期届满前 90、30、7 天各提醒一次书记。
-- RULES.md 15: grassroots committees 5 years, general branches and branches 3 years.

local stages = { 7, 30, 90 }

rule {
  id = "term-ends-soon",
  title = "任期即将届满，请做好换届准备",
  source = "关于党的基层组织任期的意见 2018",
  applies_to = { kind = { "committee", "generalBranch", "branch", "jointBranch" } },
  check = function(org, today)
    if not org.term_end then return {} end
    local left = dj.date.days_between(today, org.term_end)
    if left < 0 then return {} end
    for _, stage in ipairs(stages) do
      if left <= stage then
        return { {
          notify = "secretary",
          title = org.name .. "任期将于 " .. org.term_end .. " 届满（还有 " .. left .. " 天）",
          body = "请按规定提前做好换届选举准备；确需提前或延期换届的，应报上级党组织批准。",
          key = "term:" .. org.term_end .. ":" .. stage,
        } }
      end
    end
    return {}
  end,
}
