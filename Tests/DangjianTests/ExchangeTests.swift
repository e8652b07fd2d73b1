import Testing
@testable import Dangjian
import DangjianDemo
import DangjianTestSupport

@Suite struct MemberCSVTests {
    @Test func importsValidRowsAndReportsEachBadOneWithItsLine() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let a = tree.branchA.id
        let id1 = IDs.make(born: "1980-01-02", sequence: 101)
        let id2 = IDs.make(born: "1981-01-02", sequence: 102)
        let csv = """
            组织ID,姓名,性别,身份证号,状态,申请入党日期,确定积极分子日期,离退休
            \(a),张三,男,\(id1),入党申请人,2026-01-05,,否
            \(a),李四,,\(String(id2.dropLast()) + (id2.hasSuffix("1") ? "2" : "1")),applicant,2026-01-05,,否
            \(a),王五,,\(id1),applicant,2026-01-05,,否
            abc,赵六,,,applicant,2026-01-05,,否
            \(a),"钱,七",女,,activist,2025-01-05,2025-06-01,是
            \(a),孙八,,,applicant,2026-01-05,,也许
            \(a),周九
            """
        let parsed = try MemberCSV.parse(csv)
        let results = try await t.host.members.createBatch(
            parsed.rows.map { ($0.line, $0.draft) }, allOrNothing: false, by: .system)
        let all = (parsed.errors + results).sorted { $0.line < $1.line }
        #expect(all.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
        #expect(
            all.map { $0.error?.code } == [
                nil, "member.badIDNumber", "member.duplicateIDNumber", "validation.badValue", nil,
                "validation.badValue", "import.columnCount",
            ])
        #expect(try await t.count("members") == 2)
        let members = try await t.host.members.list(.init(), page: .first, by: .system).items
        #expect(members.map(\.name) == ["张三", "钱,七"])
        #expect(members[1].retired && members[1].status == .activist)
        await t.close()
    }

    @Test func refusesUnknownColumnsAndExportsMaskedCSVThatReadsBack() async throws {
        #expect(throws: DangjianError.self) { _ = try MemberCSV.parse("组织ID,姓名,籍贯\n1,张三,上海\n") }
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        _ = try await t.host.members.create(.full(tree.branchA), by: .system)
        let members = try await t.host.members.list(.init(), page: .first, by: .with(.secretary, tree.branchA)).items
        let csv = try MemberCSV.export(members)
        #expect(csv.hasPrefix("组织ID,姓名,性别,身份证号"))
        #expect(csv.contains("990101********") && csv.contains("正式党员"))
        let back = try MemberCSV.parse(csv)
        #expect(
            back.errors.isEmpty && back.rows.first?.draft.status == "full" && back.rows.first?.draft.gender == "male")
        await t.close()
    }
}

@Suite struct DemoDistrictTests {
    @Test func theDemoIsDeterministicAndCoversEveryStatus() async throws {
        var names: [[String]] = []
        for _ in 0..<2 {
            let t = try await TestHost.make()
            let summary = try await DemoDistrict(host: t.host, seed: 7).load()
            #expect(summary.members >= 1200 && summary.members <= 1800)
            #expect(summary.organizations > 100)
            let members = try await t.host.store.read { s in
                try s.query("SELECT name, status FROM members ORDER BY id", [])
            }
            names.append(try members.map { try $0.string("name") })
            let statuses = Set(try members.map { try $0.string("status") })
            #expect(statuses == Set(MemberStatus.allCases.map(\.rawValue)))
            #expect(try await t.count("members", "retired = 1") > 0)
            #expect(try await t.count("members", "flowing = 1") > 0)
            #expect(try await t.count("tasks", "status = 'overdue'") > 0)
            #expect(try await t.count("tasks", "status = 'open'") > 0)
            let soon = t.today.adding(days: 120).description
            #expect(try await t.count("organizations", "term_end <= '\(soon)'") > 0)
            #expect(try await t.host.users.demoAccountsExist())
            await t.close()
        }
        #expect(names[0] == names[1])
    }
}
