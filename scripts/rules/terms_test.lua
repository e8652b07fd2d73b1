-- Fixtures for terms.lua: `dangjian rules test scripts/rules`

fixture {
  name = "a branch term from a leap day ends on 28 February, 30 days ahead",
  today = "2027-01-29",
  organizations = { { key = "b", name = "一中支部", kind = "branch", term_start = "2024-02-29" } },
  expect = { { rule = "term-ends-soon", organization = "b", contains = "2027-02-28" } },
}

fixture {
  name = "91 days before the end nothing is due yet",
  today = "2026-04-10",
  organizations = { { key = "b", name = "一中支部", kind = "branch", term_start = "2023-07-10" } },
  expect = {},
}

fixture {
  name = "a committee's five-year term, 7 days ahead",
  today = "2029-03-25",
  organizations = { { key = "c", name = "二中党委", kind = "committee", term_start = "2024-04-01" } },
  expect = { { rule = "term-ends-soon", organization = "c", contains = "还有 7 天" } },
}

fixture {
  name = "an organisation without a term is left alone",
  today = "2026-06-15",
  organizations = { { key = "b", name = "三中支部", kind = "branch" } },
  expect = {},
}
