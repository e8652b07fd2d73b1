-- 年考评：组织生活的年度得分（满分 100），每一分都写明依据。A district replaces it by
-- declaring score("orglife-annual", …) in its own pack.

local function item(name, points, held, wanted, unit)
  local got = math.min(held, wanted)
  return { item = name, points = points * got / wanted, evidence = "全年" .. unit .. " " .. held .. " 次，应不少于 " .. wanted .. " 次" }
end

score("orglife-annual", function(org, year)
  local y = tostring(year)
  local count = function(kind) return dj.orglife.count(org.id, kind, y) end
  local items = {
    item("支部党员大会", 15, count("generalMeeting"), 4, "召开"),
    item("党课", 15, count("partyLecture"), 4, "讲授"),
    item("主题党日", 20, count("themeDay"), 12, "开展"),
    item("组织生活会", 10, count("orgLifeMeeting"), 1, "召开"),
    item("民主评议党员", 10, count("democraticEvaluation"), 1, "开展"),
  }
  if org.has_committee then
    items[#items + 1] = item("支委会", 20, count("committeeMeeting"), 12, "召开")
  else
    items[#items + 1] = { item = "支委会", points = 20, evidence = "未设支委会，不作要求" }
  end
  local attendance = dj.orglife.attendance(org.id, y)
  local rate = attendance.rate or 0
  items[#items + 1] = { item = "出席率", points = 10 * rate,
                        evidence = string.format("出席 %d 人次，缺席 %d 人次", attendance.present, attendance.absent) }
  return { items = items }
end)
