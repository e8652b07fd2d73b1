-- Fixtures for evaluation.lua: `dangjian rules test plugins/BrandCreation/rules`
--
-- brand-scoring-deadline: left = days from today to the round's scoring deadline, 20 June 2026.
-- 2 ≤ left ≤ 7: the 7-day notice; 0 ≤ left ≤ 1: the 1-day notice — to the organiser's secretary
-- and to each evaluator who still owes sheets; left < 0: the organiser is told to publish.
-- 王芳 belongs to 二小, so she never scores 二小's brand: she owes 1 sheet, 赵敏 owes 2.

local function full(key, org, name)
  return { key = key, organization = org, name = name, status = "full", appliedOn = "2015-03-01", account = true,
           activistOn = "2015-09-01", candidateOn = "2016-10-01", admittedOn = "2017-06-01", fullOn = "2018-06-01" }
end

local organizations = {
  { key = "bureau", name = "区教育局党委", kind = "committee" },
  { key = "a", parent = "bureau", name = "一中党支部", kind = "branch" },
  { key = "b", parent = "bureau", name = "二小党支部", kind = "branch" },
  { key = "c", parent = "bureau", name = "三中党支部", kind = "branch" },
}
local members = { full("li", "a", "李强"), full("wang", "b", "王芳"), full("zhao", "c", "赵敏") }

local function recognised(unit, lead)
  return { unit = unit, lead = lead, tier = "modelBranch", applied_on = "2025-09-01", approved_on = "2025-09-10",
           started_on = "2025-09-20", evidence = "all", assessed_on = "2026-03-01", recognised_on = "2026-03-20" }
end

local function brand(sheets)
  return {
    brands = { recognised("a", "li"), recognised("b", "wang") },
    rounds = { { organization = "bureau", title = "2026 年度党建品牌评比", deadline = "2026-06-20", entries = { "a", "b" },
                 evaluators = { "wang", "zhao" }, sheets = sheets or {} } },
  }
end

fixture {
  name = "scoring: 7 days before the deadline, the organiser and both evaluators are told",
  today = "2026-06-13", organizations = organizations, members = members, brand = brand(),
  expect = {
    { rule = "brand-scoring-deadline", organization = "bureau", contains = "尚缺 3 份评分表" },
    { rule = "brand-scoring-deadline", organization = "bureau", member = "wang", contains = "1 个参评品牌未评分" },
    { rule = "brand-scoring-deadline", organization = "bureau", member = "zhao", contains = "2 个参评品牌未评分" },
  },
}

fixture {
  name = "scoring: 8 days before the deadline, quiet",
  today = "2026-06-12", organizations = organizations, members = members, brand = brand(),
  expect = {},
}

fixture {
  name = "scoring: the day before, only 赵敏 still owes a sheet",
  today = "2026-06-19", organizations = organizations, members = members,
  brand = brand({ { evaluator = "wang", unit = "a" }, { evaluator = "zhao", unit = "a", points = 90 } }),
  expect = {
    { rule = "brand-scoring-deadline", organization = "bureau", contains = "尚缺 1 份评分表" },
    { rule = "brand-scoring-deadline", organization = "bureau", member = "zhao", contains = "1 个参评品牌未评分" },
  },
}

fixture {
  name = "scoring: every sheet in a week before, quiet",
  today = "2026-06-13", organizations = organizations, members = members,
  brand = brand({ { evaluator = "wang", unit = "a" }, { evaluator = "zhao", unit = "a" }, { evaluator = "zhao", unit = "b" } }),
  expect = {},
}

fixture {
  name = "scoring: closed with sheets missing, the organiser is told to publish",
  today = "2026-06-21", organizations = organizations, members = members, brand = brand(),
  expect = { { rule = "brand-scoring-deadline", organization = "bureau", contains = "请公布结果" } },
}
