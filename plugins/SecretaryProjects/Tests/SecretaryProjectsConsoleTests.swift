import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import SecretaryProjects

/// The console's 书记项目 pages over the router, signed in through the login form.
@Suite struct SecretaryProjectsConsoleTests {
    static let script = "<script>alert(1)</script>"

    /// The world with accounts for the bureau, 一支部's secretary and 三支部's (which has no project),
    /// and 一支部's project, its title carrying a script.
    static func world() async throws -> (TestApplication, SecretaryWorld, SecretaryProject) {
        let (app, w) = try await SecretaryWorld.served()
        _ = try await w.t.create(Account("bureau", .districtAdmin, on: w.bureau))
        _ = try await w.t.create(Account("sec-a", .secretary, on: w.a))
        _ = try await w.t.create(Account("sec-c", .secretary, on: w.c))
        let project = try await Projects(host: w.t.host).create(
            ProjectDraft(
                programmeID: w.programme.id, organizationID: w.a.id, title: "\(script)强基项目",
                items: [
                    .init(
                        component: "standardisation", title: "细化任务清单", responsibleMemberID: w.secretaryA.id,
                        dueOn: "2026-03-31", acceptanceCriteria: "有记录"),
                    .init(
                        component: "exemplar", title: "打造示范岗", responsibleMemberID: w.secretaryA.id,
                        dueOn: "2026-09-30", acceptanceCriteria: "有记录"),
                ]), by: Principal.with(.secretary, w.a))
        return (app, w, project)
    }

    @Test func theProgrammeListsEveryUnitsProjectWithItsProgressAndEscapesItsTitle() async throws {
        let (app, w, project) = try await Self.world()
        defer { Task { await w.t.close() } }
        _ = try await w.project(w.b, secretary: w.secretaryB, items: [("exemplar", "2026-09-30")])
        try await app.test { client in
            let bureau = try await client.consoleLogin("bureau")
            let home = try await bureau.get("/")
            #expect(home.text.contains(#"href="/secretary/programmes""#) && home.text.contains("书记项目"))
            let list = try await bureau.get("/secretary/programmes")
            #expect(list.status == .ok && list.text.contains("2026 年“3+2”书记项目"))
            #expect(list.text.contains("/secretary/programmes/\(w.programme.id)"))
            let programme = try await bureau.get("/secretary/programmes/\(w.programme.id)")
            #expect(programme.status == .ok)
            #expect(programme.text.contains("一中一支部") && programme.text.contains("0/2"))
            #expect(programme.text.contains("逾期 1 项") && programme.text.contains("胡组长"))
            #expect(programme.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;强基项目"))
            #expect(!programme.text.contains(Self.script))
            #expect(programme.text.contains(#"<td>0/1</td><td>0%</td><td><span class="muted">无</span></td>"#))
            #expect(programme.text.components(separatedBy: "逾期 ").count == 2)
            let page = try await bureau.get("/secretary/projects/\(project.id)")
            #expect(page.status == .ok && page.text.contains("细化任务清单") && page.text.contains("2026年3月31日"))
            #expect(page.text.contains(#"<b class="flag">逾期</b> 2026年3月31日"#))
            #expect(!page.text.contains(#"<b class="flag">逾期</b> 2026年9月30日"#))
            #expect(page.text.contains("张书记") && !page.text.contains(Self.script))
        }
    }

    @Test func aStudyIsRecordedThroughTheFormAndNotWithoutItsToken() async throws {
        let (app, w, project) = try await Self.world()
        defer { Task { await w.t.close() } }
        try await app.test { client in
            let secA = try await client.consoleLogin("sec-a")
            let fields = [("heldOn", "2026-06-10"), ("topic", "研究部署二季度工作"), ("decisions", "分工到人")]
            let refused = try await secA.post("/secretary/projects/\(project.id)/studies", fields, csrf: false)
            #expect(refused.status == .forbidden)
            #expect(try await Projects(host: w.t.host).studies(of: project.id, by: .system).isEmpty)
            let posted = try await secA.post("/secretary/projects/\(project.id)/studies", fields)
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/secretary/projects/\(project.id)")
            let studies = try await Projects(host: w.t.host).studies(of: project.id, by: .system)
            #expect(studies.map(\.topic) == ["研究部署二季度工作"])
            #expect(try await secA.get("/secretary/projects/\(project.id)").text.contains("2026年6月10日"))
        }
    }

    @Test func anotherBranchsSecretaryGets404ForTheProjectAndTheProgramme() async throws {
        let (app, w, project) = try await Self.world()
        defer { Task { await w.t.close() } }
        try await app.test { client in
            let secC = try await client.consoleLogin("sec-c")
            for path in [
                "/secretary/projects/\(project.id)", "/secretary/programmes/\(w.programme.id)",
                "/secretary/programmes/\(w.programme.id)/ratings",
                "/secretary/programmes/\(w.programme.id)/bulletins/2026-Q2",
            ] {
                let answer = try await secC.get(path)
                #expect(answer.status == .notFound, "\(path)")
                #expect(!answer.text.contains("强基项目"), "\(path)")
            }
            let refused = try await secC.post(
                "/secretary/projects/\(project.id)/studies",
                [("heldOn", "2026-06-10"), ("topic", "越权"), ("decisions", "无")])
            #expect(refused.status == .notFound)
            #expect(try await secC.get("/secretary/programmes").text.contains("没有可查看的书记项目计划"))
        }
    }

    @Test func theBulletinAndTheRatingSheetsPrintWithoutTheSideNavigation() async throws {
        let (app, w, _) = try await Self.world()
        defer { Task { await w.t.close() } }
        _ = try await Appraisal(host: w.t.host, rules: { nil }).submit(
            try #require(try await Projects(host: w.t.host).list(of: w.programme.id, by: .system).first?.id),
            ReportDraft(year: 2026, text: "述职"), by: Principal.with(.secretary, w.a))
        try await app.test { client in
            let bureau = try await client.consoleLogin("bureau")
            let bulletin = try await bureau.get("/secretary/programmes/\(w.programme.id)/bulletins/2026-Q2")
            #expect(bulletin.status == .ok && bulletin.text.contains("2026-Q2 督查通报"))
            #expect(bulletin.text.contains("<td>一中一支部</td><td>0/2</td>"))
            #expect(bulletin.text.contains("本季度未研究部署书记项目") && !bulletin.text.contains(Self.script))
            #expect(!bulletin.text.contains(#"class="side""#) && bulletin.text.contains("data-print"))
            let ratings = try await bureau.get("/secretary/programmes/\(w.programme.id)/ratings")
            #expect(ratings.status == .ok && ratings.text.contains("年度述职评议评分表"))
            #expect(ratings.text.contains("一中一支部") && ratings.text.contains("2026年6月15日提交"))
            #expect(ratings.text.contains("评分人（签字）") && !ratings.text.contains(Self.script))
            #expect(!ratings.text.contains(#"class="side""#))
            let bad = try await bureau.get("/secretary/programmes/\(w.programme.id)/bulletins/2026-Q9")
            #expect(bad.status == .badRequest)
        }
    }
}
