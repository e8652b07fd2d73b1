-- 专委会、分会例会与“每月一讲”。种子 000：“教育专委会每半年召开一次例会……各分会每季度召开一次例会”，
-- “定期邀请市委、区委党校的专家学者定期为党政干部开展‘每月一讲’”。
-- The committee's half-yearly plenary, each sub-council's quarterly meeting and the monthly
-- lecture. The organisation holding the committee (or convening the sub-council) is reminded;
-- a missed period goes to the organisation above. A committee or sub-council owes only the
-- periods that began on or after the day it was set up. A district overrides any of them by id.

local holders = { "committee", "generalBranch", "branch", "jointBranch" }

reminder {
  id = "council-plenary-half-yearly",
  title = "专委会每半年召开一次例会",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  every = "halfYear",
  done = function(org, period)
    for _, committee in ipairs(dj.council.hosted(org.id).committees) do
      if committee.established_on <= period.start and #dj.council.meetings("plenary", committee.id, period) == 0 then return false end
    end
    return true
  end,
  notify = { before_end = { 30, 7 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}

reminder {
  id = "council-subcouncil-quarterly",
  title = "分会每季度召开一次例会",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  every = "quarter",
  done = function(org, period)
    for _, sub in ipairs(dj.council.hosted(org.id).subcouncils) do
      if sub.established_on <= period.start and #dj.council.meetings("subCouncil", sub.id, period) == 0 then return false end
    end
    return true
  end,
  notify = { before_end = { 15, 5 }, to = "secretary" },
  escalate = { after_end = 5, to = "parent.secretary" },
}

reminder {
  id = "council-monthly-lecture",
  title = "专委会每月开展一次“每月一讲”",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  every = "month",
  done = function(org, period)
    for _, committee in ipairs(dj.council.hosted(org.id).committees) do
      if committee.established_on <= period.start and #dj.council.meetings("lecture", committee.id, period) == 0 then return false end
    end
    return true
  end,
  notify = { before_end = { 7 }, to = "secretary" },
  escalate = { after_end = 3, to = "parent.secretary" },
}
