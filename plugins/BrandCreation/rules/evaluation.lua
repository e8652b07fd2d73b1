-- 展示、交流评比。种子 002：“品牌创建需有具体载体、活动形式和评价标准……定期组织品牌建设成果展示
-- 和交流评比，将品牌影响力转化为推动工作的实际效能”。

-- The rubric (评分细则) of every evaluation round: each item's `points` is its full marks and its
-- `evidence` the criterion. The host refuses a sheet that scores an item outside 0..points. A
-- district replaces the rubric by declaring score("brand-evaluation", …) in its own pack.
score("brand-evaluation", function(org, _)
  return { items = {
    { item = "品牌理念", points = 20, evidence = "立足职能和党员特长，理念鲜明，契合中心工作" },
    { item = "载体建设", points = 20, evidence = "有具体载体，如党员示范岗、课题攻坚党小组、“金点子”征集" },
    { item = "活动形式", points = 20, evidence = "活动形式经常、多样，党员参与面广" },
    { item = "评价标准", points = 15, evidence = "有自身的评价标准，可检验、可量化" },
    { item = "工作成效", points = 25, evidence = "党建与业务在目标、过程、考核上深度融合，品牌影响力转化为工作实效" },
  } }
end)

-- The round's organiser and each evaluator who still owes sheets are told 7 and 1 days before
-- scoring closes; once it has closed with sheets missing, the organiser is told to publish what
-- is in (the ranking counts the sheets received). A published round is done.
rule {
  id = "brand-scoring-deadline",
  title = "品牌评比按期评分",
  source = "市委政研室机关党建工作要点“党建+”特色品牌矩阵（种子 002）2026",
  applies_to = { kind = { "committee", "generalBranch", "branch", "jointBranch" } },
  check = function(org, today)
    local intents = {}
    for _, round in ipairs(dj.brand.rounds(org.id)) do
      local left = dj.date.days_between(today, round.deadline)
      local key = "brand-scoring:" .. round.id .. ":" .. round.deadline
      if round.missing > 0 and left >= 0 and left <= 7 then
        local stage = left <= 1 and 1 or 7
        intents[#intents + 1] = {
          notify = "secretary",
          title = "「" .. round.title .. "」评分将于 " .. round.deadline .. " 截止，尚缺 " .. round.missing .. " 份评分表",
          body = "还有 " .. left .. " 天。请督促评委按期评分。", key = key .. ":" .. stage,
        }
        for _, evaluator in ipairs(round.evaluators) do
          intents[#intents + 1] = {
            notify = "member", member = evaluator.member_id,
            title = "请于 " .. round.deadline .. " 前完成「" .. round.title .. "」评分",
            body = "您还有 " .. evaluator.missing .. " 个参评品牌未评分。", key = key .. ":" .. stage .. ":" .. evaluator.member_id,
          }
        end
      elseif left < 0 then
        intents[#intents + 1] = {
          notify = "secretary",
          title = "「" .. round.title .. "」评分已于 " .. round.deadline .. " 截止，请公布结果",
          body = round.missing > 0 and ("尚缺 " .. round.missing .. " 份评分表，排名按已收到的评分计算。") or "评分表已全部收到。",
          key = key .. ":closed",
        }
      end
    end
    return intents
  end,
}
