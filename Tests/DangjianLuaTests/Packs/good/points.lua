score("points", function(member) return 0 end)

rule {
  id = "term-ends-soon",
  title = "任期即将届满",
  source = "关于党的基层组织任期的意见 2018",
  applies_to = { kind = { "committee", "generalBranch", "branch" } },
  check = function(org, today) return {} end,
}

reminder {
  id = "democratic-evaluation.yearly",
  title = "每年开展一次民主评议党员",
  source = "中国共产党党员教育管理工作条例 2019",
  applies_to = { kind = "branch" },
  date = "12-31",
  done = function(org, period) return true end,
  notify = { before_end = 30, to = "secretary" },
}
