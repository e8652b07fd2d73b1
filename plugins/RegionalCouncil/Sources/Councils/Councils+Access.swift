import Dangjian
import Foundation

/// Who may see and change a committee. A committee is visible to those who read the ledger
/// of its organisation, and to those who read any of its member units (a school's secretary
/// sees the committee their school belongs to). Changes inside it need writeLedger over its
/// organisation.
/// Public for the plugins that build on the council (DualLiaison), so that they scope their
/// reads and writes exactly as the council does.
extension Councils {
    public struct Access: Sendable {
        public let committeeID: Int64
        /// The committee's organisation's path.
        public let path: String
    }

    /// `entity` is what the caller asked for: a sub-council or a project of a hidden committee
    /// answers as a missing sub-council or project, never as a committee.
    public static func readable(
        _ committeeID: Int64, actor: Principal, as entity: Entity = committee, in s: any SQLSession
    ) throws -> Access {
        guard
            let row = try s.queryOne(
                "SELECT organization_id FROM council_committees WHERE id = ?", [.integer(committeeID)]),
            let path = try OrganizationRegistry.paths(of: [try row.int64("organization_id")], in: s).values.first
        else { throw DangjianError.notFound(entity) }
        let scope = actor.scope(for: .readLedger)
        if scope.contains(path: path) { return Access(committeeID: committeeID, path: path) }
        guard !scope.isEmpty,
            try OrganizationRegistry.paths(of: Array(unitIDs(ofCommittee: committeeID, in: s)), in: s).values.contains(
                where: scope.contains(path:))
        else { throw DangjianError.notFound(entity) }
        return Access(committeeID: committeeID, path: path)
    }

    public static func writable(_ committeeID: Int64, as entity: Entity = committee, in tx: Transaction) throws
        -> Access
    {
        let access = try readable(committeeID, actor: tx.actor, as: entity, in: tx.session)
        guard tx.actor.has(.writeLedger, over: access.path) else {
            throw DangjianError.forbidden(
                zh: "专委会的设置、分会和成员单位由专委会所在党组织管理",
                en: "only the committee's organisation changes the committee, its sub-councils and their units")
        }
        return access
    }

    static func committee(_ id: Int64, in s: any SQLSession) throws -> Committee {
        guard let row = try s.queryOne("SELECT * FROM council_committees WHERE id = ?", [.integer(id)]) else {
            throw DangjianError.notFound(committee)
        }
        return Committee(
            id: id, councilID: try row.int64("council_id"), name: try row.string("name"),
            organizationID: try row.int64("organization_id"), charter: try row.optionalString("charter"),
            charterVersion: try row.int("charter_version"), charterAdoptedOn: try row.optionalDay("charter_adopted_on"),
            establishedOn: try row.day("established_on"),
            subCouncils: try subCouncils(ofCommittee: id, in: s))
    }

    /// A committee's sub-councils with their units, in two queries.
    public static func subCouncils(ofCommittee id: Int64, in s: any SQLSession) throws -> [SubCouncil] {
        let rows = try s.query(
            "SELECT subcouncil_id, organization_id, joined_on FROM council_units WHERE committee_id = ?", [.integer(id)]
        )
        let labels = try OrganizationRegistry.labels(of: try rows.map { try $0.int64("organization_id") }, in: s)
        var units: [Int64: [(path: String, unit: SubCouncil.Unit)]] = [:]
        for row in rows {
            guard let label = labels[try row.int64("organization_id")] else { continue }
            units[try row.int64("subcouncil_id"), default: []].append(
                (
                    label.path,
                    .init(
                        organizationID: label.id, name: label.name, joinedOn: try row.day("joined_on"))
                ))
        }
        return try s.query(
            "SELECT id, name, convener_id, established_on FROM council_subcouncils WHERE committee_id = ? ORDER BY id",
            [.integer(id)]
        ).map {
            let sub = try $0.int64("id")
            return SubCouncil(
                id: sub, committeeID: id, name: try $0.string("name"), convenerID: try $0.int64("convener_id"),
                establishedOn: try $0.day("established_on"),
                units: (units[sub] ?? []).sorted { $0.path < $1.path }.map(\.unit))
        }
    }

    public static func subCouncilRow(_ id: Int64, in s: any SQLSession) throws -> SubCouncil {
        guard let row = try s.queryOne("SELECT committee_id FROM council_subcouncils WHERE id = ?", [.integer(id)]),
            let sub = try subCouncils(ofCommittee: try row.int64("committee_id"), in: s).first(where: { $0.id == id })
        else { throw DangjianError.notFound(subCouncil) }
        return sub
    }

    /// The committee's member units (of any of its sub-councils).
    static func unitIDs(ofCommittee id: Int64, in s: any SQLSession) throws -> Set<Int64> {
        Set(
            try s.query("SELECT organization_id FROM council_units WHERE committee_id = ?", [.integer(id)]).map {
                try $0.int64("organization_id")
            })
    }

    static func notAUnit(_ id: Int64, field: String) -> DangjianError {
        .invalid(
            RegionalCouncilErrorCode.notAUnit, field: field, zh: "单位 \(id) 不是本专委会的成员单位",
            en: "Organisation \(id) is not a member unit of this committee")
    }
}
