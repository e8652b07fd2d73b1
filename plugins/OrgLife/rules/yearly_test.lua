-- Fixtures for yearly.lua (组织生活会、民主评议、学时、谈心谈话):
-- `dangjian rules test plugins/OrgLife/rules`
--
-- Yearly reminders: notify before_end {60, 30} of 31 December, i.e. from 1 November
-- (30 days of November + 31 of December = 61 days in the window: 1 Nov is 60 days before
-- 31 Dec) and from 1 December (30 days before); escalate after_end 15: from 15 January the
-- previous year is asked again, on every day after that, and a miss goes to the parent's
-- secretary. Class hours and talks concern full and probationary members only; a branch
-- without such members has nothing missing.
--
-- Other rules of this pack are running on the same days: in November the month's theme-day
-- stage begins on 23 Nov (30 - 7); the Q4 stage of the quarterly rules on 16 Dec (31 - 15);
-- December's theme-day stage on 24 Dec (31 - 7); in January the previous month and quarter are
-- asked from 5 January. The fixtures record those duties or pick days outside their windows.

local function rec(org, kind, at, attendees, hours)
  return { organization = org, kind = kind, held_at = at, attendees = attendees or {}, class_hours = hours }
end

local function full(key, name)
  return { key = key, organization = "b", name = name, status = "full", appliedOn = "2015-03-01",
           activistOn = "2015-09-01", candidateOn = "2016-10-01", admittedOn = "2017-06-01", fullOn = "2018-06-01" }
end

local function probationary(key, name, admitted)
  return { key = key, organization = "b", name = name, status = "probationary", appliedOn = "2022-03-01",
           activistOn = "2022-06-01", candidateOn = "2023-07-01", admittedOn = admitted }
end

local function activist(key, name)
  return { key = key, organization = "b", name = name, status = "activist", appliedOn = "2025-03-01", activistOn = "2025-09-01" }
end

local function list(...)
  local out = {}
  for _, part in ipairs({ ... }) do
    for _, r in ipairs(part) do out[#out + 1] = r end
  end
  return out
end

local branch = { key = "b", name = "一中支部", kind = "branch" }
local underGeneral = {
  { key = "z", name = "城区学校党总支", kind = "generalBranch" },
  { key = "b", parent = "z", name = "二小支部", kind = "branch" },
}

-- Everything a branch owes for the last month and quarter of 2026, so that the escalations
-- asked in January 2027 (December and Q4, from 5 January) find them done.
local q4Done2026 = {
  rec("b", "themeDay", "2026-12-18"), rec("b", "generalMeeting", "2026-10-15"), rec("b", "partyLecture", "2026-11-18"),
}

---------------------------------------------------------------------------------------------
-- orglife-org-life-meeting-yearly
---------------------------------------------------------------------------------------------

fixture {
  -- 1 November is 60 days before 31 December: the first stage. A meeting held in December
  -- 2025 belongs to 2025. November's theme-day stage starts only on 23 Nov.
  name = "org life meeting: reminded on 1 November; last December's meeting is 2025's",
  today = "2026-11-01",
  organizations = { branch },
  orglife = { records = { rec("b", "orgLifeMeeting", "2025-12-20"), rec("b", "democraticEvaluation", "2026-06-20") } },
  expect = { { rule = "orglife-org-life-meeting-yearly", organization = "b", contains = "请于 2026-12-31 前完成" } },
}

fixture {
  -- 31 October is 61 days before 31 December: no yearly reminder yet. October's theme day
  -- (stage from 24 Oct) is recorded.
  name = "yearly: 31 October, 61 days before the year ends, nothing is due",
  today = "2026-10-31",
  organizations = { branch },
  orglife = { records = { rec("b", "themeDay", "2026-10-16") } },
  expect = {},
}

fixture {
  -- 15 January 2027 = 31 December 2026 + 15 days: the first day 2026 is asked again.
  -- A meeting held in January 2027 belongs to 2027.
  name = "org life meeting: 2026 without one goes up to the general branch on 15 January",
  today = "2027-01-15",
  organizations = underGeneral,
  orglife = { records = list(q4Done2026, {
    rec("b", "democraticEvaluation", "2026-12-10"), rec("b", "orgLifeMeeting", "2027-01-10"),
  }) },
  expect = { { rule = "orglife-org-life-meeting-yearly", organization = "b", contains = "2026 未完成" } },
}

fixture {
  name = "org life meeting: on 14 January (14 days after the year ended) nothing goes up yet",
  today = "2027-01-14",
  organizations = underGeneral,
  orglife = { records = list(q4Done2026, { rec("b", "democraticEvaluation", "2026-12-10") }) },
  expect = {},
}

---------------------------------------------------------------------------------------------
-- orglife-democratic-evaluation-yearly
---------------------------------------------------------------------------------------------

fixture {
  -- 1 December is 30 days before 31 December: the second stage.
  name = "democratic evaluation: reminded on 1 December (30 days before the year ends)",
  today = "2026-12-01",
  organizations = { branch },
  orglife = { records = { rec("b", "orgLifeMeeting", "2026-07-01") } },
  expect = { { rule = "orglife-democratic-evaluation-yearly", organization = "b", contains = "2026 尚未完成" } },
}

fixture {
  -- 15 December: still before the Q4 stage (16 Dec) and December's theme-day stage (24 Dec).
  name = "yearly: meeting and evaluation held, quiet on 15 December",
  today = "2026-12-15",
  organizations = { branch },
  orglife = { records = { rec("b", "orgLifeMeeting", "2026-07-01"), rec("b", "democraticEvaluation", "2026-11-28") } },
  expect = {},
}

fixture {
  -- 20 January 2027: 2026 is asked (from 15 Jan). The evaluation held on 31 December
  -- 2025 belongs to 2025, not to 2026.
  name = "democratic evaluation: 2026 without one goes up to the general branch on 20 January",
  today = "2027-01-20",
  organizations = underGeneral,
  orglife = { records = list(q4Done2026, {
    rec("b", "orgLifeMeeting", "2026-12-10"), rec("b", "democraticEvaluation", "2025-12-31T15:00"),
  }) },
  expect = { { rule = "orglife-democratic-evaluation-yearly", organization = "b", contains = "期限 2026-12-31 已过" } },
}

---------------------------------------------------------------------------------------------
-- orglife-class-hours-yearly: at least 32 class hours per full or probationary member a year.
---------------------------------------------------------------------------------------------

-- Members of the class-hour and talk fixtures: two full members, a probationary member and an
-- activist (whom neither the hours nor the talks concern).
local people = { full("li", "李强"), full("wang", "王芳"), probationary("zhao", "赵预备", "2026-03-01"), activist("qian", "钱积极") }
local everyone = { "li", "wang", "zhao" }

-- 2026's meeting, evaluation and a talk with every member (so only class hours can be missing).
local yearDone2026 = {
  rec("b", "orgLifeMeeting", "2026-07-01", everyone),
  rec("b", "democraticEvaluation", "2026-11-05", everyone),
  rec("b", "heartToHeartTalk", "2026-04-10", everyone),
}

fixture {
  -- 20 November: the yearly stage (from 1 Nov) is open, November's theme-day stage (23 Nov)
  -- is not. li: 16 + 16 = 32 (enough: 32 is not below 32); wang: 16 + 16 = 32; zhao missed the
  -- lecture: 16 in 2026, and 24 hours on 30 December 2025 count for 2025 only.
  name = "class hours: a probationary member with 16 hours in 2026 is short (hours of 2025 do not count)",
  today = "2026-11-20",
  organizations = { branch },
  members = people,
  orglife = { records = list(yearDone2026, {
    rec("b", "studySession", "2025-12-30", { "zhao" }, 24),
    rec("b", "studySession", "2026-03-10", everyone, 16),
    rec("b", "partyLecture", "2026-06-10", { "li", "wang" }, 16),
  }) },
  expect = { { rule = "orglife-class-hours-yearly", organization = "b", contains = "请于 2026-12-31 前完成" } },
}

fixture {
  -- Everyone reaches exactly 32; the activist has none and is not counted.
  name = "class hours: every full and probationary member has 32, quiet on 20 November",
  today = "2026-11-20",
  organizations = { branch },
  members = people,
  orglife = { records = list(yearDone2026, {
    rec("b", "studySession", "2026-03-10", everyone, 16),
    rec("b", "partyLecture", "2026-06-10", everyone, 16),
  }) },
  expect = {},
}

-- A member admitted during the year owes the months since admission: from 1 July, 6/12 of 32 = 16.
local joinedInJuly = { full("li", "李强"), full("wang", "王芳"), probationary("zhao", "赵新", "2026-07-01") }

fixture {
  name = "class hours: admitted on 1 July, 16 hours are enough for 2026",
  today = "2026-11-20",
  organizations = { branch },
  members = joinedInJuly,
  orglife = { records = list(yearDone2026, {
    rec("b", "studySession", "2026-03-10", { "li", "wang" }, 16),
    rec("b", "partyLecture", "2026-09-10", everyone, 16),
  }) },
  expect = {},
}

fixture {
  name = "class hours: admitted on 1 July, 12 hours are short of the 16 owed",
  today = "2026-11-20",
  organizations = { branch },
  members = joinedInJuly,
  orglife = { records = list(yearDone2026, {
    rec("b", "studySession", "2026-03-10", { "li", "wang" }, 20),
    rec("b", "partyLecture", "2026-09-10", everyone, 12),
  }) },
  expect = { { rule = "orglife-class-hours-yearly", organization = "b", contains = "2026-12-31" } },
}

-- A leap year: hours credited on 29 February 2024 count for 2024.
local people2024 = { full("li", "李强") }
local yearDone2024 = {
  rec("b", "orgLifeMeeting", "2024-07-01", { "li" }),
  rec("b", "democraticEvaluation", "2024-11-05", { "li" }),
  rec("b", "heartToHeartTalk", "2024-04-10", { "li" }),
}

fixture {
  -- 1 December 2024 is the 30-day stage. 16 hours on the leap day + 15.5 today = 31.5 < 32.
  name = "class hours: 2024, 16 hours on 29 February and 15.5 on 1 December are 31.5, short",
  today = "2024-12-01",
  organizations = { branch },
  members = people2024,
  orglife = { records = list(yearDone2024, {
    rec("b", "studySession", "2024-02-29T14:00", { "li" }, 16),
    rec("b", "partyLecture", "2024-12-01T09:00", { "li" }, 15.5),
  }) },
  expect = { { rule = "orglife-class-hours-yearly", organization = "b", contains = "2024 尚未完成" } },
}

fixture {
  name = "class hours: 2024, 16 hours on 29 February and 16 on 30 November are 32, quiet",
  today = "2024-12-01",
  organizations = { branch },
  members = people2024,
  orglife = { records = list(yearDone2024, {
    rec("b", "studySession", "2024-02-29T14:00", { "li" }, 16),
    rec("b", "partyLecture", "2024-11-30T09:00", { "li" }, 16),
  }) },
  expect = {},
}

fixture {
  -- 1 February 2027: 2026 is asked (from 15 Jan); December and Q4 2026 too (from 5 Jan);
  -- January 2027 only from 5 February. li had 2 (Q4 lecture, default 2 hours) + 28 = 30 hours
  -- in 2026; the 10 hours of January 2027 belong to 2027.
  name = "class hours: a member with 30 hours in 2026 goes up to the general branch on 1 February",
  today = "2027-02-01",
  organizations = underGeneral,
  members = { full("li", "李强") },
  orglife = { records = {
    rec("b", "themeDay", "2026-12-18", { "li" }), rec("b", "generalMeeting", "2026-10-15", { "li" }),
    rec("b", "partyLecture", "2026-11-18", { "li" }),
    rec("b", "orgLifeMeeting", "2026-12-10", { "li" }), rec("b", "democraticEvaluation", "2026-12-12", { "li" }),
    rec("b", "heartToHeartTalk", "2026-05-20", { "li" }),
    rec("b", "studySession", "2026-09-01", { "li" }, 14), rec("b", "studySession", "2026-09-02", { "li" }, 14),
    rec("b", "studySession", "2027-01-20", { "li" }, 10),
  } },
  expect = { { rule = "orglife-class-hours-yearly", organization = "b", contains = "2026 未完成" } },
}

---------------------------------------------------------------------------------------------
-- orglife-heart-to-heart-yearly: every full and probationary member attends a talk each year.
---------------------------------------------------------------------------------------------

-- 32 hours for every member in 2026, the meeting and the evaluation, and Q4/December duties:
-- on 31 December every stage of every rule is open (Q4 from 16 Dec, December from 24 Dec).
local allButTalks2026 = list(q4Done2026, {
  rec("b", "orgLifeMeeting", "2026-07-01", everyone),
  rec("b", "democraticEvaluation", "2026-11-05", everyone),
  rec("b", "studySession", "2026-03-10", everyone, 16),
  rec("b", "studySession", "2026-06-10", everyone, 16),
})

fixture {
  -- The last day of the year (stage 30). zhao was marked absent at the talk of April, and
  -- his talk of 28 December 2025 belongs to 2025.
  name = "heart-to-heart: on 31 December a member absent from the talks is still missing",
  today = "2026-12-31",
  organizations = { branch },
  members = people,
  orglife = { records = list(allButTalks2026, {
    rec("b", "heartToHeartTalk", "2025-12-28", { "zhao" }),
    { organization = "b", kind = "heartToHeartTalk", held_at = "2026-04-10", attendees = { "li", "wang" }, absentees = { "zhao" } },
  }) },
  expect = { { rule = "orglife-heart-to-heart-yearly", organization = "b", contains = "请于 2026-12-31 前完成" } },
}

fixture {
  -- Separate talks cover every full and probationary member; the activist needs none.
  name = "heart-to-heart: every member talked to in 2026, quiet on 31 December",
  today = "2026-12-31",
  organizations = { branch },
  members = people,
  orglife = { records = list(allButTalks2026, {
    rec("b", "heartToHeartTalk", "2026-04-10", { "li", "wang" }),
    rec("b", "heartToHeartTalk", "2026-12-31T10:00", { "zhao" }),
  }) },
  expect = {},
}

fixture {
  -- 16 January 2027: 2026 is asked (from 15 Jan). zhao's talk on 5 January 2027 is 2027's.
  name = "heart-to-heart: a member without a talk in 2026 goes up to the general branch on 16 January",
  today = "2027-01-16",
  organizations = underGeneral,
  members = people,
  orglife = { records = list(allButTalks2026, {
    rec("b", "heartToHeartTalk", "2026-04-10", { "li", "wang" }),
    rec("b", "heartToHeartTalk", "2027-01-05", { "zhao" }),
  }) },
  expect = { { rule = "orglife-heart-to-heart-yearly", organization = "b", contains = "期限 2026-12-31 已过" } },
}

---------------------------------------------------------------------------------------------
-- Year end for everything at once: a branch that recorded nothing, on 31 December, hears from
-- every yearly rule but the member-based ones (it has no members), and from December's
-- theme day and Q4's meeting and lecture.
---------------------------------------------------------------------------------------------

fixture {
  name = "year end: a branch without members and records on 31 December",
  today = "2026-12-31",
  organizations = { branch },
  expect = {
    { rule = "orglife-org-life-meeting-yearly", organization = "b", contains = "2026 尚未完成" },
    { rule = "orglife-democratic-evaluation-yearly", organization = "b", contains = "2026 尚未完成" },
    { rule = "orglife-theme-day-monthly", organization = "b", contains = "2026-12 尚未完成" },
    { rule = "orglife-general-meeting-quarterly", organization = "b", contains = "2026-Q4 尚未完成" },
    { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "2026-Q4 尚未完成" },
  },
}
