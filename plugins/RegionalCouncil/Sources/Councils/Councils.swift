import Dangjian
import Foundation

/// The regional council's structure (联席会 → 专委会 → 分会 → member units) and the only way
/// to change its tables. Structure above a committee is the district's (writeOrganizations
/// over the council's organisation); inside a committee it is the committee's organisation's
/// (writeLedger over it, e.g. the education bureau's party office).
public final class Councils: Sendable {
    let host: DangjianHost

    public static let council = Entity("council.council", zh: "联席会", en: "Council")
    public static let committee = Entity("council.committee", zh: "专委会", en: "Committee")
    public static let subCouncil = Entity("council.subCouncil", zh: "分会", en: "Sub-council")

    public init(host: DangjianHost) { self.host = host }

    public func createCouncil(_ draft: CouncilDraft, by actor: Principal) async throws -> Council {
        let name = try Validate.text(draft.name, field: "name", max: 100)
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        return try await Self.unique(name) {
            try await self.host.store.write(actor) { tx in
                let path = try OrganizationRegistry.path(
                    of: organizationID, in: tx.session, scope: actor.scope(for: .readOrganizations))
                try actor.requireOnVisible(.writeOrganizations, over: path)
                let id = try tx.session.insert(
                    "INSERT INTO council_councils (name, organization_id, created_at) VALUES (?, ?, ?)",
                    [.text(name), .integer(organizationID), tx.timestamp])
                let council = Council(id: id, name: name, organizationID: organizationID, committees: [])
                try tx.audit(Self.council, id: id, action: "create", path: path, before: Council?.none, after: council)
                return council
            }
        }
    }

    public func createCommittee(in councilID: Int64, _ draft: CommitteeDraft, by actor: Principal) async throws
        -> Committee
    {
        let name = try Validate.text(draft.name, field: "name", max: 100)
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let established = try Validate.day(draft.establishedOn, field: "establishedOn")
        return try await Self.unique(name) {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                let since = try Self.established(established, today: tx.today)
                guard
                    let row = try s.queryOne(
                        "SELECT organization_id FROM council_councils WHERE id = ?", [.integer(councilID)]),
                    let councilPath = try OrganizationRegistry.paths(of: [try row.int64("organization_id")], in: s)
                        .values.first,
                    actor.scope(for: .readOrganizations).contains(path: councilPath)
                else { throw DangjianError.notFound(Self.council) }
                try actor.requireOnVisible(.writeOrganizations, over: councilPath)
                let path = try OrganizationRegistry.path(
                    of: organizationID, in: s, scope: actor.scope(for: .readOrganizations))
                let id = try s.insert(
                    """
                    INSERT INTO council_committees (council_id, name, organization_id, established_on, created_at) VALUES (?, ?, ?, ?, ?)
                    """, [.integer(councilID), .text(name), .integer(organizationID), SQLValue(since), tx.timestamp])
                let committee = try Self.committee(id, in: s)
                try tx.audit(
                    Self.committee, id: id, action: "create", path: path, before: Committee?.none, after: committee)
                return committee
            }
        }
    }

    /// A new charter text: the version goes up by one, the old text stays in the audit log.
    public func adoptCharter(of committeeID: Int64, _ draft: CharterDraft, by actor: Principal) async throws
        -> Committee
    {
        let text = try Validate.longText(draft.text, field: "text", max: 50_000)
        return try await host.store.write(actor) { tx in
            let access = try Self.writable(committeeID, in: tx)
            let adopted = try Validate.day(draft.adoptedOn, field: "adoptedOn") ?? tx.today
            try Validate.notFuture(adopted, field: "adoptedOn", today: tx.today)
            let before = try Self.committee(committeeID, in: tx.session)
            try tx.session.execute(
                """
                UPDATE council_committees SET charter = ?, charter_version = charter_version + 1, charter_adopted_on = ? WHERE id = ?
                """, [.text(text), SQLValue(adopted), .integer(committeeID)])
            let after = try Self.committee(committeeID, in: tx.session)
            try tx.audit(
                Self.committee, id: committeeID, action: "charter", path: access.path, before: before, after: after)
            return after
        }
    }

    public func createSubCouncil(in committeeID: Int64, _ draft: SubCouncilDraft, by actor: Principal) async throws
        -> SubCouncil
    {
        let name = try Validate.text(draft.name, field: "name", max: 100)
        guard let convener = draft.convenerID else { throw DangjianError.required("convenerID") }
        let established = try Validate.day(draft.establishedOn, field: "establishedOn")
        return try await Self.unique(name) {
            try await self.host.store.write(actor) { tx in
                let access = try Self.writable(committeeID, in: tx)
                let since = try Self.established(established, today: tx.today)
                _ = try OrganizationRegistry.path(
                    of: convener, in: tx.session, scope: actor.scope(for: .readOrganizations))
                let id = try tx.session.insert(
                    """
                    INSERT INTO council_subcouncils (committee_id, name, convener_id, established_on, created_at) VALUES (?, ?, ?, ?, ?)
                    """, [.integer(committeeID), .text(name), .integer(convener), SQLValue(since), tx.timestamp])
                let sub = try Self.subCouncils(ofCommittee: committeeID, in: tx.session).first { $0.id == id }!
                try tx.audit(
                    Self.subCouncil, id: id, action: "create", path: access.path, before: SubCouncil?.none, after: sub)
                return sub
            }
        }
    }

    /// Adds units to a sub-council, all or none. A unit already in another sub-council of the
    /// same committee is refused, naming that sub-council; one already in this one is left as it is.
    public func addUnits(to subCouncilID: Int64, _ draft: UnitsDraft, by actor: Principal) async throws -> SubCouncil {
        let ids = draft.organizationIDs ?? []
        guard !ids.isEmpty else { throw DangjianError.required("organizationIDs") }
        guard ids.count <= 500, Set(ids).count == ids.count else {
            throw DangjianError.badValue(
                "organizationIDs", zh: "单位不能重复，一次至多 500 个", en: "units must be distinct, at most 500 at a time")
        }
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let sub = try Self.subCouncilRow(subCouncilID, in: s)
            let access = try Self.writable(sub.committeeID, as: Self.subCouncil, in: tx)
            let joined = try Validate.day(draft.joinedOn, field: "joinedOn") ?? tx.today
            try Validate.notFuture(joined, field: "joinedOn", today: tx.today)
            for id in ids {
                guard let unit = try OrganizationRegistry.load(id, in: s),
                    actor.scope(for: .readOrganizations).contains(path: unit.path)
                else { throw DangjianError.notFound(.organization) }
                guard unit.kind != .group else {
                    throw DangjianError.invalid(
                        RegionalCouncilErrorCode.groupNotAUnit, field: "organizationIDs",
                        zh: "党小组「\(unit.name)」不能单独作为成员单位，请加入其所在支部",
                        en: "\(unit.name) is a party group; its branch joins instead")
                }
                guard !unit.isArchived else {
                    throw DangjianError.invalid(
                        RegionalCouncilErrorCode.unitArchived, field: "organizationIDs",
                        zh: "「\(unit.name)」已撤销，不能加入分会", en: "\(unit.name) is archived and cannot join a sub-council")
                }
                if let other = try s.queryOne(
                    """
                    SELECT u.subcouncil_id, sc.name FROM council_units u JOIN council_subcouncils sc ON sc.id = u.subcouncil_id
                    WHERE u.committee_id = ? AND u.organization_id = ?
                    """, [.integer(sub.committeeID), .integer(id)])
                {
                    if try other.int64("subcouncil_id") == subCouncilID { continue }
                    let name = try other.string("name")
                    throw DangjianError.conflict(
                        RegionalCouncilErrorCode.unitInOtherSubCouncil, field: "organizationIDs",
                        zh: "「\(unit.name)」已是本专委会「\(name)」的成员单位，一个单位只能加入一个分会",
                        en:
                            "\(unit.name) is already a member of \(name) of this committee; a unit joins one sub-council only"
                    )
                }
                try s.execute(
                    "INSERT INTO council_units (committee_id, organization_id, subcouncil_id, joined_on) VALUES (?, ?, ?, ?)",
                    [.integer(sub.committeeID), .integer(id), .integer(subCouncilID), SQLValue(joined)])
                tx.emit(Event.UnitJoined(subCouncilID: subCouncilID, organizationID: id))
            }
            let after = try Self.subCouncils(ofCommittee: sub.committeeID, in: s).first { $0.id == subCouncilID }!
            try tx.audit(
                Self.subCouncil, id: subCouncilID, action: "addUnits", path: access.path, before: sub, after: after)
            return after
        }
    }

    public func removeUnit(_ organizationID: Int64, from subCouncilID: Int64, by actor: Principal) async throws
        -> SubCouncil
    {
        try await host.store.write(actor) { tx in
            let s = tx.session
            let sub = try Self.subCouncilRow(subCouncilID, in: s)
            let access = try Self.writable(sub.committeeID, as: Self.subCouncil, in: tx)
            guard
                try s.execute(
                    "DELETE FROM council_units WHERE subcouncil_id = ? AND organization_id = ?",
                    [.integer(subCouncilID), .integer(organizationID)]) == 1
            else { throw DangjianError.notFound(.organization) }
            tx.emit(Event.UnitLeft(subCouncilID: subCouncilID, organizationID: organizationID))
            let after = try Self.subCouncils(ofCommittee: sub.committeeID, in: s).first { $0.id == subCouncilID }!
            try tx.audit(
                Self.subCouncil, id: subCouncilID, action: "removeUnit", path: access.path, before: sub, after: after)
            return after
        }
    }

    public func council(_ id: Int64, by actor: Principal) async throws -> Council {
        try await host.store.read { s in
            guard
                let row = try s.queryOne(
                    "SELECT name, organization_id FROM council_councils WHERE id = ?", [.integer(id)]),
                let councilPath = try OrganizationRegistry.paths(of: [try row.int64("organization_id")], in: s).values
                    .first
            else { throw DangjianError.notFound(Self.council) }
            let committees = try s.query(
                "SELECT id FROM council_committees WHERE council_id = ? ORDER BY id", [.integer(id)]
            )
            .map { try $0.int64("id") }
            .filter { (try? Self.readable($0, actor: actor, in: s)) != nil }
            // A council is visible to whoever sees its organisation or any of its committees.
            guard actor.scope(for: .readLedger).contains(path: councilPath) || !committees.isEmpty
            else { throw DangjianError.notFound(Self.council) }
            return Council(
                id: id, name: try row.string("name"), organizationID: try row.int64("organization_id"),
                committees: try committees.map { try Self.committee($0, in: s) })
        }
    }

    public func committee(_ id: Int64, by actor: Principal) async throws -> Committee {
        try await host.store.read { s in
            _ = try Self.readable(id, actor: actor, in: s)
            return try Self.committee(id, in: s)
        }
    }

    /// The sub-councils (with their committees) a unit belongs to.
    public func subCouncils(of organizationID: Int64, by actor: Principal) async throws -> [SubCouncil] {
        try await host.store.read { s in
            _ = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readOrganizations))
            let committees = try s.query(
                "SELECT committee_id, subcouncil_id FROM council_units WHERE organization_id = ? ORDER BY committee_id",
                [.integer(organizationID)])
            return try committees.compactMap { row in
                try Self.subCouncils(ofCommittee: try row.int64("committee_id"), in: s).first {
                    $0.id == (try? row.int64("subcouncil_id"))
                }
            }
        }
    }

    static func established(_ day: Day?, today: Day) throws -> Day {
        try Validate.notFuture(day, field: "establishedOn", today: today)
        return day ?? today
    }

    /// Names are unique per parent; a second one with the same name is a 409, not a 500.
    static func unique<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        try await UniqueViolation.refused(
            as: .conflict(
                RegionalCouncilErrorCode.duplicateName, field: "name", zh: "同名的「\(name)」已存在",
                en: "\(name) exists already"), body)
    }
}
