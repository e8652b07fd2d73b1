-- Fixtures for cadence.lua (三会一课与主题党日): `dangjian rules test plugins/OrgLife/rules`
--
-- How the reminders are timed (see RuleEngine.plan):
--   * month   (theme day, committee, group): notify before_end {7, 3}: from end-7 to end the
--     secretary is told; escalate after_end 5: from the 5th day after the previous month ended
--     (i.e. from the 5th of the following month) the previous month is asked again, and a miss
--     goes to the parent's secretary.
--   * quarter (general meeting, party lecture): notify before_end {15, 5}: from end-15
--     (03-16, 06-15, 09-15, 12-16); escalate after_end 5: from 04-05, 07-05, 10-05, 01-05.
--   * year    (yearly.lua): notify from 11-01 (60 days before 12-31), escalate from 01-15.
-- Escalation is asked on every day after that point, not only on the first one, so a fixture
-- whose branch has a parent must have records for the previous month, quarter and year of
-- every rule of this pack (or expect those notices). A branch directly under the hidden root
-- (which has no secretary account) escalates to nobody, so only the secretary notices of the
-- current periods appear for it.

local function rec(org, kind, at, attendees)
  return { organization = org, kind = kind, held_at = at, attendees = attendees or {} }
end

local function full(key, org, name)
  return { key = key, organization = org, name = name, status = "full", appliedOn = "2015-03-01",
           activistOn = "2015-09-01", candidateOn = "2016-10-01", admittedOn = "2017-06-01", fullOn = "2018-06-01" }
end

local branch = { key = "b", name = "一中支部", kind = "branch" }
-- A branch under a general branch: its escalations go to the general branch's secretary.
local underGeneral = {
  { key = "z", name = "城区学校党总支", kind = "generalBranch" },
  { key = "b", parent = "z", name = "二小支部", kind = "branch" },
}

---------------------------------------------------------------------------------------------
-- orglife-theme-day-monthly
---------------------------------------------------------------------------------------------

fixture {
  -- May has 31 days: 31 - 7 = 24, so 24 May is the first day of the 7-day stage.
  -- The quarter's window opens only on 15 June (30 - 15), so the quarterly rules are quiet.
  name = "theme day: 24 May is 7 days before the end of May (31 days); a joint branch too",
  today = "2026-05-24",
  organizations = { branch, { key = "j", name = "城东联合党支部", kind = "jointBranch" } },
  expect = {
    { rule = "orglife-theme-day-monthly", organization = "b", contains = "请于 2026-05-31 前完成" },
    { rule = "orglife-theme-day-monthly", organization = "j", contains = "2026-05 尚未完成" },
  },
}

fixture {
  -- 23 May is 8 days before 31 May: before the first stage.
  name = "theme day: 23 May, 8 days before the end of May, nothing is due yet",
  today = "2026-05-23",
  organizations = { branch },
  expect = {},
}

fixture {
  -- 28 May is 3 days before the end (stage 3). A theme day on 30 April belongs to April.
  name = "theme day: a theme day on 30 April does not count for May (stage 3, 28 May)",
  today = "2026-05-28",
  organizations = { branch },
  orglife = { records = { rec("b", "themeDay", "2026-04-30T14:30") } },
  expect = { { rule = "orglife-theme-day-monthly", organization = "b", contains = "2026-05 尚未完成" } },
}

fixture {
  name = "theme day: held on 8 May, quiet on the last day of May",
  today = "2026-05-31",
  organizations = { branch },
  orglife = { records = { rec("b", "themeDay", "2026-05-08T14:30") } },
  expect = {},
}

fixture {
  -- 2024 is a leap year: February ends on the 29th, 29 - 7 = 22.
  name = "theme day: leap February 2024, 22 Feb is 7 days before 29 Feb",
  today = "2024-02-22",
  organizations = { branch },
  expect = { { rule = "orglife-theme-day-monthly", organization = "b", contains = "请于 2024-02-29 前完成" } },
}

fixture {
  name = "theme day: leap February 2024, 21 Feb is 8 days before 29 Feb, quiet",
  today = "2024-02-21",
  organizations = { branch },
  expect = {},
}

fixture {
  -- 2026 is not a leap year: February ends on the 28th, 28 - 7 = 21.
  name = "theme day: February 2026 ends on the 28th, 21 Feb is 7 days before",
  today = "2026-02-21",
  organizations = { branch },
  expect = { { rule = "orglife-theme-day-monthly", organization = "b", contains = "请于 2026-02-28 前完成" } },
}

fixture {
  name = "theme day: one held on the leap day 29 Feb 2024 counts for February",
  today = "2024-02-29",
  organizations = { branch },
  orglife = { records = { rec("b", "themeDay", "2024-02-29T09:30") } },
  expect = {},
}

-- Records that satisfy every escalation asked on a day in May 2026 except the theme day's:
-- Q1 2026 (general meeting, party lecture) and the year 2025 (organisational life meeting,
-- democratic evaluation; the branch has no members, so class hours and talks are done).
local mayEscalationsDone = {
  rec("b", "generalMeeting", "2026-02-10"),
  rec("b", "partyLecture", "2026-03-10"),
  rec("b", "orgLifeMeeting", "2025-12-10"),
  rec("b", "democraticEvaluation", "2025-12-12"),
}

local function with(list, ...)
  local out = {}
  for _, r in ipairs(list) do out[#out + 1] = r end
  for _, r in ipairs({ ... }) do out[#out + 1] = r end
  return out
end

fixture {
  -- April ends on the 30th; 30 April + 5 days = 5 May, the first day of escalation.
  name = "theme day: April without one goes up to the general branch on 5 May",
  today = "2026-05-05",
  organizations = underGeneral,
  orglife = { records = mayEscalationsDone },
  expect = { { rule = "orglife-theme-day-monthly", organization = "b", contains = "2026-04 未完成" } },
}

fixture {
  name = "theme day: on 4 May (4 days after April ended) nothing goes up yet",
  today = "2026-05-04",
  organizations = underGeneral,
  orglife = { records = mayEscalationsDone },
  expect = {},
}

fixture {
  name = "theme day: April had one, nothing goes up on 6 May",
  today = "2026-05-06",
  organizations = underGeneral,
  orglife = { records = with(mayEscalationsDone, rec("b", "themeDay", "2026-04-21T14:30")) },
  expect = {},
}

---------------------------------------------------------------------------------------------
-- orglife-general-meeting-quarterly
---------------------------------------------------------------------------------------------

fixture {
  -- Q2 ends 30 June; 30 - 15 = 15 June is the first day of the 15-day stage. A meeting held
  -- on 31 March belongs to Q1. June's theme-day stage starts only on 23 June.
  name = "general meeting: 15 June, 15 days before Q2 ends; a meeting on 31 March is Q1's",
  today = "2026-06-15",
  organizations = { branch },
  orglife = { records = { rec("b", "generalMeeting", "2026-03-31T15:00"), rec("b", "partyLecture", "2026-04-20") } },
  expect = { { rule = "orglife-general-meeting-quarterly", organization = "b", contains = "2026-Q2 尚未完成" } },
}

fixture {
  name = "general meeting: 14 June, 16 days before Q2 ends, nothing is due",
  today = "2026-06-14",
  organizations = { branch },
  expect = {},
}

fixture {
  -- The last day of Q2 (stage 5): all of Q2's duties and June's theme day are done.
  name = "general meeting: one in April satisfies Q2, quiet on 30 June",
  today = "2026-06-30",
  organizations = { branch },
  orglife = { records = {
    rec("b", "generalMeeting", "2026-04-15"), rec("b", "partyLecture", "2026-05-20"), rec("b", "themeDay", "2026-06-05"),
  } },
  expect = {},
}

fixture {
  -- Q4 ends with the year: 31 Dec - 15 = 16 Dec. The yearly window (from 1 Nov) is open, so the
  -- year's meeting and evaluation are recorded; December's theme-day stage starts on 24 Dec.
  name = "general meeting: Q4 ends on 31 December, reminded from 16 December",
  today = "2026-12-16",
  organizations = { branch },
  orglife = { records = {
    rec("b", "partyLecture", "2026-10-20"), rec("b", "orgLifeMeeting", "2026-11-10"), rec("b", "democraticEvaluation", "2026-11-12"),
  } },
  expect = { { rule = "orglife-general-meeting-quarterly", organization = "b", contains = "请于 2026-12-31 前完成" } },
}

fixture {
  -- Q1 ends 31 March; + 5 days = 5 April. March's theme day is asked from the same day.
  name = "general meeting: Q1 without one goes up to the general branch on 5 April",
  today = "2026-04-05",
  organizations = underGeneral,
  orglife = { records = {
    rec("b", "themeDay", "2026-03-20"), rec("b", "partyLecture", "2026-01-15"),
    rec("b", "orgLifeMeeting", "2025-12-10"), rec("b", "democraticEvaluation", "2025-12-12"),
  } },
  expect = { { rule = "orglife-general-meeting-quarterly", organization = "b", contains = "2026-Q1 未完成" } },
}

fixture {
  name = "general meeting: Q1 had one (on 31 March), nothing goes up on 5 April",
  today = "2026-04-05",
  organizations = underGeneral,
  orglife = { records = {
    rec("b", "themeDay", "2026-03-20"), rec("b", "partyLecture", "2026-01-15"), rec("b", "generalMeeting", "2026-03-31T16:00"),
    rec("b", "orgLifeMeeting", "2025-12-10"), rec("b", "democraticEvaluation", "2025-12-12"),
  } },
  expect = {},
}

---------------------------------------------------------------------------------------------
-- orglife-party-lecture-quarterly
---------------------------------------------------------------------------------------------

fixture {
  -- Q3 ends 30 September; 30 - 5 = 25 September starts the 5-day stage, so 26 Sept is in it.
  -- A lecture in June belongs to Q2. September's theme-day stage starts on 23 Sept.
  name = "party lecture: 26 September (stage 5 of Q3); a lecture in June is Q2's",
  today = "2026-09-26",
  organizations = { branch },
  orglife = { records = {
    rec("b", "partyLecture", "2026-06-28"), rec("b", "generalMeeting", "2026-07-10"), rec("b", "themeDay", "2026-09-10"),
  } },
  expect = { { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "请于 2026-09-30 前完成" } },
}

fixture {
  name = "party lecture: one in August satisfies Q3, quiet on 26 September",
  today = "2026-09-26",
  organizations = { branch },
  orglife = { records = {
    rec("b", "partyLecture", "2026-08-15"), rec("b", "generalMeeting", "2026-07-10"), rec("b", "themeDay", "2026-09-10"),
  } },
  expect = {},
}

fixture {
  -- Leap year: Q1 2024 ends 31 March; 31 - 15 = 16 March. The general meeting held on the
  -- leap day counts for Q1, so only the lecture is missing. March's theme-day stage is from 24 March.
  name = "party lecture: Q1 2024, reminded on 16 March; a meeting on 29 Feb counts for the quarter",
  today = "2024-03-16",
  organizations = { branch },
  orglife = { records = { rec("b", "generalMeeting", "2024-02-29T14:00") } },
  expect = { { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "2024-Q1 尚未完成" } },
}

fixture {
  -- Q3 ends 30 September; + 5 days = 5 October. September's theme day is asked the same day.
  name = "party lecture: Q3 without one goes up to the general branch on 5 October",
  today = "2026-10-05",
  organizations = underGeneral,
  orglife = { records = {
    rec("b", "generalMeeting", "2026-08-10"), rec("b", "themeDay", "2026-09-18"),
    rec("b", "orgLifeMeeting", "2025-12-10"), rec("b", "democraticEvaluation", "2025-12-12"),
  } },
  expect = { { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "2026-Q3 未完成" } },
}

fixture {
  -- 6 July: June (ended 30 June, + 5 = 5 July) and Q2 are asked, and so is 2025 (from
  -- 15 Jan 2026). Nothing was recorded: every miss goes up, each naming its period.
  name = "escalation: a branch that recorded nothing has every previous period reported on 6 July",
  today = "2026-07-06",
  organizations = underGeneral,
  expect = {
    { rule = "orglife-theme-day-monthly", organization = "b", contains = "2026-06 未完成" },
    { rule = "orglife-general-meeting-quarterly", organization = "b", contains = "2026-Q2 未完成" },
    { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "2026-Q2 未完成" },
    { rule = "orglife-org-life-meeting-yearly", organization = "b", contains = "2025 未完成" },
    { rule = "orglife-democratic-evaluation-yearly", organization = "b", contains = "2025 未完成" },
  },
}

---------------------------------------------------------------------------------------------
-- orglife-committee-meeting-monthly (applies_to has_committee = true)
-- Fixtures cannot elect committee seats, so only "does not apply" can be shown here.
---------------------------------------------------------------------------------------------

fixture {
  -- 29 May is in the 3-day stage of May; a branch with a committee and no committee meeting
  -- would be reminded. This one has none: only the theme day is asked, and it was held.
  name = "committee meeting: not asked of a branch without a committee (29 May)",
  today = "2026-05-29",
  organizations = { branch },
  orglife = { records = { rec("b", "themeDay", "2026-05-08") } },
  expect = {},
}

fixture {
  -- 8 June: May is asked again (31 May + 5 = 5 June); no committee meeting goes up either.
  name = "committee meeting: nothing goes up for a branch without a committee (8 June)",
  today = "2026-06-08",
  organizations = underGeneral,
  orglife = { records = with(mayEscalationsDone, rec("b", "themeDay", "2026-05-08")) },
  expect = {},
}

---------------------------------------------------------------------------------------------
-- orglife-group-meeting-monthly: a party group under a branch; the group's members are held by
-- the branch, so its records name the branch's members. The group's escalation goes to the
-- branch's secretary; the branch itself sits under the root (no one above to escalate to).
---------------------------------------------------------------------------------------------

local withGroup = { branch, { key = "g", parent = "b", name = "一中支部第一党小组", kind = "group" } }
local branchMembers = { full("li", "b", "李强"), full("wang", "b", "王芳") }

fixture {
  name = "group meeting: held in April and May, quiet on 26 May",
  today = "2026-05-26",
  organizations = withGroup,
  members = branchMembers,
  orglife = { records = {
    rec("g", "groupMeeting", "2026-04-15T19:00", { "li", "wang" }),
    rec("g", "groupMeeting", "2026-05-12T19:00", { "li", "wang" }),
    rec("b", "themeDay", "2026-05-08", { "li", "wang" }),
  } },
  expect = {},
}

fixture {
  -- 31 - 3 = 28: 29 May is in the 3-day stage. April's meeting does not count for May.
  name = "group meeting: none in May, the group's secretary is told on 29 May",
  today = "2026-05-29",
  organizations = withGroup,
  members = branchMembers,
  orglife = { records = {
    rec("g", "groupMeeting", "2026-04-15T19:00", { "li", "wang" }),
    rec("b", "themeDay", "2026-05-08", { "li", "wang" }),
  } },
  expect = { { rule = "orglife-group-meeting-monthly", organization = "g", contains = "请于 2026-05-31 前完成" } },
}

fixture {
  -- 31 May + 5 = 5 June: May is asked again and the miss goes to the branch's secretary.
  name = "group meeting: none in May goes up to the branch on 5 June",
  today = "2026-06-05",
  organizations = withGroup,
  members = branchMembers,
  orglife = { records = {
    rec("g", "groupMeeting", "2026-04-15T19:00", { "li", "wang" }),
    rec("g", "groupMeeting", "2026-06-02T19:00", { "li" }),
    rec("b", "themeDay", "2026-05-08", { "li", "wang" }),
  } },
  expect = { { rule = "orglife-group-meeting-monthly", organization = "g", contains = "2026-05 未完成" } },
}
