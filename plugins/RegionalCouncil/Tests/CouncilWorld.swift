import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import RegionalCouncil

/// The plugin's baseline rule pack, found from the checkout rather than from the working directory.
let councilRulesDirectory = Checkout.rules(of: "RegionalCouncil")

/// 区委 → 区教育局党委 → 一中, 二中, 三小 (branches); 区委 → 街道党工委 → 社区党支部. The education
/// committee is held by the bureau; its sub-council "东部分会" joins 一中 and, across the tree,
/// the community branch; "西部分会" holds 二中. 三小 is in no sub-council yet.
struct CouncilWorld {
    let district: Organization
    let bureau: Organization
    let schoolA: Organization
    let schoolB: Organization
    let schoolC: Organization
    let street: Organization
    let community: Organization
    let council: Council
    let committee: Committee
    let east: SubCouncil
    let west: SubCouncil
    /// A full member of 一中, 二中, 三小.
    let zhang: Member
    let li: Member
    let wang: Member

    static func make(_ t: TemporaryHost) async throws -> CouncilWorld {
        let district = try await t.organization("区委", .committee)
        let bureau = try await t.organization("区教育局党委", .committee, under: district)
        let a = try await t.organization("一中党支部", .branch, under: bureau, domain: "school")
        let b = try await t.organization("二中党支部", .branch, under: bureau, domain: "school")
        let c = try await t.organization("三小党支部", .branch, under: bureau, domain: "school")
        let street = try await t.organization("街道党工委", .committee, under: district)
        let community = try await t.organization("社区党支部", .branch, under: street, domain: "community")
        let councils = Councils(host: t.host)
        let council = try await councils.createCouncil(
            CouncilDraft(name: "区区域化党建联席会", organizationID: district.id), by: .system)
        let committee = try await councils.createCommittee(
            in: council.id,
            CommitteeDraft(
                name: "教育专委会", organizationID: bureau.id,
                establishedOn: "2025-01-01"), by: .system)
        var east = try await councils.createSubCouncil(
            in: committee.id, SubCouncilDraft(name: "东部分会", convenerID: a.id, establishedOn: "2025-01-01"), by: .system)
        east = try await councils.addUnits(
            to: east.id, UnitsDraft(organizationIDs: [a.id, community.id], joinedOn: "2025-01-01"), by: .system)
        var west = try await councils.createSubCouncil(
            in: committee.id, SubCouncilDraft(name: "西部分会", convenerID: b.id, establishedOn: "2025-01-01"), by: .system)
        west = try await councils.addUnits(
            to: west.id, UnitsDraft(organizationIDs: [b.id], joinedOn: "2025-01-01"), by: .system)
        return CouncilWorld(
            district: district, bureau: bureau, schoolA: a, schoolB: b, schoolC: c, street: street,
            community: community,
            council: council, committee: try await councils.committee(committee.id, by: .system), east: east,
            west: west,
            zhang: try await t.fullMember(a, "张伟", sequence: 101), li: try await t.fullMember(b, "李娜", sequence: 102),
            wang: try await t.fullMember(c, "王强", sequence: 103))
    }
}

func openCouncilHost(at date: Date = TemporaryHost.start) async throws -> TemporaryHost {
    try await TemporaryHost.open(plugins: [RegionalCouncilPlugin(rulesDirectory: councilRulesDirectory)], at: date)
}
