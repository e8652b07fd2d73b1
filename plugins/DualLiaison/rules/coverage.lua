-- 双联系人全覆盖。种子 000：“落实局领导班子成员每人联系一个分会制度……党委办公室每位同志也联系一个分会”。
-- Every sub-council has a leader liaison and a staff liaison. The secretary of the organisation
-- holding the committee is told once about each gap; a gap that reopens later (the next liaison
-- leaves) is told again, since its key carries the day the role fell vacant.

local holders = { "committee", "generalBranch", "branch", "jointBranch" }

rule {
  id = "liaison-coverage",
  title = "每个分会配齐领导联系人和党办联系人",
  source = "宝山区教育局党委 区域化党建研究新机制（种子 000）2017",
  applies_to = { kind = holders },
  check = function(org, today)
    local intents = {}
    for _, committee in ipairs(dj.council.hosted(org.id).committees) do
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
