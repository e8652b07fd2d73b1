import Dangjian
import Synchronization

/// The data a sweep reads up front, in one query per kind, for `dj` functions to answer from
/// memory: no Lua call ever waits on the database.
final class SweepSnapshot: Sendable {
    private let state = Mutex<[Int64: [LuaValue]]>([:])

    func set(members: [Int64: [MemberRegistry.SweepMember]]) {
        // Converted once per sweep, not once per call.
        let converted = members.mapValues { $0.compactMap { try? LuaBridge.encode($0) } }
        state.withLock { $0 = converted }
    }

    func members(of organization: Int64, status: String) throws -> [LuaValue] {
        guard MemberStatus(rawValue: status) != nil, status != MemberStatus.full.rawValue else {
            throw LuaError(kind: .badValue, message: "dj.members: status must be applicant, activist, developmentCandidate or probationary")
        }
        return state.withLock { $0[organization] ?? [] }.filter { $0["status"].string == status }
    }
}
