import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

/// Both plugins' baseline packs, found from the checkout rather than from the working directory.
let liaisonRulesDirectory = Checkout.rules(of: "DualLiaison")
let councilRulesDirectory = Checkout.rules(of: "RegionalCouncil")

/// One host's plugins: its own council, and the liaison plugin built on that council with the
/// configuration's settings.
func liaisonPlugins(_ configuration: HostConfiguration = HostConfiguration()) -> [any HostPlugin] {
    let council = RegionalCouncilPlugin(rulesDirectory: councilRulesDirectory)
    return [
        council,
        DualLiaisonPlugin(
            rulesDirectory: liaisonRulesDirectory, council: council,
            settings: configuration.settings(of: DualLiaisonPlugin.pluginID)),
    ]
}

/// A temporary host (2026-06-15 10:00 China time) with RegionalCouncil and DualLiaison.
func openLiaisonHost(at date: Date = TemporaryHost.start, configure: (inout HostConfiguration) -> Void = { _ in })
    async throws -> TemporaryHost
{
    try await TemporaryHost.open(at: date, configure: configure, making: liaisonPlugins)
}

/// 区委 → 区教育局党委 (bureau) → 局机关党支部 (two leaders), 局党委办公室党支部 (two staff),
/// 一中 / 二中 / 三小 (branches, one teacher each); 区委 → 街道党工委 → 社区党支部 (domain community).
/// The bureau holds 教育专委会 with 东部分会 (一中), 西部分会 (二中) and 北部分会 (三小); the
/// committee's liaisons come from the two bureau branches. Nobody is assigned yet.
struct LiaisonWorld {
    let district: Organization
    let bureau: Organization
    let leadership: Organization
    let office: Organization
    let schoolA: Organization
    let schoolB: Organization
    let schoolC: Organization
    let community: Organization
    let committee: Committee
    let east: SubCouncil
    let west: SubCouncil
    let north: SubCouncil
    let leaderWang: Member
    let leaderLi: Member
    let staffZhou: Member
    let staffWu: Member
    /// A teacher of 一中: in neither bureau branch.
    let teacher: Member

    static func make(_ t: TemporaryHost, settings: Bool = true) async throws -> LiaisonWorld {
        let district = try await t.organization("区委", .committee)
        let bureau = try await t.organization("区教育局党委", .committee, under: district)
        let leadership = try await t.organization("局机关党支部", .branch, under: bureau, domain: "office")
        let office = try await t.organization("局党委办公室党支部", .branch, under: bureau, domain: "office")
        let a = try await t.organization("一中党支部", .branch, under: bureau, domain: "school")
        let b = try await t.organization("二中党支部", .branch, under: bureau, domain: "school")
        let c = try await t.organization("三小党支部", .branch, under: bureau, domain: "school")
        let street = try await t.organization("街道党工委", .committee, under: district)
        let community = try await t.organization("友谊一村社区党支部", .branch, under: street, domain: "community")
        let councils = Councils(host: t.host)
        let council = try await councils.createCouncil(
            CouncilDraft(name: "区区域化党建联席会", organizationID: district.id), by: .system)
        let committee = try await councils.createCommittee(
            in: council.id, CommitteeDraft(name: "教育专委会", organizationID: bureau.id, establishedOn: "2025-01-01"),
            by: .system)
        func sub(_ name: String, _ unit: Organization) async throws -> SubCouncil {
            let made = try await councils.createSubCouncil(
                in: committee.id, SubCouncilDraft(name: name, convenerID: unit.id, establishedOn: "2025-01-01"),
                by: .system)
            return try await councils.addUnits(
                to: made.id, UnitsDraft(organizationIDs: [unit.id], joinedOn: "2025-01-01"), by: .system)
        }
        let (east, west, north) = (try await sub("东部分会", a), try await sub("西部分会", b), try await sub("北部分会", c))
        if settings {
            _ = try await Liaisons(host: t.host).configure(
                committee.id,
                LiaisonSettingsDraft(
                    leadershipOrganizationID: leadership.id, officeOrganizationID: office.id), by: .system)
        }
        return LiaisonWorld(
            district: district, bureau: bureau, leadership: leadership, office: office, schoolA: a, schoolB: b,
            schoolC: c,
            community: community, committee: try await councils.committee(committee.id, by: .system), east: east,
            west: west, north: north,
            leaderWang: try await full(t, leadership, "王建国", 101), leaderLi: try await full(t, leadership, "李文华", 102),
            staffZhou: try await full(t, office, "周晓敏", 103), staffWu: try await full(t, office, "吴静怡", 104),
            teacher: try await full(t, a, "张老师", 105))
    }

    static func full(
        _ t: TemporaryHost, _ organization: Organization, _ name: String, _ sequence: Int, status: String = "full"
    ) async throws -> Member {
        // A full member has every stage; an activist (not a party member yet) the first two.
        let full = status == "full"
        return try await t.host.members.create(
            MemberDraft(
                organizationID: organization.id, name: name, idNumber: IDs.make(born: "1975-05-06", sequence: sequence),
                phone: "10012345678", status: status, appliedOn: "2005-03-01", activistOn: "2005-06-01",
                candidateOn: full ? "2006-07-01" : nil, admittedOn: full ? "2007-01-10" : nil,
                fullOn: full ? "2008-01-10" : nil), by: .system)
    }

    /// A principal holding one role over one organisation, as a logged-in user would.
    static func caller(_ role: Role, over organization: Organization, id: Int64 = 900) -> Principal {
        Principal(
            userID: id, username: "\(role.rawValue)-\(organization.id)", memberID: nil,
            grants: [.init(role: role, organizationID: organization.id, path: organization.path)])
    }

    /// Assigns the usual pair of one sub-council: a leader and a staff liaison.
    func assign(_ t: TemporaryHost, _ sub: SubCouncil, leader: Member?, staff: Member?, from: String = "2025-01-01")
        async throws
    {
        let liaisons = Liaisons(host: t.host)
        if let leader {
            _ = try await liaisons.assign(
                to: sub.id, AssignmentDraft(role: "leader", memberID: leader.id, from: from), by: .system)
        }
        if let staff {
            _ = try await liaisons.assign(
                to: sub.id, AssignmentDraft(role: "staff", memberID: staff.id, from: from), by: .system)
        }
    }
}

/// What the plugin's tables and its audit rows hold, to prove a refusal wrote nothing.
struct LiaisonCounts: Equatable, CustomStringConvertible {
    let rows: [Int]

    static func of(_ t: TemporaryHost) async throws -> LiaisonCounts {
        var rows: [Int] = []
        for table in ["liaison_settings", "liaison_assignments", "liaison_log", "liaison_reports", "liaison_services"] {
            rows.append(try await t.count(table))
        }
        rows.append(try await t.count("liaison_assignments", "to_on IS NOT NULL"))
        rows.append(try await t.count("audit_log", "entity LIKE 'liaison.%'"))
        return LiaisonCounts(rows: rows)
    }

    var description: String { "settings, assignments, log, reports, services, ended, audit: \(rows)" }
}
