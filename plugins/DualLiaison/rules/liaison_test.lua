-- Fixtures for coverage.lua and attendance.lua: `dangjian rules test plugins/DualLiaison/rules`
-- The bureau holds the education committee with two sub-councils; its leaders are in 局机关党支部
-- (王建国 and 李文华 with accounts of their own, so a reminder in person reaches them; 陈立新
-- without), the party office's staff in 局党委办公室党支部. Today is 10 July 2026 unless a fixture
-- says otherwise: the two ended quarters are 2026-Q1 and 2026-Q2.

local function full(key, org, name, account)
  return { key = key, organization = org, name = name, status = "full", appliedOn = "2015-03-01", activistOn = "2015-09-01",
           candidateOn = "2016-10-01", admittedOn = "2017-06-01", fullOn = "2018-06-01", account = account }
end

local organizations = {
  { key = "bureau", name = "区教育局党委", kind = "committee" },
  { key = "lead", parent = "bureau", name = "局机关党支部", kind = "branch" },
  { key = "office", parent = "bureau", name = "局党委办公室党支部", kind = "branch" },
  { key = "a", parent = "bureau", name = "一中党支部", kind = "branch", domain = "school" },
  { key = "b", parent = "bureau", name = "二中党支部", kind = "branch", domain = "school" },
}
local members = {
  full("wang", "lead", "王建国", true), full("li", "lead", "李文华", true), full("chen", "lead", "陈立新"),
  full("zhou", "office", "周晓敏"), full("wu", "office", "吴静怡"),
}
local function council(meetings)
  return { committees = { {
    key = "edu", name = "教育专委会", organization = "bureau",
    subcouncils = { { key = "s1", name = "东部分会", convener = "a", units = { "a" } },
                    { key = "s2", name = "西部分会", convener = "b", units = { "b" } } },
    meetings = meetings,
  } } }
end
local settings = { { leadership = "lead", office = "office" } }

---------------------------------------------------------------------------------------------
-- liaison-coverage
---------------------------------------------------------------------------------------------

local function liaison(sub, role, member, from, to)
  return { subcouncil = sub, role = role, member = member, from = from or "2025-01-01", to = to }
end

fixture {
  name = "every sub-council has both liaisons: nothing to tell",
  today = "2026-07-10",
  organizations = organizations, members = members, council = council(),
  liaison = { settings = settings, liaisons = {
    liaison("东部分会", "leader", "wang"), liaison("西部分会", "leader", "li"),
    liaison("东部分会", "staff", "zhou"), liaison("西部分会", "staff", "wu"),
  } },
  expect = {},
}

fixture {
  name = "a sub-council without a staff liaison: the bureau's secretary is told about that gap only",
  today = "2026-07-10",
  organizations = organizations, members = members, council = council(),
  liaison = { settings = settings, liaisons = {
    liaison("东部分会", "leader", "wang"), liaison("西部分会", "leader", "li"), liaison("东部分会", "staff", "zhou"),
  } },
  expect = { { rule = "liaison-coverage", organization = "bureau", contains = "「西部分会」缺少党办联系人" } },
}

fixture {
  name = "nothing assigned yet: one notice per sub-council and role, each saying it was never filled",
  today = "2026-07-10",
  organizations = organizations, members = members, council = council(),
  liaison = { settings = settings },
  expect = {
    { rule = "liaison-coverage", organization = "bureau", contains = "「东部分会」缺少领导联系人" },
    { rule = "liaison-coverage", organization = "bureau", contains = "「东部分会」缺少党办联系人" },
    { rule = "liaison-coverage", organization = "bureau", contains = "「西部分会」缺少领导联系人" },
    { rule = "liaison-coverage", organization = "bureau", contains = "西部分会」党办联系人尚未确定" },
  },
}

fixture {
  name = "a staff liaison who left on 30 June: the role is vacant since 1 July",
  today = "2026-07-10",
  organizations = organizations, members = members, council = council(),
  liaison = { settings = settings, liaisons = {
    liaison("东部分会", "leader", "wang"), liaison("西部分会", "leader", "li"),
    liaison("东部分会", "staff", "zhou", "2025-01-01", "2026-06-30"), liaison("西部分会", "staff", "wu"),
  } },
  expect = { { rule = "liaison-coverage", organization = "bureau", contains = "自 2026-07-01 起空缺" } },
}

fixture {
  name = "a replaced leader leaves no gap",
  today = "2026-07-10",
  organizations = organizations, members = members, council = council(),
  liaison = { settings = settings, liaisons = {
    liaison("东部分会", "leader", "wang", "2025-01-01"), liaison("东部分会", "leader", "li", "2026-03-01"),
    liaison("西部分会", "leader", "wang", "2026-03-02"),
    liaison("东部分会", "staff", "zhou"), liaison("西部分会", "staff", "wu"),
  } },
  expect = {},
}

-- 王建国 took both leader posts while the quota was two; it is one now (the host's default).
fixture {
  name = "a leader over the quota: the bureau's secretary is told, naming both sub-councils",
  today = "2026-07-10",
  organizations = organizations, members = members, council = council(),
  liaison = { settings = settings, assigned_with_quota = 2, liaisons = {
    liaison("东部分会", "leader", "wang"), liaison("西部分会", "leader", "wang", "2026-02-01"),
    liaison("东部分会", "staff", "zhou"), liaison("西部分会", "staff", "wu"),
  } },
  expect = { { rule = "liaison-coverage", organization = "bureau", contains = "同时联系 2 个分会（「东部分会」、「西部分会」），超过每人至多 1 个" } },
}

fixture {
  name = "two leader posts held one after the other are not over the quota",
  today = "2026-07-10",
  organizations = organizations, members = members, council = council(),
  liaison = { settings = settings, assigned_with_quota = 2, liaisons = {
    liaison("东部分会", "leader", "wang", "2025-01-01", "2026-01-31"), liaison("东部分会", "leader", "li", "2026-02-01"),
    liaison("西部分会", "leader", "wang", "2026-02-01"),
    liaison("东部分会", "staff", "zhou"), liaison("西部分会", "staff", "wu"),
  } },
  expect = {},
}

---------------------------------------------------------------------------------------------
-- liaison-missed-meetings: both sub-councils meet in each quarter; every role is filled, so
-- the coverage rule is quiet.
---------------------------------------------------------------------------------------------

local every_quarter = council({
  { kind = "subCouncil", subcouncil = "s1", held_at = "2026-02-10T14:00" }, { kind = "subCouncil", subcouncil = "s1", held_at = "2026-05-12T14:00" },
  { kind = "subCouncil", subcouncil = "s2", held_at = "2026-02-11T14:00" }, { kind = "subCouncil", subcouncil = "s2", held_at = "2026-05-13T14:00" },
})
local function liaisons(east_leader, east_from)
  return {
    { subcouncil = "东部分会", role = "leader", member = east_leader or "wang", from = east_from or "2025-01-01" },
    { subcouncil = "西部分会", role = "leader", member = "li", from = "2025-01-01" },
    { subcouncil = "东部分会", role = "staff", member = "zhou", from = "2025-01-01" },
    { subcouncil = "西部分会", role = "staff", member = "wu", from = "2025-01-01" },
  }
end
-- 李文华 attends 西部分会 in the second quarter, so only 东部分会's leader is in question.
local li_attends = { member = "li", subcouncil = "西部分会", kind = "meeting", on = "2026-05-13" }

fixture {
  name = "a leader who attended none of two quarters' meetings is reminded in person",
  today = "2026-07-10",
  organizations = organizations, members = members, council = every_quarter,
  liaison = { settings = settings, liaisons = liaisons(), log = { li_attends } },
  expect = { { rule = "liaison-missed-meetings", organization = "bureau", member = "wang", contains = "「东部分会」" } },
}

fixture {
  name = "attending one meeting in either quarter is enough",
  today = "2026-07-10",
  organizations = organizations, members = members, council = every_quarter,
  liaison = { settings = settings, liaisons = liaisons(),
              log = { li_attends, { member = "wang", subcouncil = "东部分会", kind = "meeting", on = "2026-02-10" } } },
  expect = {},
}

fixture {
  name = "activities and topic contacts are not attendance at meetings",
  today = "2026-07-10",
  organizations = organizations, members = members, council = every_quarter,
  liaison = { settings = settings, liaisons = liaisons(), log = {
    li_attends, { member = "wang", subcouncil = "东部分会", kind = "activity", on = "2026-03-05" },
    { member = "zhou", subcouncil = "东部分会", kind = "topicContact", on = "2026-04-20" },
  } },
  expect = { { rule = "liaison-missed-meetings", member = "wang", contains = "2026-01-01 至 2026-06-30" } },
}

fixture {
  name = "a sub-council that did not meet in a quarter had nothing to miss",
  today = "2026-07-10",
  organizations = organizations, members = members,
  council = council({ { kind = "subCouncil", subcouncil = "s1", held_at = "2026-05-12T14:00" },
                      { kind = "subCouncil", subcouncil = "s2", held_at = "2026-05-13T14:00" } }),
  liaison = { settings = settings, liaisons = liaisons(), log = { li_attends } },
  expect = {},
}

fixture {
  name = "a leader who took over during the first quarter is not judged on it",
  today = "2026-07-10",
  organizations = organizations, members = members, council = every_quarter,
  liaison = { settings = settings, liaisons = liaisons("wang", "2026-02-01"), log = { li_attends } },
  expect = {},
}

fixture {
  name = "a leader without an account: nothing can be delivered",
  today = "2026-07-10",
  organizations = organizations, members = members, council = every_quarter,
  liaison = { settings = settings, liaisons = liaisons("chen"), log = { li_attends } },
  expect = {},
}

fixture {
  name = "in the third quarter the reminder looks at the second and third",
  today = "2026-10-09",
  organizations = organizations, members = members,
  council = council({ { kind = "subCouncil", subcouncil = "s1", held_at = "2026-05-12T14:00" }, { kind = "subCouncil", subcouncil = "s1", held_at = "2026-08-12T14:00" },
                      { kind = "subCouncil", subcouncil = "s2", held_at = "2026-05-13T14:00" }, { kind = "subCouncil", subcouncil = "s2", held_at = "2026-08-13T14:00" } }),
  liaison = { settings = settings, liaisons = liaisons(), log = {
    li_attends, { member = "wang", subcouncil = "东部分会", kind = "meeting", on = "2026-02-10" },
  } },
  expect = { { rule = "liaison-missed-meetings", member = "wang", contains = "2026-04-01 至 2026-09-30" } },
}
