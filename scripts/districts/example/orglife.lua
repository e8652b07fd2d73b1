-- 示例区县规则包：本区对党课的要求严于基线——每个支部每月至少讲一次党课（基线为每季度一次）。
-- 以同一 id 重新声明即覆盖基线规则 orglife-party-lecture-quarterly（plugins/OrgLife/rules/cadence.lua）；
-- id 保持不变，这样 `dangjian rules explain` 能看出本区版本替换的是哪一条基线规则。其余组织生活规则沿用基线。
--
-- The example district holds its branches to a monthly party lecture instead of the baseline's
-- quarterly one. Redeclaring the baseline id replaces that rule under the bound organisation;
-- the id keeps its baseline name so that `rules explain` shows what it overrides.

reminder {
  id = "orglife-party-lecture-quarterly",
  title = "本区要求：党课每月至少一次",
  source = "示例区党建工作要点 2026",
  applies_to = { kind = { "branch", "jointBranch" } },
  every = "month",
  done = function(org, period) return dj.orglife.count(org.id, "partyLecture", period) >= 1 end,
  notify = { before_end = { 7, 3 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}
