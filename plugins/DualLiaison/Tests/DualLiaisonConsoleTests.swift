import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

/// The console's 双联系人 page over the router: 东部分会 has both liaisons (the leader logged a
/// visit this quarter, the staff liaison none), 西部分会 only a leader, 北部分会 nobody, and a
/// fourth sub-council named with a script.
@Suite struct DualLiaisonConsoleTests {
    static let script = "<script>alert(1)</script>"

    static func make() async throws -> PluginServer<LiaisonWorld> {
        let server = try await PluginServer.open(
            plugins: PluginValuesTests.types, world: { try await LiaisonWorld.make($0) },
            accounts: { w in
                [Account("office", .secretary, on: w.bureau), Account("sec-x", .secretary, on: w.community)]
            })
        let (w, t) = (server.world, server.app.base)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: w.staffZhou)
        try await w.assign(t, w.west, leader: w.leaderLi, staff: nil)
        _ = try await Councils(host: server.host).createSubCouncil(
            in: w.committee.id, SubCouncilDraft(name: "\(script)南部分会", convenerID: w.bureau.id), by: .system)
        _ = try await Liaisons(host: server.host).log(
            LiaisonLogDraft(memberID: w.leaderWang.id, subCouncilID: w.east.id, kind: "activity", on: "2026-05-20"),
            by: .system)
        return server
    }

    /// The row of the coverage table that names `subCouncil`.
    static func row(_ subCouncil: String, in html: String) throws -> String {
        try #require(html.components(separatedBy: "<tr").first { $0.contains("<td>\(subCouncil)</td>") })
    }

    @Test func coverageFlagsMissingLiaisonsAndLiaisonsSilentThisQuarter() async throws {
        let s = try await Self.make()
        defer { Task { await s.close() } }
        try await s.test { client in
            let office = try await client.consoleLogin("office")
            let page = try await office.get("/liaison/coverage")
            #expect(page.status == .ok && page.text.contains("教育专委会") && page.text.contains("2026年第二季度"))
            let east = try Self.row("东部分会", in: page.text)
            #expect(east.contains("王建国") && east.contains("本季度联系 1 次") && east.contains("周晓敏"))
            #expect(east.components(separatedBy: "本季度未联系").count == 2 && east.contains(#"class="overdue""#))
            let west = try Self.row("西部分会", in: page.text)
            #expect(west.contains("李文华") && west.contains("缺党办联系人") && !west.contains("缺领导联系人"))
            let north = try Self.row("北部分会", in: page.text)
            #expect(north.contains("缺领导联系人") && north.contains("缺党办联系人"))
            let south = try Self.row("&lt;script&gt;alert(1)&lt;/script&gt;南部分会", in: page.text)
            #expect(south.contains("缺领导联系人") && !page.text.contains(Self.script))
            #expect(page.text.contains("共 4 个分会，双联系人齐全 1 个") && page.text.contains("<b class=\"warn\">4</b>"))
            let home = try await office.get("/")
            #expect(home.text.contains("双联系人缺口") && home.text.contains(#"<b class="flag">缺党办联系人</b>"#))
            #expect(
                home.text.contains(">西部分会</a>") && !home.text.contains(">东部分会</a>") && !home.text.contains(Self.script))
        }
    }

    @Test func aVisitIsLoggedThroughTheFormAndNotWithoutItsToken() async throws {
        let s = try await Self.make()
        defer { Task { await s.close() } }
        let w = s.world
        try await s.test { client in
            let office = try await client.consoleLogin("office")
            let fields = [
                ("liaison", "\(w.east.id)-\(w.staffZhou.id)"), ("kind", "topicContact"), ("on", "2026-06-10"),
                ("note", "课题开题协调"),
            ]
            let path = "/liaison/committees/\(w.committee.id)/log"
            #expect(try await office.post(path, fields, csrf: false).status == .forbidden)
            let before = try await Liaisons(host: s.host).log(ofSubCouncil: w.east.id, period: "2026-Q2", by: .system)
            #expect(before.count == 1)
            let posted = try await office.post(path, fields)
            #expect(posted.status == .seeOther)
            let after = try await Liaisons(host: s.host).log(ofSubCouncil: w.east.id, period: "2026-Q2", by: .system)
            #expect(after.map(\.note) == [nil, "课题开题协调"] && after.last?.role == .staff)
            let east = try Self.row("东部分会", in: try await office.get("/liaison/committees/\(w.committee.id)").text)
            #expect(!east.contains("本季度未联系") && !east.contains(#"class="overdue""#))
        }
    }

    @Test func aSecretaryOutsideTheCommitteeGets404AndSeesNoCoverage() async throws {
        let s = try await Self.make()
        defer { Task { await s.close() } }
        let w = s.world
        try await s.test { client in
            let secX = try await client.consoleLogin("sec-x")
            let hidden = try await secX.get("/liaison/committees/\(w.committee.id)")
            #expect(hidden.status == .notFound && !hidden.text.contains("东部分会"))
            let refused = try await secX.post(
                "/liaison/committees/\(w.committee.id)/log",
                [("liaison", "\(w.east.id)-\(w.staffZhou.id)"), ("kind", "topicContact"), ("on", "2026-06-10")])
            #expect(refused.status == .notFound)
            #expect(
                try await Liaisons(host: s.host).log(ofSubCouncil: w.east.id, period: "2026-Q2", by: .system).count == 1
            )
            #expect(!(try await secX.get("/")).text.contains("双联系人缺口"))
            let own = try await secX.get("/liaison/coverage")
            #expect(own.status == .ok && own.text.contains("没有可查看的专委会") && !own.text.contains("东部分会"))
        }
    }
}
