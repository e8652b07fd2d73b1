-- 每年一次的组织生活会、民主评议党员，党员学时与谈心谈话（RULES.md 22–25）。

local branches = { "branch", "jointBranch" }

-- RULES.md 22
reminder {
  id = "orglife-org-life-meeting-yearly",
  title = "每年至少召开一次组织生活会",
  source = "中国共产党党员教育管理工作条例 2019",
  applies_to = { kind = branches },
  every = "year",
  done = function(org, period) return dj.orglife.count(org.id, "orgLifeMeeting", period) >= 1 end,
  notify = { before_end = { 60, 30 }, to = "secretary" },
  escalate = { after_end = 15, to = "parent.secretary" },
}

-- RULES.md 23
reminder {
  id = "orglife-democratic-evaluation-yearly",
  title = "每年开展一次民主评议党员",
  source = "中国共产党党员教育管理工作条例 2019",
  applies_to = { kind = branches },
  every = "year",
  done = function(org, period) return dj.orglife.count(org.id, "democraticEvaluation", period) >= 1 end,
  notify = { before_end = { 60, 30 }, to = "secretary" },
  escalate = { after_end = 15, to = "parent.secretary" },
}

-- RULES.md 24: at least 32 class hours of concentrated study a year per member.
reminder {
  id = "orglife-class-hours-yearly",
  title = "党员每年集中学习培训不少于32学时",
  source = "中国共产党党员教育管理工作条例 2019",
  applies_to = { kind = branches },
  every = "year",
  done = function(org, period)
    return #dj.orglife.short_of_hours(org.id, tonumber(string.sub(period.start, 1, 4)), 32) == 0
  end,
  notify = { before_end = { 60, 30 }, to = "secretary" },
  escalate = { after_end = 15, to = "parent.secretary" },
}

-- RULES.md 25 (local practice): a heart-to-heart talk with every member each year.
reminder {
  id = "orglife-heart-to-heart-yearly",
  title = "每年与每名党员至少谈心谈话一次",
  source = "各地党建工作责任制（地方规定）",
  applies_to = { kind = branches },
  every = "year",
  done = function(org, period) return #dj.orglife.members_without(org.id, "heartToHeartTalk", period) == 0 end,
  notify = { before_end = { 60, 30 }, to = "secretary" },
  escalate = { after_end = 15, to = "parent.secretary" },
}
