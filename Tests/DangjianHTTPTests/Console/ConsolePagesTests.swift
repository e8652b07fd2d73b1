import DangjianDemo
import DangjianHTTPTestSupport
import DangjianTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import Dangjian
@testable import DangjianHTTP

/// The kernel's pages over the demo district: what they show agrees with the registries, and
/// their forms write through them.
@Suite struct ConsolePagesTests {
    @Test func theHomePageCountsWhatTheRegistriesHold() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let browser = try await client.consoleLogin(DemoDistrict.adminUsername)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("我的待办") && home.text.contains("党员队伍"))
            let probationary = try await server.count("members", "status = 'probationary'")
            #expect(probationary > 0)
            #expect(
                home.text.contains(#"<a href="/members?status=probationary"><b>\#(probationary)</b><span>预备党员</span>"#))
            // The funnel of the development stages, drawn by the server, each stage linking to its list.
            #expect(home.text.contains("<title>预备党员：\(probationary) 人</title>"))
            #expect(home.text.contains(#"<a href="/members?status=activist"><rect"#))
            // The date in Chinese form.
            let today = Day(TemporaryHost.start)
            #expect(home.text.contains("\(today.year)年\(today.month)月\(today.day)日"))
            // The bell shows the caller's unread count.
            let unread = try await server.host.notifications.unreadCount(
                by: try #require(try await server.host.users.principal(forToken: browser.session)))
            if unread > 0 { #expect(home.text.contains("data-unread>\(unread)</span>")) }
        }
        await server.close()
    }

    @Test func statusCountsAgreeWithTheScopedListForTheWholeDistrictAndOneBranch() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            for token in [world.admin, world.secretary] {
                let principal = try #require(try await server.host.users.principal(forToken: token))
                let counts = try await server.host.members.statusCounts(by: principal)
                for status in MemberStatus.allCases {
                    var listed = 0
                    var cursor: String?
                    repeat {
                        let page = try await server.host.members.list(
                            .init(status: status), page: try PageRequest(limit: 500, cursor: cursor), by: principal)
                        listed += page.items.count
                        cursor = page.nextCursor
                    } while cursor != nil
                    #expect(counts[status] == listed, "\(principal.username) \(status)")
                }
            }
        }
        await server.close()
    }

    @Test func readingAReminderLowersTheBell() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let browser = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let principal = try #require(try await server.host.users.principal(forToken: browser.session))
            for n in 1...2 {
                _ = try await server.host.notifications.send(
                    NotificationDraft(
                        userID: principal.userID, kind: "general", title: "提醒 \(n)", body: "请及时登记台账",
                        idempotencyKey: "console-test-\(n)"))
            }
            let before = try await server.host.notifications.unreadCount(by: principal)
            #expect(before > 1)
            let inbox = try await server.host.notifications.inbox(unreadOnly: true, page: .first, by: principal)
            let first = try #require(inbox.items.first)
            let read = try await browser.post("/messages/\(first.id)/read", [("back", "/messages")])
            #expect(read.status == .seeOther)
            let page = try await browser.get("/messages")
            #expect(page.text.contains("data-unread>\(before - 1)</span>"))
            // The notice rides in a one-minute cookie to the next page.
            #expect(
                read.headers[values: .setCookie].contains { $0.hasPrefix("dj_notice=") && $0.contains("Max-Age=60") })
            // Someone else's message is not found.
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let second = try #require(inbox.items.dropFirst().first)
            #expect(try await admin.post("/messages/\(second.id)/read", []).status == .notFound)
        }
        await server.close()
    }

    @Test func aRectificationIsSubmittedWithEvidenceAndReturnedWithAReason() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            // The committee inspects; the branch is responsible for the finding and the committee accepts.
            let inspection = try await server.host.tasks.recordInspection(
                InspectionDraft(organizationID: world.rootID, title: "季度督查", inspectedOn: "2026-01-10"),
                by: .system)
            let finding = try await server.host.tasks.addFinding(
                to: inspection.id,
                FindingDraft(
                    organizationID: world.branchID, description: "三会一课记录不完整", rectifyBy: "2026-07-31",
                    acceptanceCriteria: "补齐记录并说明原因"), by: .system)
            let taskID = try #require(finding.rectificationTaskID)
            let secretary = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let page = try await secretary.get("/tasks/\(taskID)")
            #expect(page.text.contains("补齐记录并说明原因"))
            #expect(try await secretary.post("/tasks/\(taskID)/evidence", [("note", "已补齐 1 月记录")]).status == .seeOther)
            #expect(try await secretary.post("/tasks/\(taskID)/status", [("status", "submitted")]).status == .seeOther)
            // The secretary cannot accept her own work: that is the issuer's.
            #expect(try await secretary.post("/tasks/\(taskID)/status", [("status", "accepted")]).status == .forbidden)
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let adminView = try await admin.get("/tasks/\(taskID)")
            #expect(adminView.text.contains("退回整改"))
            // The committee's inspection is linked for the committee, and lists the finding.
            #expect(adminView.text.contains("/inspections/\(inspection.id)"))
            #expect(try await admin.get("/inspections/\(inspection.id)").text.contains("三会一课记录不完整"))
            #expect(try await admin.get("/inspections").text.contains("季度督查"))
            // The branch sees its task, not the committee's inspection.
            #expect(!page.text.contains("/inspections/\(inspection.id)"))
            #expect(try await secretary.get("/inspections/\(inspection.id)").status == .notFound)
            // A return needs its reason; without it nothing changes.
            let bare = try await admin.post("/tasks/\(taskID)/status", [("status", "returned")])
            #expect(bare.status == .badRequest)
            #expect(try await server.host.tasks.get(taskID, by: .system).status == .submitted)
            #expect(
                try await admin.post("/tasks/\(taskID)/status", [("status", "returned"), ("note", "缺少签到表")]).status
                    == .seeOther)
            let task = try await server.host.tasks.get(taskID, by: .system)
            #expect(task.status == .returned)
            #expect(task.evidence?.map(\.note) == ["已补齐 1 月记录", "缺少签到表"])
            #expect(try await secretary.get("/tasks/\(taskID)").text.contains("缺少签到表"))
        }
        await server.close()
    }

    @Test func theTreeOpensLevelByLevelAndFindsByName() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let roots = try JSONDecoder().decode(
                [OrganizationNode].self, from: Data(try await admin.get("/organizations/tree").text.utf8))
            #expect(roots.map(\.id) == [world.rootID])
            let children = try JSONDecoder().decode(
                [OrganizationNode].self,
                from: Data(try await admin.get("/organizations/tree?parent=\(world.rootID)").text.utf8))
            let direct = try await server.count("organizations", "parent_id = \(world.rootID) AND archived_at IS NULL")
            #expect(children.count == direct)
            #expect(try #require(roots.first).children == direct)
            let branch = try await server.host.organizations.get(world.branchID, by: .system)
            let found = try JSONDecoder().decode(
                [OrganizationNode].self,
                from: Data(
                    try await admin.get("/organizations/tree?q=\(Console.encoded(String(branch.name.suffix(6))))").text
                        .utf8))
            let hit = try #require(found.first { $0.id == world.branchID })
            #expect(hit.trail?.hasSuffix(branch.name) == true)
            // A secretary's tree starts at her branch.
            let secretary = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let hers = try JSONDecoder().decode(
                [OrganizationNode].self, from: Data(try await secretary.get("/organizations/tree").text.utf8))
            #expect(hers.map(\.id) == [world.branchID])
        }
        await server.close()
    }

    @Test func theMemberListFiltersExportsAndMasks() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let secretary = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let list = try await secretary.get("/members?status=probationary")
            #expect(list.status == .ok)
            #expect(!list.text.contains("<td>正式党员</td>"))
            let csv = try await secretary.get("/members.csv?status=probationary")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("\u{FEFF}"))
            let lines = csv.text.split(separator: "\n")
            #expect(lines.count > 1)
            // The secretary may not see full phone numbers: every exported one is masked.
            #expect(lines.dropFirst().allSatisfy { $0.contains("预备党员") })
            let phones = lines.dropFirst().compactMap { line in
                line.split(separator: ",", omittingEmptySubsequences: false).dropFirst(4).first
            }
            #expect(phones.contains { $0.contains("*") })
            #expect(try await secretary.get("/members?status=nonsense").status == .badRequest)
        }
        await server.close()
    }

    @Test func aStatusChangeAsksForTheReasonAndIsRecorded() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let member = try await server.host.members.create(
                MemberDraft(organizationID: world.branchID, name: "王晓", status: "applicant", appliedOn: "2025-09-01"),
                by: .system)
            let secretary = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            #expect(try await secretary.get("/members/\(member.id)?tab=history").text.contains("变更人员类别"))
            let missing = try await secretary.post(
                "/members/\(member.id)/status", [("status", "activist"), ("on", "2026-01-05")])
            #expect(missing.status == .badRequest)
            #expect(try await server.host.members.get(member.id, by: .system).status == .applicant)
            let done = try await secretary.post(
                "/members/\(member.id)/status", [("status", "activist"), ("on", "2026-01-05"), ("reason", "支部委员会研究确定")])
            #expect(done.status == .seeOther)
            #expect(try await server.host.members.get(member.id, by: .system).status == .activist)
            #expect(try await secretary.get("/members/\(member.id)?tab=history").text.contains("支部委员会研究确定"))
        }
        await server.close()
    }
}

/// Times on the console are China Standard Time, whatever zone the server runs in.
@Suite struct ConsoleWordsTests {
    @Test func timesAreChinaStandardTime() {
        // 2026-12-07 18:05 UTC is 2026-12-08 02:05 in Beijing.
        let instant = Date(timeIntervalSince1970: 1_796_666_700)
        #expect(ConsoleWords.time(instant) == "2026年12月8日 02:05")
        #expect(ConsoleWords.date(Day(year: 2026, month: 12, day: 7)!) == "2026年12月7日")
    }
}

/// Every template parses, and only server-built fields are written unescaped.
@Suite struct ConsoleTemplateTests {
    @Test func onlyBodyAndSvgFieldsAreUnescaped() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folders =
            ["Sources/DangjianHTTP/Console/Templates"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("plugins").path)) ?? [])
            .map { "plugins/\($0)/Sources/Console/Templates" }
        var checked = 0
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            where name.hasSuffix(".mustache") {
                let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
                checked += 1
                #expect(!text.contains("{{&"), "\(folder)/\(name) uses {{& …}}")
                var rest = Substring(text)
                while let open = rest.range(of: "{{{") {
                    let after = rest[open.upperBound...]
                    let field = after.prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
                    #expect(
                        field == "body" || field.hasSuffix("Svg"), "\(folder)/\(name) writes {{{\(field)}}} unescaped")
                    rest = after
                }
                if text.contains(#"method="post""#) && name != "login.mustache" && name != "layout.mustache" {
                    #expect(text.contains("{{> csrf}}"), "\(folder)/\(name) has a form without the CSRF token")
                }
            }
        }
        #expect(checked > 15)
        _ = try ConsoleTemplates.load([("", try #require(ConsoleTemplates.kernelFolder))])
    }
}
