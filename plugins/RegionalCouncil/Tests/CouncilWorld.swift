import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import RegionalCouncil

/// The plugin's baseline rule pack, found from this file rather than from the working directory.
let councilRulesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules").path

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
        let o = t.host.organizations
        let district = try await o.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let bureau = try await o.create(.init(parentID: district.id, name: "区教育局党委", kind: "committee"), by: .system)
        let a = try await o.create(
            .init(parentID: bureau.id, name: "一中党支部", kind: "branch", domain: "school"), by: .system)
        let b = try await o.create(
            .init(parentID: bureau.id, name: "二中党支部", kind: "branch", domain: "school"), by: .system)
        let c = try await o.create(
            .init(parentID: bureau.id, name: "三小党支部", kind: "branch", domain: "school"), by: .system)
        let street = try await o.create(.init(parentID: district.id, name: "街道党工委", kind: "committee"), by: .system)
        let community = try await o.create(
            .init(parentID: street.id, name: "社区党支部", kind: "branch", domain: "community"), by: .system)
        func full(_ organization: Organization, _ name: String, _ sequence: Int) async throws -> Member {
            try await t.host.members.create(.full(organization, name: name, sequence: sequence), by: .system)
        }
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
            zhang: try await full(a, "张伟", 101), li: try await full(b, "李娜", 102), wang: try await full(c, "王强", 103))
    }
}

func openCouncilHost(at date: Date = TemporaryHost.start) async throws -> TemporaryHost {
    try await TemporaryHost.open(plugins: [RegionalCouncilPlugin(rulesDirectory: councilRulesDirectory)], at: date)
}
