-- Fixtures for development.lua: `dangjian rules test scripts/rules`

local function probationary(name, admitted)
  return { organization = "b", name = name, status = "probationary", appliedOn = "2022-03-01",
           activistOn = "2022-06-01", candidateOn = "2023-07-01", admittedOn = admitted }
end

fixture {
  name = "probation from a leap day ends on 28 February; 7 days ahead",
  today = "2025-02-21",
  organizations = { { key = "b", name = "一中支部", kind = "branch" } },
  members = { probationary("李预备", "2024-02-29") },
  expect = { { rule = "probation-ends-soon", organization = "b", contains = "2025-02-28" } },
}

fixture {
  name = "probation from a month end, 30 days ahead; 31 days ahead is not yet",
  today = "2026-01-01",
  organizations = { { key = "b", name = "一中支部", kind = "branch" } },
  members = { probationary("王月末", "2025-01-31"), probationary("赵未到", "2025-02-01") },
  expect = { { rule = "probation-ends-soon", organization = "b", contains = "王月末" } },
}

fixture {
  name = "an activist from a leap day is ready on 28 February, not the day before",
  today = "2025-02-28",
  organizations = { { key = "b", name = "一中支部", kind = "branch" } },
  members = {
    { organization = "b", name = "钱积极", status = "activist", appliedOn = "2024-01-10", activistOn = "2024-02-29" },
    { organization = "b", name = "孙新近", status = "activist", appliedOn = "2024-01-10", activistOn = "2024-03-01" },
  },
  expect = { { rule = "activist-trained-a-year", organization = "b", contains = "钱积极" } },
}

local function applicant(name, applied, talked)
  return { organization = "b", name = name, status = "applicant", appliedOn = applied, talkedOn = talked }
end

fixture {
  name = "an applicant not talked to: a week before the month is up; talked-to and new applicants are quiet",
  today = "2026-06-15",
  organizations = { { key = "b", name = "一中支部", kind = "branch" } },
  members = { applicant("周申请", "2026-05-20"), applicant("吴已谈", "2026-05-20", "2026-05-28"), applicant("郑刚交", "2026-06-10") },
  expect = { { rule = "applicant-talk-within-a-month", organization = "b", contains = "周申请" } },
}

fixture {
  name = "an application on 31 January is due on 28 February; a day later it goes up to the general branch",
  today = "2026-03-01",
  organizations = {
    { key = "z", name = "城区学校党总支", kind = "generalBranch" },
    { key = "b", parent = "z", name = "二小支部", kind = "branch" },
  },
  members = { applicant("冯月末", "2026-01-31") },
  expect = {
    { rule = "applicant-talk-within-a-month", organization = "b", contains = "2026-02-28" },
    { rule = "applicant-talk-within-a-month", organization = "b", contains = "2026-02-28" },
  },
}
