import Dangjian
import Foundation
import RegionalCouncil

/// Reads and checks shared by the writes and the reports.
extension Liaisons {
    static let noSettings = DangjianError.conflict(DualLiaisonErrorCode.noSettings, field: "subCouncilID",
        zh: "请先设定本专委会的领导班子和党委办公室所在党组织", en: "Name the committee's leadership and party office organisations first")

    static func settings(of committeeID: Int64, in s: any SQLSession) throws -> LiaisonSettings? {
        try s.queryOne("""
            SELECT t.leadership_organization_id, l.name AS leadership, t.office_organization_id, o.name AS office
            FROM liaison_settings t JOIN organizations l ON l.id = t.leadership_organization_id
            JOIN organizations o ON o.id = t.office_organization_id WHERE t.committee_id = ?
            """, [.integer(committeeID)]).map {
            LiaisonSettings(committeeID: committeeID, leadershipOrganizationID: try $0.int64("leadership_organization_id"),
                            leadershipOrganization: try $0.string("leadership"),
                            officeOrganizationID: try $0.int64("office_organization_id"), officeOrganization: try $0.string("office"))
        }
    }

    /// A leader liaison comes from the leadership's subtree, a staff liaison from the office's,
    /// and either is a party member (full or probationary).
    static func check(_ person: Person, fits role: LiaisonRole, settings: LiaisonSettings, in s: any SQLSession) throws {
        let within = role == .leader ? settings.leadershipOrganizationID : settings.officeOrganizationID
        let path = try OrganizationRegistry.path(of: within, in: s, scope: Scope(paths: ["/"]))
        guard person.path.hasPrefix(path) else {
            switch role {
            case .leader:
                throw DangjianError.invalid(DualLiaisonErrorCode.notInLeadership, field: "memberID",
                    zh: "\(person.name) 不是「\(settings.leadershipOrganization)」的成员，领导联系人应为局领导班子成员",
                    en: "\(person.name) is not a member of \(settings.leadershipOrganization); a leader liaison belongs to the leadership")
            case .staff:
                throw DangjianError.invalid(DualLiaisonErrorCode.notInOffice, field: "memberID",
                    zh: "\(person.name) 不是「\(settings.officeOrganization)」的成员，党办联系人应为党委办公室的同志",
                    en: "\(person.name) is not a member of \(settings.officeOrganization); a staff liaison belongs to the party office")
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
        try s.query("""
            SELECT a.id, a.subcouncil_id, a.committee_id, a.role, a.member_id, m.name, a.from_on, a.to_on, o.path
            FROM liaison_assignments a JOIN members m ON m.id = a.member_id JOIN organizations o ON o.id = m.organization_id
            WHERE \(condition) ORDER BY a.subcouncil_id, a.role, a.from_on
            """, arguments).map { row in
            Held(assignment: LiaisonAssignment(
                id: try row.int64("id"), subCouncilID: try row.int64("subcouncil_id"), committeeID: try row.int64("committee_id"),
                role: try row.enumValue("role"), memberID: try row.int64("member_id"), name: try row.string("name"),
                from: try row.day("from_on"), to: try row.optionalDay("to_on")), path: try row.string("path"))
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
        guard let row = try s.queryOne("""
            SELECT m.id, m.name, m.status, m.organization_id, o.path FROM members m JOIN organizations o ON o.id = m.organization_id WHERE m.id = ?
            """, [.integer(id)]), actor.scope(for: .readMembers).contains(path: try row.string("path")) || actor.memberID == id
        else { throw DangjianError.notFound(.member) }
        return Person(id: id, name: try row.string("name"), status: try row.enumValue("status"),
                      organizationID: try row.int64("organization_id"), path: try row.string("path"))
    }

    static func notAPartyMember(_ person: Person) -> DangjianError {
        .invalid(DualLiaisonErrorCode.notAPartyMember, field: "memberID", zh: "\(person.name) 不是正式党员或预备党员",
                 en: "\(person.name) is not a full or probationary party member")
    }
}

extension Councils.Access {
    /// The committee's organisation, the last step of its path: events name it.
    var organizationID: Int64? { path.split(separator: "/").last.flatMap { Int64($0) } }
}
