import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianTestSupport
import DangjianHTTPTestSupport
@testable import OrgLife

/// The console's 组织生活 pages over the router: the organisations are set up on 1 June 2026,
/// so in 2026-Q2 branch A owes one theme day (June's) and its cell starts missing.
private typealias ConsoleServer = PluginServer<LedgerWorld>

extension PluginServer<LedgerWorld> {
    fileprivate static func console() async throws -> ConsoleServer {
        let server = try await open(
            plugins: [OrgLifePlugin.self], at: Day(year: 2026, month: 6, day: 1)!.start,
            world: { try await LedgerWorld.make($0) },
            accounts: { w in
                [
                    Account("admin", .districtAdmin, on: w.root), Account("sec-a", .secretary, on: w.branchA),
                    Account("sec-b", .secretary, on: w.branchB),
                ]
            })
        server.base.clock.set(TemporaryHost.start)
        return server
    }
}

/// The theme day the secretary of branch A enters: 张伟 and 李娜 ticked, 王强 away on business.
private func themeDayForm(_ w: LedgerWorld, topic: String = "学习贯彻党的二十大精神") -> [(String, String)] {
    [
        ("organizationID", String(w.branchA.id)), ("kind", "themeDay"), ("heldAt", "2026-06-12T14:30"),
        ("place", "党员活动室"), ("topic", topic), ("present", String(w.zhang.id)), ("present", String(w.li.id)),
        ("reason-\(w.zhang.id)", ""), ("reason-\(w.li.id)", ""), ("reason-\(w.wang.id)", "出差"),
        ("minutes", "会议学习了有关文件。"), ("classHours", ""),
    ]
}

@Suite struct OrgLifeConsoleTests {
    @Test func aThemeDayEnteredFromTheRosterTurnsItsCellHeld() async throws {
        let server = try await ConsoleServer.console()
        let w = server.world
        try await server.test { client in
            let secretary = try await client.consoleLogin("sec-a")
            let form = try await secretary.get("/orglife/records/new")
            #expect(form.status == .ok)
            let html = form.text
            #expect(html.contains("data-roster") && html.contains("主题党日") && html.contains("保存"))
            #expect(html.contains(#"type="datetime-local" name="heldAt" value="2026-06-15T10:00""#))
            for member in [w.zhang, w.li, w.wang] {
                #expect(html.contains(#"name="present" value="\#(member.id)" checked"#), "\(member.name)")
                #expect(html.contains(#"data-reason-for="\#(member.id)""#) && html.contains(member.name))
            }
            #expect(!html.contains(w.zhao.name), "branch B's member is not on A's roster")

            let admin = try await client.consoleLogin("admin")
            let cell = #"data-cell="\#(w.branchA.id)-themeDay""#
            let before = try await admin.get("/orglife/quarterly?quarter=2026-Q2&under=\(w.root.id)")
            #expect(before.status == .ok)
            #expect(before.text.contains(cell + #" data-state="missing""#), "\(before.text)")

            let saved = try await secretary.post("/orglife/records", themeDayForm(w))
            #expect(saved.status == .seeOther, "\(saved.text)")
            let location = try #require(saved.headers[.location])
            let records = try await Ledger(host: server.host).records(
                of: w.branchA.id, in: Period("2026-06")!, kind: .themeDay, by: .system)
            let record = try #require(records.first)
            #expect(records.count == 1 && location == "/orglife/records/\(record.id)")
            #expect(record.attendees.map(\.memberID) == [w.zhang.id, w.li.id])
            #expect(record.absentees.map(\.memberID) == [w.wang.id] && record.absentees.map(\.reason) == ["出差"])
            #expect(record.heldAt == chinaTime("2026-06-12", hour: 14, minute: 30) && record.place == "党员活动室")

            let page = try await secretary.get(location)
            #expect(page.status == .ok)
            #expect(page.text.contains("学习贯彻党的二十大精神") && page.text.contains("出差") && page.text.contains("王强"))
            // The members' pages show the meeting under 组织生活: missed with its reason, or attended
            // with its class hours in June's bar.
            let missed = try await secretary.get("/members/\(w.wang.id)?tab=life")
            #expect(missed.text.contains("缺席</b> 出差") && missed.text.contains("/orglife/records/\(record.id)"))
            let attended = try await secretary.get("/members/\(w.zhang.id)?tab=life")
            #expect(attended.text.contains("<td>出席</td>") && attended.text.contains("<title>6月："))

            let after = try await admin.get("/orglife/quarterly?quarter=2026-Q2&under=\(w.root.id)")
            #expect(after.text.contains(cell + #" data-state="held""#))
            let cellPage = try await admin.get(
                "/orglife/quarterly/cell?organization=\(w.branchA.id)&item=themeDay&quarter=2026-Q2")
            #expect(cellPage.status == .ok)
            #expect(cellPage.text.contains("/orglife/records/\(record.id)") && cellPage.text.contains("学习贯彻党的二十大精神"))
            let missing = try await admin.get(
                "/orglife/quarterly/cell?organization=\(w.branchB.id)&item=themeDay&quarter=2026-Q2")
            #expect(missing.text.contains("没有「主题党日」的台账记录"))

            let csv = try await admin.get("/orglife/quarterly.csv?quarter=2026-Q2&under=\(w.root.id)")
            #expect(csv.status == .ok)
            #expect(csv.text.hasPrefix("\u{FEFF}组织,组织编号,支部党员大会"), "\(csv.text.prefix(80))")
            let print = try await admin.get("/orglife/quarterly/print?quarter=2026-Q2&under=\(w.root.id)")
            #expect(print.status == .ok && print.text.contains("<svg") && !print.text.contains("class=\"side\""))

            let calendar = try await secretary.get("/orglife/calendar?month=2026-06")
            #expect(calendar.status == .ok && calendar.text.contains("/orglife/records/\(record.id)"))
            let home = try await admin.get("/")
            #expect(home.text.contains("本季度三会一课落实情况"))
            // The panel's figures arrive from their own page, without the frame.
            #expect(home.text.contains(#"data-load="/orglife/home-panel""#))
            let panel = try await admin.get("/orglife/home-panel")
            #expect(panel.status == .ok && !panel.text.contains("<html") && panel.text.contains("主题党日"))
        }
        await server.close()
    }

    @Test func aCorrectionNeedsItsReason() async throws {
        let server = try await ConsoleServer.console()
        let w = server.world
        try await server.test { client in
            let secretary = try await client.consoleLogin("sec-a")
            let saved = try await secretary.post("/orglife/records", themeDayForm(w))
            let path = try #require(saved.headers[.location])
            let id = try #require(Int64(path.split(separator: "/").last ?? ""))
            let page = try await secretary.get(path)
            #expect(page.text.contains(#"action="/orglife/records/\#(id)/corrections""#))
            var fields = themeDayForm(w, topic: "更正后的主题")
            let refused = try await secretary.post(path + "/corrections", fields)
            #expect(refused.status == .badRequest)
            fields.append(("reason", "主题登记错误"))
            let corrected = try await secretary.post(path + "/corrections", fields)
            #expect(corrected.status == .seeOther, "\(corrected.text)")
            let record = try await Ledger(host: server.host).get(id, by: .system)
            #expect(record.revision == 2 && record.topic == "更正后的主题")
        }
        await server.close()
    }

    @Test func anotherBranchSecretaryGets404AndAFormWithoutItsTokenWritesNothing() async throws {
        let server = try await ConsoleServer.console()
        let w = server.world
        let record = try await Ledger(host: server.host).record(w.themeDay(), by: .system)
        try await server.test { client in
            let other = try await client.consoleLogin("sec-b")
            #expect(try await other.get("/orglife/records/\(record.id)").status == .notFound)
            #expect(try await other.get("/orglife/calendar?organization=\(w.branchA.id)").status == .notFound)
            #expect(try await other.get("/orglife/records/new?organization=\(w.branchA.id)").status == .notFound)
            #expect(try await other.get("/orglife/calendar").status == .ok)

            let secretary = try await client.consoleLogin("sec-a")
            let before = try await LedgerCounts.of(server.base)
            let refused = try await secretary.post("/orglife/records", themeDayForm(w), csrf: false)
            #expect(refused.status == .forbidden)
            #expect(try await LedgerCounts.of(server.base) == before)
        }
        await server.close()
    }

    @Test func aScriptInATopicOrANameStaysText() async throws {
        let server = try await ConsoleServer.console()
        let w = server.world
        let script = "<script>alert(1)</script>"
        // Branch B owes its meetings, so its row is drawn (rows with nothing to hold are left out).
        _ = try await server.host.organizations.update(
            w.branchB.id, OrganizationPatch(name: script + "支部"), by: .system)
        try await server.test { client in
            let secretary = try await client.consoleLogin("sec-a")
            let saved = try await secretary.post("/orglife/records", themeDayForm(w, topic: script))
            let page = try await secretary.get(try #require(saved.headers[.location]))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.text.contains(script))
            let cell = try await secretary.get(
                "/orglife/quarterly/cell?organization=\(w.branchA.id)&item=themeDay&quarter=2026-Q2")
            #expect(cell.text.contains("&lt;script&gt;") && !cell.text.contains(script))
            let admin = try await client.consoleLogin("admin")
            let heatmap = try await admin.get("/orglife/quarterly?quarter=2026-Q2&under=\(w.root.id)")
            #expect(heatmap.text.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;支部"))
            #expect(!heatmap.text.contains(script))
        }
        await server.close()
    }

    @Test func aPlanIsFiledAndTheLedgerListsTheMonth() async throws {
        let server = try await ConsoleServer.console()
        let w = server.world
        let record = try await Ledger(host: server.host).record(w.themeDay(), by: .system)
        try await server.test { client in
            let secretary = try await client.consoleLogin("sec-a")
            let plans = try await secretary.get("/orglife/plans?month=2026-06")
            #expect(plans.status == .ok && plans.text.contains("本月尚未报备计划"))
            let filed = try await secretary.post(
                "/orglife/plans",
                [
                    ("organizationID", String(w.branchA.id)), ("month", "2026-06"), ("kind-0", "themeDay"),
                    ("plannedOn-0", "2026-06-05"), ("topic-0", "六月主题党日"), ("kind-1", "partyLecture"),
                    ("plannedOn-1", "2026-06-20"), ("topic-1", ""),
                ])
            #expect(filed.status == .seeOther, "\(filed.text)")
            let comparison = try await Ledger(host: server.host).comparePlan(
                of: w.branchA.id, month: "2026-06", by: .system)
            #expect(comparison.filed && comparison.lines.map(\.planned) == [1] && comparison.lines.map(\.held) == [1])
            let after = try await secretary.get("/orglife/plans?month=2026-06")
            #expect(after.text.contains("本月计划已报备") && after.text.contains("/orglife/records/\(record.id)"))

            let ledger = try await secretary.get("/orglife/ledger?period=2026-Q2&kind=themeDay")
            #expect(ledger.status == .ok && ledger.text.contains("/orglife/records/\(record.id)"))
            let lectures = try await secretary.get("/orglife/ledger?period=2026-Q2&kind=partyLecture")
            #expect(lectures.text.contains("该期间没有台账记录"))
        }
        await server.close()
    }
}
