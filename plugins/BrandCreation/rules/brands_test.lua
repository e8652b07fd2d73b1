-- Fixtures for brands.lua: `dangjian rules test plugins/BrandCreation/rules`
--
-- brand-stage-stalled: days = today - the day the brand entered its stage. days ≥ 90 and the
-- brand not recognised: applied or assessed → the parent's secretary; approved, in creation or
-- returned → the unit's own secretary (with the checklist gaps while it is being created).
-- The day is 15 June 2026 throughout; 17 March is 90 days before it.

local function full(key, org, name)
  return { key = key, organization = org, name = name, status = "full", appliedOn = "2015-03-01",
           activistOn = "2015-09-01", candidateOn = "2016-10-01", admittedOn = "2017-06-01", fullOn = "2018-06-01" }
end

local organizations = {
  { key = "bureau", name = "区教育局党委", kind = "committee" },
  { key = "s", parent = "bureau", name = "一中党委", kind = "committee" },
  { key = "d", parent = "s", name = "一中教学党总支", kind = "generalBranch" },
  { key = "a", parent = "bureau", name = "二小党支部", kind = "branch" },
  { key = "x", parent = "d", name = "一中语文党支部", kind = "branch" },
}
local members = { full("li", "a", "李强"), full("zhao", "x", "赵敏") }

local function brand(unit, lead, fields)
  local b = { unit = unit, lead = lead, tier = unit == "d" and "benchmarkDepartment" or "modelBranch", name = "先锋品牌" }
  for k, v in pairs(fields) do b[k] = v end
  return { brands = { b } }
end

fixture {
  name = "stalled: an application waiting 90 days tells the parent's secretary",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("a", "li", { applied_on = "2026-03-17" }),
  expect = { { rule = "brand-stage-stalled", organization = "a", contains = "「已申报」阶段停留 90 天" } },
}

fixture {
  name = "stalled: 89 days is not yet stalled",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("a", "li", { applied_on = "2026-03-18" }),
  expect = {},
}

fixture {
  -- 15 February to 15 June: 120 days in creation, no evidence for any of the 七个有力.
  name = "stalled: 120 days in creation tells the unit's secretary, with the gaps",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("a", "li", { applied_on = "2026-01-05", approved_on = "2026-01-20", started_on = "2026-02-15" }),
  expect = { { rule = "brand-stage-stalled", organization = "a", contains = "停留 120 天" } },
}

fixture {
  name = "stalled: a department's brand approved 100 days ago and never started",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("d", "zhao", { applied_on = "2026-02-01", approved_on = "2026-03-07" }),
  expect = { { rule = "brand-stage-stalled", organization = "d", contains = "「已批准创建」阶段停留 100 天" } },
}

fixture {
  name = "stalled: an assessed brand waiting 95 days for recognition",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("a", "li", { applied_on = "2025-12-01", approved_on = "2025-12-10", started_on = "2025-12-20", evidence = "all",
                             assessed_on = "2026-03-12" }),
  expect = { { rule = "brand-stage-stalled", organization = "a", contains = "停留 95 天" } },
}

fixture {
  name = "stalled: a returned application left for 100 days",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("a", "li", { applied_on = "2026-03-01", returned_on = "2026-03-07" }),
  expect = { { rule = "brand-stage-stalled", organization = "a", contains = "「已退回」阶段停留 100 天" } },
}

fixture {
  name = "stalled: a recognised brand is done, however long ago",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("a", "li", { applied_on = "2025-06-01", approved_on = "2025-06-10", started_on = "2025-06-20", evidence = "all",
                             assessed_on = "2025-10-10", recognised_on = "2025-11-01" }),
  expect = {},
}

fixture {
  name = "stalled: in creation for 30 days, quiet",
  today = "2026-06-15", organizations = organizations, members = members,
  brand = brand("a", "li", { applied_on = "2026-04-01", approved_on = "2026-04-20", started_on = "2026-05-16" }),
  expect = {},
}
