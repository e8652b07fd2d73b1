import Dangjian
import Foundation
import RegionalCouncil

/// Reads and checks shared by the writes and the reports.
extension Liaisons {
    static let noSettings = DangjianError.conflict(
        DualLiaisonErrorCode.noSettings, field: "subCouncilID",
        zh: "请先设定本专委会的领导班子和党委办公室所在党组织", en: "Name the committee's leadership and party office organisations first")

    static func settings(of committeeID: Int64, in s: any SQLSession) throws -> LiaisonSettings? {
        guard
            let row = try s.queryOne(
                "SELECT leadership_organization_id, office_organization_id FROM liaison_settings WHERE committee_id = ?",
                [.integer(committeeID)])
        else { return nil }
        let (leadership, office) = (
            try row.int64("leadership_organization_id"), try row.int64("office_organization_id")
        )
        let labels = try OrganizationRegistry.labels(of: [leadership, office], in: s)
        guard let leadershipLabel = labels[leadership], let officeLabel = labels[office] else { return nil }
        return LiaisonSettings(
            committeeID: committeeID, leadershipOrganizationID: leadership,
            leadershipOrganization: leadershipLabel.name,
            officeOrganizationID: office, officeOrganization: officeLabel.name)
    }

    /// A leader liaison comes from the leadership's subtree, a staff liaison from the office's,
    /// and either is a party member (full or probationary).
    static func check(_ person: Person, fits role: LiaisonRole, settings: LiaisonSettings, in s: any SQLSession) throws
    {
        let within = role == .leader ? settings.leadershipOrganizationID : settings.officeOrganizationID
        let path = try OrganizationRegistry.path(of: within, in: s, scope: Scope(paths: ["/"]))
        guard person.path.hasPrefix(path) else {
            switch role {
            case .leader:
                throw DangjianError.invalid(
                    DualLiaisonErrorCode.notInLeadership, field: "memberID",
                    zh: "\(person.name) 不是「\(settings.leadershipOrganization)」的成员，领导联系人应为局领导班子成员",
                    en:
                        "\(person.name) is not a member of \(settings.leadershipOrganization); a leader liaison belongs to the leadership"
                )
            case .staff:
                throw DangjianError.invalid(
                    DualLiaisonErrorCode.notInOffice, field: "memberID",
                    zh: "\(person.name) 不是「\(settings.officeOrganization)」的成员，党办联系人应为党委办公室的同志",
                    en:
                        "\(person.name) is not a member of \(settings.officeOrganization); a staff liaison belongs to the party office"
                )
            }
        }
        guard person.isPartyMember else { throw Person.notAPartyMember(person) }
    }

    /// The sub-council's current liaisons by role.
    static func current(of subCouncilID: Int64, in s: any SQLSession) throws -> [LiaisonRole: LiaisonAssignment] {
        var current: [LiaisonRole: LiaisonAssignment] = [:]
        for held in try assignments("a.subcouncil_id = ? AND a.to_on IS NULL", [.integer(subCouncilID)], in: s) {
            current[held.assignment.role] = held.assignment
        }
        return current
    }

    /// An assignment with the path of the liaison's organisation, which rules check their scope against.
    struct Held: Sendable {
        let assignment: LiaisonAssignment
        let path: String
    }

    static func assignments(_ condition: String, _ arguments: [SQLValue], in s: any SQLSession) throws -> [Held] {
        let rows = try s.query(
            """
            SELECT a.id, a.subcouncil_id, a.committee_id, a.role, a.member_id, a.from_on, a.to_on
            FROM liaison_assignments a WHERE \(condition) ORDER BY a.subcouncil_id, a.role, a.from_on
            """, arguments)
        let people = try MemberRegistry.facts(of: try rows.map { try $0.int64("member_id") }, in: s)
        return try rows.compactMap { row in
            guard let person = people[try row.int64("member_id")] else { return nil }
            return Held(
                assignment: LiaisonAssignment(
                    id: try row.int64("id"), subCouncilID: try row.int64("subcouncil_id"),
                    committeeID: try row.int64("committee_id"),
                    role: try row.enumValue("role"), memberID: person.id, name: person.name,
                    from: try row.day("from_on"), to: try row.optionalDay("to_on")), path: person.path)
        }
    }
}

/// A member as this plugin sees them: a name, a status and where they belong; never ID or
/// phone numbers.
struct Person: Sendable {
    let id: Int64
    let name: String
    let status: MemberStatus
    let organizationID: Int64
    let path: String

    var isPartyMember: Bool { status == .full || status == .probationary }

    /// The member, if the caller may read members of their organisation; else 404.
    static func visible(_ id: Int64, to actor: Principal, in s: any SQLSession) throws -> Person {
        guard let facts = try MemberRegistry.facts(of: [id], in: s)[id],
            actor.scope(for: .readMembers).contains(path: facts.path) || actor.memberID == id
        else { throw DangjianError.notFound(.member) }
        return Person(
            id: id, name: facts.name, status: facts.status, organizationID: facts.organizationID, path: facts.path)
    }

    static func notAPartyMember(_ person: Person) -> DangjianError {
        .invalid(
            DualLiaisonErrorCode.notAPartyMember, field: "memberID", zh: "\(person.name) 不是正式党员或预备党员",
            en: "\(person.name) is not a full or probationary party member")
    }
}

extension Councils.Access {
    /// The committee's organisation, the last step of its path: events name it.
    var organizationID: Int64? { path.split(separator: "/").last.flatMap { Int64($0) } }
}
