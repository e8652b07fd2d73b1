-- A fixture pack in the shape the baseline will use.
reminder {
  id = "branch-committee-monthly",
  title = "支委会每月至少召开一次",
  source = "中国共产党支部工作条例（试行）2018",
  applies_to = { kind = "branch", has_committee = true },
  every = "month",
  done = function(org, period) return true end,
  notify = { before_end = { 7, 3 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}

on("member.statusChanged", function(event) end)
