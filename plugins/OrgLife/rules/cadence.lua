-- 三会一课与主题党日的频次。每条提醒在期末前提示书记，期满未开则报上级党组织书记。
-- The cadence of each meeting kind (RULES.md 17–21). A district overrides any of them by id.

local branches = { "branch", "jointBranch" }

-- RULES.md 17
reminder {
  id = "orglife-general-meeting-quarterly",
  title = "支部党员大会每季度至少召开一次",
  source = "中国共产党支部工作条例（试行）2018",
  applies_to = { kind = branches },
  every = "quarter",
  done = function(org, period) return dj.orglife.count(org.id, "generalMeeting", period) >= 1 end,
  notify = { before_end = { 15, 5 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}

-- RULES.md 18: only where a branch committee has been elected.
reminder {
  id = "orglife-committee-meeting-monthly",
  title = "支委会每月至少召开一次",
  source = "中国共产党支部工作条例（试行）2018",
  applies_to = { kind = branches, has_committee = true },
  every = "month",
  done = function(org, period) return dj.orglife.count(org.id, "committeeMeeting", period) >= 1 end,
  notify = { before_end = { 7, 3 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}

-- RULES.md 19
reminder {
  id = "orglife-group-meeting-monthly",
  title = "党小组会每月至少召开一次",
  source = "中国共产党支部工作条例（试行）2018",
  applies_to = { kind = "group" },
  every = "month",
  done = function(org, period) return dj.orglife.count(org.id, "groupMeeting", period) >= 1 end,
  notify = { before_end = { 7, 3 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}

-- RULES.md 20
reminder {
  id = "orglife-party-lecture-quarterly",
  title = "党课每季度至少一次",
  source = "中国共产党支部工作条例（试行）2018",
  applies_to = { kind = branches },
  every = "quarter",
  done = function(org, period) return dj.orglife.count(org.id, "partyLecture", period) >= 1 end,
  notify = { before_end = { 15, 5 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}

-- RULES.md 21
reminder {
  id = "orglife-theme-day-monthly",
  title = "每月开展一次主题党日",
  source = "中国共产党党员教育管理工作条例 2019",
  applies_to = { kind = branches },
  every = "month",
  done = function(org, period) return dj.orglife.count(org.id, "themeDay", period) >= 1 end,
  notify = { before_end = { 7, 3 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}
