reminder {
  id = "branch-committee-monthly",
  title = "支委会每月至少召开一次",
  source = "BRANCH 2018",
  applies_to = { kind = "brunch" },
  every = "month",
  done = function() return true end,
  notfy = { before_end = { 7 }, to = "secretary" },
}

reminder {
  title = "没有 id",
  source = "x",
  applies_to = { kind = "branch" },
  every = "fortnight",
  done = true,
}
