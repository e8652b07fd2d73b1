-- Fixtures for the example district pack, run over the baseline:
-- `dangjian rules test scripts/districts/example`

fixture {
  name = "the district reminds 60 days ahead instead of 90",
  today = "2026-05-31",
  organizations = { { key = "b", name = "一中支部", kind = "branch", term_start = "2023-07-10" } },
  -- The district's monthly lecture rule (orglife.lua) is quiet: May had its lecture.
  orglife = { records = { { organization = "b", kind = "partyLecture", held_at = "2026-05-10" } } },
  expect = { { rule = "term-ends-soon", organization = "b", contains = "本区提前 60 天" } },
}

fixture {
  name = "the activist reminder is switched off in the district",
  today = "2025-06-01",
  organizations = { { key = "b", name = "一中支部", kind = "branch" } },
  members = { { organization = "b", name = "钱积极", status = "activist", appliedOn = "2024-01-10", activistOn = "2024-02-29" } },
  expect = {},
}

fixture {
  name = "baseline rules the district does not change still apply",
  today = "2025-02-21",
  organizations = { { key = "b", name = "一中支部", kind = "branch" } },
  orglife = { records = { { organization = "b", kind = "partyLecture", held_at = "2025-02-10" } } },
  members = { { organization = "b", name = "李预备", status = "probationary", appliedOn = "2022-03-01", activistOn = "2022-06-01",
                candidateOn = "2023-07-01", admittedOn = "2024-02-29" } },
  expect = { { rule = "probation-ends-soon", organization = "b" } },
}
