-- Fixtures for meetings.lua (专委会例会、分会例会、每月一讲):
-- `dangjian rules test plugins/RegionalCouncil/rules`
--
-- How the reminders are timed (see RuleEngine.plan and plugins/OrgLife/rules/cadence_test.lua):
--   * council-plenary-half-yearly (every halfYear, before_end {30, 7}, after_end 5):
--     H1 ends 06-30, told from 05-31 (30 - 30 days in June → 31 May); H2 ends 12-31, told from
--     12-01. The previous half-year is asked from 07-05 (H1) and 01-05 (H2) on, every day.
--   * council-subcouncil-quarterly (every quarter, before_end {15, 5}, after_end 5):
--     told from 03-16, 06-15, 09-15, 12-16; the previous quarter is asked from 04-05, 07-05,
--     10-05, 01-05 on.
--   * council-monthly-lecture (every month, before_end {7}, after_end 3): told in the last
--     8 days of the month (end - 7 … end); the previous month is asked from the 3rd on.
-- The organisation holding the committee is asked for plenaries and lectures; the convener of a
-- sub-council for its meetings. An escalation goes to the nearest ancestor with a secretary
-- account: every fixture organisation has one, the hidden root (测试区委) has none, so a holder
-- placed directly under the root escalates to nobody and only the current period's notices
-- appear for it. A holder under a parent must have its other previous periods in order (or
-- expect those notices), since every rule of this pack is checked in every fixture.

local function plenary(at) return { kind = "plenary", held_at = at } end
local function lecture(at) return { kind = "lecture", held_at = at } end
local function subMeeting(key, at) return { kind = "subCouncil", subcouncil = key, held_at = at } end

-- The education bureau's party committee holds the committee (专委会), directly under the root.
local bureau = { key = "bureau", name = "区教育局党委", kind = "committee" }
-- The same bureau under the district's education work committee: its misses go up to 区教育工作党委.
local bureauUnderParent = {
  { key = "jw", name = "区教育工作党委", kind = "committee" },
  { key = "bureau", parent = "jw", name = "区教育局党委", kind = "committee" },
}

local function committee(meetings)
  return { committees = { { key = "edu", name = "教育专委会", organization = "bureau", meetings = meetings or {} } } }
end

---------------------------------------------------------------------------------------------
-- council-plenary-half-yearly
---------------------------------------------------------------------------------------------

fixture {
  -- H1 ends 30 June; 30 June - 30 days = 31 May, the first day of the 30-day stage. May's
  -- lecture window (24–31 May) is open too, so May's lecture is recorded.
  name = "plenary: 31 May is 30 days before H1 ends; none held, the bureau's secretary is told",
  today = "2026-05-31",
  organizations = { bureau },
  council = committee({ lecture("2026-05-12") }),
  expect = { { rule = "council-plenary-half-yearly", organization = "bureau", contains = "2026-H1 尚未完成" } },
}

fixture {
  -- 30 May is 31 days before 30 June: before the first stage.
  name = "plenary: 30 May, 31 days before H1 ends, quiet",
  today = "2026-05-30",
  organizations = { bureau },
  council = committee({ lecture("2026-05-12") }),
  expect = {},
}

fixture {
  -- 25 June is in the 7-day stage (from 23 June); a plenary on 15 March is in H1 (January–June).
  name = "plenary: one held on 15 March satisfies H1, quiet on 25 June",
  today = "2026-06-25",
  organizations = { bureau },
  council = committee({ plenary("2026-03-15"), lecture("2026-06-10") }),
  expect = {},
}

fixture {
  -- H2 ends 31 December; 31 Dec - 30 days = 1 December starts the 30-day stage. A plenary on
  -- 30 June, the last day of H1, does not count for H2. December's lecture stage starts 24 Dec.
  name = "plenary: a plenary on 30 June is H1's; H2 still reminded on 1 December",
  today = "2026-12-01",
  organizations = { bureau },
  council = committee({ plenary("2026-06-30") }),
  expect = { { rule = "council-plenary-half-yearly", organization = "bureau", contains = "2026-H2 尚未完成" } },
}

fixture {
  -- 1 July is the first day of H2, so a plenary that day satisfies H2 (checked on 24 Dec, stage 7).
  name = "plenary: one held on 1 July counts for H2, quiet on 24 December",
  today = "2026-12-24",
  organizations = { bureau },
  council = committee({ plenary("2026-07-01"), lecture("2026-12-05") }),
  expect = {},
}

fixture {
  -- H1 ended 30 June; + 5 days = 5 July, the first day H1 is asked again. None was held, so
  -- the miss goes to 区教育工作党委's secretary. June's lecture (asked from 3 July) was held.
  name = "plenary: H1 without one goes up to the parent on 5 July",
  today = "2026-07-05",
  organizations = bureauUnderParent,
  council = committee({ lecture("2026-06-10") }),
  expect = { { rule = "council-plenary-half-yearly", organization = "bureau", contains = "2026-H1 未完成" } },
}

fixture {
  -- 4 July is 4 days after H1 ended: nothing goes up yet (and H1's own stages are over).
  name = "plenary: on 4 July, 4 days after H1 ended, nothing goes up yet",
  today = "2026-07-04",
  organizations = bureauUnderParent,
  council = committee({ lecture("2026-06-10") }),
  expect = {},
}

fixture {
  -- On 5 July the period asked is H1 (held 20 January), not the current H2 (nothing yet).
  name = "plenary: H1 had one (20 January), nothing goes up on 5 July",
  today = "2026-07-05",
  organizations = bureauUnderParent,
  council = committee({ plenary("2026-01-20"), lecture("2026-06-10") }),
  expect = {},
}

---------------------------------------------------------------------------------------------
-- council-subcouncil-quarterly: 一中支部 (a) convenes the sub-council(s); the bureau holds the
-- committee with its H1 plenary recorded (the plenary window is open from 31 May).
---------------------------------------------------------------------------------------------

local subOrgs = {
  bureau,
  { key = "a", name = "一中支部", kind = "branch" },
  { key = "b", name = "二中支部", kind = "branch" },
  { key = "c", name = "三中支部", kind = "branch" },
}

local function withSub(meetings)
  return { committees = { {
    key = "edu", name = "教育专委会", organization = "bureau",
    subcouncils = { { key = "s1", name = "第一分会", convener = "a", units = { "a", "b" } } },
    meetings = meetings,
  } } }
end

-- 一中支部 convenes two sub-councils of the same committee.
local function twoSubs(meetings)
  return { committees = { {
    key = "edu", name = "教育专委会", organization = "bureau",
    subcouncils = {
      { key = "s1", name = "第一分会", convener = "a", units = { "a", "b" } },
      { key = "s2", name = "第二分会", convener = "a", units = { "c" } },
    },
    meetings = meetings,
  } } }
end

fixture {
  -- Q2 ends 30 June; 30 - 15 = 15 June, the first day of the 15-day stage.
  name = "sub-council: 15 June is 15 days before Q2 ends; none held, the convener is told",
  today = "2026-06-15",
  organizations = subOrgs,
  council = withSub({ plenary("2026-04-10") }),
  expect = { { rule = "council-subcouncil-quarterly", organization = "a", contains = "2026-Q2 尚未完成" } },
}

fixture {
  -- 14 June is 16 days before 30 June: before the first stage.
  name = "sub-council: 14 June, 16 days before Q2 ends, quiet",
  today = "2026-06-14",
  organizations = subOrgs,
  council = withSub({ plenary("2026-04-10") }),
  expect = {},
}

fixture {
  -- 26 June is in the 5-day stage (from 25 June). A meeting on 31 March belongs to Q1.
  -- June's lecture stage (from 23 June) is open, so the bureau's June lecture is recorded.
  name = "sub-council: a meeting on 31 March is Q1's; Q2 reminded on 26 June",
  today = "2026-06-26",
  organizations = subOrgs,
  council = withSub({ subMeeting("s1", "2026-03-31"), plenary("2026-04-10"), lecture("2026-06-05") }),
  expect = { { rule = "council-subcouncil-quarterly", organization = "a", contains = "请于 2026-06-30 前完成" } },
}

fixture {
  -- 1 April is the first day of Q2: a meeting that day satisfies Q2 (checked on 30 June).
  name = "sub-council: a meeting on 1 April counts for Q2, quiet on 30 June",
  today = "2026-06-30",
  organizations = subOrgs,
  council = withSub({ subMeeting("s1", "2026-04-01"), plenary("2026-04-10"), lecture("2026-06-05") }),
  expect = {},
}

fixture {
  -- Q3 ends 30 September; 30 - 15 = 15 September, so 20 September is in the 15-day stage.
  -- The first sub-council met on 10 August, the second did not: the convener is still told.
  -- September's lecture stage starts on 23 September.
  name = "sub-council: a convener of two sub-councils, only one met in Q3, is told on 20 September",
  today = "2026-09-20",
  organizations = subOrgs,
  council = twoSubs({ subMeeting("s1", "2026-08-10") }),
  expect = { { rule = "council-subcouncil-quarterly", organization = "a", contains = "2026-Q3 尚未完成" } },
}

local convenerUnderParent = {
  bureau,
  { key = "z", name = "城区学校党总支", kind = "generalBranch" },
  { key = "a", parent = "z", name = "一中支部", kind = "branch" },
  { key = "b", name = "二中支部", kind = "branch" },
  { key = "c", name = "三中支部", kind = "branch" },
}

fixture {
  -- Q3 ended 30 September; + 5 = 5 October. Only the first of the two sub-councils met in Q3,
  -- so the miss goes up to 城区学校党总支. 一中支部 holds no committee, so it owes no plenary or
  -- lecture; the bureau is under the root (no one above).
  name = "sub-council: one of two sub-councils missed Q3, goes up to the general branch on 5 October",
  today = "2026-10-05",
  organizations = convenerUnderParent,
  council = twoSubs({ subMeeting("s1", "2026-08-10") }),
  expect = { { rule = "council-subcouncil-quarterly", organization = "a", contains = "2026-Q3 未完成" } },
}

fixture {
  name = "sub-council: on 4 October, 4 days after Q3 ended, nothing goes up yet",
  today = "2026-10-04",
  organizations = convenerUnderParent,
  council = twoSubs({ subMeeting("s1", "2026-08-10") }),
  expect = {},
}

---------------------------------------------------------------------------------------------
-- council-monthly-lecture
---------------------------------------------------------------------------------------------

fixture {
  -- May has 31 days: 31 - 7 = 24, so 24 May is the first day of the 7-day stage. The H1
  -- plenary stage opens only on 31 May.
  name = "lecture: 24 May is 7 days before the end of May; none held, the bureau is told",
  today = "2026-05-24",
  organizations = { bureau },
  council = committee(),
  expect = { { rule = "council-monthly-lecture", organization = "bureau", contains = "2026-05 尚未完成" } },
}

fixture {
  name = "lecture: 23 May, 8 days before the end of May, quiet",
  today = "2026-05-23",
  organizations = { bureau },
  council = committee(),
  expect = {},
}

fixture {
  -- 28 May is in the stage (from 24 May). A lecture on 30 April is April's, and a plenary in
  -- May is not a lecture: May's lecture is still missing.
  name = "lecture: a lecture on 30 April and a plenary in May do not count for May (28 May)",
  today = "2026-05-28",
  organizations = { bureau },
  council = committee({ lecture("2026-04-30"), plenary("2026-05-10") }),
  expect = { { rule = "council-monthly-lecture", organization = "bureau", contains = "请于 2026-05-31 前完成" } },
}

fixture {
  -- April ended 30 April; + 3 days = 3 May, the first day April is asked again. The H2 2025
  -- plenary (asked since 5 January) was held.
  name = "lecture: April without one goes up to the parent on 3 May",
  today = "2026-05-03",
  organizations = bureauUnderParent,
  council = committee({ plenary("2025-10-15") }),
  expect = { { rule = "council-monthly-lecture", organization = "bureau", contains = "2026-04 未完成" } },
}

fixture {
  name = "lecture: on 2 May, 2 days after April ended, nothing goes up yet",
  today = "2026-05-02",
  organizations = bureauUnderParent,
  council = committee({ plenary("2025-10-15") }),
  expect = {},
}

---------------------------------------------------------------------------------------------
-- An organisation that holds no committee and convenes no sub-council is never asked.
---------------------------------------------------------------------------------------------

fixture {
  -- 30 June: H1 (stage 7), Q2 (stage 5) and June (stage 7) are all in their last stage, and
  -- May, Q1 and H2 2025 are asked again. The bureau and 一中支部 (under the root) are told of
  -- the current periods. 四中支部 is a member unit of the sub-council and 城东联合党支部 is in
  -- no council at all; both sit under 区教育工作党委 (which would receive any escalation), and
  -- neither holds anything, so `done` is true and nothing is sent about them.
  name = "no body held: a member unit and an unrelated joint branch are never reminded (30 June)",
  today = "2026-06-30",
  organizations = {
    bureau,
    { key = "a", name = "一中支部", kind = "branch" },
    { key = "jw", name = "区教育工作党委", kind = "committee" },
    { key = "x", parent = "jw", name = "四中支部", kind = "branch" },
    { key = "y", parent = "jw", name = "城东联合党支部", kind = "jointBranch" },
  },
  council = { committees = { {
    key = "edu", name = "教育专委会", organization = "bureau",
    subcouncils = { { key = "s1", name = "第一分会", convener = "a", units = { "a", "x" } } },
  } } },
  expect = {
    { rule = "council-plenary-half-yearly", organization = "bureau", contains = "2026-H1 尚未完成" },
    { rule = "council-monthly-lecture", organization = "bureau", contains = "2026-06 尚未完成" },
    { rule = "council-subcouncil-quarterly", organization = "a", contains = "2026-Q2 尚未完成" },
  },
}

---------------------------------------------------------------------------------------------
-- A body owes only the periods that began on or after the day it was set up
---------------------------------------------------------------------------------------------

fixture {
  -- The committee was set up on 2 April: H1 began on 1 January, before it existed, so on
  -- 5 July (H1 asked again) nothing goes up. April began before it too; May did not, and May's
  -- lecture is on record, June's too.
  name = "set up on 2 April: H1 and April are not owed; nothing goes up on 5 July",
  today = "2026-07-05",
  organizations = bureauUnderParent,
  council = { committees = { { key = "edu", name = "教育专委会", organization = "bureau", established_on = "2026-04-02",
                               meetings = { lecture("2026-05-12"), lecture("2026-06-10") } } } },
  expect = {},
}

fixture {
  -- Set up on 1 July, the first day of H2: H2 is owed, and on 1 December (30 days before its
  -- end) the bureau is told. November's and December's lectures are on record.
  name = "set up on 1 July: H2 is owed from its first day",
  today = "2026-12-01",
  organizations = { bureau },
  council = { committees = { { key = "edu", name = "教育专委会", organization = "bureau", established_on = "2026-07-01",
                               meetings = { lecture("2026-11-12"), lecture("2026-12-01") } } } },
  expect = { { rule = "council-plenary-half-yearly", organization = "bureau", contains = "2026-H2 尚未完成" } },
}
