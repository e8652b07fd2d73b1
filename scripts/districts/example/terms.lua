-- 示例区县规则包：把换届提醒改为届满前 60 天和 14 天两次，并关闭"积极分子培养满一年"提醒
-- （本区由组织员统一跟踪）。绑定：在 config/dangjian.yaml 的 rules.districts 中写
--   - scripts/districts/example=组织ID

local stages = { 14, 60 }

rule {
  id = "term-ends-soon",
  title = "任期即将届满，请做好换届准备",
  source = "关于党的基层组织任期的意见 2018；本区换届工作安排",
  applies_to = { kind = { "committee", "generalBranch", "branch", "jointBranch" } },
  check = function(org, today)
    if not org.term_end then return {} end
    local left = dj.date.days_between(today, org.term_end)
    if left < 0 then return {} end
    for _, stage in ipairs(stages) do
      if left <= stage then
        return { {
          notify = "secretary",
          title = org.name .. "任期将于 " .. org.term_end .. " 届满（还有 " .. left .. " 天，本区提前 " .. stage .. " 天提醒）",
          body = "请按本区换届工作安排提前报送换届请示。",
          key = "term:" .. org.term_end .. ":" .. stage,
        } }
      end
    end
    return {}
  end,
}

disable("activist-trained-a-year")
