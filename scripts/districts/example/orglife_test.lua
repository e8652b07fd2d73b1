-- Fixtures for the example district's monthly party lecture (orglife.lua), run over the
-- baselines: `dangjian rules test scripts/districts/example`
--
-- The district's orglife-party-lecture-quarterly is monthly: notify before_end {7, 3} (from
-- the 7th-last day of the month: 24 May for a 31-day month, 23 June for a 30-day month, 22 Feb
-- in a leap year), escalate after_end 5 (the previous month is asked from the 5th of the next
-- month, and a miss goes to the parent's secretary). Other baseline rules (theme day, general
-- meeting, …) still speak on these days; only this pack's rule ids must match exactly.

local function rec(org, kind, at)
  return { organization = org, kind = kind, held_at = at }
end

local branch = { key = "b", name = "一中支部", kind = "branch" }

fixture {
  -- 25 June is 5 days before 30 June (stage 7). The baseline would be content with April's
  -- lecture (Q2 has one); the district asks for one in June.
  name = "monthly lecture: June without one is reminded, although Q2 had one in April",
  today = "2026-06-25",
  organizations = { branch },
  orglife = { records = { rec("b", "partyLecture", "2026-04-15") } },
  expect = { { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "2026-06 尚未完成" } },
}

fixture {
  name = "monthly lecture: one held on 10 June, quiet on 25 June",
  today = "2026-06-25",
  organizations = { branch },
  orglife = { records = { rec("b", "partyLecture", "2026-06-10") } },
  expect = {},
}

fixture {
  -- May has 31 days: 31 - 7 = 24, the first day of the stage; April's lecture is April's.
  name = "monthly lecture: 24 May, 7 days before the end of May, April's lecture does not count",
  today = "2026-05-24",
  organizations = { branch },
  orglife = { records = { rec("b", "partyLecture", "2026-04-30T15:00") } },
  expect = { { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "请于 2026-05-31 前完成" } },
}

fixture {
  -- 23 May is 8 days before the end: not yet, even with no lecture at all this year.
  name = "monthly lecture: 23 May, 8 days before the end of May, nothing is due",
  today = "2026-05-23",
  organizations = { branch },
  expect = {},
}

fixture {
  -- Leap year: February 2024 ends on the 29th; 29 - 3 = 26 is the 3-day stage.
  name = "monthly lecture: leap February 2024, reminded on 26 Feb for 29 Feb; January's lecture is January's",
  today = "2024-02-26",
  organizations = { branch },
  orglife = { records = { rec("b", "partyLecture", "2024-01-20") } },
  expect = { { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "请于 2024-02-29 前完成" } },
}

fixture {
  name = "monthly lecture: a lecture on the leap day counts for February",
  today = "2024-02-29",
  organizations = { branch },
  orglife = { records = { rec("b", "partyLecture", "2024-02-29T09:30") } },
  expect = {},
}

fixture {
  -- 31 May + 5 days = 5 June: May is asked again and goes up to the general branch. Q1 had
  -- no lecture either: the baseline's quarterly rule would report 2026-Q1 now, but the
  -- district's rule replaces it, so no such notice may appear.
  name = "monthly lecture: May without one goes up on 5 June; the quarterly baseline is replaced",
  today = "2026-06-05",
  organizations = {
    { key = "z", name = "城区学校党总支", kind = "generalBranch" },
    { key = "b", parent = "z", name = "二小支部", kind = "branch" },
  },
  orglife = { records = { rec("b", "partyLecture", "2026-04-15") } },
  expect = { { rule = "orglife-party-lecture-quarterly", organization = "b", contains = "2026-05 未完成" } },
}

fixture {
  name = "monthly lecture: May had one, nothing goes up on 5 June",
  today = "2026-06-05",
  organizations = {
    { key = "z", name = "城区学校党总支", kind = "generalBranch" },
    { key = "b", parent = "z", name = "二小支部", kind = "branch" },
  },
  orglife = { records = { rec("b", "partyLecture", "2026-05-31T15:00") } },
  expect = {},
}
