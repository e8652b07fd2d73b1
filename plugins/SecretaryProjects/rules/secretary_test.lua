-- Fixtures for secretary.lua (书记项目 "3+2"): `dangjian rules test plugins/SecretaryProjects/rules`
--
-- How the rules are timed (all are `rule { check = … }`, asked every day):
--   * secretary-item-overdue: left = days from today to an item's due date. 0 ≤ left ≤ 7: the
--     secretary is told; an overdue item (due date before today, not accepted) goes to the
--     secretary and to the parent's secretary, every day it stays overdue.
--   * secretary-quarterly-study: 0 ≤ days to the quarter's end ≤ 15 (from 03-16, 06-15, 09-15,
--     12-16) with no study in the quarter: the secretary is told (stage 15, then stage 5 from
--     03-26, 06-25, 09-25, 12-26). From the 5th day after a quarter ended (04-05, 07-05, 10-05,
--     01-05) on every day of the next quarter, a quarter without a study opens a rectification
--     task (`open = "task"`, matched like a notice). A quarter that began before the programme's
--     started_on is owed nothing.
--   * secretary-bulletin-due: from the 10th day after a quarter ended (04-10, 07-10, 10-10,
--     01-10) until the next quarter ends, the organisation running a programme of that quarter's
--     year is told while the quarter's bulletin is unpublished.
--   * secretary-report-due: due 15 January of the year after the programme's year; told from
--     31 days before (15 December) to the due day; from 16 January (up to 60 days late) the
--     secretary and the parent's secretary are told.
--
-- Cross-talk: every rule is asked every day, so a fixture must satisfy the duties it is not
-- about: a study in the previous quarter (else a task from its 5th day), the previous
-- quarter's bulletin (from its 10th day), and a study in the current quarter from its
-- 15-day stage. The baseline programme (2026, started 2026-01-01) is run by the bureau; the
-- project unit is 二小支部 under 城区学校党总支 under the bureau, so its escalations go to the
-- general branch's secretary. Every fixture organisation has a secretary account (FixtureRunner);
-- a notice to parent.secretary is planned on the organisation the rule ran for, and an
-- organisation directly under the hidden root has no one above it to tell.

local function full(key, org, name)
  return { key = key, organization = org, name = name, status = "full", appliedOn = "2015-03-01",
           activistOn = "2015-09-01", candidateOn = "2016-10-01", admittedOn = "2017-06-01", fullOn = "2018-06-01" }
end

local organizations = {
  { key = "bureau", name = "市教体局党委", kind = "committee" },
  { key = "z", parent = "bureau", name = "城区学校党总支", kind = "generalBranch" },
  { key = "b", parent = "z", name = "二小支部", kind = "branch" },
}

local members = { full("li", "b", "李强") }

-- "2026-Q3" stands for every bulletin of 2026 up to Q3: the bulletin rule asks for each ended
-- quarter still unpublished, so a fixture about something else has them all published.
local function through(bulletins)
  local all = {}
  for _, key in ipairs(bulletins or {}) do
    local year, q = string.match(key, "^(%d+)-Q(%d)$")
    for n = 1, tonumber(q) do all[#all + 1] = year .. "-Q" .. n end
  end
  return all
end

-- The baseline programme with 二小支部's project. `p` gives the project's items, studies and
-- report, the programme's bulletins (through the given quarter), and optionally its year and started_on.
local function secretary(p)
  p = p or {}
  return { programmes = { {
    organization = "bureau", year = p.year or 2026, started_on = p.started_on or "2026-01-01",
    projects = { { organization = "b", secretary = "li", created = p.created or "2026-01-01",
                   items = p.items or {}, studies = p.studies or {}, report = p.report } },
    bulletins = through(p.bulletins),
  } } }
end

---------------------------------------------------------------------------------------------
-- secretary-item-overdue (in May 2026: Q1 had a study on 10 Feb and its bulletin is published;
-- Q2's study window opens only on 15 June)
---------------------------------------------------------------------------------------------

local mayDone = { studies = { "2026-02-10" }, bulletins = { "2026-Q1" } }
local function may(items) return secretary({ items = items, studies = mayDone.studies, bulletins = mayDone.bulletins }) end

fixture {
  -- 27 May - 20 May = 7 days: the first day of the notice.
  name = "item: 20 May, 7 days before an item due 27 May, the secretary is told",
  today = "2026-05-20",
  organizations = organizations,
  members = members,
  secretary = may({ { title = "制定党建工作任务清单", due_on = "2026-05-27" } }),
  expect = { { rule = "secretary-item-overdue", organization = "b", contains = "「制定党建工作任务清单」将于 2026-05-27 到期" } },
}

fixture {
  -- 27 May - 19 May = 8 days: one day too early.
  name = "item: 19 May, 8 days before the due date, quiet",
  today = "2026-05-19",
  organizations = organizations,
  members = members,
  secretary = may({ { title = "制定党建工作任务清单", due_on = "2026-05-27" } }),
  expect = {},
}

fixture {
  -- The due day itself: 0 days left. The item is not overdue yet (overdue means due before
  -- today), so the parent hears nothing.
  name = "item: 27 May, the due day, 0 days left; not overdue yet",
  today = "2026-05-27",
  organizations = organizations,
  members = members,
  secretary = may({ { title = "制定党建工作任务清单", due_on = "2026-05-27" } }),
  expect = { { rule = "secretary-item-overdue", organization = "b", contains = "还有 0 天" } },
}

fixture {
  -- 24 May: one accepted item is due in 3 days, another was due 10 May. Accepted items are
  -- neither due soon nor overdue.
  name = "item: accepted items are quiet, before and after their due dates",
  today = "2026-05-24",
  organizations = organizations,
  members = members,
  secretary = may({
    { title = "建立党员示范岗", due_on = "2026-05-27", status = "accepted" },
    { title = "培育党建品牌", due_on = "2026-05-10", status = "accepted" },
  }),
  expect = {},
}

fixture {
  -- Due 20 May, today 21 May: the first day it is overdue (due date before today). The
  -- secretary and the general branch's secretary are told.
  name = "item: 21 May, the day after the due date, overdue to the secretary and the general branch",
  today = "2026-05-21",
  organizations = organizations,
  members = members,
  secretary = may({ { title = "完善组织生活台账", due_on = "2026-05-20" } }),
  expect = {
    { rule = "secretary-item-overdue", organization = "b", contains = "「二小支部」书记项目事项已逾期" },
    { rule = "secretary-item-overdue", organization = "b", contains = "应于 2026-05-20 完成，已逾期" },
  },
}

fixture {
  -- A branch directly under the hidden root running its own programme: its overdue item goes to
  -- its secretary only, as no one above it has an account. Its programme's Q1 bulletin is published.
  name = "item: overdue in a unit with no organisation above, only its secretary is told",
  today = "2026-05-21",
  organizations = { { key = "x", name = "四中支部", kind = "branch" } },
  members = { full("wu", "x", "吴刚") },
  secretary = { programmes = { {
    organization = "x", year = 2026, started_on = "2026-01-01",
    projects = { { organization = "x", secretary = "wu", created = "2026-01-05",
                   items = { { title = "完善组织生活台账", due_on = "2026-05-20" } }, studies = { "2026-02-10" } } },
    bulletins = { "2026-Q1" },
  } } },
  expect = { { rule = "secretary-item-overdue", organization = "x", contains = "书记项目事项已逾期" } },
}

---------------------------------------------------------------------------------------------
-- secretary-quarterly-study
---------------------------------------------------------------------------------------------

fixture {
  -- Q2 ends 30 June: 30 - 15 = 15 June is the first day of the 15-day stage. Q1 had a study.
  name = "study: 15 June, 15 days before Q2 ends, no study in Q2",
  today = "2026-06-15",
  organizations = organizations,
  members = members,
  secretary = secretary(mayDone),
  expect = { { rule = "secretary-quarterly-study", organization = "b", contains = "请于 2026-06-30 前召开会议专题研究部署书记项目（还有 15 天）" } },
}

fixture {
  -- 30 June - 14 June = 16 days: before the first stage.
  name = "study: 14 June, 16 days before Q2 ends, quiet",
  today = "2026-06-14",
  organizations = organizations,
  members = members,
  secretary = secretary(mayDone),
  expect = {},
}

fixture {
  -- 30 June - 25 June = 5 days: the 5-day stage.
  name = "study: 25 June, 5 days before Q2 ends",
  today = "2026-06-25",
  organizations = organizations,
  members = members,
  secretary = secretary(mayDone),
  expect = { { rule = "secretary-quarterly-study", organization = "b", contains = "还有 5 天" } },
}

fixture {
  -- A study on 20 April satisfies Q2: quiet even on its last day (0 days left).
  name = "study: held on 20 April, quiet on 30 June",
  today = "2026-06-30",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-02-10", "2026-04-20" }, bulletins = { "2026-Q1" } }),
  expect = {},
}

fixture {
  -- A study on 31 March, Q1's last day, is Q1's: no task for Q1 (from 5 April), but Q2 has none,
  -- so on 20 June (10 days left, stage 15) the secretary is told.
  name = "study: one on 31 March counts for Q1, not for Q2 (20 June)",
  today = "2026-06-20",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-03-31" }, bulletins = { "2026-Q1" } }),
  expect = { { rule = "secretary-quarterly-study", organization = "b", contains = "还有 10 天" } },
}

fixture {
  -- Q1 ended 31 March; 31 March + 5 days = 5 April: a Q1 without a study opens a
  -- rectification task. The Q1 bulletin is owed only from 10 April.
  name = "study: 5 April, the 5th day after a Q1 without a study, a rectification task",
  today = "2026-04-05",
  organizations = organizations,
  members = members,
  secretary = secretary(),
  expect = { { rule = "secretary-quarterly-study", organization = "b", contains = "整改：2026-01-01 至 2026-03-31 未研究部署书记项目" } },
}

fixture {
  -- 4 April is only the 4th day after 31 March.
  name = "study: 4 April, the 4th day after Q1, no task yet",
  today = "2026-04-04",
  organizations = organizations,
  members = members,
  secretary = secretary(),
  expect = {},
}

-- The quarterly inspection of Q1, on 3 April, recorded the missing study at 二小支部 with its own
-- rectification item. One fact, one item: on 5 April, and later in Q2, the rule opens none.
local function inspected()
  local s = secretary()
  s.programmes[1].inspections = { { quarter = "2026-Q1", inspected_on = "2026-04-03", findings = {
    { organization = "b", description = "一季度未研究部署书记项目", rectify_by = "2026-05-10" } } } }
  return s
end

fixture {
  name = "study: 5 April, the inspection's finding is Q1's one rectification item",
  today = "2026-04-05",
  organizations = organizations,
  members = members,
  secretary = inspected(),
  expect = {},
}

fixture {
  name = "study: 20 April, still no second item after the inspection's finding",
  today = "2026-04-20",
  organizations = organizations,
  members = members,
  secretary = (function() local s = inspected(); s.programmes[1].bulletins = { "2026-Q1" }; return s end)(),
  expect = {},
}

fixture {
  -- The task is asked on every day of the next quarter, not only on the 5th day: 20 May.
  name = "study: 20 May, Q1 without a study still asks for the task",
  today = "2026-05-20",
  organizations = organizations,
  members = members,
  secretary = secretary({ bulletins = { "2026-Q1" } }),
  expect = { { rule = "secretary-quarterly-study", organization = "b", contains = "整改：2026-01-01 至 2026-03-31" } },
}

fixture {
  -- The programme started on 5 March: fewer than 30 days of Q1 were left (26), so Q1 is owed
  -- nothing and there is no task on 5 April.
  name = "study: a programme started 5 March owes no Q1 study, no task on 5 April",
  today = "2026-04-05",
  organizations = organizations,
  members = members,
  secretary = secretary({ started_on = "2026-03-05", created = "2026-03-06" }),
  expect = {},
}

fixture {
  -- Nor the Q1 notice: 31 March - 20 March = 11 days (stage 15), quiet for that programme.
  name = "study: a programme started 5 March gets no Q1 notice (20 March)",
  today = "2026-03-20",
  organizations = organizations,
  members = members,
  secretary = secretary({ started_on = "2026-03-05", created = "2026-03-06" }),
  expect = {},
}

fixture {
  -- Across the year end: 31 December + 5 days = 5 January 2027, Q4 2026 had no study (Q3 had
  -- one). The Q4 bulletin is owed only from 10 January; the report, due 15 January (10 days
  -- left), was submitted on 20 December; the Q1–Q3 bulletins are published.
  name = "study: 5 January 2027, Q4 2026 without a study, a rectification task",
  today = "2027-01-05",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-08-10" }, report = "2026-12-20", bulletins = { "2026-Q3" } }),
  expect = { { rule = "secretary-quarterly-study", organization = "b", contains = "整改：2026-10-01 至 2026-12-31" } },
}

---------------------------------------------------------------------------------------------
-- secretary-bulletin-due (told to the bureau, which runs the programme)
---------------------------------------------------------------------------------------------

fixture {
  -- 31 March + 10 days = 10 April: the first day the Q1 bulletin is asked for.
  name = "bulletin: 10 April, the 10th day after Q1, not published: the bureau is told",
  today = "2026-04-10",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-02-10" } }),
  expect = { { rule = "secretary-bulletin-due", organization = "bureau", contains = "2026-Q1 督查通报" } },
}

fixture {
  -- 9 April is the 9th day after 31 March.
  name = "bulletin: 9 April, the 9th day after Q1, quiet",
  today = "2026-04-09",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-02-10" } }),
  expect = {},
}

fixture {
  name = "bulletin: the Q1 bulletin is published, quiet on 10 April",
  today = "2026-04-10",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-02-10" }, bulletins = { "2026-Q1" } }),
  expect = {},
}

fixture {
  -- 12 January 2027 is the 12th day after Q4 2026. The bureau runs a 2026 and a 2027 programme
  -- (started 1 December 2026, within a year of 2027), neither with projects: only the 2026
  -- programme owes the 2026-Q4 bulletin.
  name = "bulletin: 12 January 2027, 2026-Q4 is owed by the 2026 programme, not the 2027 one",
  today = "2027-01-12",
  organizations = organizations,
  members = members,
  secretary = { programmes = {
    { organization = "bureau", year = 2026, title = "2026年书记项目", started_on = "2026-01-01", bulletins = { "2026-Q1", "2026-Q2", "2026-Q3" } },
    { organization = "bureau", year = 2027, title = "2027年书记项目", started_on = "2026-12-01" },
  } },
  expect = { { rule = "secretary-bulletin-due", organization = "bureau", contains = "请发布「2026年书记项目」2026-Q4 督查通报" } },
}

fixture {
  -- 12 April 2027 is the 12th day after 2027-Q1, a quarter of another year than the 2026
  -- programme's: quiet. (The 2026 programme has no projects, so nothing else is asked.)
  name = "bulletin: 12 April 2027, 2027-Q1 is not owed by a 2026 programme",
  today = "2027-04-12",
  organizations = organizations,
  members = members,
  secretary = { programmes = { { organization = "bureau", year = 2026, started_on = "2026-01-01",
                                 bulletins = { "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4" } } } },
  expect = {},
}

fixture {
  -- A programme started on 2 April, after Q1 ended: it owes no Q1 bulletin (12 April). Its
  -- project has nothing owed either: Q1 began before the programme.
  name = "bulletin: a programme started 2 April owes no Q1 bulletin",
  today = "2026-04-12",
  organizations = organizations,
  members = members,
  secretary = secretary({ started_on = "2026-04-02", created = "2026-04-03" }),
  expect = {},
}

---------------------------------------------------------------------------------------------
-- secretary-report-due (the 2026 report is due 2027-01-15)
---------------------------------------------------------------------------------------------

fixture {
  -- 15 December 2026 + 31 days = 15 January 2027: the first day of the notice. Q4's study window
  -- opens only on 16 December; Q3 had a study and its bulletin is published.
  name = "report: 15 December, 31 days before 15 January, the secretary is told",
  today = "2026-12-15",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-08-10" }, bulletins = { "2026-Q3" } }),
  expect = { { rule = "secretary-report-due", organization = "b", contains = "2026 年度书记项目述职报告请于 2027-01-15 前提交" } },
}

fixture {
  -- 14 December is 32 days before 15 January.
  name = "report: 14 December, 32 days before, quiet",
  today = "2026-12-14",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-08-10" }, bulletins = { "2026-Q3" } }),
  expect = {},
}

fixture {
  -- The due day: 0 days left, still a notice to the secretary only. Q4 had a study and its
  -- bulletin is published (owed from 10 January).
  name = "report: 15 January 2027, the due day, 0 days left",
  today = "2027-01-15",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-11-10" }, bulletins = { "2026-Q4" } }),
  expect = { { rule = "secretary-report-due", organization = "b", contains = "还有 0 天" } },
}

fixture {
  name = "report: submitted on 20 December, quiet on 10 January",
  today = "2027-01-10",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-11-10" }, bulletins = { "2026-Q4" }, report = "2026-12-20" }),
  expect = {},
}

fixture {
  -- 16 January is the day after the due date: late, to the secretary and the general branch.
  name = "report: 16 January 2027, late, to the secretary and the general branch",
  today = "2027-01-16",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-11-10" }, bulletins = { "2026-Q4" } }),
  expect = {
    { rule = "secretary-report-due", organization = "b", contains = "「二小支部」书记述职报告已逾期" },
    { rule = "secretary-report-due", organization = "b", contains = "述职报告已逾期" },
  },
}

---------------------------------------------------------------------------------------------
-- What a programme owes ends with its year and begins with each unit's project
---------------------------------------------------------------------------------------------

fixture {
  -- Q1's bulletin was never published: on 12 July (12 days after Q2) both Q1 and Q2 are asked
  -- for, each once. Q2 had its study on 20 April, Q1 on 10 February.
  name = "bulletin: an unpublished Q1 is still asked for after Q2 ends, with Q2",
  today = "2026-07-12",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-02-10", "2026-04-20" } }),
  expect = {
    { rule = "secretary-bulletin-due", organization = "bureau", contains = "2026-Q1 督查通报" },
    { rule = "secretary-bulletin-due", organization = "bureau", contains = "2026-Q2 督查通报" },
  },
}

fixture {
  -- 5 April 2027 is the 5th day after 2027-Q1, a quarter outside the 2026 programme: no task,
  -- though no study was held. Every 2026 duty is done.
  name = "study: a 2026 programme asks nothing for 2027-Q1",
  today = "2027-04-05",
  organizations = organizations,
  members = members,
  secretary = secretary({ studies = { "2026-02-10", "2026-05-10", "2026-08-10", "2026-11-10" }, report = "2026-12-20",
                          bulletins = { "2026-Q4" } }),
  expect = {},
}

fixture {
  -- The unit joined on 20 June: Q1 (which began before) and Q2 (begun 1 April) are not its
  -- duty, so no task for Q1 and no Q2 notice though Q2's window is open (20 June, 10 days left).
  name = "study: a unit that joined on 20 June owes nothing for Q1 or Q2",
  today = "2026-06-20",
  organizations = organizations,
  members = members,
  secretary = secretary({ created = "2026-06-20", bulletins = { "2026-Q1" } }),
  expect = {},
}

fixture {
  -- Started on 2 January, 88 days before Q1 ends: Q1 is owed, and on 5 April a quarter without a
  -- study opens the task (a late start does not excuse a quarter that was mostly ahead).
  name = "study: a programme started 2 January owes Q1",
  today = "2026-04-05",
  organizations = organizations,
  members = members,
  secretary = secretary({ started_on = "2026-01-02", created = "2026-01-02" }),
  expect = { { rule = "secretary-quarterly-study", organization = "b", contains = "整改：2026-01-01 至 2026-03-31" } },
}
