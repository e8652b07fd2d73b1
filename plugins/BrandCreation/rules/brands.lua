-- 党建品牌创建的进度。种子 001“攀登”计划（示范、特色、标杆院系、样板支部创建），种子 002
-- “品牌创建需有具体载体、活动形式和评价标准……机关党总支加强统筹指导”。
-- A brand stalled in one stage for 90 days or more, told to whoever must act next.

local units = { "committee", "generalBranch", "branch", "jointBranch" }

-- Applied or assessed: the organisation above must decide, so its secretary is told. Approved,
-- in creation or returned: the unit must act, so its own secretary is told. Once per stage
-- (the key carries the day the stage began); a recognised brand is done.
rule {
  id = "brand-stage-stalled",
  title = "党建品牌创建阶段停滞 90 天",
  source = "市教卫工作党委 基层党建质量提升工程“攀登”计划（种子 001）2018",
  applies_to = { kind = units },
  check = function(org, today)
    local brand = dj.brand.of(org.id, today)
    if not brand or brand.stage == "recognised" or brand.days_in_stage < 90 then return {} end
    local title = "「" .. org.name .. "」的党建品牌「" .. brand.name .. "」已在「" .. brand.stage_zh .. "」阶段停留 " .. brand.days_in_stage .. " 天"
    local key = "brand-stalled:" .. brand.id .. ":" .. brand.stage .. ":" .. brand.stage_since
    if brand.awaits_parent then
      return { { notify = "parent.secretary", title = title,
                 body = "自 " .. brand.stage_since .. " 起等待上级党组织" .. (brand.stage == "applied" and "审批" or "命名或退回") .. "。",
                 key = key } }
    end
    local body = "自 " .. brand.stage_since .. " 起无进展。"
    if brand.gaps > 0 and brand.stage ~= "returned" then
      body = body .. "「" .. brand.tier_zh .. "」标准清单尚有 " .. brand.gaps .. " 项无佐证材料。"
    end
    return { { notify = "secretary", title = title, body = body, key = key } }
  end,
}
