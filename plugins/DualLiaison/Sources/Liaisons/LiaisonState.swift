import Dangjian
import Foundation
import RegionalCouncil

/// The liaison system as it stands, for one committee (the API) or every committee (a rule
/// sweep), in a few queries whatever the number of sub-councils.
struct LiaisonState: Sendable {
    struct SubCouncil: Sendable {
        let id: Int64
        let name: String
        let committeeID: Int64
        /// The convener's path: rules read a sub-council inside their subtree only.
        let path: String
    }

    /// Committee id → its organisation's path.
    var committees: [Int64: String] = [:]
    var subCouncils: [SubCouncil] = []
    var current: [Int64: [LiaisonRole: Liaisons.Held]] = [:]
    /// Per sub-council and role, the day after the last liaison left.
    var vacantSince: [Int64: [LiaisonRole: Day]] = [:]

    static func load(committeeID: Int64?, in s: any SQLSession) throws -> LiaisonState {
        func only(_ column: String) -> (sql: String, arguments: [SQLValue]) {
            committeeID.map { ("\(column) = ?", [.integer($0)]) } ?? ("1 = 1", [])
        }
        var state = LiaisonState()
        let committees = committeeID.map { [$0] }
        for committee in try CouncilDirectory.committees(ids: committees, in: s) {
            state.committees[committee.id] = committee.path
        }
        state.subCouncils = try CouncilDirectory.subCouncils(ofCommittees: committees, in: s).map {
            SubCouncil(id: $0.id, name: $0.name, committeeID: $0.committeeID, path: $0.convenerPath)
        }
        let assigned = only("a.committee_id")
        for held in try Liaisons.assignments("a.to_on IS NULL AND \(assigned.sql)", assigned.arguments, in: s) {
            state.current[held.assignment.subCouncilID, default: [:]][held.assignment.role] = held
        }
        let ended = only("committee_id")
        for row in try s.query(
            """
            SELECT subcouncil_id, role, MAX(to_on) AS last FROM liaison_assignments WHERE to_on IS NOT NULL AND \(ended.sql)
            GROUP BY subcouncil_id, role
            """, ended.arguments)
        {
            state.vacantSince[try row.int64("subcouncil_id"), default: [:]][try row.enumValue("role")] = try row.day(
                "last"
            ).adding(days: 1)
        }
        return state
    }

    func subCouncils(of committeeID: Int64) -> [SubCouncil] { subCouncils.filter { $0.committeeID == committeeID } }

    func subCouncil(_ id: Int64) -> SubCouncil? { subCouncils.first { $0.id == id } }

    /// Each sub-council of the committee without a liaison in a role, leader first.
    func gaps(of committeeID: Int64) -> [LiaisonCoverage.Gap] {
        subCouncils(of: committeeID).flatMap { sub in
            LiaisonRole.allCases.filter { current[sub.id]?[$0] == nil }.map {
                LiaisonCoverage.Gap(
                    subCouncilID: sub.id, subCouncil: sub.name, role: $0, vacantSince: vacantSince[sub.id]?[$0])
            }
        }
    }

    /// A person liaising with more sub-councils in a role than the quota allows.
    struct Excess {
        let entry: LiaisonCoverage.OverQuota
        /// The path of the person's organisation, which rules check their scope against.
        let path: String
        /// The latest start among the person's assignments in the role.
        let since: Day
    }

    /// The committee's current liaisons who hold more assignments in their role than `quota`,
    /// counted over every committee: call it on a state loaded for every committee. Places
    /// outside this committee are named only where `visible` says so, and counted otherwise.
    func overQuota(of committeeID: Int64, quota: Int, visible: (SubCouncil) throws -> Bool) rethrows -> [Excess] {
        var held: [String: [(sub: SubCouncil, held: Liaisons.Held)]] = [:]
        for sub in subCouncils {
            for (role, one) in current[sub.id] ?? [:] {
                held["\(one.assignment.memberID):\(role.rawValue)", default: []].append((sub, one))
            }
        }
        return try held.values.filter { places in
            places.count > quota && places.contains { $0.sub.committeeID == committeeID }
        }
        .sorted {
            ($0[0].held.assignment.memberID, $0[0].held.assignment.role.rawValue) < (
                $1[0].held.assignment.memberID, $1[0].held.assignment.role.rawValue
            )
        }
        .map { places in
            let shown = try places.filter { try $0.sub.committeeID == committeeID || visible($0.sub) }
            let first = places[0].held
            return Excess(
                entry: LiaisonCoverage.OverQuota(
                    memberID: first.assignment.memberID, name: first.assignment.name, role: first.assignment.role,
                    subCouncils: shown.map { .init(subCouncilID: $0.sub.id, name: $0.sub.name) },
                    elsewhere: places.count - shown.count,
                    quota: quota), path: first.path, since: places.map(\.held.assignment.from).max()!)
        }
    }
}
