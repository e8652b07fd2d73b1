import Dangjian
import DangjianLua

/// A fixture's `council = { committees = { … } }`, stored through the plugin's own write path:
///
///     council = { committees = { {
///       key = "edu", name = "教育专委会", organization = "bureau", established_on = "2020-01-01",
///       subcouncils = { { key = "s1", name = "第一分会", convener = "a", units = { "a", "b" } } },
///       meetings = { { kind = "subCouncil", subcouncil = "s1", held_at = "2026-05-10" },
///                    { kind = "lecture", held_at = "2026-05-20", speaker = "党校专家" } },
///       calls = { { year = 2026, opens_on = "2026-03-01", closes_on = "2026-04-30" } },
///       topics = { { title = "课题", year = 2026, units = { "a" }, lead = "li", applied_on = "2026-03-10",
///                    approved_on = "2026-05-01", kickoff_due = "2026-07-01" } },
///     } } }
struct CouncilFixture {
    let host: DangjianHost
    let fixture: FixtureData

    func load(_ value: LuaValue) async throws {
        let councils = Councils(host: host)
        let topics = Topics(host: host)
        for (index, entry) in (value["committees"].table?.array ?? []).enumerated() {
            let at = "council.committees[\(index + 1)]"
            let organization = try org(entry["organization"], at: "\(at).organization")
            let council = try await councils.createCouncil(
                CouncilDraft(name: "区域化党建联席会\(index + 1)", organizationID: organization), by: .system)
            let committee = try await councils.createCommittee(
                in: council.id,
                CommitteeDraft(
                    name: entry["name"].string ?? "专委会\(index + 1)", organizationID: organization,
                    establishedOn: entry["established_on"].string ?? "2020-01-01"), by: .system)
            var subs: [String: Int64] = [:]
            for (n, sub) in (entry["subcouncils"].table?.array ?? []).enumerated() {
                let created = try await councils.createSubCouncil(
                    in: committee.id,
                    SubCouncilDraft(
                        name: sub["name"].string ?? "分会\(n + 1)",
                        convenerID: try org(sub["convener"], at: "\(at).subcouncils[\(n + 1)].convener"),
                        establishedOn: sub["established_on"].string ?? "2020-01-01"), by: .system)
                subs[sub["key"].string ?? "s\(n + 1)"] = created.id
                let units = try (sub["units"].table?.array ?? []).map {
                    try org($0, at: "\(at).subcouncils[\(n + 1)].units")
                }
                if !units.isEmpty {
                    _ = try await councils.addUnits(
                        to: created.id, UnitsDraft(organizationIDs: units, joinedOn: "2020-01-01"), by: .system)
                }
            }
            for (n, meeting) in (entry["meetings"].table?.array ?? []).enumerated() {
                let kind = meeting["kind"].string ?? "subCouncil"
                let sub = meeting["subcouncil"].string.flatMap { subs[$0] }
                // Every unit of the body attended, unless the fixture says who did.
                let units =
                    kind == "lecture"
                    ? []
                    : try await councils.committee(committee.id, by: .system).subCouncils
                        .filter { sub == nil || $0.id == sub }.flatMap(\.units).map {
                            CouncilMeetingDraft.UnitDraft(organizationID: $0.organizationID)
                        }
                _ = try await councils.record(
                    CouncilMeetingDraft(
                        kind: kind, committeeID: kind == "subCouncil" ? nil : committee.id, subCouncilID: sub,
                        heldAt: meeting["held_at"].string,
                        title: meeting["title"].string ?? "例会\(n + 1)",
                        speaker: meeting["speaker"].string ?? (kind == "lecture" ? "党校专家" : nil),
                        units: units, attendeeCount: kind == "lecture" ? Int(meeting["attendees"].int ?? 30) : nil),
                    by: .system)
            }
            var calls: [Int64: Int64] = [:]
            for call in entry["calls"].table?.array ?? [] {
                let year = call["year"].int ?? Int64(fixture.today.year)
                calls[year] = try await topics.openCall(
                    in: committee.id,
                    TopicCallDraft(
                        year: Int(year), title: "\(year) 年度党建研究课题申报", opensOn: call["opens_on"].string,
                        closesOn: call["closes_on"].string), by: .system
                ).id
            }
            for (n, topic) in (entry["topics"].table?.array ?? []).enumerated() {
                let here = "\(at).topics[\(n + 1)]"
                guard let call = calls[topic["year"].int ?? Int64(fixture.today.year)] else {
                    throw LuaError(kind: .badValue, message: "\(here): no call of that year in this committee's calls")
                }
                guard let lead = topic["lead"].string.flatMap({ fixture.members[$0] }) else {
                    throw LuaError(kind: .badValue, message: "\(here).lead must name a fixture member's key")
                }
                var made = try await topics.apply(
                    TopicDraft(
                        callID: call, title: topic["title"].string ?? "课题\(n + 1)",
                        grade: topic["grade"].string ?? "general",
                        unitIDs: try (topic["units"].table?.array ?? []).map { try org($0, at: "\(here).units") },
                        leadMemberID: lead, budget: 0, appliedOn: topic["applied_on"].string), by: .system)
                if let approved = topic["approved_on"].string {
                    made = try await topics.approve(
                        made.id,
                        TopicStepDraft(
                            on: approved, advisor: "教育学院科研室专家",
                            dueOn: topic["kickoff_due"].string), by: .system)
                }
                _ = made
            }
        }
    }

    func org(_ key: LuaValue, at: String) throws -> Int64 {
        guard let id = key.string.flatMap({ fixture.organizations[$0] }) else {
            throw LuaError(kind: .badValue, message: "\(at) must name a fixture organisation's key, got \(key)")
        }
        return id
    }
}
