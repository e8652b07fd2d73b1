import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import RegionalCouncil

@Suite struct StructureTests {
    @Test func unitsFromAcrossTheTreeJoinOneSubCouncilAndASecondIsRefusedWithNothingChanged() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let councils = Councils(host: t.host)
        #expect(w.east.units.map(\.name) == ["一中党支部", "社区党支部"])
        let before = (try await t.count("council_units"), try await t.count("audit_log"))
        let refusal = await expectRefusal("council.unitInOtherSubCouncil", field: "organizationIDs") {
            // 三小 is new, but 一中 is already in 东部分会: all or none.
            _ = try await councils.addUnits(
                to: w.west.id, UnitsDraft(organizationIDs: [w.schoolC.id, w.schoolA.id]), by: .system)
        }
        #expect(refusal?.zh.contains("东部分会") == true)
        #expect(refusal?.kind == .conflict)
        #expect((try await t.count("council_units"), try await t.count("audit_log")) == before)
        // A party group is not a member unit; its branch is.
        let group = try await t.host.organizations.create(
            .init(parentID: w.schoolC.id, name: "三小第一党小组", kind: "group"), by: .system)
        await expectRefusal("council.groupNotAUnit", field: "organizationIDs") {
            _ = try await councils.addUnits(to: w.west.id, UnitsDraft(organizationIDs: [group.id]), by: .system)
        }
        await expectRefusal("validation.futureDate", field: "establishedOn") {
            _ = try await councils.createSubCouncil(
                in: w.committee.id,
                SubCouncilDraft(
                    name: "北部分会", convenerID: w.schoolC.id,
                    establishedOn: "2026-07-01"), by: .system)
        }
        #expect((try await t.count("council_units"), try await t.count("council_subcouncils")) == (before.0, 2))
        // Adding a unit again to its own sub-council changes nothing and is not an error.
        let again = try await councils.addUnits(to: w.east.id, UnitsDraft(organizationIDs: [w.schoolA.id]), by: .system)
        #expect(again.units.count == 2)
        // A unit may be in sub-councils of two different committees.
        let other = try await councils.createCommittee(
            in: w.council.id, CommitteeDraft(name: "文化专委会", organizationID: w.street.id), by: .system)
        let culture = try await councils.createSubCouncil(
            in: other.id, SubCouncilDraft(name: "文化分会", convenerID: w.community.id), by: .system)
        _ = try await councils.addUnits(to: culture.id, UnitsDraft(organizationIDs: [w.schoolA.id]), by: .system)
        #expect(try await councils.subCouncils(of: w.schoolA.id, by: .system).map(\.name) == ["东部分会", "文化分会"])
        // Leaving frees the unit for another sub-council of the committee.
        _ = try await councils.removeUnit(w.schoolA.id, from: w.east.id, by: .system)
        let west = try await councils.addUnits(to: w.west.id, UnitsDraft(organizationIDs: [w.schoolA.id]), by: .system)
        #expect(west.units.map(\.name).contains("一中党支部"))
    }

    @Test func theCharterIsVersionedAndTheOldTextStaysInTheAuditLog() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let councils = Councils(host: t.host)
        let first = try await councils.adoptCharter(
            of: w.committee.id, CharterDraft(text: "第一条 按区域设立分会。\n第二条 每半年召开例会。", adoptedOn: "2025-03-01"), by: .system)
        #expect(first.charterVersion == 1 && first.charterAdoptedOn == Day("2025-03-01"))
        let second = try await councils.adoptCharter(
            of: w.committee.id, CharterDraft(text: "第一条 按区域设立 7 个分会。"), by: .system)
        #expect(second.charterVersion == 2 && second.charterAdoptedOn == t.today)
        #expect(
            try await t.count(
                "audit_log", "entity = 'council.committee' AND action = 'charter' AND before_json LIKE '%每半年召开例会%'")
                == 1)
        await expectRefusal("validation.futureDate", field: "adoptedOn") {
            _ = try await councils.adoptCharter(
                of: w.committee.id, CharterDraft(text: "x", adoptedOn: "2030-01-01"), by: .system)
        }
        #expect(try await councils.committee(w.committee.id, by: .system).charterVersion == 2)
    }

    @Test func aSchoolSecretarySeesItsCommitteeButChangesNothingAndAnOutsiderSeesNothing() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let councils = Councils(host: t.host)
        let secretaryA = Principal.with(.secretary, w.schoolA)
        #expect(try await councils.committee(w.committee.id, by: secretaryA).name == "教育专委会")
        await expectRefusal("auth.forbidden") {
            _ = try await councils.createSubCouncil(
                in: w.committee.id, SubCouncilDraft(name: "北部分会", convenerID: w.schoolA.id), by: secretaryA)
        }
        // 三小 is in no sub-council: the committee does not exist for its secretary.
        await expectRefusal("council.committee.notFound") {
            _ = try await councils.committee(w.committee.id, by: Principal.with(.secretary, w.schoolC))
        }
        // The bureau's own secretary (the party office) runs the committee.
        let office = Principal.with(.secretary, w.bureau)
        let north = try await councils.createSubCouncil(
            in: w.committee.id, SubCouncilDraft(name: "北部分会", convenerID: w.schoolC.id), by: office)
        // ...but cannot add the community branch, which lies outside the bureau's subtree.
        await expectRefusal("organization.notFound") {
            _ = try await councils.addUnits(to: north.id, UnitsDraft(organizationIDs: [w.community.id]), by: office)
        }
        await expectRefusal("council.duplicateName", field: "name") {
            _ = try await councils.createSubCouncil(
                in: w.committee.id, SubCouncilDraft(name: "北部分会", convenerID: w.schoolC.id), by: office)
        }
    }
}
