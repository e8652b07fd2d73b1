import Dangjian
import Foundation
import RegionalCouncil

/// The coverage check (双联系人全覆盖): which sub-councils lack a liaison, and who liaises with
/// more sub-councils than the quota allows.
extension Liaisons {
    public func coverage(of committeeID: Int64, by actor: Principal) async throws -> LiaisonCoverage {
        let quota = self.quota
        return try await host.store.read { s in
            _ = try Councils.readable(committeeID, actor: actor, in: s)
            // Every committee's state: a person's quota counts their assignments everywhere.
            let state = try LiaisonState.load(committeeID: nil, in: s)
            let subs = state.subCouncils(of: committeeID)
            let gaps = state.gaps(of: committeeID)
            var readable: [Int64: Bool] = [committeeID: true]
            let over = try state.overQuota(of: committeeID, quota: quota) { sub in
                if let known = readable[sub.committeeID] { return known }
                let may = try Self.mayRead(committee: sub.committeeID, actor: actor, in: s)
                readable[sub.committeeID] = may
                return may
            }
            return LiaisonCoverage(
                committeeID: committeeID, maxSubCouncilsPerPerson: quota, subCouncils: subs.count,
                covered: subs.filter { sub in !gaps.contains { $0.subCouncilID == sub.id } }.count,
                gaps: gaps, overQuota: over.map(\.entry))
        }
    }

    /// Whether the caller sees the committee (`Councils.readable`), as a yes or no.
    static func mayRead(committee committeeID: Int64, actor: Principal, in s: any SQLSession) throws -> Bool {
        do {
            _ = try Councils.readable(committeeID, actor: actor, in: s)
            return true
        } catch let error as DangjianError where error == DangjianError.notFound(Councils.committee) {
            return false
        }
    }
}
