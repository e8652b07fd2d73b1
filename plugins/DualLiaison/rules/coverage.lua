-- 双联系人全覆盖。种子 000：“落实局领导班子成员每人联系一个分会制度……党委办公室每位同志也联系一个分会”。
-- Every sub-council has a leader liaison and a staff liaison. The secretary of the organisation
-- holding the committee is told once about each gap; a gap that reopens later (the next liaison
-- leaves) is told again, since its key carries the day the role fell vacant. So is each
-- person liaising with more sub-councils in a role than the quota allows (it was lowered
-- after they took them), once, unless they take yet another later.

local holders = { "committee", "generalBranch", "branch", "jointBranch" }

rule {
  id = "liaison-coverage",
  title = "每个分会配齐领导联系人和党办联系人",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, committee in ipairs(dj.council.hosted(org.id).committees) do
      for _, over in ipairs(dj.liaison.over_quota(committee.id)) do
        local names = {}
        for _, sub in ipairs(over.subcouncils) do names[#names + 1] = "「" .. sub.name .. "」" end
        if over.elsewhere > 0 then names[#names + 1] = "其他专委会的 " .. over.elsewhere .. " 个分会" end
        intents[#intents + 1] = {
          notify = "secretary",
          title = over.name .. "作为" .. over.role_zh .. "联系的分会超过限额",
          body = "「" .. committee.name .. "」的" .. over.role_zh .. over.name .. "同时联系 " .. over.count .. " 个分会（"
            .. table.concat(names, "、") .. "），超过每人至多 " .. over.quota .. " 个的规定，请调整。",
          key = "over:" .. over.member_id .. ":" .. over.role .. ":" .. over.since,
        }
      end
      for _, gap in ipairs(dj.liaison.gaps(committee.id)) do
        local since = gap.vacant_since and ("自 " .. gap.vacant_since .. " 起空缺") or "尚未确定"
        intents[#intents + 1] = {
          notify = "secretary",
          title = "「" .. gap.name .. "」缺少" .. gap.role_zh,
          body = "「" .. committee.name .. "」的「" .. gap.name .. "」" .. gap.role_zh .. since .. "。"
            .. "按照双联系人制度，每个分会应有一名局领导班子成员和一名党委办公室同志联系。",
          key = "gap:" .. gap.subcouncil_id .. ":" .. gap.role .. ":" .. (gap.vacant_since or "never"),
        }
      end
    end
    return intents
  end,
}
