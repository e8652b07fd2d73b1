import Dangjian

/// The data one sweep (or one event) reads up front, in one query per kind, for `dj`
/// functions to answer from memory: no Lua call ever waits on the database.
final class SweepSnapshot: Sendable {
    private let members: [Int64: [LuaValue]]
    private let paths: [Int64: String]

    init(members: [Int64: [MemberRegistry.SweepMember]], entries: [OrganizationRegistry.SweepEntry]) {
        // Converted once per sweep, not once per call.
        self.members = members.mapValues { $0.compactMap { try? LuaBridge.encode($0) } }
        paths = Dictionary(uniqueKeysWithValues: entries.map { ($0.organization.id, $0.organization.path) })
    }

    /// Members of an organisation in a pipeline status. `scope` is the subtree of the pack
    /// asking: a district pack reads its own district only.
    func members(of organization: Int64, status: String, scope: String?) throws -> [LuaValue] {
        guard MemberStatus(rawValue: status) != nil, status != MemberStatus.full.rawValue else {
            throw LuaError(kind: .badValue, message: "dj.members: status must be applicant, activist, developmentCandidate or probationary")
        }
        if let scope, !(paths[organization]?.hasPrefix(scope) ?? false) {
            throw LuaError(kind: .badValue, message: "dj.members: organisation \(organization) is outside this pack's subtree")
        }
        return (members[organization] ?? []).filter { $0["status"].string == status }
    }
}

/// What the running call may read: set by the engine for each visit to a VM, and read only
/// on that VM's queue, which is why it can be `@unchecked Sendable`.
public final class CallContext: @unchecked Sendable {
    var snapshot: SweepSnapshot?
    var scope: String?
}
