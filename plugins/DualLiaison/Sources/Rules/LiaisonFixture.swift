import Dangjian
import DangjianLua
import RegionalCouncil

/// A fixture's `liaison = { … }`, stored through the plugin's own write path after the
/// council's part (`council = { committees = { … } }`) made the committee and its sub-councils,
/// which are named here by their names:
///
///     liaison = {
///       settings = { { committee = "教育专委会", leadership = "lead", office = "office" } },  -- organisation keys
///       liaisons = { { subcouncil = "第一分会", role = "leader", member = "wang", from = "2025-01-01", to = "2025-12-31" } },
///       log = { { member = "wang", subcouncil = "第一分会", kind = "meeting", on = "2026-02-10" } },
///       assigned_with_quota = 2,  -- optional: the quota when the liaisons were assigned (since lowered to the host's)
///     }
///
/// `committee` may be left out when there is one. A `meeting` entry names the sub-council's
/// meeting held that day, if there is one.
struct LiaisonFixture {
    let host: DangjianHost
    let fixture: FixtureData

    func load(_ value: LuaValue) async throws {
        let liaisons = Liaisons(host: host, quota: value["assigned_with_quota"].int.map { Int($0) })
        for (index, entry) in (value["settings"].table?.array ?? []).enumerated() {
            let at = "liaison.settings[\(index + 1)]"
            _ = try await liaisons.configure(
                try await committee(entry["committee"].string, at: at),
                LiaisonSettingsDraft(
                    leadershipOrganizationID: try key(
                        entry["leadership"], in: fixture.organizations, at: "\(at).leadership"),
                    officeOrganizationID: try key(entry["office"], in: fixture.organizations, at: "\(at).office")),
                by: .system)
        }
        for (index, entry) in (value["liaisons"].table?.array ?? []).enumerated() {
            let at = "liaison.liaisons[\(index + 1)]"
            let sub = try await subCouncil(entry["subcouncil"], at: at)
            let made = try await liaisons.assign(
                to: sub,
                AssignmentDraft(
                    role: entry["role"].string,
                    memberID: try key(entry["member"], in: fixture.members, at: "\(at).member"),
                    from: entry["from"].string), by: .system)
            if let to = entry["to"].string {
                _ = try await liaisons.end(at: sub, AssignmentEndDraft(role: made.role.rawValue, on: to), by: .system)
            }
        }
        for (index, entry) in (value["log"].table?.array ?? []).enumerated() {
            let at = "liaison.log[\(index + 1)]"
            let sub = try await subCouncil(entry["subcouncil"], at: at)
            let kind = entry["kind"].string ?? "meeting"
            let meeting = kind == "meeting" ? try await meetingHeld(by: sub, on: entry["on"].string) : nil
            _ = try await liaisons.log(
                LiaisonLogDraft(
                    memberID: try key(entry["member"], in: fixture.members, at: "\(at).member"), subCouncilID: sub,
                    kind: kind,
                    meetingID: meeting, on: entry["on"].string, note: entry["note"].string), by: .system)
        }
    }

    func key(_ value: LuaValue, in keys: [String: Int64], at: String) throws -> Int64 {
        guard let id = value.string.flatMap({ keys[$0] }) else {
            throw LuaError(kind: .badValue, message: "\(at) must name a fixture key, got \(value)")
        }
        return id
    }

    func committee(_ name: String?, at: String) async throws -> Int64 {
        try await unique(
            { try CouncilDirectory.committeeIDs(named: name, in: $0) }, "\(at).committee",
            what: name ?? "(the only committee)")
    }

    func subCouncil(_ name: LuaValue, at: String) async throws -> Int64 {
        guard let name = name.string else {
            throw LuaError(kind: .badValue, message: "\(at).subcouncil must name a sub-council")
        }
        return try await unique(
            { try CouncilDirectory.subCouncilIDs(named: name, in: $0) }, "\(at).subcouncil", what: name)
    }

    /// The one row a name stands for in the fixture's council.
    func unique(_ query: @Sendable @escaping (any SQLSession) throws -> [Int64], _ at: String, what: String)
        async throws -> Int64
    {
        let ids = try await host.store.read { s in try query(s) }
        guard ids.count == 1 else {
            throw LuaError(
                kind: .badValue,
                message: "\(at): \(ids.isEmpty ? "no" : "more than one") \(what) in the fixture's council data")
        }
        return ids[0]
    }

    func meetingHeld(by sub: Int64, on day: String?) async throws -> Int64? {
        guard let day = day.flatMap(Day.init) else { return nil }
        return try await host.store.read { s in try CouncilDirectory.meetingIDs(ofSubCouncil: sub, on: day, in: s).first
        }
    }
}
