import Foundation
import Testing
@testable import Dangjian
import DangjianDemo
import DangjianTestSupport
@testable import OrgLife
import OrgLifeDemo

/// The synthetic district (`dangjian demo --scale`) at a tenth of `small`, loaded into a real
/// SQLite host with the ledger plugin: the tree, members in every status and three years of
/// ledger records, through the registries' write path with its audit.
@Suite struct SyntheticDistrictTests {
    static let scale = try! SyntheticScale(.small, fraction: 0.1)
    static let seeders: [any DemoSeeder] = [OrgLifeDemoSeeder()]

    func load(seed: UInt64) async throws -> (TemporaryHost, SyntheticDistrict.Summary) {
        let t = try await openLedgerHost()
        return (
            t, try await SyntheticDistrict(host: t.host, scale: Self.scale, seed: seed, seeders: Self.seeders).load()
        )
    }

    @Test func scalesAreNumbers() throws {
        #expect(try SyntheticScale(.city).organizations == 20_000)
        #expect(try SyntheticScale(.district).organizations == 2_000)
        #expect(try SyntheticScale(.small).members == 5_000)
        #expect(try SyntheticScale(.city, fraction: 0.25).ledgerRecords == 625_000)
        for fraction in [0, -1, 1.5] {
            #expect(throws: DangjianError.self) { try SyntheticScale(.city, fraction: fraction) }
        }
    }

    @Test func aTenthOfSmallHasTheTreeMembersAndLedgerAndIsLoadedOnce() async throws {
        let (t, summary) = try await load(seed: 7)
        defer { Task { await t.close() } }
        #expect(try await t.count("organizations") == Self.scale.organizations)
        #expect(try await t.count("organizations", "parent_id IS NULL AND kind = 'committee'") == 1)
        #expect(try await t.count("organizations", "kind IN ('branch', 'jointBranch')") >= Self.scale.organizations / 2)
        let members = try await t.count("members")
        #expect((Self.scale.members / 3...Self.scale.members * 2).contains(members))
        for status in MemberStatus.allCases {
            #expect(try await t.count("members", "status = '\(status.rawValue)'") > 0, "no \(status.rawValue)")
        }
        #expect(try await t.count("members", "retired = 1") > 0)
        // Every branch has its secretary, a full member it holds.
        #expect(
            try await t.count(
                "organizations o",
                """
                kind IN ('branch', 'jointBranch') AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = o.secretary_member_id
                    AND m.organization_id = o.id AND m.status = 'full')
                """) == 0)
        let records = try await t.count("orglife_records")
        #expect((Self.scale.ledgerRecords / 3...Self.scale.ledgerRecords * 2).contains(records))
        let ledger = try #require(summary.stages.first { $0.name.hasPrefix("台账") })
        let attendance = try await t.count("orglife_attendance")
        #expect(ledger.counts.map(\.rows) == [records, attendance])
        #expect(try await t.count("orglife_records", "held_on < '\(t.today.adding(years: -2))'") > 0)
        // Written through the registries: each member and record has its audit entry.
        #expect(try await t.count("audit_log", "entity = 'member' AND action = 'create'") == members)
        #expect(try await t.count("audit_log", "entity = 'orglife.record'") == records)
        #expect(try await t.count("users", "username IN ('demo-admin', 'demo-secretary')") == 2)
        #expect(try await t.count("tasks") > 0)

        await expectRefusal("demo.notEmpty") {
            _ = try await SyntheticDistrict(host: t.host, scale: Self.scale, seed: 7, seeders: Self.seeders).load()
        }
        #expect(try await t.count("organizations") == Self.scale.organizations)
    }

    @Test func theSameSeedGivesTheSameDistrict() async throws {
        let (a, _) = try await load(seed: 11)
        let (b, _) = try await load(seed: 11)
        defer {
            Task {
                await a.close(); await b.close()
            }
        }
        func facts(_ t: TemporaryHost) async throws -> [String] {
            try await t.host.store.read { s in
                try s.query("SELECT name FROM organizations ORDER BY id", []).map { try $0.string("name") }
                    + s.query("SELECT name || id_number || status AS fact FROM members ORDER BY id", []).map {
                        try $0.string("fact")
                    }
                    + s.query("SELECT kind || held_at || attendee_count AS fact FROM orglife_records ORDER BY id", [])
                    .map { try $0.string("fact") }
            }
        }
        let (first, second) = (try await facts(a), try await facts(b))
        #expect(!first.isEmpty && first == second)
    }
}
