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
            let state = try LiaisonState.load(committeeID: committeeID, in: s)
            let subs = state.subCouncils(of: committeeID)
            let gaps = state.gaps(of: committeeID)
            return LiaisonCoverage(
                committeeID: committeeID, maxSubCouncilsPerPerson: quota, subCouncils: subs.count,
                covered: subs.filter { sub in !gaps.contains { $0.subCouncilID == sub.id } }.count,
                gaps: gaps, overQuota: try Self.overQuota(in: committeeID, quota: quota, s))
        }
    }

    /// The committee's current liaisons who hold more assignments in their role, counted over
    /// every committee, than `quota`.
    static func overQuota(in committeeID: Int64, quota: Int, _ s: any SQLSession) throws -> [LiaisonCoverage.OverQuota] {
        var places: [String: [LiaisonCoverage.OverQuota.Place]] = [:]
        var people: [String: (member: Int64, name: String, role: LiaisonRole)] = [:]
        for row in try s.query("""
            SELECT a.member_id, m.name, a.role, a.subcouncil_id, sc.name AS subcouncil FROM liaison_assignments a
            JOIN members m ON m.id = a.member_id JOIN council_subcouncils sc ON sc.id = a.subcouncil_id
            WHERE a.to_on IS NULL AND EXISTS (SELECT 1 FROM liaison_assignments here WHERE here.committee_id = ? AND here.to_on IS NULL
                                              AND here.member_id = a.member_id AND here.role = a.role)
            ORDER BY a.member_id, a.role, a.subcouncil_id
            """, [.integer(committeeID)]) {
            let role: LiaisonRole = try row.enumValue("role")
            let key = "\(try row.int64("member_id")):\(role.rawValue)"
            people[key] = (try row.int64("member_id"), try row.string("name"), role)
            places[key, default: []].append(.init(subCouncilID: try row.int64("subcouncil_id"), name: try row.string("subcouncil")))
        }
        return people.sorted { ($0.value.member, $0.value.role.rawValue) < ($1.value.member, $1.value.role.rawValue) }.compactMap { key, person in
            guard let held = places[key], held.count > quota else { return nil }
            return LiaisonCoverage.OverQuota(memberID: person.member, name: person.name, role: person.role, subCouncils: held, quota: quota)
        }
    }
}
