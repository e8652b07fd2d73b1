import Dangjian
import Foundation
import RegionalCouncil

/// The dual-liaison system (双联系人制度) of a council committee, and the only way to change
/// its tables. Like the committee's own structure, it is the committee organisation's to keep
/// (writeLedger over it, e.g. the bureau's party office) and visible to whoever sees the
/// committee (`Councils.readable`).
public final class Liaisons: Sendable {
    let host: DangjianHost

    public static let settingsEntity = Entity("liaison.settings", zh: "双联系人设置", en: "Liaison settings")
    public static let assignment = Entity("liaison.assignment", zh: "分会联系人", en: "Sub-council liaison")

    /// Another quota than the host's: fixtures assign under the quota in force back then.
    let assignedWithQuota: Int?

    public convenience init(host: DangjianHost) { self.init(host: host, quota: nil) }

    init(host: DangjianHost, quota: Int?) {
        self.host = host
        self.assignedWithQuota = quota
    }

    /// How many sub-councils one person may liaise with per role: `plugins.settings`.
    var quota: Int { assignedWithQuota ?? Self.quota(host.configuration.settings(of: DualLiaisonPlugin.pluginID)) }

    /// Names the organisations liaisons come from. Changing them later keeps the assignments
    /// made under the old ones; new ones are checked against the new.
    public func configure(_ committeeID: Int64, _ draft: LiaisonSettingsDraft, by actor: Principal) async throws
        -> LiaisonSettings
    {
        guard let leadership = draft.leadershipOrganizationID else {
            throw DangjianError.required("leadershipOrganizationID")
        }
        guard let office = draft.officeOrganizationID else { throw DangjianError.required("officeOrganizationID") }
        guard leadership != office else {
            throw DangjianError.invalid(
                DualLiaisonErrorCode.sameOrganization, field: "officeOrganizationID",
                zh: "领导班子和党委办公室应为不同的党组织", en: "The leadership and the party office must be different organisations")
        }
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let access = try Councils.writable(committeeID, in: tx)
            for (id, field) in [(leadership, "leadershipOrganizationID"), (office, "officeOrganizationID")] {
                _ = try OrganizationRegistry.path(of: id, in: s, scope: actor.scope(for: .readOrganizations))
                if let organization = try OrganizationRegistry.load(id, in: s), organization.isArchived {
                    throw DangjianError.invalid(
                        DualLiaisonErrorCode.organizationArchived, field: field,
                        zh: "「\(organization.name)」已撤销", en: "\(organization.name) is archived")
                }
            }
            let before = try Self.settings(of: committeeID, in: s)
            let values: [SQLValue] = [.integer(leadership), .integer(office), tx.timestamp, .integer(committeeID)]
            if before == nil {
                try s.execute(
                    """
                    INSERT INTO liaison_settings (leadership_organization_id, office_organization_id, updated_at, committee_id) VALUES (?, ?, ?, ?)
                    """, values)
            } else {
                try s.execute(
                    """
                    UPDATE liaison_settings SET leadership_organization_id = ?, office_organization_id = ?, updated_at = ? WHERE committee_id = ?
                    """, values)
            }
            let after = try Self.settings(of: committeeID, in: s)!
            try tx.audit(
                Self.settingsEntity, id: committeeID, action: "configure", path: access.path, before: before,
                after: after)
            return after
        }
    }

    /// Makes `memberID` the sub-council's liaison in a role from a day. The one holding the
    /// role is replaced from that day (their assignment ends the day before and stays in the
    /// history). Refused, writing nothing: a leader outside the leadership's subtree, a staff
    /// liaison outside the office's, a person over the quota, the same person in both roles.
    public func assign(to subCouncilID: Int64, _ draft: AssignmentDraft, by actor: Principal) async throws
        -> LiaisonAssignment
    {
        let role: LiaisonRole = try Validate.enumValue(draft.role, field: "role")
        guard let memberID = draft.memberID else { throw DangjianError.required("memberID") }
        let quota = self.quota
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let sub = try Councils.subCouncilRow(subCouncilID, in: s)
            let access = try Councils.writable(sub.committeeID, as: Councils.subCouncil, in: tx)
            let from = try Validate.day(draft.from, field: "from") ?? tx.today
            try Validate.notFuture(from, field: "from", today: tx.today)
            guard let settings = try Self.settings(of: sub.committeeID, in: s) else { throw Self.noSettings }
            let person = try Person.visible(memberID, to: actor, in: s)
            try Self.check(person, fits: role, settings: settings, in: s)
            let current = try Self.current(of: subCouncilID, in: s)
            if let holder = current[role] {
                guard holder.memberID != memberID else {
                    throw DangjianError.conflict(
                        DualLiaisonErrorCode.alreadyAssigned, field: "memberID",
                        zh: "\(person.name) 已是该分会的\(role.zh)",
                        en: "\(person.name) is already this sub-council's \(role.rawValue) liaison")
                }
                guard from > holder.from else {
                    throw DangjianError.invalid(
                        KernelErrorCode.validationDateOrder, field: "from",
                        zh: "from（\(from)）应晚于现任\(role.zh)的起始日期 \(holder.from)",
                        en: "from (\(from)) must be after the current liaison's start, \(holder.from)")
                }
            }
            // History does not overlap: no one held the role on the days from `from` on.
            if let last = try s.queryOne(
                "SELECT MAX(to_on) AS last FROM liaison_assignments WHERE subcouncil_id = ? AND role = ?",
                [.integer(subCouncilID), SQLValue(role)])?.optionalDay("last"), from <= last
            {
                throw DangjianError.conflict(
                    DualLiaisonErrorCode.overlapsHistory, field: "from",
                    zh: "from（\(from)）应晚于上一任\(role.zh)的离任日期 \(last)",
                    en: "from (\(from)) must be after the day the previous \(role.rawValue) liaison left, \(last)")
            }
            try Self.checkFree(person, role: role, at: subCouncilID, from: from, quota: quota, in: s)
            if let holder = current[role] {
                try s.execute(
                    "UPDATE liaison_assignments SET to_on = ? WHERE id = ?",
                    [SQLValue(from.adding(days: -1)), .integer(holder.id)])
            }
            let id = try s.insert(
                """
                INSERT INTO liaison_assignments (committee_id, subcouncil_id, role, member_id, from_on, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(sub.committeeID), .integer(subCouncilID), SQLValue(role), .integer(memberID),
                    SQLValue(from), tx.timestamp,
                ])
            let made = try Self.assignments("a.id = ?", [.integer(id)], in: s)[0].assignment
            try tx.audit(
                Self.assignment, id: id, action: "assign", path: access.path, before: current[role], after: made)
            tx.emit(
                Event.Assigned(
                    assignmentID: id, organizationID: access.organizationID, role: role,
                    subCouncilID: subCouncilID, memberID: memberID))
            return made
        }
    }

    /// Ends the current liaison in a role, leaving it vacant until someone is assigned.
    public func end(at subCouncilID: Int64, _ draft: AssignmentEndDraft, by actor: Principal) async throws
        -> LiaisonAssignment
    {
        let role: LiaisonRole = try Validate.enumValue(draft.role, field: "role")
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let sub = try Councils.subCouncilRow(subCouncilID, in: s)
            let access = try Councils.writable(sub.committeeID, as: Councils.subCouncil, in: tx)
            guard let holder = try Self.current(of: subCouncilID, in: s)[role] else {
                throw DangjianError.notFound(Self.assignment)
            }
            let on = try Validate.day(draft.on, field: "on") ?? tx.today
            try Validate.notFuture(on, field: "on", today: tx.today)
            try Validate.order([("from", holder.from), ("on", on)])
            try s.execute("UPDATE liaison_assignments SET to_on = ? WHERE id = ?", [SQLValue(on), .integer(holder.id)])
            var ended = holder
            ended.to = on
            try tx.audit(Self.assignment, id: holder.id, action: "end", path: access.path, before: holder, after: ended)
            tx.emit(Event.Ended(assignmentID: holder.id, organizationID: access.organizationID, role: role))
            return ended
        }
    }

    /// The committee's settings, quota and every sub-council's current pair.
    public func liaisons(ofCommittee committeeID: Int64, by actor: Principal) async throws -> CommitteeLiaisons {
        let quota = self.quota
        return try await host.store.read { s in
            _ = try Councils.readable(committeeID, actor: actor, in: s)
            let state = try LiaisonState.load(committeeID: committeeID, in: s)
            return CommitteeLiaisons(
                committeeID: committeeID, settings: try Self.settings(of: committeeID, in: s),
                maxSubCouncilsPerPerson: quota,
                subCouncils: state.subCouncils(of: committeeID).map { sub in
                    SubCouncilLiaisons(
                        subCouncilID: sub.id, name: sub.name, leader: state.current[sub.id]?[.leader]?.assignment,
                        staff: state.current[sub.id]?[.staff]?.assignment)
                })
        }
    }

    /// Every liaison a sub-council has had, oldest first per role.
    public func history(ofSubCouncil subCouncilID: Int64, by actor: Principal) async throws -> [LiaisonAssignment] {
        try await host.store.read { s in
            let sub = try Councils.subCouncilRow(subCouncilID, in: s)
            _ = try Councils.readable(sub.committeeID, actor: actor, as: Councils.subCouncil, in: s)
            return try Self.assignments("a.subcouncil_id = ?", [.integer(subCouncilID)], in: s).map(\.assignment)
        }
    }
}
