import Dangjian
import DangjianLua

/// A fixture's `orglife = { … }`, stored through the ledger's own checks:
///
///     orglife = {
///       records = { { organization = "b", kind = "themeDay", held_at = "2026-06-05",
///                     attendees = { "li" }, absentees = { "wang" }, class_hours = 2 } },
///     }
///
/// `organization` and the members are the fixture's keys.
struct LedgerFixture {
    let host: DangjianHost
    let fixture: FixtureData

    func load(_ value: LuaValue) async throws {
        let ledger = Ledger(host: host)
        for (index, entry) in (value["records"].table?.array ?? []).enumerated() {
            func members(_ field: String) throws -> [Int64] {
                try (entry[field].table?.array ?? []).map { key in
                    guard let id = key.string.flatMap({ fixture.members[$0] }) else {
                        throw LuaError(
                            kind: .badValue,
                            message: "orglife.records[\(index + 1)].\(field): no member with key \(key)")
                    }
                    return id
                }
            }
            guard let organization = entry["organization"].string.flatMap({ fixture.organizations[$0] }) else {
                throw LuaError(
                    kind: .badValue,
                    message: "orglife.records[\(index + 1)]: organization must name a fixture organisation's key")
            }
            let hours = entry["class_hours"].number
            _ = try await ledger.record(
                LedgerRecordDraft(
                    organizationID: organization, kind: entry["kind"].string, heldAt: entry["held_at"].string,
                    topic: entry["topic"].string ?? "测试记录",
                    attendees: try members("attendees").map { .init(memberID: $0, classHours: hours) },
                    absentees: try members("absentees").map { .init(memberID: $0, reason: "请假") }), by: .system)
        }
    }
}
