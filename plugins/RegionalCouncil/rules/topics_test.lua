-- Fixtures for topics.lua (党建课题): `dangjian rules test plugins/RegionalCouncil/rules`
--
-- council-review-deadline (a rule, asked every day): left = days from today to the awaited
-- review's due date. 0 ≤ left ≤ 3: the 3-day notice; 4 ≤ left ≤ 14: the 14-day notice;
-- left < 0: overdue, told to the lead unit's secretary and to its parent's secretary.
-- Only the topic's lead unit (its first unit) is asked; a partner unit is not.
--
-- council-every-secretary-topic (a rule): while a call of a committee the unit belongs to is
-- open and 0 ≤ days to its closing ≤ 14, a member unit with no active topic (applied,
-- approved, kicked off or past midterm, as lead or as partner) is told.
--
-- The meeting reminders of meetings.lua run in these fixtures too. The bureau (holding the
-- committee) and 一中支部 (convening the sub-council) sit directly under the root, so their
-- escalations reach no one; where a fixture's day falls in a plenary (31 May–30 June), sub-council
-- (15–30 June) or lecture (last 8 days of a month) stage, that meeting is recorded.

local function full(key, org, name)
  return { key = key, organization = org, name = name, status = "full", appliedOn = "2015-03-01",
           activistOn = "2015-09-01", candidateOn = "2016-10-01", admittedOn = "2017-06-01", fullOn = "2018-06-01" }
end

local organizations = {
  { key = "bureau", name = "区教育局党委", kind = "committee" },
  { key = "a", name = "一中支部", kind = "branch" },
  { key = "z", name = "城区学校党总支", kind = "generalBranch" },
  { key = "b", parent = "z", name = "二小支部", kind = "branch" },
  { key = "c", name = "三中支部", kind = "branch" },
  -- In no sub-council: no call concerns it.
  { key = "x", parent = "z", name = "四中支部", kind = "branch" },
}

local members = { full("li", "b", "李强"), full("wang", "a", "王芳"), full("zhao", "c", "赵敏") }

-- The 2026 call is open from 1 March to 30 April.
local function council(topics, meetings)
  return { committees = { {
    key = "edu", name = "教育专委会", organization = "bureau",
    subcouncils = { { key = "s1", name = "第一分会", convener = "a", units = { "a", "b", "c" } } },
    calls = { { year = 2026, opens_on = "2026-03-01", closes_on = "2026-04-30" } },
    topics = topics or {},
    meetings = meetings or {},
  } } }
end

---------------------------------------------------------------------------------------------
-- council-every-secretary-topic
---------------------------------------------------------------------------------------------

fixture {
  -- 30 April - 16 April = 14 days: the first day of the reminder. Every member unit without a
  -- topic is told; 四中支部 is in no sub-council, so no call is open for it. (April's lecture
  -- stage starts on 23 April.)
  name = "every secretary: 16 April, 14 days before the call closes; units without a topic are told",
  today = "2026-04-16",
  organizations = organizations,
  members = members,
  council = council(),
  expect = {
    { rule = "council-every-secretary-topic", organization = "a", contains = "请于 2026-04-30 前申报" },
    { rule = "council-every-secretary-topic", organization = "b", contains = "请于 2026-04-30 前申报" },
    { rule = "council-every-secretary-topic", organization = "c", contains = "请于 2026-04-30 前申报" },
  },
}

fixture {
  -- 30 April - 15 April = 15 days: one day too early.
  name = "every secretary: 15 April, 15 days before the call closes, quiet",
  today = "2026-04-15",
  organizations = organizations,
  members = members,
  council = council(),
  expect = {},
}

fixture {
  -- 20 April is 10 days before closing. A joint topic of 一中支部 (lead) and 二小支部 (partner),
  -- applied on 10 March, covers both; only 三中支部 has none.
  name = "every secretary: a joint topic covers its lead and its partner unit (20 April)",
  today = "2026-04-20",
  organizations = organizations,
  members = members,
  council = council({ { title = "区域化党建联建机制研究", year = 2026, units = { "a", "b" }, lead = "wang", applied_on = "2026-03-10" } }),
  expect = { { rule = "council-every-secretary-topic", organization = "c", contains = "本单位尚无在研课题" } },
}

fixture {
  -- The call's last day (0 days left) still reminds. 二小支部's topic, approved on 25 April, is
  -- active; its kick-off is due 25 June (approval + 2 months), 56 days away, so no review
  -- notice. April's lecture stage (23–30 April) is open: the bureau held one on 10 April.
  name = "every secretary: 30 April, the last day of the call; an approved topic counts as active",
  today = "2026-04-30",
  organizations = organizations,
  members = members,
  council = council(
    { { title = "党建带团建实践研究", year = 2026, units = { "b" }, lead = "li", applied_on = "2026-04-01", approved_on = "2026-04-25" } },
    { { kind = "lecture", held_at = "2026-04-10" } }),
  expect = {
    { rule = "council-every-secretary-topic", organization = "a", contains = "2026 年度党建研究课题申报" },
    { rule = "council-every-secretary-topic", organization = "c", contains = "2026 年度党建研究课题申报" },
  },
}

fixture {
  -- 1 May: the call closed on 30 April, no call is open, nothing to remind of.
  name = "every secretary: 1 May, the call closed the day before, quiet",
  today = "2026-05-01",
  organizations = organizations,
  members = members,
  council = council(),
  expect = {},
}

---------------------------------------------------------------------------------------------
-- council-review-deadline: 二小支部 (under 城区学校党总支) leads a joint topic with 一中支部;
-- approved 1 May, kick-off report due 1 July.
---------------------------------------------------------------------------------------------

local jointTopic = { { title = "课题一：区域化党建资源共享研究", year = 2026, units = { "b", "a" }, lead = "li",
                       applied_on = "2026-03-10", approved_on = "2026-05-01", kickoff_due = "2026-07-01" } }
-- In the plenary (from 31 May) and sub-council (from 15 June) stages both were held.
local juneMeetings = { { kind = "plenary", held_at = "2026-04-10" }, { kind = "subCouncil", subcouncil = "s1", held_at = "2026-05-20" } }
-- From 23 June June's lecture stage is open too.
local lateJuneMeetings = { juneMeetings[1], juneMeetings[2], { kind = "lecture", held_at = "2026-06-05" } }

fixture {
  -- 1 July - 17 June = 14 days: the 14-day stage. The lead unit is told; the partner is not.
  name = "review deadline: 17 June, 14 days before the kick-off is due; only the lead unit is told",
  today = "2026-06-17",
  organizations = organizations,
  members = members,
  council = council(jointTopic, juneMeetings),
  expect = { { rule = "council-review-deadline", organization = "b", contains = "开题报告材料请于 2026-07-01 前提交" } },
}

fixture {
  -- 1 July - 16 June = 15 days: before the first stage.
  name = "review deadline: 16 June, 15 days before the kick-off is due, quiet",
  today = "2026-06-16",
  organizations = organizations,
  members = members,
  council = council(jointTopic, juneMeetings),
  expect = {},
}

fixture {
  -- 1 July - 28 June = 3 days: the 3-day stage.
  name = "review deadline: 28 June, 3 days before the kick-off is due",
  today = "2026-06-28",
  organizations = organizations,
  members = members,
  council = council(jointTopic, lateJuneMeetings),
  expect = { { rule = "council-review-deadline", organization = "b", contains = "请于 2026-07-01 前提交" } },
}

fixture {
  -- On the due date itself (0 days left) the document is not late yet: still the 3-day stage.
  name = "review deadline: 1 July, the due date itself, is not yet overdue",
  today = "2026-07-01",
  organizations = organizations,
  members = members,
  council = council(jointTopic, lateJuneMeetings),
  expect = { { rule = "council-review-deadline", organization = "b", contains = "请于 2026-07-01 前提交" } },
}

fixture {
  -- 2 July is 1 day after the due date: 二小支部's secretary and 城区学校党总支's secretary are
  -- both told (the parent's notice names the unit); the partner 一中支部 is told nothing.
  name = "review deadline: 2 July, 1 day overdue, the lead unit and its parent are told",
  today = "2026-07-02",
  organizations = organizations,
  members = members,
  council = council(jointTopic, lateJuneMeetings),
  expect = {
    { rule = "council-review-deadline", organization = "b", contains = "「二小支部」课题开题报告材料已逾期" },
    { rule = "council-review-deadline", organization = "b", contains = "已逾期 1 天" },
  },
}

fixture {
  -- 三中支部 sits directly under the root, which has no secretary account: 2 July is 1 day
  -- past the due date, and only its own secretary is told (one notice, not two).
  name = "review deadline: 2 July overdue for a lead unit under the root, only its own secretary",
  today = "2026-07-02",
  organizations = organizations,
  members = members,
  council = council({ { title = "课题二：党员志愿服务研究", year = 2026, units = { "c" }, lead = "zhao",
                        applied_on = "2026-03-12", approved_on = "2026-05-01", kickoff_due = "2026-07-01" } }, lateJuneMeetings),
  expect = { { rule = "council-review-deadline", organization = "c", contains = "课题开题报告材料已逾期" } },
}

fixture {
  -- 三中支部 is a unit of two committees: 教育专委会's call closes 31 May (41 days away), 卫生专委会's
  -- 30 April (10 days away). The call closing first counts, so 三中 is told about 30 April; a topic
  -- under way in the education committee does not cover the health committee's call.
  name = "every secretary: of two open calls the one closing first counts, per committee",
  today = "2026-04-20",
  organizations = organizations,
  members = members,
  council = { committees = {
    { key = "edu", name = "教育专委会", organization = "bureau",
      subcouncils = { { key = "s1", name = "第一分会", convener = "a", units = { "a", "c" } } },
      calls = { { year = 2026, opens_on = "2026-03-01", closes_on = "2026-05-31" } },
      topics = { { title = "三中课题", units = { "c" }, lead = "zhao", applied_on = "2026-03-10" } },
      meetings = { { kind = "lecture", held_at = "2026-04-02" } } },
    -- Set up on 1 April, it owes no Q1 sub-council meeting.
    { key = "health", name = "卫生专委会", organization = "z", established_on = "2026-04-01",
      subcouncils = { { key = "h1", name = "卫生分会", convener = "b", units = { "c" }, established_on = "2026-04-01" } },
      calls = { { year = 2026, opens_on = "2026-03-01", closes_on = "2026-04-30" } } },
  } },
  expect = { { rule = "council-every-secretary-topic", organization = "c", contains = "请于 2026-04-30 前申报" } },
}
