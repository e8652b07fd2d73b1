import Dangjian
import Foundation

/// Programmes and their leadership groups. The organisation that runs a programme (writeLedger
/// over it) sets it up; the group's members inspect and evaluate.
public final class Programmes: Sendable {
    let host: DangjianHost

    public static let programme = Entity("secretary.programme", zh: "书记项目计划", en: "Programme")

    public init(host: DangjianHost) { self.host = host }

    public func create(_ draft: ProgrammeDraft, by actor: Principal) async throws -> Programme {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        guard let year = draft.year, Day.supportedYears.contains(year) else { throw DangjianError.required("year") }
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let components = try Self.components(draft.components ?? [])
        let started = try Validate.day(draft.startedOn, field: "startedOn")
        let duplicate = DangjianError.conflict(
            SecretaryProjectsErrorCode.duplicateProgramme, field: "title", zh: "本年度已有同名计划「\(title)」",
            en: "A programme titled \(title) exists for \(year) already")
        do {
            return try await host.store.write(actor) { tx in
                let path = try OrganizationRegistry.path(
                    of: organizationID, in: tx.session, scope: actor.scope(for: .readOrganizations))
                try actor.requireOnVisible(.writeLedger, over: path)
                let startedOn = started ?? tx.today
                try Validate.notFuture(startedOn, field: "startedOn", today: tx.today)
                guard abs(startedOn.year - year) <= 1 else {
                    throw DangjianError.badValue(
                        "startedOn", zh: "开始日期应在计划年度前后一年内", en: "must be within a year of the programme's year")
                }
                let id = try tx.session.insert(
                    """
                    INSERT INTO secretary_programmes (organization_id, year, title, components, started_on, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(organizationID), SQLValue(year), .text(title), .text(JSONText.encode(components)),
                        SQLValue(startedOn), tx.timestamp,
                    ])
                let programme = try Self.load(id, in: tx.session)
                try tx.audit(
                    Self.programme, id: id, action: "create", path: path, before: Programme?.none, after: programme)
                return programme
            }
        } catch is UniqueViolation { throw duplicate }
    }

    /// Sets the leadership group: one leader, at most one office director, the office's organisation.
    public func setGroup(of id: Int64, _ draft: LeadershipGroupDraft, by actor: Principal) async throws -> Programme {
        var seen: Set<Int64> = []
        let members = try (draft.members ?? []).enumerated().map {
            index, member -> (Int64, Programme.GroupMember.Role, String?) in
            guard let memberID = member.memberID else { throw DangjianError.required("members.\(index).memberID") }
            guard seen.insert(memberID).inserted else {
                throw DangjianError.badValue("members.\(index).memberID", zh: "成员重复", en: "a member appears twice")
            }
            return (
                memberID, try Validate.enumValue(member.role, field: "members.\(index).role"),
                try Validate.optionalText(member.title, field: "members.\(index).title", max: 100)
            )
        }
        guard members.filter({ $0.1 == .leader }).count == 1 else {
            throw DangjianError.invalid(
                SecretaryProjectsErrorCode.oneLeader, field: "members", zh: "领导小组须有且只有一名组长",
                en: "The group needs exactly one leader")
        }
        guard members.filter({ $0.1 == .officeDirector }).count <= 1 else {
            throw DangjianError.invalid(
                SecretaryProjectsErrorCode.oneDirector, field: "members", zh: "办公室主任至多一名",
                en: "The office has at most one director")
        }
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let before = try Self.load(id, in: s)
            let path = try Self.writable(before, in: tx)
            if let office = draft.officeOrganizationID {
                guard let officePath = try? OrganizationRegistry.path(of: office, in: s, scope: Scope(paths: [path]))
                else {
                    throw DangjianError.invalid(
                        SecretaryProjectsErrorCode.officeOutside, field: "officeOrganizationID",
                        zh: "领导小组办公室须设在本级或下级组织", en: "The office must sit in the programme's organisation or under it")
                }
                _ = officePath
            }
            let memberPaths = try MemberRegistry.organizationPaths(of: members.map(\.0), in: s)
            for (index, member) in members.enumerated() {
                guard memberPaths[member.0]?.hasPrefix(path) == true else {
                    throw DangjianError.invalid(
                        SecretaryProjectsErrorCode.memberOutside, field: "members.\(index).memberID",
                        zh: "领导小组成员须为本系统党员",
                        en: "Group members must be party members within the programme's organisation")
                }
            }
            try s.execute("DELETE FROM secretary_group_members WHERE programme_id = ?", [.integer(id)])
            for member in members {
                try s.execute(
                    "INSERT INTO secretary_group_members (programme_id, member_id, role, title) VALUES (?, ?, ?, ?)",
                    [.integer(id), .integer(member.0), SQLValue(member.1), SQLValue(member.2)])
            }
            try s.execute(
                "UPDATE secretary_programmes SET office_organization_id = ? WHERE id = ?",
                [SQLValue(draft.officeOrganizationID), .integer(id)])
            let after = try Self.load(id, in: s)
            try tx.audit(Self.programme, id: id, action: "group", path: path, before: before, after: after)
            return after
        }
    }

    public func get(_ id: Int64, by actor: Principal) async throws -> Programme {
        try await host.store.read { s in
            let programme = try Self.load(id, in: s)
            _ = try Self.readablePath(programme, actor: actor, in: s)
            return programme
        }
    }

    // MARK: Shared

    static func components(_ drafts: [ProgrammeDraft.ComponentDraft]) throws -> [Programme.Component] {
        guard !drafts.isEmpty else { throw DangjianError.required("components") }
        var keys: Set<String> = []
        return try drafts.enumerated().map { index, draft in
            let key = try Validate.text(draft.key, field: "components.\(index).key", max: 40)
            guard key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }), keys.insert(key).inserted
            else {
                throw DangjianError.badValue(
                    "components.\(index).key", zh: "应为不重复的英文字母、数字或连字符", en: "must be unique letters, digits or hyphens")
            }
            return Programme.Component(
                key: key, kind: try Validate.enumValue(draft.kind, field: "components.\(index).kind"),
                name: try Validate.text(draft.name, field: "components.\(index).name", max: 100),
                requiredItems: try (draft.requiredItems ?? []).enumerated().map {
                    try Validate.text($1, field: "components.\(index).requiredItems.\($0)", max: 200)
                })
        }
    }

    /// The programme's organisation path, for a caller who may read it: its organisation's
    /// readers, and the secretaries of the units with projects under it.
    static func readablePath(_ programme: Programme, actor: Principal, in s: any SQLSession) throws -> String {
        let path = try OrganizationRegistry.path(of: programme.organizationID, in: s, scope: Scope(paths: ["/"]))
        let scope = actor.scope(for: .readLedger)
        if scope.contains(path: path) { return path }
        let units = try s.query(
            "SELECT DISTINCT organization_id FROM secretary_projects WHERE programme_id = ?",
            [.integer(programme.id)]
        ).map { try $0.int64("organization_id") }
        guard !scope.isEmpty,
            try OrganizationRegistry.paths(of: units, in: s).values.contains(where: { scope.contains(path: $0) })
        else { throw DangjianError.notFound(Self.programme) }
        return path
    }

    static func writable(_ programme: Programme, in tx: Transaction) throws -> String {
        let path = try readablePath(programme, actor: tx.actor, in: tx.session)
        guard tx.actor.has(.writeLedger, over: path) else {
            throw DangjianError.forbidden(
                zh: "书记项目的领导小组、模板、督查、通报和述职评定由项目的组织单位办理",
                en:
                    "only the programme's organisation sets its group and template, inspects, publishes bulletins and rates reports"
            )
        }
        return path
    }

    /// Inspection and evaluation belong to the leadership group (the system acts for jobs and the demo).
    static func requireGroupMember(_ programme: Programme, _ actor: Principal) throws -> Int64 {
        if actor.isSystem {
            return programme.group.first { $0.role == .officeDirector }?.memberID ?? programme.group.first?.memberID
                ?? 0
        }
        guard let member = actor.memberID, programme.group.contains(where: { $0.memberID == member }) else {
            throw DangjianError(
                .forbidden, code: SecretaryProjectsErrorCode.notInGroup, zh: "仅领导小组成员可督查、评议",
                en: "Only members of the programme's leadership group inspect and evaluate")
        }
        return member
    }

    static func load(_ id: Int64, in s: any SQLSession) throws -> Programme {
        guard let row = try s.queryOne("SELECT * FROM secretary_programmes WHERE id = ?", [.integer(id)]) else {
            throw DangjianError.notFound(programme)
        }
        let rows = try s.query(
            """
            SELECT member_id, role, title FROM secretary_group_members WHERE programme_id = ? ORDER BY role, member_id
            """, [.integer(id)])
        let names = try MemberRegistry.names(of: try rows.map { try $0.int64("member_id") }, in: s)
        let group = try rows.map {
            Programme.GroupMember(
                memberID: try $0.int64("member_id"), name: names[try $0.int64("member_id")] ?? "",
                role: try $0.enumValue("role"),
                title: try $0.optionalString("title"))
        }
        return Programme(
            id: id, organizationID: try row.int64("organization_id"), year: try row.int("year"),
            title: try row.string("title"),
            startedOn: try row.day("started_on"),
            components: try JSONDecoder().decode(
                [Programme.Component].self, from: Data(try row.string("components").utf8)),
            officeOrganizationID: try row.optionalInt64("office_organization_id"), group: group)
    }

}
